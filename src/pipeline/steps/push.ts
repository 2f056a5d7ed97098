/**
 * The push step after a run closes, for both run modes (run-source.ts in one process, the
 * publish worker's last job in distributed mode): a source with `publishTo.uitdatabank` pushes
 * what it has published into UiTdatabank (pipeline/push/push-source.ts). It never fails the
 * harvest run: whatever goes wrong lands in the push report (and the log), and the next run
 * tries again.
 */
import { errorMessage } from '../../core/errors.js';
import type { HubConfig } from '../../config/schema.js';
import type { RunSummary } from '../../reports/run-summary.js';
import type { Store } from '../../store/store.js';
import { pushSource } from '../push/push-source.js';
import { emptyPushCounts, loadPushReport, savePushReport, type PushReport } from '../push/push-report.js';
import { pushDeps, pushSettings, type EntryApiFactory } from '../push/push-wiring.js';

export interface PushStepContext {
  config: Pick<HubConfig, 'hub' | 'baseDir' | 'sources'>;
  store: Store;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Tests give an Entry API of their own. */
  entryApi?: EntryApiFactory;
}

/** Pushes the run's source when it pushes; undefined when it does not. Never rejects. */
export async function pushAfterRun(ctx: PushStepContext, run: Pick<RunSummary, 'sourceId' | 'runId' | 'status'>): Promise<PushReport | undefined> {
  const source = ctx.config.sources.find((s) => s.id === run.sourceId);
  if (!source || !pushSettings(source)) return undefined;
  const startedAt = new Date().toISOString();
  try {
    const deps = await pushDeps(ctx.config, ctx.store, source, { entryApi: ctx.entryApi, log: ctx.log });
    const report = await pushSource(deps);
    ctx.log?.('push finished', { sourceId: run.sourceId, runId: run.runId, ...report.counts, ...(report.failure ? { failure: report.failure } : {}) });
    return report;
  } catch (error) {
    // The push could not start or could not store its map: say so where the house looks.
    const failure = errorMessage(error);
    ctx.log?.('push failed', { sourceId: run.sourceId, runId: run.runId, error: failure });
    // The last report's events stay shown, with why this push did not happen.
    const previous = await loadPushReport(ctx.store, ctx.config.hub.baseIri, run.sourceId).catch(() => undefined);
    const report: PushReport = { ...(previous ?? { counts: emptyPushCounts(), items: [], participants: [] }), sourceId: run.sourceId, startedAt, finishedAt: new Date().toISOString(), failure };
    await savePushReport(ctx.store, ctx.config.hub.baseIri, report).catch(() => undefined);
    return report;
  }
}
