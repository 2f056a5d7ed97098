/**
 * Copies the embedded store's graphs into a remote SPARQL store (`hub store migrate --to sparql`):
 * counts both sides per graph, refuses a target that already holds graphs under the hub's base
 * IRI (unless replacing, or resuming a migration to the same store), bulk-loads the graphs whose
 * counts differ, has the target build its own entities graph from the record graphs it now holds
 * (blank nodes shared with them stay shared), and verifies by counts: quads per graph and in total.
 * Copying only what differs makes a rerun after an interruption finish the job instead of
 * starting over. How the graphs travel is the loader's business (SPARQL Update batches by
 * default, Virtuoso's bulk loader over isql with migrate-virtuoso.ts).
 */
import { StoreError, errorMessage } from '../core/errors.js';
import { entitiesGraphIri, normaliseBase } from '../core/identifiers.js';
import { iriToSparql } from './sparql/sparql-terms.js';
import { batchesOf } from './entities-graph.js';
import type { GraphWrite, Store } from './store.js';

/** The remote side: queries and commits, and (a SparqlStore with a base IRI) its entities graph rebuilt. */
export interface MigrationTarget extends Pick<Store, 'select' | 'commit'> {
  rebuildEntities?(): Promise<void>;
}

/** Loads graphs the target does not hold (the plan dropped them first when it held other quads in them). */
export type GraphLoader = (graphs: GraphWrite[]) => Promise<void>;

export interface MigrateOptions {
  source: Pick<Store, 'select' | 'graph'>;
  /** What messages call the source, e.g. `the embedded store (data/store)`. */
  sourceName: string;
  target: MigrationTarget;
  /** What messages call the target, e.g. its query URL. */
  targetName: string;
  baseIri: string;
  /** Overwrite whatever the target holds under the base IRI. */
  replace?: boolean;
  /** An earlier migration to this target was cut short: finish it (the target's graphs are ours). */
  resume?: boolean;
  /** Count and plan only; write nothing. */
  dryRun?: boolean;
  /** @defaultValue SPARQL Update batches through `target.commit` */
  loader?: GraphLoader;
  /** Quads read from the source and handed to the loader at once. @defaultValue 100000 */
  batchQuads?: number;
  /** Graphs named in one count query of the target. @defaultValue 500 */
  countBatch?: number;
  /** Longest a count query may run, ms. @defaultValue 600000 */
  timeoutMs?: number;
  log?: (line: string) => void;
}

export interface GraphCountMismatch {
  graph: string;
  source: number;
  target: number;
}

export interface MigrateOutcome {
  /** Graphs and quads of the source, the entities graph left out (the target builds its own). */
  graphs: number;
  quads: number;
  /** Quads of the source's entities graph (0 when it keeps none). */
  entitiesQuads: number;
  /** Graphs the target held under the base IRI before this run. */
  targetGraphsBefore: number;
  copiedGraphs: number;
  copiedQuads: number;
  dryRun: boolean;
  /** Whether every graph's count matched on both sides, and the totals. */
  verified: boolean;
  mismatches: GraphCountMismatch[];
  /** Quads under the base IRI in the target after the copy (entities graph included). */
  targetQuads: number;
}

/** A step of the migration failed: the message names the step and the store. */
export class MigrateError extends StoreError {
  constructor(step: string, store: string, cause: unknown) {
    super(`store migrate: ${step} on ${store} failed: ${errorMessage(cause)}`, { code: 'STORE_MIGRATE', cause, context: { step, store } });
  }
}

async function step<T>(name: string, store: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof MigrateError) throw error;
    throw new MigrateError(name, store, error);
  }
}

const num = (value: string | undefined) => Number(value ?? 0);
const underBase = (base: string) => `FILTER(STRSTARTS(STR(?g), ${JSON.stringify(base)}))`;

