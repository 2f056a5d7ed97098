/**
 * The push report of a source: per event what the last push did (created, linked, updated,
 * unchanged, deleted, refused, failed), its UiTdatabank id and workflow state, and refusals in
 * plain words. Kept in the store beside the push map (`{base}graph/push/uitdatabank/{sourceId}/report`)
 * so that `hub serve` shows what a worker pushed; the sources page and /admin/push read it.
 */
import { literal, namedNode, quad } from '../../core/rdf.js';
import { HUB } from '../../core/vocab.js';
import type { Store, StoreReader } from '../../store/store.js';
import { pushGraphPrefix, type PushProblem, type PushState } from './push-map.js';

export interface PushReportItem {
  recordId: string;
  label?: string;
  state: PushState;
  uitId?: string;
  /** UiTdatabank's URL of the event, when it has an id. */
  url?: string;
  workflowStatus?: string;
  problem?: PushProblem;
}

export interface PushReport {
  sourceId: string;
  startedAt: string;
  finishedAt: string;
  /** Counts per state. */
  counts: Record<PushState, number>;
  items: PushReportItem[];
  /** Places and organizers the push created or linked this time. */
  participants: { kind: 'places' | 'organizers'; key: string; name?: string; state: PushState; uitId?: string; problem?: PushProblem }[];
  /** Why the push as a whole stopped (e.g. the drafts could not be built); events pushed before it stay. */
  failure?: string;
}

export const PUSH_STATES: PushState[] = ['created', 'linked', 'updated', 'unchanged', 'deleted', 'refused', 'failed'];

export const emptyPushCounts = (): Record<PushState, number> => Object.fromEntries(PUSH_STATES.map((s) => [s, 0])) as Record<PushState, number>;

const REPORT = HUB('pushReport');
export const pushReportGraph = (base: string, sourceId: string) => `${pushGraphPrefix(base, sourceId)}report`;

export async function savePushReport(store: Pick<Store, 'commit'>, base: string, report: PushReport): Promise<void> {
  const graph = pushReportGraph(base, report.sourceId);
  await store.commit({ put: [{ graph, quads: [quad(namedNode(graph), namedNode(REPORT), literal(JSON.stringify(report)))] }] });
}

/** The source's last push report, if it was ever pushed. */
export async function loadPushReport(store: Pick<StoreReader, 'select'>, base: string, sourceId: string): Promise<PushReport | undefined> {
  const graph = pushReportGraph(base, sourceId);
  const rows = await store.select(`SELECT ?json WHERE { GRAPH <${graph}> { <${graph}> <${REPORT}> ?json } }`);
  return rows[0] ? (JSON.parse(rows[0].json!.value) as PushReport) : undefined;
}
