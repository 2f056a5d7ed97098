/**
 * The UiTdatabank Entry API as the hub's write-back uses it: the seam between the client that
 * speaks the protocol (entry-client.ts: OAuth2 client-credentials token, retries, problem
 * responses) and the push step that decides what to send (pipeline/push/). Documents are the
 * JSON bodies `entry.json` describes (models/event-post.json, place-post.json,
 * organizer-post.json); the push step builds them, the client sends them as they are.
 */
import { HubError } from '../../core/errors.js';

/** The three kinds of document the hub writes. */
export type EntryKind = 'events' | 'places' | 'organizers';

/** A request or response body as `entry.json` describes it. */
export type EntryDocument = Record<string, unknown>;

/** One schema error of a 400 answer (`schemaErrors` of publiq's problem details). */
export interface EntrySchemaError {
  jsonPointer: string;
  error: string;
}

/** An RFC 7807 problem as the Entry API answers it (`application/problem+json`). */
export interface EntryProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  schemaErrors?: EntrySchemaError[];
}

/** A request the Entry API refused for good (4xx other than 429), with its problem details. */
export class EntryApiError extends HubError {
  constructor(
    message: string,
    readonly method: string,
    readonly path: string,
    readonly problem: EntryProblem,
  ) {
    super(message, { code: 'ENTRY_API_REFUSED' });
  }
}

/**
 * A granular update: one sub-resource of a document, e.g. `PUT name/nl {"name":"…"}`; `POST` only
 * for `images` (`{"mediaObjectId": …}`, linking an image made by `uploadImage`).
 */
export interface EntryUpdate {
  method: 'PUT' | 'PATCH' | 'DELETE' | 'POST';
  /** Below `/{kind}/{id}/`, e.g. `name/nl`, `calendar`, `booking-availability`, `location/{placeId}`. */
  path: string;
  body?: unknown;
}

/**
 * What the push step needs of UiTdatabank. 429 and 5xx are retried inside (backoff, Retry-After);
 * a refusal rejects with `EntryApiError`; exhausted retries with `SourceUnavailableError`.
 */
export interface EntryApi {
  /** `POST /{kind}`: the new document's id (publiq answers `{ id, url }`; events also `commandId`). */
  create(kind: EntryKind, body: EntryDocument): Promise<{ id: string; url?: string }>;
  /** `GET /{kind}/{id}`: the document, or undefined when UiTdatabank answers 404 or 410 (deleted). */
  get(kind: EntryKind, id: string): Promise<EntryDocument | undefined>;
  /** One granular update on `/{kind}/{id}/{update.path}`. */
  update(kind: EntryKind, id: string, update: EntryUpdate): Promise<void>;
  /** `DELETE /{kind}/{id}`; resolves when the document is gone (404/410 count as gone). */
  remove(kind: EntryKind, id: string): Promise<void>;
  /**
   * The Search API (`GET {searchUrl}/{kind}` with `x-client-id`), for finding a document that
   * already exists before creating one: `params` as the Search API takes them (`q`, `text`,
   * `postalCode`, `dateFrom`, `labels`, `embed=true`, …); the `member` documents of the answer.
   */
  search(kind: EntryKind, params: Record<string, string>): Promise<EntryDocument[]>;
  /**
   * `POST /images` with a JSON body (`models/image-post.json`: contentUrl, description,
   * copyrightHolder, inLanguage): UiTdatabank imports the image from its URL; the new image's id,
   * to link with `update(kind, id, { method: 'POST', path: 'images', body: { mediaObjectId } })`.
   * Optional so that fakes of this interface need not offer it.
   */
  uploadImage?(body: EntryDocument): Promise<{ id: string; url?: string }>;
}