/** Quads per named graph under `base` (one grouped count: the embedded store answers it from memory). */
export async function graphCounts(store: Pick<Store, 'select'>, base: string, timeoutMs: number): Promise<Map<string, number>> {
  const rows = await store.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } ${underBase(base)} } GROUP BY ?g`, { timeoutMs });
  return new Map(rows.map((r) => [r.g!.value, num(r.n?.value)]));
}

/**
 * Quads per graph of `graphs` in a remote store, a batch of graphs per query: a store's result
 * cap (Virtuoso's ResultSetMaxRows) never cuts the answer short. Absent graphs are left out.
 */
async function countsOf(store: Pick<Store, 'select'>, graphs: string[], batch: number, timeoutMs: number): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const names of batchesOf(graphs, batch)) {
    const values = names.map((g) => iriToSparql(g, 'graph name')).join(' ');
    const rows = await store.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { VALUES ?g { ${values} } GRAPH ?g { ?s ?p ?o } } GROUP BY ?g`, { timeoutMs });
    for (const r of rows) counts.set(r.g!.value, num(r.n?.value));
  }
  return counts;
}

async function totalUnder(store: Pick<Store, 'select'>, base: string, timeoutMs: number): Promise<{ quads: number; graphs: number }> {
  const [row] = await store.select(`SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?graphs) WHERE { GRAPH ?g { ?s ?p ?o } ${underBase(base)} }`, { timeoutMs });
  return { quads: num(row?.n?.value), graphs: num(row?.graphs?.value) };
}

