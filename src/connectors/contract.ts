/**
 * The connector contract, after Singer taps: `check(config)` proves the source answers,
 * `read(config, state)` yields records, deletes and checkpoints. The pipeline persists
 * a checkpoint's state only after everything yielded before it is durably published,
 * so a crash resumes from the last checkpoint with nothing lost (records between the
 * checkpoint and the crash are read again; publishing is idempotent).
 */

/** One record as the source gave it, before any mapping. */
export interface RawRecord {
  sourceId: string;
  /** The source's own identifier of the record (stable across runs). */
  recordId: string;
  /** Media type of `body`, e.g. application/ld+json, application/xml, text/csv. */
  mediaType: string;
  body: string;
  /** When the source says the record last changed (ISO 8601), if it says. */
  modified?: string;
  /** Where a person can see the record at the source (for reports). */
  link?: string;
  /**
   * Characters XML cannot carry that the connector had to remove from the payload before it could
   * parse it ("U+001B ×2"), e.g. from an OAI-PMH page; the pipeline reports them as a warning.
   */
  removedCharacters?: string;
  /** Connector-specific facts the mapping may need (e.g. OAI set, organisation). */
  meta?: Record<string, string | undefined>;
}

export interface RecordMessage {
  type: 'record';
  record: RawRecord;
}

export interface DeleteMessage {
  type: 'delete';
  sourceId: string;
  recordId: string;
  /** When the source deleted it, if known (ISO 8601). */
  deleted?: string;
}

/** A record the connector could read but not make sense of (malformed page item, bad JSON...). */
export interface RecordErrorMessage {
  type: 'error';
  sourceId: string;
  /** The record id if it could be made out, else a locator such as the page URL and index. */
  recordId: string;
  message: string;
  page?: string;
}

export interface CheckpointMessage<S = unknown> {
  type: 'checkpoint';
  state: S;
}

/** Counts a connector reports as it goes (pages fetched, retries), for progress lines. */
export interface ProgressMessage {
  type: 'progress';
  pages?: number;
  retries?: number;
  note?: string;
}

export type ConnectorMessage<S = unknown> =
  | RecordMessage
  | DeleteMessage
  | RecordErrorMessage
  | CheckpointMessage<S>
  | ProgressMessage;

export interface ReadOptions {
  /** Ignore the state's cursor and read everything (deletes by difference where the source hides them). */
  full?: boolean;
  signal?: AbortSignal;
}

export interface CheckResult {
  ok: boolean;
  message: string;
}

export interface Connector<C = unknown, S = unknown> {
  /** The `type` value in configuration that selects this connector. */
  readonly type: string;
  check(config: C, sourceId: string): Promise<CheckResult>;
  read(config: C, state: S | undefined, sourceId: string, options?: ReadOptions): AsyncIterable<ConnectorMessage<S>>;
}
