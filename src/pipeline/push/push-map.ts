/**
 * The push map: what the hub has sent to UiTdatabank for one source, kept in the hub's store so
 * that both run modes (embedded Oxigraph, a remote SPARQL store shared by BullMQ workers) see
 * the same map and it survives a kill -9. One small named graph per entry,
 * `{base}graph/push/uitdatabank/{sourceId}/{kind}/{hash of key}`, so that each write before and
 * after a remote call replaces one entry, not the whole map (a house's few hundred events would
 * otherwise rewrite the map hundreds of times per push). Six path segments: never taken for a
 * record graph (`{base}graph/{source}/{record}`), never entity data (written without `entity`).
 *
 * An entry holds the UiTdatabank id, the last document sent (the diff base of the next update),
 * its hash, the workflow state read back, the last outcome and problem, and an open `intent`:
 * written before a create (or delete), cleared after. An entry found with an open create intent
 * was cut off mid-push: the push step looks the event up by its marker before creating again.
 */
import { createHash } from 'node:crypto';
import { normaliseBase } from '../../core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../core/rdf.js';
import { HUB } from '../../core/vocab.js';
import type { EntryDocument, EntryKind } from '../../connectors/uitdatabank/entry-contract.js';
import type { Store, StoreReader } from '../../store/store.js';

/** What happened to an entry at its last push. */
export type PushState = 'created' | 'linked' | 'updated' | 'unchanged' | 'deleted' | 'refused' | 'failed';

/** A refusal or failure in words the house can act on (push-problems.ts). */
export interface PushProblem {
  /** What the hub tried: create, update name/nl, delete, … */
  action: string;
  /** HTTP status of the refusal, when UiTdatabank answered one. */
  status?: number;
  /** UiTdatabank's own words (problem title and detail, or the error message). */
  message: string;
  /** Per field: which field, what UiTdatabank said, what to change in the source. */
  fields?: { field: string; error: string; fix: string }[];
  /** Whether the next run tries again by itself (rate limits, 5xx, network). */
  retried: boolean;
}

export interface PushEntry {
  kind: EntryKind;
  /** The hub's key: the source record id for events; the hub entity IRI (or a draft key) for places and organizers. */
  key: string;
  /** The document's id in UiTdatabank, once known. */
  uitId?: string;
  /** The last document sent, as UiTdatabank now holds it as far as the hub knows (the base of the next diff). */
  sent?: EntryDocument;
  /** Hash of `sent` (sentHash): a draft with the same hash sends nothing. */
  hash?: string;
  /** The bookingAvailability and status types UiTdatabank holds as far as the hub knows (sent apart from the document). */
  booking?: string;
  status?: string;
  /** Linked to an event the house entered itself: the hub's marker label is not added to it. */
  unmarked?: boolean;
  /** The event's images the hub added: source image URL → UiTdatabank image id. */
  images?: Record<string, string>;
  /** The workflow state last read back (DRAFT, READY_FOR_VALIDATION, APPROVED, REJECTED, DELETED). */
  workflowStatus?: string;
  /** Created, but the configured workflow state (ready for validation) not yet set: set at the next push. */
  workflowPending?: boolean;
  /** Hash of the draft UiTdatabank last refused: the same draft is not sent again until the source changes. */
  refusedHash?: string;
  /** A remote call begun and not known to have finished (a crash in between leaves it open). */
  intent?: { op: 'create' | 'delete'; at: string; marker?: string };
  state: PushState;
  /** The event's name, for the report. */
  label?: string;
  problem?: PushProblem;
  /** When the entry last changed (ISO). */
  at: string;
}

const ENTRY = HUB('pushEntry');
const KEY = HUB('pushKey');

/** The folder of a source's entries: `{base}graph/push/uitdatabank/{sourceId}/`. */
export const pushGraphPrefix = (base: string, sourceId: string) => `${normaliseBase(base)}graph/push/uitdatabank/${sourceId}/`;

export const pushEntryGraph = (base: string, sourceId: string, kind: EntryKind, key: string) =>
  `${pushGraphPrefix(base, sourceId)}${kind}/${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;

/** A stable hash of a document (keys sorted), so the same content hashes the same whatever its key order. */
export function documentHash(doc: unknown): string {
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** One source's push map over the store: read whole at the start of a push, written an entry at a time. */
export class PushMap {
  constructor(
    private readonly store: Pick<Store, 'commit'> & Pick<StoreReader, 'select'>,
    private readonly base: string,
    readonly sourceId: string,
  ) {}

  /** Every entry of the source (of one kind, or all). */
  async entries(kind?: EntryKind): Promise<PushEntry[]> {
    const prefix = `${pushGraphPrefix(this.base, this.sourceId)}${kind ? `${kind}/` : ''}`;
    const rows = await this.store.select(`SELECT ?g ?json WHERE { GRAPH ?g { ?g <${ENTRY}> ?json } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(prefix)})) }`);
    const entries = rows.map((r) => JSON.parse(r.json!.value) as PushEntry);
    return entries.sort((a, b) => (a.kind === b.kind ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.kind < b.kind ? -1 : 1));
  }

  /** Writes one entry; durable once this resolves (a store commit). */
  async put(entry: PushEntry): Promise<void> {
    const graph = pushEntryGraph(this.base, this.sourceId, entry.kind, entry.key);
    const node = namedNode(graph);
    const quads: Quad[] = [quad(node, namedNode(KEY), literal(entry.key)), quad(node, namedNode(ENTRY), literal(JSON.stringify(entry)))];
    await this.store.commit({ put: [{ graph, quads }] });
  }

  /** Forgets an entry (a record deleted at the source and removed from UiTdatabank keeps its entry as `deleted`; this is for tests and resets). */
  async drop(kind: EntryKind, key: string): Promise<void> {
    await this.store.commit({ drop: [pushEntryGraph(this.base, this.sourceId, kind, key)] });
  }
}
