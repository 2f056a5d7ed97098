/**
 * The connector contract, after Singer taps: `check(config)` proves the source answers,
 * `read(config, state)` yields records, deletes and checkpoints. The pipeline persists
 * a checkpoint's state only after everything yielded before it is durably published,
 * so a crash resumes from the last checkpoint with nothing lost (records between the
 * checkpoint and the crash are read again; publishing is idempotent).
 *
 * A run that goes through the source's complete current set (a files run, an OAI-PMH
 * identifier list, a first or `--full` run) says so with a `listing` message: every record
 * still at the source has then been mentioned (by a record, a delete, an error carrying its id,
 * or `present`), and the pipeline deletes the source's published records that were not. The
 * store, not the connector's state, knows what is published, so no delete is lost when a crash
 * left the state behind the store.
 */
import type { ConnectorMessage } from '../core/records.js';

// Connector authors get the whole contract from this file; the message types live in core.
export type {
  RawRecord, RecordMessage, DeleteMessage, RecordErrorMessage, PresentMessage, ListingMessage, CheckpointMessage, ProgressMessage, ConnectorMessage,
} from '../core/records.js';

export interface ReadOptions {
  /** Ignore the state's cursor and read everything, ending with a `listing` message (deletes by difference). */
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
