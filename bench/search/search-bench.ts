/**
 * Search read model benchmark, in process (no HTTP, no store): the index built from synthetic
 * activities (synthetic-docs.ts), then p50/p99 of a few query shapes, each run sequentially
 * with varying points and dates. The HTTP target (issue 20: p50 ≤ 20 ms, p99 ≤ 100 ms with 10
 * clients at 200,000 entities) leaves the index a few milliseconds per query.
 *
 *   npm run build && node --expose-gc dist/bench/search/search-bench.js [--docs 200000] [--runs 200]
 *
 * Prints Markdown; bench/search/results-search.md holds a run.
 */
import { loadavg } from 'node:os';
import { SearchIndex } from '../../src/publication/search/search-index.js';
import type { SearchQuery } from '../../src/publication/search/search-contract.js';
import { frequentWords, syntheticActivities } from './synthetic-docs.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOCS = arg('docs', 200_000);
const RUNS = arg('runs', 200);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

gc?.();
const heapBase = process.memoryUsage().heapUsed;
const docs = [...syntheticActivities(DOCS)];
const t0 = performance.now();
const index = new SearchIndex('activities');
for (const doc of docs) index.put(doc);
const buildMs = performance.now() - t0;
docs.length = 0;
gc?.();
const heapIndex = process.memoryUsage().heapUsed - heapBase;

const CITIES = [{ lat: 51.0543, lon: 3.7174 }, { lat: 51.2194, lon: 4.4025 }, { lat: 50.8798, lon: 4.7005 }, { lat: 50.8503, lon: 4.3517 }];
/** More pairs than the full-text answers kept (32): most runs search afresh (their second page does not). */
const TEXTS = ['jazz', 'fiets', 'wandeling', 'kinderen', 'museum', 'koor', 'lezing', 'markt'].flatMap((a) => ['concert', 'zomer', 'avond', 'stad', 'kunst'].map((b) => `${a} ${b}`));
/** Single frequent words (the 40 first of the vocabulary, the first in about a fifth of the records): the costly case for full text. */
const FREQUENT = frequentWords(40);
const month = (i: number) => `2026-${String(1 + (i % 12)).padStart(2, '0')}`;
const shapes: { name: string; query: (i: number) => SearchQuery }[] = [
  {
    name: 'geo 10 km + dates (a month) + 3 facets, sort start',
    query: (i) => ({ kind: 'activities', filter: { and: [{ field: 'location', near: { ...CITIES[i % 4]!, km: 10 } }, { field: 'occurrence', from: `${month(i)}-01`, to: `${month(i)}-28` }] }, sort: [{ key: 'start', order: 'asc' }], limit: 20, facets: ['type', 'theme', 'region'] }),
  },
  {
    name: 'geo 25 km + 3 facets, sort distance',
    query: (i) => ({ kind: 'activities', filter: { field: 'location', near: { ...CITIES[i % 4]!, km: 25 } }, sort: [{ key: 'distance', order: 'asc' }], origin: CITIES[i % 4], limit: 20, facets: ['type', 'theme', 'region'] }),
  },
  {
    name: 'everything, 4 facets, sort modified desc',
    query: () => ({ kind: 'activities', sort: [{ key: 'modified', order: 'desc' }], limit: 20, facets: ['type', 'theme', 'region', 'organisation'] }),
  },
  {
    name: 'region + free + dates (a week), sort start',
    query: (i) => ({ kind: 'activities', filter: { and: [{ field: 'region', equals: i % 2 ? 'prv-antwerpen' : 'prv-oost-vlaanderen' }, { field: 'isFree', equals: 'true' }, { field: 'occurrence', from: `${month(i)}-08`, to: `${month(i)}-14` }] }, sort: [{ key: 'start', order: 'asc' }], limit: 20, facets: [] }),
  },
  {
    name: 'text (two words, 40 different pairs) + 2 facets, sort score',
    query: (i) => ({ kind: 'activities', text: TEXTS[i % TEXTS.length]!, sort: [], limit: 20, facets: ['type', 'region'] }),
  },
  {
    name: 'text (one of the 40 most frequent words) + 2 facets, sort score',
    query: (i) => ({ kind: 'activities', text: FREQUENT[i % FREQUENT.length]!, sort: [], limit: 20, facets: ['type', 'region'] }),
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

console.log(`## Search read model, in process: ${DOCS.toLocaleString('en')} activities\n`);
console.log(`Build ${(buildMs / 1000).toFixed(1)} s (documents given, not read from a store); heap ${mb(heapIndex)} held by the index (documents, columns, full text)${gc ? '' : ' (run with --expose-gc for a settled figure)'}; load ${loadavg()[0]!.toFixed(2)}; ${RUNS} runs per shape, sequential.\n`);
console.log('| query | matches (first run) | p50 ms | p99 ms | CPU p50 ms |');
console.log('|---|---:|---:|---:|---:|');
for (const shape of shapes) {
  // The first run also builds the postings, facet columns and sort orders the shape needs.
  const first = index.search(shape.query(0));
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const q = shape.query(i);
    const t = performance.now();
    const c = process.cpuUsage();
    const r = index.search(q);
    if (r.next) index.search({ ...q, cursor: r.next });
    const used = process.cpuUsage(c);
    times.push((performance.now() - t) / (r.next ? 2 : 1));
    cpu.push((used.user + used.system) / 1000 / (r.next ? 2 : 1));
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(`| ${shape.name} | ${first.total.toLocaleString('en')} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 99).toFixed(2)} | ${percentile(cpu, 50).toFixed(2)} |`);
}
