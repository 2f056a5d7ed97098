/**
 * The links graph `{base}graph/links` (publication/matching/contract.ts): each match or review
 * link with its score and evidence, and `<canonical> owl:sameAs <member>` for each cluster. It is
 * no record graph: it stays out of the entities graph (the record graphs carry the same sameAs
 * lines, so the public default graph has them). Written whole in the commit that changes it, read
 * back whole when the match index is loaded.
 */
import { createHash } from 'node:crypto';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB, OWL, RDF, RDFS, XSD } from '../../core/vocab.js';
import { LINKS_GRAPH_PATH, type Cluster, type MatchEvidence, type MatchLink, type MatchType, type MatchVerdict } from '../../publication/matching/contract.js';

export const linksGraphIri = (base: string) => `${base}${LINKS_GRAPH_PATH}`;
export const linkIri = (base: string, a: string, b: string) => `${base}link/${createHash('sha256').update(`${a}\u0000${b}`).digest('hex').slice(0, 16)}`;

const P = {
  subject: HUB('linkSubject'),
  object: HUB('linkObject'),
  type: HUB('entityType'),
  score: HUB('score'),
  verdict: HUB('verdict'),
  evidence: HUB('evidence'),
  comment: RDFS('comment'),
  sameAs: OWL('sameAs'),
  a: RDF('type'),
};

/** The graph's quads: the links (a < b), then the clusters' sameAs lines, in a stable order. */
export function linksGraphQuads(base: string, links: readonly MatchLink[], clusters: readonly Cluster[]): Quad[] {
  const out: Quad[] = [];
  for (const l of [...links].sort((x, y) => (x.a + x.b < y.a + y.b ? -1 : 1))) {
    const s = namedNode(linkIri(base, l.a, l.b));
    out.push(
      quad(s, namedNode(P.a), namedNode(HUB('Link'))),
      quad(s, namedNode(P.subject), namedNode(l.a)),
      quad(s, namedNode(P.object), namedNode(l.b)),
      quad(s, namedNode(P.type), literal(l.type)),
      quad(s, namedNode(P.score), literal(l.score.toFixed(4).replace(/0+$/, '').replace(/\.$/, '.0'), namedNode(XSD('decimal')))),
      quad(s, namedNode(P.verdict), literal(l.verdict)),
      quad(s, namedNode(P.evidence), literal(JSON.stringify(l.evidence))),
    );
    if (l.evidence.length) out.push(quad(s, namedNode(P.comment), literal(l.evidence.map((e) => e.detail).join('; '))));
  }
  for (const c of [...clusters].sort((x, y) => (x.iri < y.iri ? -1 : 1))) {
    for (const m of c.members) if (m !== c.iri) out.push(quad(namedNode(c.iri), namedNode(P.sameAs), namedNode(m)));
  }
  return out;
}

/**
 * Links and clusters back from the graph's quads. A cluster's type is its members' links' type
 * (the sameAs lines do not say it); `types` gives it for members without a link left.
 */
export function readLinksGraph(quads: readonly Quad[], typeOf: (iri: string) => MatchType | undefined): { links: MatchLink[]; clusters: Cluster[] } {
  const bySubject = new Map<string, Map<string, string>>();
  const sameAs = new Map<string, string[]>();
  for (const q of quads) {
    if (q.predicate.value === P.sameAs) {
      sameAs.set(q.subject.value, [...(sameAs.get(q.subject.value) ?? []), q.object.value]);
      continue;
    }
    const props = bySubject.get(q.subject.value) ?? new Map<string, string>();
    props.set(q.predicate.value, q.object.value);
    bySubject.set(q.subject.value, props);
  }
  const links: MatchLink[] = [];
  for (const props of bySubject.values()) {
    const a = props.get(P.subject);
    const b = props.get(P.object);
    const verdict = props.get(P.verdict) as MatchVerdict | undefined;
    if (!a || !b || (verdict !== 'match' && verdict !== 'review')) continue;
    let evidence: MatchEvidence[] = [];
    try {
      evidence = JSON.parse(props.get(P.evidence) ?? '[]') as MatchEvidence[];
    } catch {
      evidence = [];
    }
    links.push({ a, b, type: (props.get(P.type) ?? 'agent') as MatchType, score: Number(props.get(P.score) ?? 0), verdict, evidence });
  }
  const clusters: Cluster[] = [];
  for (const [iri, others] of sameAs) {
    const members = [...new Set([iri, ...others])].sort();
    const type = members.map(typeOf).find((t) => t !== undefined);
    if (type) clusters.push({ iri, type, members });
  }
  return { links, clusters };
}
