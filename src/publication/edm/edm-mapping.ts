/**
 * Runs the declarative OSLO → EDM-external mapping (mappings/edm/*.rq, SPARQL CONSTRUCT) for one
 * heritage object against the store. Each query reads only the object's record graph; the
 * parameters replace `<urn:hub:param:NAME>` placeholders as constants (so the queries stay valid
 * SPARQL at rest and no variable scoping can widen them to the whole store).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MappingError, errorMessage } from '../../core/errors.js';
import { projectPath } from '../../core/paths.js';
import type { Quad, Term } from '../../core/rdf.js';
import type { StoreReader } from '../../store/store.js';

export interface EdmMappingParameters {
  /** The record's named graph. */
  graph: string;
  /** The object as the record's triples name it (its hub IRI, since the entity-IRI step). */
  obj: string;
  /** rdf:about of the edm:ProvidedCHO (the hub IRI of the object). */
  cho: string;
  /** rdf:about of the ore:Aggregation. */
  agg: string;
  /** edm:provider: the aggregator's name. */
  provider: string;
  /** edm:dataProvider: the holding organisation, when known. */
  organisation?: string;
}

export interface EdmQuery {
  name: string;
  text: string;
}

const PLACEHOLDER = /<urn:hub:param:([A-Za-z]+)>/g;

function sparqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
}

function sparqlIri(value: string, name: string): string {
  if (/[\s<>"{}|^`\\]/.test(value)) throw new MappingError(`EDM mapping parameter ${name} is not a usable IRI: ${value}`);
  return `<${value}>`;
}

/** Fills a query's placeholders: IRIs for graph/obj/cho/agg, literals for the names, UNDEF when absent. */
export function bindQuery(text: string, params: EdmMappingParameters): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    const value = (params as unknown as Record<string, string | undefined>)[name];
    if (value === undefined || value === '') return 'UNDEF';
    return name === 'provider' || name === 'organisation' ? sparqlString(value) : sparqlIri(value, name);
  });
}

let queriesCache: EdmQuery[] | undefined;

/** The mapping's CONSTRUCT queries, in file-name order. */
export function loadEdmQueries(dir = projectPath('mappings/edm')): EdmQuery[] {
  if (dir === projectPath('mappings/edm') && queriesCache) return queriesCache;
  const queries = readdirSync(dir)
    .filter((f) => f.endsWith('.rq'))
    .sort()
    .map((f) => ({ name: `mappings/edm/${f}`, text: readFileSync(join(dir, f), 'utf8') }));
  if (queries.length === 0) throw new MappingError(`No EDM mapping queries (*.rq) in ${dir}`);
  if (dir === projectPath('mappings/edm')) queriesCache = queries;
  return queries;
}

/** The EDM triples of one heritage object (before rights are resolved). */
export async function constructEdm(store: StoreReader, params: EdmMappingParameters, queries = loadEdmQueries()): Promise<Quad[]> {
  // The queries are independent: a store with several query workers answers them side by side.
  const results = await Promise.all(
    queries.map(async (q) => {
      try {
        return await store.construct(bindQuery(q.text, params));
      } catch (error) {
        throw new MappingError(`EDM mapping ${q.name} failed for ${params.cho}: ${errorMessage(error)}`, {
          cause: error,
          context: { graph: params.graph, triplesMap: q.name },
        });
      }
    }),
  );
  return dedupe(results.flat());
}

function termKey(t: Term): string {
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType}:${t.value}`;
}

function dedupe(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
