/**
 * Mapping for sources that already publish OSLO as JSON-LD (Ghent's adlib2eventstream):
 * JSON-LD to RDF with local contexts, then the declarative normalisation in the mapping file:
 * version IRIs rewritten to the entity IRI (LDES versionOf materialisation) and class aliases
 * added (CIDOC-CRM 6 `E22_Man-Made_Object` and CRM 7 `E22_Human-Made_Object` name one class).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import jsonld from 'jsonld';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { RawRecord } from '../core/records.js';
import { MappingError, errorMessage } from '../core/errors.js';
import { localDocumentLoader } from '../core/jsonld-loader.js';
import { blankNode, literal, namedNode, quad, type Quad, type Term } from '../core/rdf.js';
import { RDF } from '../core/vocab.js';
import type { MappedRecord, MappingContext, RecordMapper } from './mapper.js';

export const JsonLdMappingSchema = z
  .object({
    kind: z.literal('jsonld'),
    description: z.string().optional(),
    /** Property linking a version to its entity; its object replaces the version IRI everywhere. */
    versionOf: z.string().url().optional(),
    /** Extra rdf:types to add when a subject has the key type. */
    typeAliases: z.record(z.string().url(), z.array(z.string().url())).default({}),
    /**
     * Prefixes the source uses without defining them (JSON-LD then reads `dcterms:x` as an IRI
     * with scheme "dcterms"): each such IRI is rewritten to the namespace given here.
     */
    undefinedPrefixes: z.record(z.string(), z.string().url()).default({}),
    /** Properties to leave out of the published record. */
    dropProperties: z.array(z.string().url()).default([]),
  })
  .strict();

export type JsonLdMapping = z.infer<typeof JsonLdMappingSchema>;

interface JsonLdTerm {
  termType: string;
  value: string;
  datatype?: { value: string };
  language?: string;
}

function toTerm(t: JsonLdTerm, bnodes: Map<string, Term>): Term {
  switch (t.termType) {
    case 'NamedNode':
      return namedNode(t.value);
    case 'BlankNode': {
      let b = bnodes.get(t.value);
      if (!b) bnodes.set(t.value, (b = blankNode()));
      return b;
    }
    case 'Literal':
      return t.language ? literal(t.value, t.language) : literal(t.value, t.datatype ? namedNode(t.datatype.value) : undefined);
    default:
      throw new Error(`unexpected JSON-LD term type ${t.termType}`);
  }
}

const termMaps = new Map<string, Map<string, string>>();

