/**
 * Which field of the organisation's own system feeds a target property, read from the source's
 * mapping: for a YARRRML mapping, the triples maps whose predicate-object maps write the property
 * (the LIDO element path, JSON key, CSV column or Ticketmatic field they reference, under the
 * map's iterator); for a JSON-LD source (`kind: jsonld`), the JSON-LD keys its contexts define
 * for the property (Ghent's `MensgemaaktObject.titel`). Reports use it to say "fill this field".
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** The kind of source system a mapping reads, which decides how a field is named. */
export type FieldKind = 'xml' | 'json' | 'csv' | 'jsonld';

/** One field of the source system that feeds a property. */
export interface SourceField {
  kind: FieldKind;
  /** The field as the organisation knows it: `lido:eventDate/lido:date/lido:earliestDate`, `name.nl`, `Titel`. */
  field: string;
  /** The triples map (rule) that reads it: `mappings/lido-object.yml#productieDatum`. */
  rule: string;
}

interface TriplesMapInfo {
  name: string;
  kind: FieldKind;
  iterator: string;
  subject: string;
  /** Expanded predicate IRI → the references its object reads. */
  writes: Map<string, string[]>;
  /** Classes the map types its subject with (`[a, crm:E22_Man-Made_Object]`). */
  typesWritten?: string[];
}

const HUB_REFS = new Set(['hub_sourceId', 'hub_recordId']);

/** `//lido:event[…]/lido:eventDate[…]` → `lido:event/lido:eventDate` (predicates dropped, brackets balanced). */
export function plainPath(xpath: string): string {
  let out = '';
  let depth = 0;
  let quote: string | undefined;
  for (const ch of xpath) {
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (depth > 0 && (ch === "'" || ch === '"')) quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']') depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/^\/+/, '').replace(/\/\/+/g, '/');
}

/** `$.terms[?(@.domain=='theme')]` → `terms`; `$` → ``. */
function plainJsonPath(path: string): string {
  return plainPath(path.replace(/^\$\.?/, '')).replace(/\.$/, '');
}

/** The references (`$(name.nl)`) a predicate-object map's object reads, hub references left out. */
function referencesIn(value: unknown): string[] {
  const out: string[] = [];
  const text = JSON.stringify(value) ?? '';
  for (const m of text.matchAll(/\$\(([^)]+)\)/g)) if (!HUB_REFS.has(m[1]!)) out.push(m[1]!);
  return out;
}

function expand(name: string, prefixes: Record<string, string>): string {
  if (name === 'a') return 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  const colon = name.indexOf(':');
  if (colon > 0 && !name.includes('://')) {
    const ns = prefixes[name.slice(0, colon)];
    if (ns) return ns + name.slice(colon + 1);
  }
  return name;
}

function kindOf(source: string): FieldKind {
  if (/~xpath$/.test(source)) return 'xml';
  if (/~csv$/.test(source) || /\.csv/.test(source)) return 'csv';
  return 'json';
}

/** What one YARRRML file says about the source fields behind each property. */
export class SourceFieldIndex {
  private constructor(
    /** The mapping's id as rules are named (`mappings/lido-object.yml`). */
    readonly mappingId: string,
    private readonly maps: TriplesMapInfo[],
    /** For JSON-LD sources: property IRI → the JSON-LD keys that write it. */
    private readonly jsonLdKeys: Map<string, string[]> = new Map(),
    /** The classes of the record's main entity (JSON-LD sources: the mapping's typeAliases). */
    private readonly declaredRoots: string[] = [],
  ) {}

  /**
   * The classes of the record's main entity: what the maps whose subject is the record itself
   * (`…/$(hub_recordId)`, no fragment) type it with; for JSON-LD sources the aliased classes.
   */
  rootClasses(): string[] {
    if (this.declaredRoots.length) return this.declaredRoots;
    const type = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
    return [...new Set(this.maps.filter((m) => /\$\(hub_recordId\)$/.test(m.subject)).flatMap((m) => m.typesWritten ?? []))].filter((t) => t !== type);
  }

  /** Reads a mapping file; a JSON-LD mapping reads the JSON-LD contexts in `contextsDir` instead. */
  static fromFile(file: string, mappingId: string, contextsDir?: string): SourceFieldIndex {
    const doc = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null;
    if (doc?.kind === 'jsonld') {
      const roots = Object.keys((doc.typeAliases ?? {}) as Record<string, unknown>);
      return new SourceFieldIndex(mappingId, [], contextsDir ? jsonLdKeysIn(contextsDir) : new Map(), roots);
    }
    return SourceFieldIndex.fromYarrrml(doc ?? {}, mappingId);
  }

