/**
 * What the hub sends to UiTdatabank's Entry API (issue 18), written first so the push step
 * (pipeline/push/) and the document builder can be built side by side.
 *
 *   event-drafts.ts       a source's published record graphs → EventDraft (Entry API bodies + problems)
 *   published-records.ts  the store reads: published records, record graphs, cluster IRIs, UiTdatabank ids
 *   public-event.ts       a record graph → its public facts, through a predicate allowlist
 *   event-body.ts         public facts → event-post body, images, problems; withParticipants
 *   participants.ts       the venue and the organizer as PlaceDraft / OrganizerDraft
 *   genre-map.ts          Ticketmatic genre → publiq terms (mappings/uitdatabank-push/)
 *   document-diff.ts      what was last sent (or UiTdatabank holds) vs what is built now → field changes
 *   event-updates.ts      field changes → granular Entry API updates (a full PUT only where none fits)
 *
 * Only public data leaves the hub: the builder reads an explicit allowlist of predicates from the
 * record graphs (titles, descriptions, time-spans, venue name/address/geo, prices, images, genre,
 * sold-out flag) and never contacts, customers, orders or ticket holders (public-event.ts).
 */
import type { StoreReader } from '../../store/store.js';

/**
 * A body as `entry.json` describes it. The same shape as connectors/uitdatabank/entry-contract.ts
 * (publication may not import connectors: layering), so the push step passes these on as they are.
 */
export type EntryDocument = Record<string, unknown>;

/** A granular update below `/events/{id}/`, structurally entry-contract.ts's EntryUpdate. */
export interface EntryUpdate {
  method: 'PUT' | 'PATCH' | 'DELETE';
  /** E.g. `name/nl`, `calendar`, `booking-availability`, `location/{placeId}`; '' for the whole document. */
  path: string;
  body?: unknown;
}

/** UiTdatabank's bookingAvailability types (common-bookingAvailability.json). */
export type BookingAvailability = 'Available' | 'Unavailable';

/** UiTdatabank's status types (common-status.json). */
export type EventStatus = 'Available' | 'Unavailable' | 'TemporarilyUnavailable';

/**
 * Something the house must act on before (or after) the event goes out, in plain words:
 * which Entry API field, which Ticketmatic field feeds it, what to change.
 */
export interface DraftProblem {
  /** The Entry API field, e.g. `terms`, `calendarType`, `location`. */
  field: string;
  /** The source field that feeds it, e.g. `c_genre`, `startts`, `locationid`. */
  sourceField: string;
  message: string;
  /** `error`: the event cannot be sent (a required field is missing); `warning`: it can, less complete. */
  severity: 'error' | 'warning';
}

/** A postal address as place-post.json wants it (one language). */
export interface DraftAddress {
  streetAddress: string;
  postalCode: string;
  addressLocality: string;
  addressCountry: string;
}

/**
 * The venue of an event: to be found in UiTdatabank (reconciliation, by `uitdatabankId` or by
 * name + address) and created from `body` only when none matches.
 */
export interface PlaceDraft {
  /** The place's hub IRI as the record graph names it (canonical when it is in a cluster). */
  entity: string;
  /** Every IRI known for it: the cluster's members and their owl:sameAs targets. */
  members: string[];
  /** A UiTdatabank place id (uuid) a member of the same cluster carries (`https://io.uitdatabank.be/places/{id}`), if any. */
  uitdatabankId?: string;
  name: string;
  address?: DraftAddress;
  geo?: { lat: number; long: number };
  /** A place-post.json body (the venue's terms: a place type; Locatie by default). */
  body: EntryDocument;
}

/** The organizer of an event (the house, from the push configuration): found, or created from `body`. */
export interface OrganizerDraft {
  /** The organiser's hub IRI when the hub knows one, else the house's configured URL. */
  entity: string;
  members: string[];
  uitdatabankId?: string;
  name: string;
  /** An organizer-post.json body. */
  body: EntryDocument;
}

