/**
 * HTML for people: one entity (its data as a table, with links to its source record, provenance
 * graph and the run's conformance report) and one page of a collection.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { DCT, HUB, PROV, RDF, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';
import { PREFIXES } from '../rest/rdf-serialise.js';
import { esc, layout } from './html.js';

const LABELS = [SKOS('prefLabel'), RDFS('label'), DCT('title'), SCHEMA('name'), 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title'];

export function short(iri: string): string {
  for (const [prefix, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
}

/** Hub IRIs link to the hub path (so the page works on any host); others link out. */
export function href(iri: string, base: string): string {
  return iri.startsWith(base) ? `/${iri.slice(base.length)}` : iri;
}

function cell(t: Term, base: string): string {
  if (t.termType === 'NamedNode') return /^https?:/.test(t.value) ? `<a href="${esc(href(t.value, base))}">${esc(short(t.value))}</a>` : esc(t.value);
  if (t.termType === 'BlankNode') return `<span class="muted">_:${esc(t.value)}</span>`;
  const lang = t.termType === 'Literal' && t.language ? ` <span class="muted">@${esc(t.language)}</span>` : '';
  return `${esc(t.value)}${lang}`;
}

/** A readable name: the first label-like literal of the given subjects, preferring Dutch. */
export function labelOf(quads: Quad[], subjects: string[]): string | undefined {
  const candidates = quads.filter((q) => subjects.includes(q.subject.value) && LABELS.includes(q.predicate.value) && q.object.termType === 'Literal');
  return (candidates.find((q) => (q.object as { language?: string }).language === 'nl') ?? candidates[0])?.object.value;
}

function dataTable(quads: Quad[], base: string): string {
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) bySubject.set(q.subject.value, [...(bySubject.get(q.subject.value) ?? []), q]);
  return [...bySubject]
    .map(
      ([, list]) => `<h3>${cell(list[0]!.subject, base)}</h3>
<table class="data"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
${list
  .sort((a, b) => (a.predicate.value === RDF('type') ? -1 : b.predicate.value === RDF('type') ? 1 : a.predicate.value.localeCompare(b.predicate.value)))
  .map((q) => `<tr><td>${cell(q.predicate, base)}</td><td>${cell(q.object, base)}</td></tr>`)
  .join('\n')}
</tbody></table>`,
    )
    .join('\n');
}

export interface EntityPageInput {
  entity: string;
  base: string;
  data: Quad[];
  provenance: Quad[];
  provenanceGraph: string;
  recordGraph: string;
  /** Path of the JSON-LD/Turtle representations (the IRI path itself). */
  path: string;
}

export function entityPage(input: EntityPageInput): string {
  const { entity, base, data, provenance } = input;
  const pv = (p: string) => provenance.find((q) => q.predicate.value === p)?.object.value;
  const sameAs = data.filter((q) => q.subject.value === entity && q.predicate.value === 'http://www.w3.org/2002/07/owl#sameAs').map((q) => q.object.value);
  const title = labelOf(data, [entity, ...sameAs]) ?? entity;
  const run = pv(PROV('wasGeneratedBy'));
  const runPath = run ? run.slice(normalise(base).length).split('/') : [];
  const reportLink = runPath.length === 3 ? `/reports/${encodeURIComponent(runPath[1]!)}/${encodeURIComponent(runPath[2]!)}` : undefined;
  const derived = pv(PROV('wasDerivedFrom'));
  const links = [
    derived ? `<li>Source record: <a href="${esc(derived)}">${esc(derived)}</a></li>` : '',
    `<li>Record graph: <a href="/graph-store?graph=${encodeURIComponent(input.recordGraph)}">${esc(input.recordGraph)}</a></li>`,
    `<li>Provenance: <a href="/graph-store?graph=${encodeURIComponent(input.provenanceGraph)}">${esc(input.provenanceGraph)}</a></li>`,
    reportLink ? `<li>Conformance report of the run that published it: <a href="${esc(reportLink)}">${esc(reportLink)}</a></li>` : '',
    `<li>Published by the hub: ${esc(pv(PROV('generatedAtTime')) ?? 'unknown')}; conforms to its shapes: ${esc(pv(HUB('conforms')) ?? 'unknown')}</li>`,
    `<li>As data: <a href="${esc(input.path)}?format=jsonld">JSON-LD</a> · <a href="${esc(input.path)}?format=ttl">Turtle</a> · <a href="${esc(input.path)}?format=nt">N-Triples</a> · <a href="${esc(input.path)}?format=rdf">RDF/XML</a></li>`,
  ].join('\n');
  return layout(
    title,
    `<h1 id="title">${esc(title)}</h1>
<p class="muted"><code>${esc(entity)}</code></p>
<ul class="links">${links}</ul>
<section id="data">${dataTable(data, base)}</section>`,
    { head: `<link rel="alternate" type="text/turtle" href="${esc(input.path)}?format=ttl"><link rel="alternate" type="application/ld+json" href="${esc(input.path)}?format=jsonld">` },
  );
}

export function gonePage(entity: string, deletedAt: string | undefined): string {
  return layout('Gone', `<h1>Gone</h1><p><code>${esc(entity)}</code> was deleted at its source${deletedAt ? ` (the hub withdrew it at ${esc(deletedAt)})` : ''}.</p>`);
}

export interface ListItem {
  entity: string;
  label?: string;
  published: string;
  source: string;
}

export function collectionPage(input: { title: string; items: ListItem[]; base: string; next?: string; self: string }): string {
  const rows = input.items
    .map((i) => `<tr><td><a href="${esc(href(i.entity, input.base))}">${esc(i.label ?? i.entity)}</a></td><td>${esc(short(i.source))}</td><td>${esc(i.published)}</td></tr>`)
    .join('\n');
  const next = input.next ? `<p><a rel="next" href="${esc(href(input.next, input.base))}">Next page</a></p>` : '<p class="muted">Last page.</p>';
  return layout(input.title, `<h1>${esc(input.title)}</h1>
<table><thead><tr><th>entity</th><th>source</th><th>published</th></tr></thead><tbody>
${rows || '<tr><td colspan="3" class="muted">Nothing here.</td></tr>'}
</tbody></table>
${next}`);
}

const normalise = (b: string) => (b.endsWith('/') ? b : `${b}/`);
