/**
 * A push asked for by hand (`hub push uitdatabank <source>`, `POST /admin/push/:source`) or its
 * dry run (`--dry-run`, `GET /admin/push/:source`): the same step the close of a run calls.
 */
import type { HubConfig } from '../../config/schema.js';
import type { Store } from '../../store/store.js';
import { planPush, pushSource, type PushPlan } from './push-source.js';
import type { PushReport } from './push-report.js';
import { pushDeps, pushingSource, type EntryApiFactory } from './push-wiring.js';

export interface PushNowOptions {
  entryApi?: EntryApiFactory;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** What a push of the source would send; NotFoundError when the source does not push to UiTdatabank. */
export async function planNow(config: Pick<HubConfig, 'hub' | 'baseDir' | 'sources'>, store: Store, sourceId: string, options: PushNowOptions = {}): Promise<PushPlan> {
  const source = pushingSource(config, sourceId);
  return planPush(await pushDeps(config, store, source, options));
}

/** Pushes the source now (even when publishTo.uitdatabank.enabled is false: asked for by hand). */
export async function pushNow(config: Pick<HubConfig, 'hub' | 'baseDir' | 'sources'>, store: Store, sourceId: string, options: PushNowOptions = {}): Promise<PushReport> {
  const source = pushingSource(config, sourceId);
  return pushSource(await pushDeps(config, store, source, options));
}
