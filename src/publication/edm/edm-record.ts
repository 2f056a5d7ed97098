/**
 * Builds the EDM-external record of heritage objects and checks it the way Metis will:
 * CONSTRUCT mapping → rights through the rights map → RDF/XML → EDM XSD + Schematron.
 * A record with any problem is not conformant; the feed withholds it and the organisation's
 * conformance report lists its problems. Results are cached per record version.
 */
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { EDM, ORE, RDF } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';
import { constructEdm, loadEdmQueries, type EdmQuery } from './edm-mapping.js';
import type { HeritageRecord } from './heritage-records.js';
import { edmToOaiDc } from './edm-to-dc.js';
import { writeEdmRdfXml } from './rdf-xml-writer.js';
import { RightsMap } from './rights-map.js';
import { checkSchematron } from './schematron-rules.js';
import { edmSchemaSet, validateWithXsd } from './xsd-validator.js';

export interface EdmProblem {
  /** rights:*, xsd:EDM, schematron:M24, mapping:error ... */
  rule: string;
  message: string;
}

export interface EdmRecord {
  ref: HeritageRecord;
  /** The `<rdf:RDF>` element. */
  xml: string;
  /** The same record as an `<oai_dc:dc>` element. */
  dc: string;
  problems: EdmProblem[];
}

export interface EdmRecordBuilderOptions {
  /** edm:provider, the aggregator's name (config hub.aggregator). */
  provider: string;
  rightsMap?: RightsMap;
  queries?: EdmQuery[];
  /** Records validated per xmllint run. @defaultValue 50 */
  batchSize?: number;
}

/** Records kept (least recently built go first): about 10 kB each. */
const MAX_CACHE = 20_000;
const MAP_CONCURRENCY = 4;

export class EdmRecordBuilder {
  private readonly rightsMap: RightsMap;
  private readonly queries: EdmQuery[];
  private readonly cache = new Map<string, EdmRecord>();

  constructor(
    private readonly store: StoreReader,
    private readonly options: EdmRecordBuilderOptions,
  ) {
    this.rightsMap = options.rightsMap ?? RightsMap.load();
    this.queries = options.queries ?? loadEdmQueries();
  }

  /** Builds and checks the records (live ones; tombstones have no metadata), in the given order. */
  async build(refs: HeritageRecord[]): Promise<EdmRecord[]> {
    const out = new Map<string, EdmRecord>();
    const todo: HeritageRecord[] = [];
    for (const ref of refs) {
      if (ref.deleted) continue;
      const key = cacheKey(ref);
      const cached = this.cache.get(key);
      if (cached) {
        // Most recently used last, so eviction takes the records nobody asked for lately.
        this.cache.delete(key);
        this.cache.set(key, cached);
        out.set(key, cached);
      } else if (!out.has(key)) todo.push(ref);
    }
    const fresh: EdmRecord[] = [];
    // A few records at a time keep every query worker of the store busy without flooding it.
    for (let i = 0; i < todo.length; i += MAP_CONCURRENCY) {
      for (const record of await Promise.all(todo.slice(i, i + MAP_CONCURRENCY).map((ref) => this.map(ref)))) {
        fresh.push(record);
        out.set(cacheKey(record.ref), record);
      }
    }
    const batch = this.options.batchSize ?? 50;
    for (let i = 0; i < fresh.length; i += batch) await this.validate(fresh.slice(i, i + batch));
    for (const record of fresh) {
      this.cache.set(cacheKey(record.ref), record);
      if (this.cache.size > MAX_CACHE) this.cache.delete(this.cache.keys().next().value!);
    }
    return refs.filter((r) => !r.deleted).map((r) => out.get(cacheKey(r))!);
  }

  private async map(ref: HeritageRecord): Promise<EdmRecord> {
    const cho = ref.entity;
    const agg = `${cho}#aggregation`;
    let quads: Quad[];
    try {
      quads = await constructEdm(
        this.store,
        { graph: ref.graph, obj: ref.entity, cho, agg, provider: this.options.provider, organisation: ref.organisation },
        this.queries,
      );
    } catch (error) {
      return { ref, xml: '', dc: edmToOaiDc([]), problems: [{ rule: 'mapping:error', message: (error as Error).message }] };
    }
    const problems: EdmProblem[] = [];
    const rightsValues = quads.filter((q) => q.subject.value === agg && q.predicate.value === EDM('rights'));
    quads = quads.filter((q) => !rightsValues.includes(q));
    const resolution = this.rightsMap.resolve(
      rightsValues.map((q) => ({ value: q.object.value, isIri: q.object.termType === 'NamedNode' })),
      ref.sourceId,
    );
    if (resolution.ok) quads.push(quad(namedNode(agg), namedNode(EDM('rights')), namedNode(resolution.rights)));
    else problems.push({ rule: resolution.rule, message: resolution.message });
    // The aggregation exists even when the object has no other facts (the mapping's first branch).
    if (!quads.some((q) => q.subject.value === agg && q.predicate.value === RDF('type'))) {
      quads.push(quad(namedNode(agg), namedNode(RDF('type')), namedNode(ORE('Aggregation'))));
    }
    if (!quads.some((q) => q.subject.value === agg && q.predicate.value === EDM('provider'))) {
      quads.push(quad(namedNode(agg), namedNode(EDM('provider')), literal(this.options.provider)));
    }
    const { xml } = writeEdmRdfXml(quads);
    return { ref, xml, dc: edmToOaiDc(quads), problems };
  }

  private async validate(records: EdmRecord[]): Promise<void> {
    const checkable = records.filter((r) => r.xml !== '');
    const xsd = await validateWithXsd(
      checkable.map((r) => r.xml),
      edmSchemaSet(),
    );
    checkable.forEach((record, i) => {
      for (const p of xsd[i] ?? []) record.problems.push({ rule: 'xsd:EDM', message: p.line ? `line ${p.line}: ${p.message}` : p.message });
      for (const f of checkSchematron(record.xml)) record.problems.push({ rule: f.rule, message: f.message });
    });
  }
}

function cacheKey(ref: HeritageRecord): string {
  return `${ref.graph}|${ref.changed}|${ref.contentHash ?? ''}`;
}
