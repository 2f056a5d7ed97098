/**
 * Publishing and reading through the Store façade: the embedded Oxigraph store against a remote
 * SPARQL store (Virtuoso on loopback, scripts/ci/start-virtuoso.sh). N record-like graphs of
 * ~20 triples (every fifth with a blank node) are committed in batches of B graphs, as the
 * publish step does, then read back one graph at a time, then replaced (re-harvest).
 * Each store runs twice: without and with the entities graph (a base IRI, record graphs marked
 * `entity` as the pipeline marks them), whose upkeep is part of every commit.
 * Usage: npm run bench:store [-- N [B [endpoint]]]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blankNode, literal, namedNode, quad, type Quad } from '../../src/core/rdf.js';
import { OxigraphStore } from '../../src/store/oxigraph-store.js';
import { SparqlStore } from '../../src/store/sparql-store.js';
import type { GraphWrite, Store } from '../../src/store/store.js';

const count = Number(process.argv[2] ?? 1000);
const batch = Number(process.argv[3] ?? 50);
const endpoint = process.argv[4] ?? 'http://127.0.0.1:8890/sparql';
const base = `http://bench-${Date.now().toString(36)}.test/`;
const XSD = 'http://www.w3.org/2001/XMLSchema#';

function record(i: number, version: number): GraphWrite {
  const s = namedNode(`${base}id/object/${i}`);
  const p = (name: string) => namedNode(`${base}ns#${name}`);
  const quads: Quad[] = [quad(s, p('type'), namedNode(`${base}ns#Object`))];
  for (let j = 0; j < 15; j++) quads.push(quad(s, p(`field${j}`), literal(`value ${i}.${j} v${version}`, j % 3 === 0 ? 'nl' : undefined)));
  quads.push(quad(s, p('created'), literal(`2026-01-${String((i % 28) + 1).padStart(2, '0')}T10:00:00Z`, namedNode(`${XSD}dateTime`))));
  quads.push(quad(s, p('count'), literal(String(i), namedNode(`${XSD}integer`))));
  if (i % 5 === 0) {
    const d = blankNode('dimension');
    quads.push(quad(s, p('dimension'), d), quad(d, p('value'), literal(String(i), namedNode(`${XSD}decimal`))));
  }
  return { graph: `${base}graph/bench/${i}`, quads, entity: true };
}

async function run(name: string, store: Store, requests: () => number) {
  await store.open();
  const time = async (f: () => Promise<void>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  let triples = 0;
  const before = requests();
  const publish = async (version: number) => {
    for (let i = 0; i < count; i += batch) {
      const put = Array.from({ length: Math.min(batch, count - i) }, (_, k) => record(i + k, version));
      if (version === 1) triples += put.reduce((n, g) => n + g.quads.length, 0);
      await store.commit({ put });
    }
  };
  const first = await time(() => publish(1));
  const commitRequests = requests() - before;
  const again = await time(() => publish(2));
  const reads = Math.min(count, 500);
  const read = await time(async () => {
    for (let i = 0; i < reads; i++) await store.graph(record(i, 2).graph);
  });
  const drop = await time(() => store.commit({ drop: Array.from({ length: count }, (_, i) => record(i, 0).graph) }));
  await store.close();
  const perS = (n: number, ms: number) => Math.round((n / ms) * 1000);
  console.log(
    `${name.padEnd(22)} publish ${perS(triples, first)} triples/s (${perS(count, first)} graphs/s, ${commitRequests || '-'} requests) | ` +
      `replace ${perS(count, again)} graphs/s | graph() ${perS(reads, read)} reads/s | drop all ${Math.round(drop)} ms`,
  );
  return perS(count, first);
}

async function main() {
  console.log(`${count} graphs, ${batch} per commit`);
  const dataDir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  let embedded = 0;
  try {
    embedded = await run('embedded Oxigraph', new OxigraphStore({ dataDir }), () => 0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const entitiesDir = mkdtempSync(join(tmpdir(), 'store-bench-'));
  try {
    await run('embedded + entities', new OxigraphStore({ dataDir: entitiesDir, baseIri: base }), () => 0);
  } finally {
    rmSync(entitiesDir, { recursive: true, force: true });
  }
  const remote = new SparqlStore({ queryUrl: endpoint });
  if (!(await remote.health()).ok) {
    console.log(`remote SPARQL store: skipped, nothing answers at ${endpoint}`);
    return;
  }
  const sparql = await run('Virtuoso (SparqlStore)', remote, () => remote.requests);
  console.log(`publish ratio remote/embedded: ${(sparql / embedded).toFixed(2)}`);
  const merging = new SparqlStore({ queryUrl: endpoint, baseIri: base });
  await run('Virtuoso + entities', merging, () => merging.requests);
  await merging.commit({ drop: [`${base}graph/entities`] });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