/** Every graph under `base` in the target, a page at a time (a store's result cap never hides one). */
async function namesUnder(store: Pick<Store, 'select'>, base: string, timeoutMs: number): Promise<string[]> {
  const page = 10_000;
  const names: string[] = [];
  for (let offset = 0; ; offset += page) {
    const rows = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } ${underBase(base)} } ORDER BY ?g LIMIT ${page} OFFSET ${offset}`, { timeoutMs });
    names.push(...rows.map((r) => r.g!.value));
    if (rows.length < page) return names;
  }
}

/** The default loader: the target's own commit, graphs it does not hold marked fresh (no clearing first). */
export function updateLoader(target: MigrationTarget): GraphLoader {
  return (graphs) => target.commit({ put: graphs, fresh: graphs.map((g) => g.graph) });
}

export async function migrateStore(options: MigrateOptions): Promise<MigrateOutcome> {
  const { source, target, sourceName, targetName } = options;
  const base = normaliseBase(options.baseIri);
  const entities = entitiesGraphIri(base);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const log = options.log ?? (() => undefined);
  const load = options.loader ?? updateLoader(target);

  const sourceCounts = await step('counting the quads per graph', sourceName, () => graphCounts(source, base, timeoutMs));
  const entitiesQuads = sourceCounts.get(entities) ?? 0;
  sourceCounts.delete(entities);
  const graphs = [...sourceCounts.keys()].sort();
  const quads = [...sourceCounts.values()].reduce((a, b) => a + b, 0);
  log(`${sourceName}: ${graphs.length} graphs, ${quads} quads${entitiesQuads ? ` (and ${entitiesQuads} in the entities graph, which ${targetName} builds from the record graphs)` : ''}`);

  const before = await step('reading what it holds under the base IRI', targetName, () => totalUnder(target, base, timeoutMs));
  if (before.quads > 0 && !options.replace && !options.resume) {
    throw new MigrateError(
      'checking that it is empty',
      targetName,
      new Error(`it already holds ${before.quads} quads in ${before.graphs} graphs under ${base}; use --replace to overwrite them (they are dropped first)`),
    );
  }
  log(`${targetName}: ${before.quads} quads in ${before.graphs} graphs under ${base}${before.quads ? (options.replace ? ' (replaced)' : ' (an earlier migration: only what differs is copied)') : ''}`);

  // What the target holds of each source graph: equal counts are kept (a rerun), the rest copied.
  let held = new Map<string, number>();
  let extra: string[] = [];
  if (before.quads > 0) {
    if (options.replace) {
      extra = await step('listing its graphs under the base IRI', targetName, () => namesUnder(target, base, timeoutMs));
    } else {
      held = await step('counting the quads per graph', targetName, () => countsOf(target, graphs, options.countBatch ?? 500, timeoutMs));
      // Graphs of ours the source no longer has (or an entities graph half built): dropped before the copy.
      const known = new Set(graphs);
      const matched = [...held.values()].reduce((a, b) => a + b, 0);
      if (matched < before.quads) extra = (await step('listing its graphs under the base IRI', targetName, () => namesUnder(target, base, timeoutMs))).filter((g) => !known.has(g));
    }
  }
  const plan = graphs.filter((g) => held.get(g) !== sourceCounts.get(g));
  const stale = [...new Set([...extra, ...plan.filter((g) => held.has(g))])];
  const planQuads = plan.reduce((n, g) => n + sourceCounts.get(g)!, 0);
  log(`plan: copy ${plan.length} graphs (${planQuads} quads)${stale.length ? `, drop ${stale.length} graphs first` : ''}${graphs.length - plan.length ? `, keep ${graphs.length - plan.length} already copied` : ''}`);

  const outcome: MigrateOutcome = {
    graphs: graphs.length, quads, entitiesQuads, targetGraphsBefore: before.graphs, copiedGraphs: 0, copiedQuads: 0,
    dryRun: options.dryRun === true, verified: false, mismatches: [], targetQuads: before.quads,
  };
  if (options.dryRun) return outcome;

  for (const names of batchesOf(stale, 1000)) await step('dropping graphs before the copy', targetName, () => target.commit({ drop: names }));
  let batch: GraphWrite[] = [];
  let batchQuads = 0;
  const flush = async () => {
    if (!batch.length) return;
    const writes = batch;
    await step(`loading ${writes.length} graphs (${batchQuads} quads)`, targetName, () => load(writes));
    outcome.copiedGraphs += writes.length;
    outcome.copiedQuads += batchQuads;
    log(`copied ${outcome.copiedGraphs} of ${plan.length} graphs (${outcome.copiedQuads} of ${planQuads} quads)`);
    batch = [];
    batchQuads = 0;
  };
  for (const graph of plan) {
    const graphQuads = await step(`reading graph ${graph}`, sourceName, () => source.graph(graph));
    batch.push({ graph, quads: graphQuads });
    batchQuads += graphQuads.length;
    if (batchQuads >= (options.batchQuads ?? 100_000)) await flush();
  }
  await flush();
  if (entitiesQuads > 0 && target.rebuildEntities) {
    log(`${targetName}: building the entities graph ${entities} from the record graphs`);
    await step('building the entities graph', targetName, () => target.rebuildEntities!());
  }

  // Verify: every graph's count, the entities graph's, and the total under the base IRI.
  const after = await step('counting the quads per graph after the copy', targetName, () => countsOf(target, [...graphs, entities], options.countBatch ?? 500, timeoutMs));
  const total = await step('counting the quads after the copy', targetName, () => totalUnder(target, base, timeoutMs));
  outcome.targetQuads = total.quads;
  for (const g of graphs) {
    const got = after.get(g) ?? 0;
    if (got !== sourceCounts.get(g)) outcome.mismatches.push({ graph: g, source: sourceCounts.get(g)!, target: got });
  }
  const entitiesExpected = target.rebuildEntities ? entitiesQuads : 0;
  if ((after.get(entities) ?? 0) !== entitiesExpected) outcome.mismatches.push({ graph: entities, source: entitiesExpected, target: after.get(entities) ?? 0 });
  outcome.verified = outcome.mismatches.length === 0 && total.quads === quads + entitiesExpected;
  log(`verify: ${targetName} holds ${total.quads} quads under ${base}, the source ${quads + entitiesExpected}; ${outcome.mismatches.length} graphs differ`);
  return outcome;
}
