/**
 * Per-source harvest state on disk (`dataDir/state/{sourceId}.json`): the connector's last
 * durable checkpoint and the recent run summaries (distributed mode keeps its own in Redis,
 * queue/redis-source-state.ts). Written atomically, and only after the
 * records before the checkpoint are committed to the store.
 */
import { mkdir, readFile, rename, writeFile, open } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrunedDetail, RunSummary } from '../reports/run-summary.js';

export interface SourceStateFile {
  connector?: unknown;
  runs: RunSummary[];
  /** Set before a source's first harvest commits anything: from then on its graphs may be in the store. */
  stored?: boolean;
}

/** Run summaries kept when the caller does not say (hub.reports.keepSummaryRuns decides in closeRun). */
const KEEP_RUNS = 100;

export class StateStore {
  constructor(private readonly dataDir: string) {}

  private file(sourceId: string) {
    return join(this.dataDir, 'state', `${sourceId}.json`);
  }

  async read(sourceId: string): Promise<SourceStateFile> {
    try {
      return JSON.parse(await readFile(this.file(sourceId), 'utf8')) as SourceStateFile;
    } catch {
      return { runs: [] };
    }
  }

  async write(sourceId: string, state: SourceStateFile): Promise<void> {
    const file = this.file(sourceId);
    await mkdir(join(this.dataDir, 'state'), { recursive: true });
    const tmp = `${file}.tmp`;
    await writeFile(tmp, JSON.stringify(state));
    const handle = await open(tmp, 'r+');
    await handle.sync();
    await handle.close();
    await rename(tmp, file);
  }

  /** Reads the state, changes it and writes it back (the callers of one source never overlap). */
  private async change(sourceId: string, next: (state: SourceStateFile) => SourceStateFile): Promise<void> {
    await this.write(sourceId, next(await this.read(sourceId)));
  }

  saveCheckpoint(sourceId: string, connectorState: unknown): Promise<void> {
    return this.change(sourceId, (state) => ({ ...state, connector: connectorState }));
  }

  /** Forgets the connector's checkpoint: the next run reads the source from scratch, a complete listing (`hub store repair`). */
  forgetCheckpoint(sourceId: string): Promise<void> {
    return this.change(sourceId, ({ connector: _dropped, ...state }) => state);
  }

  markStored(sourceId: string): Promise<void> {
    return this.change(sourceId, (state) => ({ ...state, stored: true }));
  }

  /** Adds (or replaces) a run's summary and keeps the newest `keep` of them. */
  addRun(sourceId: string, run: RunSummary, keep = KEEP_RUNS): Promise<void> {
    return this.change(sourceId, (state) => ({ ...state, runs: [...state.runs.filter((r) => r.runId !== run.runId), run].slice(-keep) }));
  }

  /** Records what the pruned detail of runs came to (hub.reports.keepDetailRuns), so their pages say so. */
  markPruned(sourceId: string, details: Record<string, PrunedDetail>): Promise<void> {
    return this.change(sourceId, (state) => ({ ...state, runs: state.runs.map((r) => (details[r.runId] && !r.pruned ? { ...r, pruned: details[r.runId] } : r)) }));
  }
}
