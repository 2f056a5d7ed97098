/**
 * A source's first harvest into the store: none of its graphs are there yet, so its commits say
 * so (ChangeSet.fresh) and the store need not clear them before writing them (Virtuoso spends
 * ~0.8 s clearing the 4000 new graphs of a 2000-record commit, beside ~1.2 s loading them).
 */
import { sourceIri } from '../core/identifiers.js';
import { HUB } from '../core/vocab.js';
import type { Store } from '../store/store.js';
import type { SourceStateFile, StateStore } from './state-store.js';

/**
 * True when the state holds no trace of an earlier run, checkpoint or commit of the source and
 * the store holds no provenance naming it (the state may have been lost, or the store shared).
 * When true, the state is marked before anything is committed, so that a run killed part-way is
 * not taken for a first harvest again. When the store cannot say, false: clearing is always safe.
 */
export async function firstHarvest(store: Store, states: StateStore, state: SourceStateFile, baseIri: string, sourceId: string): Promise<boolean> {
  if (state.runs.length > 0 || state.connector !== undefined || state.stored) return false;
  let held: boolean;
  try {
    // Provenance graphs (and tombstones) say which source their record graph came from.
    held = await store.ask(`ASK { GRAPH ?node { ?node <${HUB('source')}> <${sourceIri(baseIri, sourceId)}> } }`, { timeoutMs: 30_000 });
  } catch {
    return false;
  }
  if (held) return false;
  await states.markStored(sourceId);
  return true;
}

/**
 * The records a run has put so far, kept as 30-bit hashes of their ids (small integers, some
 * 16 MB for a million records rather than the ids themselves). A record put a second time in the
 * run (updated while it was harvested) is no longer fresh; a false hit of the hash only costs a
 * clear that was not needed.
 */
export class PutRecords {
  private readonly hashes = new Set<number>();

  /** True the first time `recordId` is added. */
  add(recordId: string): boolean {
    // FNV-1a over the UTF-16 code units.
    let h = 0x811c9dc5;
    for (let i = 0; i < recordId.length; i++) {
      h ^= recordId.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    const key = h & 0x3fffffff;
    if (this.hashes.has(key)) return false;
    this.hashes.add(key);
    return true;
  }
}

/** The record a graph belongs to: its record graph IRI (its provenance and matching graphs name it with `/provenance`, `/matching` appended). */
const recordOf = (graph: string) => graph.replace(/\/(provenance|matching)$/, '');

/** Runs remembered at once; an older run seen again is asked about afresh (and is no longer fresh: the store holds its graphs). */
const RUNS_KEPT = 64;

/**
 * The fresh graphs of a distributed run, worked out where batches are published: the process
 * jobs cannot ask the store, but the publish side applies a run's batches strictly in order, so it
 * can tell a record's first put in the run as the embedded run does (PutRecords, by graph IRI).
 * A run is a first harvest when, at the first of its batches this process publishes, the store
 * holds nothing of the source (firstHarvest). A process that restarts mid-run asks again and finds
 * the graphs already published: nothing is fresh from then on, which is always safe.
 */
export class FreshGraphs {
  private readonly runs = new Map<string, PutRecords | false>();

  constructor(
    private readonly store: Store,
    private readonly states: StateStore,
    private readonly baseIri: string,
  ) {}

  /** The put graphs of this batch that the store does not hold, in the order given. */
  async of(sourceId: string, runId: string, put: readonly { graph: string }[], drop: readonly string[]): Promise<string[]> {
    const key = `${sourceId}\u0000${runId}`;
    let records = this.runs.get(key);
    if (records === undefined) {
      records = (await firstHarvest(this.store, this.states, await this.states.read(sourceId), this.baseIri, sourceId)) ? new PutRecords() : false;
      this.runs.set(key, records);
      if (this.runs.size > RUNS_KEPT) this.runs.delete(this.runs.keys().next().value!);
    }
    if (!records) return [];
    // A record dropped (deleted) in the run is no longer fresh when it is put again.
    for (const graph of drop) records.add(recordOf(graph));
    const firstPut = new Set<string>();
    for (const { graph } of put) if (records.add(recordOf(graph))) firstPut.add(recordOf(graph));
    return put.filter((w) => firstPut.has(recordOf(w.graph))).map((w) => w.graph);
  }
}
