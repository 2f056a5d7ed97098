/**
 * The mandatory oai_dc format, derived from the record's EDM triples (not from the store), so
 * both formats always say the same thing. Resources are given by their label where the record
 * has one (an agent's name, a concept's term), else by IRI.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { DC, DCT, EDM, ORE, RDF, SKOS } from '../../core/vocab.js';
import { escapeAttribute, escapeText } from './xml-text.js';

export const OAI_DC_NS = 'http://www.openarchives.org/OAI/2.0/oai_dc/';
export const OAI_DC_SCHEMA = 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd';

interface Value {
  text: string;
  lang?: string;
}

export function edmToOaiDc(quads: Quad[]): string {
  const subjectsOf = (type: string) => quads.filter((q) => q.predicate.value === RDF('type') && q.object.value === type).map((q) => q.subject.value);
  const cho = subjectsOf(EDM('ProvidedCHO'))[0];
  const agg = subjectsOf(ORE('Aggregation'))[0];
  const objects = (subject: string | undefined, predicate: string): Term[] =>
    subject === undefined ? [] : quads.filter((q) => q.subject.value === subject && q.predicate.value === predicate).map((q) => q.object);
  const label = (t: Term): Value => {
    if (t.termType === 'Literal') return { text: t.value, ...(t.language ? { lang: t.language } : {}) };
    const labels = objects(t.value, SKOS('prefLabel')).sort((a, b) => ((a as any).language ?? '').localeCompare((b as any).language ?? ''));
    const first = labels[0];
    return first ? label(first) : { text: t.value };
  };
  const iriOrLabel = (t: Term): Value => (t.termType === 'NamedNode' ? { text: t.value } : label(t));
  const fields: [string, Value[]][] = [
    ['title', objects(cho, DC('title')).map(label)],
    ['creator', objects(cho, DC('creator')).map(label)],
    ['subject', objects(cho, DC('subject')).map(label)],
    ['description', objects(cho, DC('description')).map(label)],
    ['publisher', objects(agg, EDM('dataProvider')).map(label)],
    ['date', objects(cho, DCT('created')).map(label)],
    ['type', [...objects(cho, DC('type')).map(label), ...objects(cho, EDM('type')).map(label)]],
    ['format', objects(cho, DCT('medium')).map(label)],
    ['identifier', [...objects(cho, DC('identifier')).map(label), ...objects(agg, EDM('isShownAt')).map(iriOrLabel)]],
    ['language', objects(cho, DC('language')).map(label)],
    ['relation', objects(cho, DCT('isPartOf')).map(iriOrLabel)],
    ['coverage', objects(cho, DCT('spatial')).map(label)],
    ['rights', objects(agg, EDM('rights')).map(iriOrLabel)],
  ];
  const lines = fields.flatMap(([name, values]) =>
    dedupe(values).map((v) => `<dc:${name}${v.lang ? ` xml:lang="${escapeAttribute(v.lang)}"` : ''}>${escapeText(v.text)}</dc:${name}>`),
  );
  return (
    `<oai_dc:dc xmlns:oai_dc="${OAI_DC_NS}" xmlns:dc="${DC()}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
    `xsi:schemaLocation="${OAI_DC_NS} ${OAI_DC_SCHEMA}">${lines.join('')}</oai_dc:dc>`
  );
}

function dedupe(values: Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = `${v.lang ?? ''} ${v.text}`;
    if (seen.has(key) || v.text.trim() === '') return false;
    seen.add(key);
    return true;
  });
}
