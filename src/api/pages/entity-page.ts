/**
 * HTML for people: the shared naming helpers, the Gone page and one page of a collection (a
 * description itself is description-page.ts).
 */
import type { Quad } from '../../core/rdf.js';
import { DCT, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';
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

/** A readable name: the first label-like literal of the given subjects, preferring Dutch. */
export function labelOf(quads: Quad[], subjects: string[]): string | undefined {
  const candidates = quads.filter((q) => subjects.includes(q.subject.value) && LABELS.includes(q.predicate.value) && q.object.termType === 'Literal');
  return (candidates.find((q) => (q.object as { language?: string }).language === 'nl') ?? candidates[0])?.object.value;
}

export function gonePage(entity: string, deletedAt: string | undefined, why = 'was deleted at its source'): string {
  return layout('Gone', `<h1>Gone</h1><p><code>${esc(entity)}</code> ${esc(why)}${deletedAt ? ` (the hub withdrew it at ${esc(deletedAt)})` : ''}.</p>`);
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

