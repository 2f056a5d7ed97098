/**
 * A small RDF/XML writer for EDM-external records, not a general one: every resource typed with
 * an EDM class becomes a top-level element (Metis refuses nested contextual resources), its
 * properties come out in the order the XSD's sequences demand, and anything the EDM schema has
 * no place for is left out and listed in `dropped`.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { RDF } from '../../core/vocab.js';
import { EDM_CLASSES, EDM_NAMESPACES, type EdmClass, type EdmProperty } from './edm-classes.js';
import { escapeAttribute, escapeText } from './xml-text.js';

export interface RdfXmlResult {
  /** The `<rdf:RDF>` element (no XML declaration), namespaces declared on it. */
  xml: string;
  /** Triples with no place in EDM-external, as "subject predicate" strings. */
  dropped: string[];
}

const compareTerms = (a: Term, b: Term) => (a.value < b.value ? -1 : a.value > b.value ? 1 : (a.termType === 'Literal' ? (a.language ?? '') : '').localeCompare(b.termType === 'Literal' ? (b.language ?? '') : ''));

function classOf(types: Set<string>): EdmClass | undefined {
  return EDM_CLASSES.find((c) => types.has(c.iri));
}

function propertyElement(prop: EdmProperty, value: Term, indent: string): string | undefined {
  if (value.termType === 'NamedNode') {
    if (prop.kind === 'literal') return `${indent}<${prop.qname}>${escapeText(value.value)}</${prop.qname}>`;
    return `${indent}<${prop.qname} rdf:resource="${escapeAttribute(value.value)}"/>`;
  }
  if (value.termType === 'Literal') {
    if (prop.kind === 'resource' || value.value.trim() === '') return undefined;
    const lang = value.language ? ` xml:lang="${escapeAttribute(value.language)}"` : '';
    return `${indent}<${prop.qname}${lang}>${escapeText(value.value)}</${prop.qname}>`;
  }
  return undefined; // blank nodes cannot be referenced from a top-level-only record
}

/** Writes the EDM quads of one record as RDF/XML. */
export function writeEdmRdfXml(quads: Quad[], indent = '  '): RdfXmlResult {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode') continue;
    const list = bySubject.get(q.subject.value) ?? [];
    list.push(q);
    bySubject.set(q.subject.value, list);
  }
  const dropped: string[] = [];
  const blocks = new Map<EdmClass, string[]>();
  for (const [subject, list] of [...bySubject].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const types = new Set(list.filter((q) => q.predicate.value === RDF('type')).map((q) => q.object.value));
    const cls = classOf(types);
    if (!cls) {
      dropped.push(...list.map((q) => `${subject} ${q.predicate.value}`));
      continue;
    }
    const lines = [`${indent}<${cls.qname} rdf:about="${escapeAttribute(subject)}">`];
    const known = new Set(cls.properties.map((prop) => prop.iri));
    for (const prop of cls.properties) {
      const values = list
        .filter((q) => q.predicate.value === prop.iri)
        .map((q) => q.object)
        .sort(compareTerms);
      let written = 0;
      for (const value of values) {
        if (prop.max === 1 && written === 1) {
          dropped.push(`${subject} ${prop.iri} (more than one value)`);
          break;
        }
        const line = propertyElement(prop, value, indent + indent);
        if (line === undefined) {
          dropped.push(`${subject} ${prop.iri}`);
          continue;
        }
        lines.push(line);
        written++;
      }
    }
    for (const q of list) if (q.predicate.value !== RDF('type') && !known.has(q.predicate.value)) dropped.push(`${subject} ${q.predicate.value}`);
    lines.push(`${indent}</${cls.qname}>`);
    const block = blocks.get(cls) ?? [];
    block.push(lines.join('\n'));
    blocks.set(cls, block);
  }
  const xmlns = Object.entries(EDM_NAMESPACES)
    .map(([prefix, iri]) => `xmlns:${prefix}="${iri}"`)
    .join(' ');
  const body = EDM_CLASSES.flatMap((c) => blocks.get(c) ?? []).join('\n');
  return { xml: `<rdf:RDF ${xmlns}>\n${body}\n</rdf:RDF>`, dropped };
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
