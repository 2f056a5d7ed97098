/**
 * Synthetic OSLO CE heritage objects for the whole-graph SHACL benchmark: one data file holding
 * N objects of exactly 8 quads each, validated at once (as `hub validate` and `POST /validate`
 * do), against `shapes/oslo-ce-object-2021.repaired.ttl`. Every 10th object violates twice: its
 * title has no language (sh:datatype rdf:langString) and its material is not a skos:Concept
 * (sh:class), so N objects give N/5 results. Materials and collections are shared between
 * objects, as real thesaurus terms are, which is what exposes per-node scans of the whole graph.
 * Run: node dist/bench/shacl/generate-objects.js N out.nt
 */
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Quad } from '../../src/core/rdf.js';
import { literal, namedNode, quad } from '../../src/core/rdf.js';
import { CRM, DCT, PROV, RDF, SKOS } from '../../src/core/vocab.js';
import { nQuadLines } from '../../src/core/rdf.js';

const BASE = 'https://example.org/museum/';
/** Shared thesaurus terms and collections (the materials' typing quads come once, apart from the objects). */
const MATERIALS = 50;
const COLLECTIONS = 20;

const type = namedNode(RDF('type'));
const p = (iri: string) => namedNode(iri);

/** The quads every object refers to: the materials, typed skos:Concept (collections stay untyped). */
export function sharedQuads(): Quad[] {
  const out: Quad[] = [];
  for (let m = 0; m < MATERIALS; m++) out.push(quad(namedNode(`${BASE}material/${m}`), type, p(SKOS('Concept'))));
  return out;
}

/** Whether object `n` is one of the violating tenth. */
export function isViolating(n: number): boolean {
  return n % 10 === 7;
}

/** The 8 quads of object `n` (deterministic). */
export function objectQuads(n: number): Quad[] {
  const o = namedNode(`${BASE}object/${n}`);
  const loc = namedNode(`${BASE}location/${n}`);
  const bad = isViolating(n);
  return [
    quad(o, type, p(CRM('E22_Man-Made_Object'))),
    quad(o, p(CRM('P102_has_title')), bad ? literal(`Object ${n}`) : literal(`Object ${n}`, 'nl')),
    quad(o, p(CRM('P45_consists_of')), bad ? namedNode(`${BASE}unknown-material/${n % 7}`) : namedNode(`${BASE}material/${n % MATERIALS}`)),
    quad(o, p(DCT('isPartOf')), namedNode(`${BASE}collection/${n % COLLECTIONS}`)),
    quad(o, p(CRM('P55_has_current_location')), loc),
    quad(loc, type, p(PROV('Location'))),
    quad(o, p(DCT('identifier')), literal(`OBJ-${n}`)),
    quad(o, p(DCT('created')), literal(String(1800 + (n % 200)))),
  ];
}

/** Writes N objects plus the shared quads as N-Triples. */
export async function writeObjects(count: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (lines: string[]) => (out.write(lines.join('')) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(nQuadLines(sharedQuads()));
  for (let n = 0; n < count; n += 1000) {
    const chunk: Quad[] = [];
    for (let i = n; i < Math.min(count, n + 1000); i++) chunk.push(...objectQuads(i));
    await write(nQuadLines(chunk));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 1000);
  const file = process.argv[3] ?? `objects-${count}.nt`;
  writeObjects(count, file).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
