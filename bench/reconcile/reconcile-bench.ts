/**
 * Reconciliation speed: the real label index (built from a store stub that returns N synthetic
 * agents: 20 first names × 20 last names and a random middle name, so blocking keys collide as
 * common names do) and a batch of 10 queries, each an agent's label in upper case.
 * Usage: npm run bench:reconcile -- [N…] (default 10000 100000).
 */
import { LabelIndex } from '../../src/publication/reconciliation/label-index.js';
import { DEFAULT_RECONCILE_SETTINGS, parseBatch, Reconciler } from '../../src/publication/reconciliation/reconciler.js';
import type { StoreReader } from '../../src/store/store.js';

const FIRST = ['Jan', 'Pieter', 'Maria', 'Anna', 'Henry', 'Emile', 'Sophie', 'Karel', 'Louis', 'Marie', 'Frans', 'Jozef', 'Rik', 'Els', 'Bart', 'Lieve', 'Tom', 'Koen', 'An', 'Wim'];
const LAST = ['Janssens', 'Peeters', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Van de Velde', 'Verhaeren', 'Dubois', 'Lambert', 'Hermans', 'Aerts', 'Michiels', 'Desmet', 'Coppens', 'Martens'];

/** mulberry32: the same agents on every run. */
function random(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

async function run(n: number): Promise<void> {
  const rnd = random(7);
  const word = () => Array.from({ length: 4 + rnd(6) }, () => 'abcdefghijklmnopqrstuvwxyz'[rnd(26)]).join('');
  const term = (value: string) => ({ value });
  const rows = Array.from({ length: n }, (_, i) => ({
    g: term(`http://h/graph/s/${i}`),
    entity: term(`http://h/id/agent/s/${i}`),
    cls: term('http://www.w3.org/ns/prov#Agent'),
    predicate: term('http://www.w3.org/2000/01/rdf-schema#label'),
    label: term(`${FIRST[rnd(20)]} ${word()} ${LAST[rnd(20)]}`),
  }));
  const store = { select: async () => rows, changeSeq: () => 1 } as unknown as StoreReader;
  const index = new LabelIndex(store, 'http://h/');
  let t0 = performance.now();
  await index.current();
  const build = performance.now() - t0;
  const reconciler = new Reconciler(index, store, 'http://h/', DEFAULT_RECONCILE_SETTINGS);
  const picked = Array.from({ length: 10 }, (_, i) => rows[(i * 97) % n]!);
  const batch = Object.fromEntries(picked.map((r, i) => [`q${i}`, { query: r.label.value.toUpperCase(), type: 'agent' }]));
  t0 = performance.now();
  const out = await reconciler.reconcileBatch(parseBatch(batch, DEFAULT_RECONCILE_SETTINGS));
  const ms = performance.now() - t0;
  const right = picked.filter((r, i) => out[`q${i}`]!.result[0]?.id === r.entity.value).length;
  console.log(`${n} agents: index build ${build.toFixed(0)} ms; 10 queries ${ms.toFixed(0)} ms (${(ms / 10).toFixed(1)} ms per query); right agent first in ${right}/10`);
}

const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
for (const n of sizes.length ? sizes : [10_000, 100_000]) await run(n);
