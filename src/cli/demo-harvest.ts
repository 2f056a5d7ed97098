/**
 * `hub harvest` while `hub demo` runs: the demo's process owns the embedded store (one writer per
 * data folder), so the command asks the demo to harvest through its admin API (the key from the
 * session file, demo-session.ts) and follows the run on /sources until it is closed.
 */
import { HubError } from '../core/errors.js';
import type { RunSummary } from '../reports/run-summary.js';
import type { DemoSession } from './demo-session.js';

interface SourceRow {
  id: string;
  running: boolean;
  lastRun: RunSummary | null;
}

export interface DemoHarvestOptions {
  full?: boolean;
  /** Milliseconds between looks at /sources. @defaultValue 250 */
  pollMs?: number;
  onWaiting?: () => void;
}

async function sourceRow(session: DemoSession, sourceId: string): Promise<SourceRow> {
  const res = await fetch(new URL('sources', session.url), { headers: { accept: 'application/json' } });
  if (!res.ok) throw new HubError(`The running demo at ${session.url} answered ${res.status} on /sources`);
  const row = ((await res.json()) as { sources: SourceRow[] }).sources.find((s) => s.id === sourceId);
  if (!row) throw new HubError(`The running demo at ${session.url} has no source "${sourceId}"`);
  return row;
}

export async function harvestThroughDemo(session: DemoSession, sourceId: string, options: DemoHarvestOptions = {}): Promise<RunSummary> {
  if (!session.adminKey) throw new HubError(`The demo at ${session.url} runs with no admin key, so it cannot be asked to harvest; stop it (Ctrl+C) and run \`hub harvest ${sourceId}\` again, or set HUB_ADMIN_KEY before \`npm start\``);
  const before = await sourceRow(session, sourceId);
  const url = new URL(`admin/sources/${encodeURIComponent(sourceId)}/harvest${options.full ? '?full=true' : ''}`, session.url);
  const res = await fetch(url, { method: 'POST', headers: { 'x-admin-key': session.adminKey } });
  if (res.status !== 202) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new HubError(`The running demo at ${session.url} did not start the harvest: ${res.status} ${problem.detail ?? ''}`.trim());
  }
  const { joined } = (await res.json()) as { joined?: boolean };
  if (joined) process.stderr.write(`A harvest of ${sourceId} was already running in the demo; following it\n`);
  const previous = before.lastRun?.runId;
  for (;;) {
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    const row = await sourceRow(session, sourceId);
    // Closed: no longer running, and the last run is a new one (ours, or the one we joined).
    if (!row.running && row.lastRun && row.lastRun.runId !== previous) return row.lastRun;
    options.onWaiting?.();
  }
}
