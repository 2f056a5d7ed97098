/**
 * The hub's mapping step for RML/YARRRML mappings: one raw record in, quads out. The record's
 * body stands in for every logical source's file (the iterator still applies), relative IRIs
 * resolve against the hub's base, and `{hub_sourceId}` / `{hub_recordId}` give the mapping the
 * record's identity for minting `{base}id/{type}/{sourceId}/{recordId}` IRIs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { relative } from 'node:path';
import type { RawRecord } from '../../core/records.js';
import { MappingError, errorMessage } from '../../core/errors.js';
import { projectRoot } from '../../core/paths.js';
import type { Quad, Term } from '../../core/rdf.js';
import { normaliseBase } from '../../core/identifiers.js';
import { defaultFunctions, type FunctionRegistry } from '../functions/index.js';
import type { MappedRecord, MappingContext, RecordMapper } from '../mapper.js';
import { MappingCompiler, newRunState, type CompiledTriplesMap } from './compile.js';
import { loadMapping, parseMapping } from './load-mapping.js';
import type { MappingDef, ReferenceFormulation } from './model.js';

function formulationOf(mediaType: string): ReferenceFormulation | undefined {
  const t = mediaType.toLowerCase();
  if (t.includes('json')) return 'json';
  if (t.includes('xml')) return 'xml';
  if (t.includes('csv')) return 'csv';
  return undefined;
}

/** The namespace @rmlio/yarrrml-parser mints triples map IRIs in. */
const YARRRML_PLACEHOLDER = 'http://mapping.example.com/';

export class RmlRecordMapper implements RecordMapper {
  private readonly compiled = new Map<string, CompiledTriplesMap[]>();
  /** Keeps fresh blank nodes of different records apart in the store. */
  private readonly blankPrefix = `r${randomBytes(4).toString('hex')}_`;
  private calls = 0;

  constructor(
    readonly id: string,
    readonly version: string,
    private readonly mapping: MappingDef,
    private readonly functions: FunctionRegistry = defaultFunctions(),
  ) {
    // Compile once up front so that a broken mapping fails at load, not at the first record.
    this.triplesMaps('http://example.com/');
  }

  /** Loads an RML (`.ttl`) or YARRRML (`.yml`) mapping file. */
  static async load(file: string, id?: string): Promise<RmlRecordMapper> {
    const { def, text } = await loadMapping(file);
    const rel = relative(projectRoot, file);
    return new RmlRecordMapper(id ?? (rel.startsWith('..') ? file : rel), createHash('sha256').update(text).digest('hex'), def);
  }

  /** A mapper from mapping text; `name` decides the language (`.yml` is YARRRML) and names it. */
  static fromText(text: string, name: string): RmlRecordMapper {
    return new RmlRecordMapper(name, createHash('sha256').update(text).digest('hex'), parseMapping(text, name));
  }

  /**
   * The rule a report names for a triples map: its IRI, except for YARRRML, whose parser gives
   * every map a placeholder IRI (`http://mapping.example.com/map_<name>_000`); those are named by
   * the mapping file and the mapping's own name, e.g. `mappings/uitdatabank-event.yml#activiteit`.
   */
  private ruleName(tm: CompiledTriplesMap): string {
    const { id, label } = tm.def;
    return label && id.startsWith(YARRRML_PLACEHOLDER) ? `${this.id}#${label}` : id;
  }

  private triplesMaps(baseIri: string): CompiledTriplesMap[] {
    let maps = this.compiled.get(baseIri);
    if (!maps) {
      maps = new MappingCompiler(this.mapping, baseIri, this.functions).compile();
      this.compiled.set(baseIri, maps);
    }
    return maps;
  }

  async map(record: RawRecord, context: MappingContext): Promise<MappedRecord> {
    const where = { sourceId: record.sourceId, recordId: record.recordId, mapping: this.id };
    const label = `record ${record.recordId} of source ${record.sourceId}`;
    const all = this.triplesMaps(normaliseBase(context.baseIri));
    const wanted = formulationOf(record.mediaType);
    const maps = wanted ? all.filter((t) => t.def.logicalSource.formulation === wanted) : all;
    if (maps.length === 0) {
      throw new MappingError(`Mapping ${this.id} has no triples map for ${record.mediaType} (${label})`, { context: where });
    }
    const run = newRunState(`${this.blankPrefix}${this.calls++}_`, { sourceId: context.sourceId, recordId: record.recordId });
    // Triples maps share one parse of the body (a LIDO mapping has dozens over one XML record).
    const parsed = new Map<string, unknown>();
    const read = ({ format }: CompiledTriplesMap): unknown[] => {
      if (format.parseKey === undefined || !format.parse || !format.recordsIn) return [...format.records(record.body)];
      if (!parsed.has(format.parseKey)) parsed.set(format.parseKey, format.parse(record.body));
      return [...format.recordsIn(parsed.get(format.parseKey))];
    };
    const recordsOf = (tm: CompiledTriplesMap): unknown[] => {
      try {
        return read(tm);
      } catch (error) {
        throw new MappingError(`Cannot read ${label} as ${tm.def.logicalSource.formulation.toUpperCase()}: ${errorMessage(error)}`, {
          cause: error,
          context: { ...where, triplesMap: tm.def.id },
        });
      }
    };
    for (const tm of maps) {
      for (const join of tm.joins) {
        const index = new Map<string, Term[]>();
        for (const r of recordsOf(join.parent)) join.index(r, run, index);
        run.indexes.set(join.objectMap, index);
      }
    }
    const quads: Quad[] = [];
    const origins: string[] = [];
    const seen = new Set<string>();
    const rules = new Map(all.map((t) => [t.def.id, this.ruleName(t)]));
    const add = (q: Quad, triplesMap: string) => {
      const key = `${key3(q.subject)} ${key3(q.predicate)} ${key3(q.object)} ${key3(q.graph)}`;
      if (seen.has(key)) return;
      seen.add(key);
      quads.push(q);
      origins.push(rules.get(triplesMap) ?? triplesMap);
    };
    for (const tm of maps) {
      const records = recordsOf(tm);
      const emit = (q: Quad) => add(q, tm.def.id);
      records.forEach((r, i) => {
        try {
          tm.map(r, run, emit, records.length > 1 ? `${label} (item ${i + 1})` : label);
        } catch (error) {
          if (error instanceof MappingError) {
            throw new MappingError(error.message, { cause: error, context: { ...error.context, ...where } });
          }
          throw error;
        }
      });
    }
    run.named.flush(add);
    return { quads, origins };
  }
}

function key3(t: Term): string {
  if (t.termType === 'Literal') return `"${t.value}"@${t.language}^^${t.datatype.value}`;
  return `${t.termType[0]}${t.value}`;
}