/** A context's terms with the IRI each stands for (prefixed forms expanded with the context's own prefixes). */
async function termsOf(url: string): Promise<Map<string, string>> {
  let terms = termMaps.get(url);
  if (terms) return terms;
  terms = new Map();
  try {
    const ctx = ((await localDocumentLoader(url)).document as { '@context'?: unknown })['@context'];
    if (ctx && typeof ctx === 'object' && !Array.isArray(ctx)) {
      const entries = ctx as Record<string, unknown>;
      const prefixes = new Map(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === 'string' && /[#/]$/.test(e[1])));
      for (const [term, def] of Object.entries(entries)) {
        const id = typeof def === 'string' ? def : def && typeof def === 'object' ? (def as Record<string, unknown>)['@id'] : undefined;
        if (typeof id !== 'string' || term.startsWith('@')) continue;
        const colon = id.indexOf(':');
        const ns = colon > 0 && !id.includes('://') ? prefixes.get(id.slice(0, colon)) : undefined;
        terms.set(term, ns ? ns + id.slice(colon + 1) : id);
      }
    }
  } catch {
    // A context that is not local is refused by the JSON-LD step already; no names then.
  }
  termMaps.set(url, terms);
  return terms;
}

/** The JSON-LD keys a document uses, by the property IRI each stands for (the first key per IRI). */
async function keysByIri(doc: unknown): Promise<Map<string, string>> {
  const used = new Set<string>();
  const urls = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (depth > 50 || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === '@context') for (const c of Array.isArray(x) ? x : [x]) if (typeof c === 'string') urls.add(c);
      if (!k.startsWith('@')) used.add(k);
      walk(x, depth + 1);
    }
  };
  walk(doc, 0);
  const out = new Map<string, string>();
  for (const url of urls) for (const [term, iri] of await termsOf(url)) if (used.has(term) && !out.has(iri)) out.set(iri, term);
  for (const key of used) if (/^https?:\/\//.test(key) && !out.has(key)) out.set(key, key);
  return out;
}

export class JsonLdRecordMapper implements RecordMapper {
  constructor(
    readonly id: string,
    readonly version: string,
    private readonly mapping: JsonLdMapping,
  ) {}

  static async load(file: string, id = file): Promise<JsonLdRecordMapper> {
    const text = await readFile(file, 'utf8');
    const parsed = JsonLdMappingSchema.safeParse(parseYaml(text));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      throw new MappingError(`Mapping ${id}: ${problems}`, { context: { mapping: id } });
    }
    const version = createHash('sha256').update(text).digest('hex');
    return new JsonLdRecordMapper(id, version, parsed.data);
  }

  async map(record: RawRecord, _context: MappingContext): Promise<MappedRecord> {
    const where = { sourceId: record.sourceId, recordId: record.recordId, mapping: this.id };
    let doc: unknown;
    try {
      doc = JSON.parse(record.body);
    } catch (error) {
      throw new MappingError(`Source ${record.sourceId}, record ${record.recordId}: body is not JSON (${errorMessage(error)})`, { context: where });
    }
    let raw: JsonLdTerm[][];
    try {
      const out = (await jsonld.toRDF(doc as any, { documentLoader: localDocumentLoader as any } as any)) as unknown as any[];
      raw = out.map((q) => [q.subject, q.predicate, q.object]);
    } catch (error) {
      throw new MappingError(`Source ${record.sourceId}, record ${record.recordId}: JSON-LD could not be read (${errorMessage(error)})`, {
        context: where,
        cause: error,
      });
    }
    const bnodes = new Map<string, Term>();
    let quads: Quad[] = raw.map(([s, p, o]) => quad(toTerm(s, bnodes) as any, namedNode(p.value), toTerm(o, bnodes) as any));
    quads = this.repairPrefixes(quads);
    quads = this.materialiseVersion(quads);
    quads = quads.filter((q) => !this.mapping.dropProperties.includes(q.predicate.value));
    quads = this.addTypeAliases(quads);
    if (quads.length === 0) {
      throw new MappingError(`Source ${record.sourceId}, record ${record.recordId}: the JSON-LD holds no triples`, { context: where });
    }
    // Name each triple's rule by the JSON-LD key that wrote it (`#jsonld/MensgemaaktObject.titel`),
    // so a report points at the member's own field rather than at the whole mapping.
    const keys = await keysByIri(doc);
    const rdfType = RDF('type');
    return { quads, origins: quads.map((q) => `${this.id}#jsonld${q.predicate.value === rdfType ? '/@type' : keys.has(q.predicate.value) ? `/${keys.get(q.predicate.value)}` : ''}`) };
  }

  private repairPrefixes(quads: Quad[]): Quad[] {
    const prefixes = Object.entries(this.mapping.undefinedPrefixes);
    if (prefixes.length === 0) return quads;
    const fix = (t: Term): Term => {
      if (t.termType !== 'NamedNode') return t;
      for (const [prefix, ns] of prefixes) if (t.value.startsWith(`${prefix}:`)) return namedNode(ns + t.value.slice(prefix.length + 1));
      return t;
    };
    return quads.map((q) => quad(fix(q.subject) as any, fix(q.predicate) as any, fix(q.object) as any));
  }

  private materialiseVersion(quads: Quad[]): Quad[] {
    const versionOf = this.mapping.versionOf;
    if (!versionOf) return quads;
    const renames = new Map<string, Term>();
    for (const q of quads) if (q.predicate.value === versionOf && q.object.termType === 'NamedNode') renames.set(q.subject.value, q.object);
    if (renames.size === 0) return quads;
    const swap = (t: Term) => (t.termType === 'NamedNode' ? renames.get(t.value) ?? t : t);
    return quads
      .filter((q) => q.predicate.value !== versionOf)
      .map((q) => quad(swap(q.subject) as any, q.predicate, swap(q.object) as any));
  }

  private addTypeAliases(quads: Quad[]): Quad[] {
    const aliases = this.mapping.typeAliases;
    const out = [...quads];
    const seen = new Set(quads.filter((q) => q.predicate.value === RDF('type')).map((q) => `${q.subject.value} ${q.object.value}`));
    for (const q of quads) {
      if (q.predicate.value !== RDF('type')) continue;
      for (const extra of aliases[q.object.value] ?? []) {
        const key = `${q.subject.value} ${extra}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(quad(q.subject, q.predicate, namedNode(extra)));
      }
    }
    return out;
  }
}
