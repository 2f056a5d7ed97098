/**
 * `hub store verify` and `hub store repair`: the embedded store's files checked and, when damaged,
 * cut back to what precedes the damage (store/oxigraph/store-files.ts). Repair then forgets the
 * saved checkpoints of every source whose records may have been in the part not kept (on disk and,
 * in distributed mode, in Redis), so their next harvest reads them from scratch: a complete
 * listing, which also deletes what is gone from the source.
 */
import type { HubConfig } from '../config/schema.js';
import { normaliseBase } from '../core/identifiers.js';
import { errorMessage } from '../core/errors.js';
import { StateStore } from '../pipeline/state-store.js';
import { repairStoreFiles, verifyStoreFiles, type JournalReport, type SnapshotReport, type StoreFilesReport } from '../store/oxigraph/store-files.js';

const seqs = (first?: number, last?: number) => (first === undefined ? '' : first === last ? ` (seq ${first})` : ` (seq ${first}–${last})`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function snapshotLine(path: string, s: SnapshotReport): string {
  if (s.state === 'absent') return `snapshot ${path}: none (every commit is in the journal)`;
  if (s.state === 'damaged') return `snapshot ${path}: DAMAGED: ${s.problem}`;
  return `snapshot ${path}: seq ${s.seq}, ${s.quads} quads, ${s.checked ? 'checksum sound' : 'written before checksums (read unchecked)'}`;
}

function journalLines(path: string, j: JournalReport, sources: (graphs: string[]) => string): string[] {
  const { kept } = j;
  const unchecked = kept.unchecked > 0 ? `, ${kept.unchecked} of them written before checksums (read unchecked)` : '';
  if (!j.damage) {
    const lines = [`journal ${path}: ${kept.entries} entries${seqs(kept.firstSeq, kept.lastSeq)}, checksums sound${unchecked}`];
    if (j.torn) lines.push(`  an incomplete last entry at byte ${j.torn.start}: a write torn by a crash, never acknowledged (cut off at the next start)`);
    return lines;
  }
  const where = j.damage.seq !== undefined ? `entry seq ${j.damage.seq} at byte ${j.damage.start}` : `the entry after seq ${j.damage.afterSeq ?? '(none)'} at byte ${j.damage.start}`;
  const lost = j.lost!;
  const touched = lost.unknown ? 'graphs that cannot be told (a header is unreadable)' : `${lost.graphs.length} graphs${sources(lost.graphs)}`;
  return [
    `journal ${path}: DAMAGED at ${where}: ${j.damage.reason}`,
    `  sound before it: ${kept.entries} entries${seqs(kept.firstSeq, kept.lastSeq)}${unchecked}`,
    `  from it on: ${lost.entries} entries (${mb(lost.bytes)}) touching ${touched}`,
  ];
}

/** Which configured sources graphs belong to; `other`: graphs that are neither a source's records nor a run report. */
export function sourcesOfGraphs(graphs: string[], config: HubConfig): { sources: string[]; other: string[] } {
  const base = `${normaliseBase(config.hub.baseIri)}graph/`;
  const runs = `${normaliseBase(config.hub.baseIri)}run/`;
  const ids = new Set(config.sources.map((s) => s.id));
  const sources = new Set<string>();
  const other: string[] = [];
  for (const graph of graphs) {
    // {base}run/{sourceId}/{runId}/published/{key}: a publication node, what a batch of the source's records share.
    const segments = graph.startsWith(base) ? graph.slice(base.length).split('/') : graph.startsWith(runs) ? graph.slice(runs.length).split('/') : [];
    // {base}graph/reports/{sourceId}/{runId}: a run report, harvested again with the next run.
    if (segments[0] === 'reports' && segments.length === 3 && ids.has(segments[1]!)) continue;
    if (segments.length >= 2 && ids.has(segments[0]!)) sources.add(segments[0]!);
    else other.push(graph);
  }
  return { sources: [...sources].sort(), other };
}

/** `hub store verify`: prints what it found; exit code 0 sound, 1 damaged. */
export async function verifyCommand(config: HubConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (config.hub.store.type !== 'oxigraph') {
    out.write('hub store verify checks the embedded store; this configuration uses a remote SPARQL store (hub.store.type: sparql)\n');
    return 0;
  }
  const report = await verifyStoreFiles(config.hub.dataDir);
  const names = (graphs: string[]) => {
    const { sources, other } = sourcesOfGraphs(graphs, config);
    return `${sources.length ? ` of source(s) ${sources.join(', ')}` : ''}${other.length ? `${sources.length ? ' and' : ''} ${other.length} other(s)` : ''}`;
  };
  out.write(`${snapshotLine(report.snapshotPath, report.snapshot)}\n`);
  for (const line of journalLines(report.journalPath, report.journal, names)) out.write(`${line}\n`);
  out.write(report.ok ? 'The store is sound.\n' : `The store is damaged. ${repairPlan(report)}\n`);
  return report.ok ? 0 : 1;
}

function repairPlan(report: StoreFilesReport): string {
  const keeps = [
    report.snapshot.state === 'sound' ? `the snapshot (seq ${report.snapshot.seq})` : undefined,
    report.journal.kept.entries > 0 ? `the ${report.journal.kept.entries} sound journal entries before the damage` : undefined,
  ].filter(Boolean);
  return `Stop the hub, then \`hub store repair\` keeps ${keeps.join(' and ') || 'nothing'}, moves the damaged files aside, and has the next harvest of each source the damage touched read it from scratch.`;
}

/** `hub store repair`: keeps what precedes the damage and forgets the checkpoints of the sources it touched. */
export async function repairCommand(config: HubConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (config.hub.store.type !== 'oxigraph') {
    out.write('hub store repair repairs the embedded store; this configuration uses a remote SPARQL store (hub.store.type: sparql)\n');
    return 0;
  }
  const outcome = await repairStoreFiles(config.hub.dataDir);
  const { before } = outcome;
  if (before.ok) {
    out.write('The store is sound: nothing to repair.\n');
    return 0;
  }
  const kept = [
    before.snapshot.state === 'sound' ? `the snapshot (seq ${before.snapshot.seq}, ${before.snapshot.quads} quads)` : undefined,
    before.journal.kept.entries > 0 ? `${before.journal.kept.entries} journal entries${seqs(before.journal.kept.firstSeq, before.journal.kept.lastSeq)}` : undefined,
  ].filter(Boolean);
  out.write(`Kept: ${kept.join(' and ') || 'nothing'}.\n`);
  for (const { from, to } of outcome.moved) out.write(`Moved aside: ${from} -> ${to}\n`);

  let again = config.sources.map((s) => s.id);
  let why = outcome.everything ? 'the snapshot was damaged' : 'a damaged journal entry does not say which graphs it held';
  if (outcome.lostGraphs) {
    const { sources, other } = sourcesOfGraphs(outcome.lostGraphs, config);
    if (other.length === 0) {
      again = sources;
      why = 'their records were in the part not kept';
    } else {
      why = `${other.length} graph(s) in the part not kept belong to no configured source (e.g. ${other[0]})`;
    }
  }
  const states = new StateStore(config.hub.dataDir);
  for (const id of again) await states.forgetCheckpoint(id);
  if (config.hub.redisUrl && again.length > 0) await forgetDistributedCheckpoints(config, again, out);
  if (again.length === 0) {
    out.write('No source had records in the part not kept (only run reports): nothing to harvest again.\n');
  } else {
    out.write(`Their next harvest reads these sources from scratch (${why}; saved checkpoints cleared) and deletes what is gone: ${again.join(', ')}\n`);
    out.write('Run `hub harvest <source>` for each, or start `hub serve` and let the schedules do it.\n');
  }
  return 0;
}

async function forgetDistributedCheckpoints(config: HubConfig, ids: string[], out: NodeJS.WritableStream): Promise<void> {
  const { HubQueueSet } = await import('../queue/hub-queues.js');
  const set = new HubQueueSet(config);
  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Redis did not answer within 10 s')), 10_000).unref());
    await Promise.race([Promise.all(ids.map((id) => set.state.forgetCheckpoint(id))), timeout]);
  } catch (error) {
    out.write(`Could not clear the checkpoints in Redis (${errorMessage(error)}): run \`hub harvest <source> --full\` for ${ids.join(', ')}.\n`);
  } finally {
    await set.close();
  }
}
