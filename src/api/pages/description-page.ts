/**
 * HTML for people: the description of a hub IRI (entity-description.ts). Nested nodes (blank
 * nodes and the IRI's hash IRIs) are shown in place, as a block inside the value cell headed by
 * their label, so no blank-node label ever reaches the page; links to every record and provenance
 * graph that describe the IRI follow.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { HUB, OWL, PROV, RDF } from '../../core/vocab.js';
import { href, labelOf, short } from './entity-page.js';
import { esc, layout } from './html.js';

export interface DescriptionPageInput {
  iri: string;
  base: string;
  data: Quad[];
  recordGraphs: string[];
  provenanceGraphs: string[];
  provenance: Quad[];
  /** Path of the representations (the IRI path itself). */
  path: string;
}

const nodeKey = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

function value(t: Term, base: string): string {
  if (t.termType === 'NamedNode') return /^https?:/.test(t.value) ? `<a href="${esc(href(t.value, base))}">${esc(short(t.value))}</a>` : esc(t.value);
  const lang = t.termType === 'Literal' && t.language ? ` <span class="muted">@${esc(t.language)}</span>` : '';
  return `${esc(t.value)}${lang}`;
}

const byPredicate = (a: Quad, b: Quad) => (a.predicate.value === RDF('type') ? -1 : b.predicate.value === RDF('type') ? 1 : a.predicate.value.localeCompare(b.predicate.value));

/** Renders the description's nodes, nesting each nested node under the first triple that points at it. */
class Renderer {
  private readonly bySubject = new Map<string, Quad[]>();
  private readonly shown = new Set<string>();

  constructor(
    private readonly iri: string,
    private readonly base: string,
    data: Quad[],
  ) {
    for (const q of data) this.bySubject.set(nodeKey(q.subject), [...(this.bySubject.get(nodeKey(q.subject)) ?? []), q]);
  }

  private nested(t: Term): boolean {
    const k = nodeKey(t);
    return (t.termType === 'BlankNode' || (t.termType === 'NamedNode' && t.value.startsWith(`${this.iri}#`))) && this.bySubject.has(k) && !this.shown.has(k);
  }

  /** One node's table; nested values become blocks in their cell. */
  block(subject: string, heading: string, level: number): string {
    this.shown.add(subject);
    const rows = [...(this.bySubject.get(subject) ?? [])].sort(byPredicate).map((q) => {
      const cell = this.nested(q.object) ? this.nestedBlock(q.object, level + 1) : value(q.object, this.base);
      return `<tr><td>${value(q.predicate, this.base)}</td><td>${cell}</td></tr>`;
    });
    return `<div class="node" data-node="${esc(subject.startsWith('_:') ? '' : subject)}"><h${level}>${heading}</h${level}>
<table class="data"><thead><tr><th>property</th><th>value</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
  }

  private nestedBlock(t: Term, level: number): string {
    const k = nodeKey(t);
    const quads = this.bySubject.get(k)!;
    const label = labelOf(quads, [t.value]);
    const type = quads.find((q) => q.predicate.value === RDF('type'))?.object.value;
    const heading = label ? esc(label) : t.termType === 'NamedNode' ? `<code>#${esc(t.value.slice(this.iri.length + 1))}</code>` : type ? esc(short(type)) : '<span class="muted">(nested)</span>';
    return this.block(k, heading, Math.min(level, 6));
  }

  /** The IRI first, then what it did not lead to (a source IRI it is owl:sameAs, an unreferenced hash IRI). */
  all(): string {
    const out: string[] = [];
    if (this.bySubject.has(this.iri)) out.push(this.block(this.iri, `<code>${esc(this.iri)}</code>`, 2));
    const referenced = new Set<string>();
    for (const list of this.bySubject.values()) for (const q of list) if (q.object.termType === 'BlankNode') referenced.add(nodeKey(q.object));
    for (const subject of [...this.bySubject.keys()].sort()) {
      if (this.shown.has(subject) || referenced.has(subject)) continue;
      const label = labelOf(this.bySubject.get(subject)!, [subject]);
      out.push(this.block(subject, subject.startsWith('_:') ? esc(label ?? '(nested)') : `<code>${esc(subject)}</code>${label ? ` ${esc(label)}` : ''}`, 2));
    }
    // Blank nodes in a cycle reachable from nothing else: still shown, headed without their label.
    for (const subject of [...this.bySubject.keys()]) if (!this.shown.has(subject)) out.push(this.block(subject, '<span class="muted">(nested)</span>', 2));
    return out.join('\n');
  }
}

export function descriptionPage(input: DescriptionPageInput): string {
  const { iri, base, data, provenance } = input;
  const pv = (p: string) => provenance.find((q) => q.predicate.value === p)?.object.value;
  const sameAs = data.filter((q) => q.subject.value === iri && q.predicate.value === OWL('sameAs')).map((q) => q.object.value);
  const title = labelOf(data, [iri, ...sameAs]) ?? iri;
  const mainOf = pv(HUB('entity')) === iri;
  const derived = mainOf ? pv(PROV('wasDerivedFrom')) : undefined;
  const run = mainOf ? pv(PROV('wasGeneratedBy')) : undefined;
  const runPath = run?.startsWith(base) ? run.slice(base.length).split('/') : [];
  const reportLink = runPath.length === 3 ? `/reports/${encodeURIComponent(runPath[1]!)}/${encodeURIComponent(runPath[2]!)}` : undefined;
  const graphLink = (g: string) => `<a href="/graph-store?graph=${encodeURIComponent(g)}">${esc(g)}</a>`;
  const links = [
    derived ? `<li>Source record: <a href="${esc(derived)}">${esc(derived)}</a></li>` : '',
    ...input.recordGraphs.map((g, i) => `<li>Described by record graph ${graphLink(g)} (provenance: ${graphLink(input.provenanceGraphs[i]!)})</li>`),
    reportLink ? `<li>Conformance report of the run that published it: <a href="${esc(reportLink)}">${esc(reportLink)}</a></li>` : '',
    mainOf ? `<li>Published by the hub: ${esc(pv(PROV('generatedAtTime')) ?? 'unknown')}; conforms to its shapes: ${esc(pv(HUB('conforms')) ?? 'unknown')}</li>` : '',
    `<li>As data: <a href="${esc(input.path)}?format=jsonld">JSON-LD</a> · <a href="${esc(input.path)}?format=ttl">Turtle</a> · <a href="${esc(input.path)}?format=nt">N-Triples</a> · <a href="${esc(input.path)}?format=rdf">RDF/XML</a></li>`,
  ].join('\n');
  return layout(
    title,
    `<h1 id="title">${esc(title)}</h1>
<p class="muted"><code>${esc(iri)}</code></p>
<ul class="links">${links}</ul>
<section id="data">${new Renderer(iri, base, data).all()}</section>`,
    { head: `<link rel="alternate" type="text/turtle" href="${esc(input.path)}?format=ttl"><link rel="alternate" type="application/ld+json" href="${esc(input.path)}?format=jsonld">` },
  );
}
