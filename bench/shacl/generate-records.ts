/**
 * Synthetic OSLO CE object records for the SHACL benchmark, built from real Ghent members
 * (bench/shacl/samples/). Each template is first fixed up until it conforms to the shapes, then
 * copied per record with fresh IRIs and blank nodes; a fixed share of records violates:
 * every 10th keeps the template's real violations, every 10th (offset 5) loses a title's language.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad, Term } from '../../src/core/rdf.js';
import { blankNode, literal, namedNode, quad } from '../../src/core/rdf.js';
import { RDF, SH, XSD } from '../../src/core/vocab.js';
import { parseData } from '../../src/validation/read-data.js';
import { readFile } from 'node:fs/promises';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';
import { parseNTriplesTerm } from '../../src/validation/report-rdf.js';

const P102 = 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title';

export interface Templates {
  conforming: Quad[][];
  original: Quad[][];
}

const HUMAN_MADE = 'http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object';
const MAN_MADE = 'http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object';

/**
 * Reads the Ghent members (JSON-LD, local contexts) under a fixed base IRI and, as the hub's
 * mapping does (`typeAliases`), types CRM 7 `E22_Human-Made_Object`s also as the CRM 6.2
 * `E22_Man-Made_Object` that the 2021 shapes target.
 */
export async function readTemplates(dir: string): Promise<Quad[][]> {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonld')).sort();
  const out: Quad[][] = [];
  for (const f of files) {
    const text = await readFile(join(dir, f), 'utf8');
    const quads = await parseData(text, { format: 'json-ld', baseIRI: `https://apidg.gent.be/opendata/adlib2eventstream/v1/${f}/` });
    const aliases = quads
      .filter((q) => q.predicate.value === RDF('type') && q.object.value === HUMAN_MADE)
      .map((q) => quad(q.subject, q.predicate, namedNode(MAN_MADE), q.graph));
    out.push([...quads, ...aliases]);
  }
  return out;
}

function pathPredicate(path: string | undefined): string | undefined {
  return path && /^<[^>]+>$/.test(path) ? path.slice(1, -1) : undefined;
}

/**
 * Adds what the shapes ask for until the record conforms: an rdf:type for sh:class failures,
 * a literal for sh:nodeKind sh:Literal failures, a typed value for unmet sh:minCount.
 */
export function fixUp(quads: Quad[], validator: ShaclValidator): Quad[] {
  let current = quads;
  for (let round = 0; round < 8; round++) {
    const report = validator.validateSync(current);
    if (report.conforms) return current;
    const extra: Quad[] = [];
    const drop = new Set<Quad>();
    for (const r of report.results) {
      const focus = parseNTriplesTerm(r.focusNode.startsWith('_:') || r.focusNode.startsWith('"') ? r.focusNode : `<${r.focusNode}>`);
      const value = r.value ? parseNTriplesTerm(r.value) : undefined;
      const predicate = pathPredicate(r.path);
      const cls = /instance of <([^>]+)>/.exec(r.messages[0] ?? '')?.[1];
      if (r.constraint === SH('ClassConstraintComponent') && value && cls && value.termType !== 'Literal') {
        extra.push(quad(value as Quad['subject'], namedNode(RDF('type')), namedNode(cls)));
      } else if (r.constraint === SH('NodeKindConstraintComponent') && value && predicate) {
        for (const q of current) if (q.subject.equals(focus) && q.predicate.value === predicate && q.object.equals(value)) drop.add(q);
        const n = value.value.split('/').pop() ?? '0';
        extra.push(quad(focus as Quad['subject'], namedNode(predicate), literal(/^\d+(\.\d+)?$/.test(n) ? n : '0', namedNode(XSD('decimal')))));
      } else if (r.constraint === SH('MinCountConstraintComponent') && predicate) {
        extra.push(quad(focus as Quad['subject'], namedNode(predicate), namedNode(`urn:bench:filled:${encodeURIComponent(predicate)}`)));
      } else if (r.constraint === SH('DatatypeConstraintComponent') && value && predicate) {
        for (const q of current) if (q.subject.equals(focus) && q.predicate.value === predicate && q.object.equals(value)) drop.add(q);
        const datatype = /datatype <([^>]+)>/.exec(r.messages[0] ?? '')?.[1] ?? XSD('string');
        const text = value.termType === 'Literal' ? value.value : 'filled';
        extra.push(quad(focus as Quad['subject'], namedNode(predicate), datatype === RDF('langString') ? literal(text, 'nl') : literal(text, namedNode(datatype))));
      } else {
        throw new Error(`cannot fix up ${r.constraint} on ${r.focusNode} ${r.path ?? ''}`);
      }
    }
    current = [...current.filter((q) => !drop.has(q)), ...extra];
  }
  throw new Error('template does not converge to a conforming record');
}

/** Renames every stad.gent IRI and blank node so that each record is its own graph. */
function copyRecord(template: Quad[], n: number): Quad[] {
  const map = new Map<string, Term>();
  const rename = (t: Term): Term => {
    if (t.termType === 'BlankNode') {
      let b = map.get(`_:${t.value}`);
      if (!b) map.set(`_:${t.value}`, (b = blankNode(`r${n}_${t.value}`)));
      return b;
    }
    if (t.termType === 'NamedNode' && t.value.startsWith('https://stad.gent/id/mensgemaaktobject/')) {
      let iri = map.get(t.value);
      if (!iri) map.set(t.value, (iri = namedNode(`${t.value}/r${n}`)));
      return iri;
    }
    return t;
  };
  return template.map((q) => quad(rename(q.subject) as Quad['subject'], q.predicate, rename(q.object) as Quad['object'], q.graph));
}

/** Drops the language of an object's first language-tagged title: an rdf:langString violation. */
function breakTitle(record: Quad[]): Quad[] {
  const objects = new Set(record.filter((q) => q.predicate.value === RDF('type') && q.object.value === MAN_MADE).map((q) => q.subject.value));
  let done = false;
  return record.map((q) => {
    if (done || q.predicate.value !== P102 || !objects.has(q.subject.value) || q.object.termType !== 'Literal' || !q.object.language) return q;
    done = true;
    return quad(q.subject, q.predicate, literal(q.object.value), q.graph);
  });
}

/** Record number `n` of the synthetic stream (deterministic). */
export function makeRecord(t: Templates, n: number): Quad[] {
  // Template and kind vary independently: record n uses template ⌊n/10⌋ mod 5 and kind n mod 10.
  const which = Math.floor(n / 10) % t.conforming.length;
  const kind = n % 10;
  if (kind === 0) return copyRecord(t.original[which] as Quad[], n);
  const record = copyRecord(t.conforming[which] as Quad[], n);
  return kind === 5 ? breakTitle(record) : record;
}