export interface EventDraft {
  sourceId: string;
  recordId: string;
  /** The record graph IRI (`{base}graph/{sourceId}/{recordId}`). */
  graph: string;
  /** The activity's hub IRI (canonical when clustered). */
  entity: string;
  /** Every IRI known for the activity (cluster members, owl:sameAs targets). */
  members: string[];
  /** A UiTdatabank event id a member of the same cluster carries (an event entered by hand before): link and update it, never create. */
  uitdatabankId?: string;
  /**
   * The event-post.json body, complete except `location` and `organizer`, which the push step
   * fills with `{ "@id": "https://io.uitdatabank.be/places/{id}" }` (`withParticipants`) once the
   * place / organizer is found or created.
   */
  body: EntryDocument;
  place?: PlaceDraft;
  organizer?: OrganizerDraft;
  /**
   * Images to import by URL and link to the event (image-post.json bodies: `POST /images` with
   * `contentUrl`, then `POST /events/{id}/images` with the new image's id). Not in `body`: an
   * event-post's `mediaObject` takes UiTdatabank image ids only.
   */
  images: EntryDocument[];
  bookingAvailability: BookingAvailability;
  status: EventStatus;
  /** Empty when the event can be sent as is. A draft with an `error` problem must not be sent. */
  problems: DraftProblem[];
}

/** One Ticketmatic genre's place in publiq's taxonomy (mappings/uitdatabank-push/ticketmatic-genres.yml). */
export interface GenreTerms {
  /** An eventtype term id (required for an event). */
  type: { id: string; label: string };
  theme?: { id: string; label: string };
}

/** Genre label (as Ticketmatic writes it, matched case-insensitively) → terms. */
export type GenreMap = Record<string, GenreTerms>;

/** The house's public contact for tickets (never a person's): bookingInfo of every event. */
export interface PublicBookingInfo {
  /** Ticket shop URL; `{eventId}` is replaced by the Ticketmatic event id. */
  urlTemplate?: string;
  urlLabel?: string;
  phone?: string;
  email?: string;
}

/** The house as organizer (from the push configuration). */
export interface OrganizerSettings {
  name: string;
  /** Its website (organizer-post.json requires a url). */
  url: string;
  uitdatabankId?: string;
}

export interface BuildOptions {
  sourceId: string;
  baseIri: string;
  genres: GenreMap;
  /** @defaultValue 'nl' */
  mainLanguage?: 'nl' | 'fr' | 'de' | 'en';
  booking?: PublicBookingInfo;
  organizer?: OrganizerSettings;
  /** Only these records (a pipeline batch); all of the source's published records when absent. */
  recordIds?: string[];
  /** Names of the source's price types (Ticketmatic pricetypeid → name per language); `base` marks the base tariff. */
  priceTypes?: Record<string, { name?: Partial<Record<'nl' | 'fr' | 'de' | 'en', string>>; base?: boolean }>;
  /** The place type (an eventtype-domain term of publiq-terms.yml placetype) of venues created in UiTdatabank. @defaultValue 8.70.0.0.0 (Theater) */
  placeType?: { id: string; label: string };
  /** Who holds the copyright of the source's images. @defaultValue the organizer's name, else the source id */
  copyrightHolder?: string;
  /**
   * The audience (audience.audienceType of event-post.json). @defaultValue 'everyone'
   * (UiTdatabank's default; set only when it differs).
   */
  audienceType?: 'everyone' | 'members' | 'education';
}

/** The UiTdatabank ids an event body refers to. */
export interface ParticipantIds {
  placeId?: string;
  organizerId?: string;
  /** Base of the documents' IRIs (`{ioBase}/places/{id}`). @defaultValue https://io.uitdatabank.be */
  ioBase?: string;
}

/** The body with `location` / `organizer` set by UiTdatabank id (what the push step sends). */
export type WithParticipants = (body: EntryDocument, ids: ParticipantIds) => EntryDocument;

/** Builds the drafts of a source's published records, in record id order. */
export type BuildEventDrafts = (store: StoreReader, options: BuildOptions) => Promise<EventDraft[]>;

/** One changed field: a JSON path below the document root (`name.nl`, `calendarType`, `priceInfo`). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/** The diff of two documents, top-level field by field (per language for name/description). */
export type DiffDocuments = (sent: EntryDocument, now: EntryDocument) => FieldChange[];

/**
 * UiTdatabank ids the updates need. Optional: by default they are read from the documents'
 * `location` / `organizer` `@id` (the bodies as sent, withParticipants).
 */
export interface UpdateIds {
  placeId?: string;
  organizerId?: string;
  /** The previously sent organizer id (an organizer removed: `DELETE organizer/{id}`). */
  previousOrganizerId?: string;
}

/**
 * The granular updates for a diff (of two bodies as sent, with their participants); one
 * `{ method: 'PUT', path: '', body: now }` (the whole document, `PUT /events/{id}`) instead when
 * some change has no granular endpoint. No changes, no updates.
 */
export type UpdatesFor = (changes: FieldChange[], now: EntryDocument, ids?: UpdateIds) => EntryUpdate[];