  static fromYarrrml(doc: Record<string, unknown>, mappingId: string): SourceFieldIndex {
    const prefixes = (doc.prefixes ?? {}) as Record<string, string>;
    const maps: TriplesMapInfo[] = [];
    for (const [name, raw] of Object.entries((doc.mappings ?? {}) as Record<string, Record<string, unknown>>)) {
      const sources = (raw.sources ?? raw.source ?? []) as unknown;
      const first = Array.isArray(sources) ? (Array.isArray(sources[0]) ? (sources[0] as string[]) : (sources as string[])) : [];
      const kind = kindOf(String(first[0] ?? ''));
      const iterator = String(first[1] ?? '');
      const writes = new Map<string, string[]>();
      const typesWritten: string[] = [];
      for (const po of (raw.po ?? raw.predicateobjects ?? []) as unknown[]) {
        let predicates: unknown;
        let object: unknown;
        if (Array.isArray(po)) [predicates, object] = po;
        else if (po && typeof po === 'object') {
          const o = po as Record<string, unknown>;
          predicates = o.p ?? o.predicates;
          object = o.o ?? o.objects;
        }
        for (const p of Array.isArray(predicates) ? predicates : [predicates]) {
          if (typeof p !== 'string') continue;
          const iri = expand(p, prefixes);
          if (p === 'a' && typeof object === 'string' && !object.includes('$(')) typesWritten.push(expand(object, prefixes));
          writes.set(iri, [...(writes.get(iri) ?? []), ...referencesIn(object)]);
        }
      }
      maps.push({ name, kind, iterator, subject: String(raw.s ?? raw.subject ?? ''), writes, typesWritten });
    }
    return new SourceFieldIndex(mappingId, maps);
  }

  /**
   * The source fields that feed `property`, best first: maps whose subject is the focus node's
   * (same `#fragment`, or the rule's own subject) before the others.
   * `hint.rule` is the rule a result named; `hint.focusFragment` the focus node's `#fragment`.
   */
  fieldsFor(property: string, hint: { rule?: string; focusFragment?: string; className?: string } = {}): SourceField[] {
    const iri = property.replace(/^<(.*)>$/, '$1');
    if (this.jsonLdKeys.size) {
      const keys = this.jsonLdKeys.get(iri) ?? [];
      // Ghent's keys are `Class.property`: the focus class's own key first.
      const own = hint.className ? keys.filter((k) => k.split('.')[0]!.toLowerCase() === hint.className!.replace(/\s+/g, '').toLowerCase()) : [];
      return [...new Set([...own, ...keys])].slice(0, 4).map((field) => ({ kind: 'jsonld', field, rule: `${this.mappingId}#jsonld/${field}` }));
    }
    const ruleName = hint.rule?.startsWith(`${this.mappingId}#`) ? hint.rule.slice(this.mappingId.length + 1) : undefined;
    const ruleSubject = this.maps.find((m) => m.name === ruleName)?.subject;
    const fragmentOf = (s: string) => /#([A-Za-z]+)/.exec(s)?.[1]?.toLowerCase();
    const score = (m: TriplesMapInfo) => {
      if (m.name === ruleName) return 0;
      if (ruleSubject !== undefined && m.subject === ruleSubject) return 1;
      if (hint.focusFragment && fragmentOf(m.subject) === hint.focusFragment.toLowerCase()) return 1;
      return 2;
    };
    const out: SourceField[] = [];
    const seen = new Set<string>();
    for (const m of this.maps.filter((x) => x.writes.has(iri)).sort((a, b) => score(a) - score(b))) {
      const base = m.kind === 'xml' ? plainPath(m.iterator) : m.kind === 'json' ? plainJsonPath(m.iterator) : '';
      const refs = m.writes.get(iri)!;
      for (const ref of refs.length ? refs : ['.']) {
        const leaf = m.kind === 'xml' ? plainPath(ref) : m.kind === 'json' ? plainJsonPath(ref) : ref;
        const field = leaf === '.' || leaf === '' ? base : base && m.kind !== 'csv' ? `${base}${m.kind === 'xml' ? '/' : '.'}${leaf}` : leaf;
        // `/*/schema:artMedium` names the record's root element: `schema:artMedium` is the field.
        const shown = m.kind === 'xml' ? field.replace(/^(\*\/)+/, '') : field;
        if (!shown || shown === '*' || seen.has(shown)) continue;
        seen.add(shown);
        out.push({ kind: m.kind, field: shown, rule: `${this.mappingId}#${m.name}` });
        continue;
        seen.add(field);
        out.push({ kind: m.kind, field, rule: `${this.mappingId}#${m.name}` });
      }
    }
    return out;
  }
}

/** Property IRI → the keys of the JSON-LD contexts in a folder that map to it. */
export function jsonLdKeysIn(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.jsonld'));
  } catch {
    return out;
  }
  for (const f of files) {
    let ctx: unknown;
    try {
      ctx = (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { '@context'?: unknown })['@context'];
    } catch {
      continue;
    }
    if (!ctx || typeof ctx !== 'object' || Array.isArray(ctx)) continue;
    const entries = ctx as Record<string, unknown>;
    const prefixes: Record<string, string> = {};
    for (const [k, v] of Object.entries(entries)) if (typeof v === 'string' && /[#/]$/.test(v)) prefixes[k] = v;
    for (const [key, v] of Object.entries(entries)) {
      if (key.startsWith('@')) continue;
      const id = typeof v === 'string' ? v : v && typeof v === 'object' ? (v as Record<string, unknown>)['@id'] : undefined;
      if (typeof id !== 'string' || !key.includes('.')) continue;
      const iri = expand(id, prefixes);
      const list = out.get(iri) ?? [];
      if (!list.includes(key)) list.push(key);
      out.set(iri, list);
    }
  }
  return out;
}
