/**
 * `hub push uitdatabank <source> [--dry-run] [--json]`: push a source's events into UiTdatabank
 * now, or list what a push would send (creates, updates with field-level diffs, deletes).
 *
 * As `hub links`: with `--url` (or $HUB_URL) through the running hub's admin API
 * (`/admin/push/:source`, the admin key from $HUB_ADMIN_KEY or hub.adminKey); without it on the
 * configured store itself (the embedded store only while the hub is stopped: one writer). While
 * `hub demo` runs, `hub push` asks the demo (its URL and admin key from the demo session file).
 */
import { adminApiCall } from './admin-api.js';
import { openStoreForCommand } from './open-store.js';
import type { HubConfig } from '../config/schema.js';
import { planNow, pushNow } from '../pipeline/push/push-now.js';
import type { PushReport } from '../pipeline/push/push-report.js';
import type { PushPlan } from '../pipeline/push/push-source.js';
import { planText, reportText } from '../pipeline/push/push-text.js';
import { pushingSource } from '../pipeline/push/push-wiring.js';

export interface PushOptions {
  dryRun?: boolean;
  json?: boolean;
  url?: string;
  /** The admin key for `url` (a running demo's, from its session file); else $HUB_ADMIN_KEY or hub.adminKey. */
  adminKey?: string;
}

type Out = { write(text: string): unknown };

export const PUSH_TARGETS = ['uitdatabank'];

async function overApi(url: string, key: string | undefined, sourceId: string, dryRun: boolean): Promise<PushPlan | PushReport> {
  if (!key) throw new Error('hub push --url needs the admin key: set $HUB_ADMIN_KEY (or hub.adminKey in the configuration)');
  return adminApiCall<PushPlan | PushReport>(url, key, dryRun ? 'GET' : 'POST', `admin/push/${encodeURIComponent(sourceId)}`);
}

async function onStore(config: HubConfig, sourceId: string, dryRun: boolean): Promise<PushPlan | PushReport> {
  pushingSource(config, sourceId);
  // Even a dry run resolves places against the map only; it writes nothing, so read-only is enough for it.
  const store = await openStoreForCommand(config, { write: !dryRun });
  try {
    return dryRun ? await planNow(config, store, sourceId) : await pushNow(config, store, sourceId);
  } finally {
    await store.close();
  }
}

/** Runs `hub push <target> <source>`; returns the exit code (1 when an event was refused or failed, or the push stopped). */
export async function pushCommand(config: HubConfig, target: string, sourceId: string, opts: PushOptions, out: Out = process.stdout): Promise<number> {
  if (!PUSH_TARGETS.includes(target)) throw new Error(`Unknown push target "${target}" (${PUSH_TARGETS.join(', ')})`);
  const url = opts.url ?? process.env.HUB_URL;
  const dryRun = opts.dryRun === true;
  const result = url ? await overApi(url, opts.adminKey ?? process.env.HUB_ADMIN_KEY ?? config.hub.adminKey, sourceId, dryRun) : await onStore(config, sourceId, dryRun);
  if (opts.json) out.write(`${JSON.stringify(result, null, 1)}\n`);
  else out.write(dryRun ? planText(result as PushPlan) : reportText(result as PushReport));
  if (dryRun) return (result as PushPlan).failure ? 1 : 0;
  const report = result as PushReport;
  return report.failure || report.counts.failed || report.counts.refused ? 1 : 0;
}
