/**
 * The record contract between connectors and the rest of the hub: the raw record a source gives
 * and the messages a connector yields. It lives in core because mapping, validation, the pipeline
 * and the queue all read records and none of them may import connectors/.
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

/**
 * Records still at the source that this run yields nothing else for: unchanged since they were
 * published, or read before the checkpoint a resumed run started from.
 */
export interface PresentMessage {
  type: 'present';
  sourceId: string;
  recordIds: string[];
}

/**
 * The run has gone through the source's complete current set (complete), or meant to and could
 * not (a file or page unreadable, a record whose id could not be made out): `reason` says why,
 * and no record is deleted by difference that run. Sent once, when the listing ends; records
 * mentioned after it (a change feed read next) still count as mentioned.
 */
export interface ListingMessage {
  type: 'listing';
  complete: boolean;
  /** Why the listing is incomplete. */
  reason?: string;
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
  | PresentMessage
  | ListingMessage
  | CheckpointMessage<S>
  | ProgressMessage;
