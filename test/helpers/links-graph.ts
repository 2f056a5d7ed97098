/**
 * The links graph `{base}graph/links` in the contract's RDF form (src/publication/matching/contract.ts),
 * written by tests that read it before the match step exists in them.
 */
import { createHash } from 'node:crypto';
import { literal, namedNode, quad, type Quad } from '../../src/core/rdf.js';
import type { MatchLink } from '../../src/publication/matching/contract.js';

const HUB = (l: string) => `https://w3id.org/culture-lod-hub/ns#${l}`;
const XSD = (l: string) => `http://www.w3.org/2001/XMLSchema#${l}`;

export const linkId = (a: string, b: string): string => createHash('sha256').update(`${a}\u0000${b}`, 'utf8').digest('hex').slice(0, 16);

export function linkQuads(base: string, link: MatchLink): Quad[] {
  const s = namedNode(`${base}link/${linkId(link.a, link.b)}`);
  return [
    quad(s, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(HUB('Link'))),
    quad(s, namedNode(HUB('linkSubject')), namedNode(link.a)),
    quad(s, namedNode(HUB('linkObject')), namedNode(link.b)),
    quad(s, namedNode(HUB('entityType')), literal(link.type)),
    quad(s, namedNode(HUB('score')), literal(String(link.score), namedNode(XSD('decimal')))),
    quad(s, namedNode(HUB('verdict')), literal(link.verdict)),
    quad(s, namedNode(HUB('evidence')), literal(JSON.stringify(link.evidence))),
    quad(s, namedNode('http://www.w3.org/2000/01/rdf-schema#comment'), literal(link.evidence.map((e) => e.detail).join('; '))),
  ];
}

export function sameAsQuads(canonical: string, members: string[]): Quad[] {
  return members.filter((m) => m !== canonical).map((m) => quad(namedNode(canonical), namedNode('http://www.w3.org/2002/07/owl#sameAs'), namedNode(m)));
}

/** The whole links graph as one put. */
export function linksGraphWrite(base: string, links: MatchLink[], clusters: { iri: string; members: string[] }[] = []): { graph: string; quads: Quad[] } {
  return { graph: `${base}graph/links`, quads: [...links.flatMap((l) => linkQuads(base, l)), ...clusters.flatMap((c) => sameAsQuads(c.iri, c.members))] };
}
