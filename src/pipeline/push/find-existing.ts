/**
 * Finding what UiTdatabank already holds before creating anything (issue 18: an event or place
 * already there must be found, not duplicated), through the Search API. Every lookup lifts the
 * default filters (drafts and future events count) and checks each answer itself, so a search
 * that matches loosely (full text) never links the wrong document: an event is the hub's when it
 * carries the hub's marker label, or when its name, start and location are the draft's; a place
 * when its name and postal code are; an organizer when its name or website is.
 */
import { createHash } from 'node:crypto';
import type { EntryApi, EntryDocument } from '../../connectors/uitdatabank/entry-contract.js';
import type { EventDraft, OrganizerDraft, PlaceDraft } from '../../publication/push/contract.js';

/** Drafts, deleted and rejected documents and future ones too (search-api_filters_default-filters.md). */
const ALL = { disableDefaultFilters: 'true', embed: 'true', limit: '50' };

/**
 * The hidden label the hub puts on every event it creates: derived from the record graph IRI, so
 * a crashed create is found again by it. Labels take 2-255 characters without `;` (common-label.json).
 */
export function recordMarker(recordGraph: string): string {
  return `lodhub-${createHash('sha256').update(recordGraph).digest('hex').slice(0, 24)}`;
}

/** The uuid at the end of a document's `@id` (`…/events/{uuid}`). */
export function idOf(doc: EntryDocument): string | undefined {
  const at = typeof doc['@id'] === 'string' ? doc['@id'] : typeof doc.id === 'string' ? doc.id : undefined;
  return at?.split('/').filter(Boolean).pop();
}

const norm = (s: unknown) =>
  String(s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Every language's text of a name (`{nl: …, fr: …}`) or the string itself. */
const names = (value: unknown): string[] => (value && typeof value === 'object' ? Object.values(value as Record<string, unknown>).map(norm) : [norm(value)]).filter(Boolean);

const live = (doc: EntryDocument) => doc.workflowStatus !== 'DELETED' && doc.workflowStatus !== 'REJECTED';

/**
 * The events the hub created for this record before (its marker), oldest first: more than one only
 * when a create was sent twice (a client retry after an answer that never arrived).
 */
export async function findByMarker(api: EntryApi, marker: string): Promise<EntryDocument[]> {
  const found = await api.search('events', { ...ALL, labels: marker });
  const labels = (d: EntryDocument) => [...((d.hiddenLabels as unknown[]) ?? []), ...((d.labels as unknown[]) ?? [])].map(String);
  const created = (d: EntryDocument) => String(d.created ?? '');
  return found.filter((d) => d.workflowStatus !== 'DELETED' && labels(d).includes(marker)).sort((a, b) => (created(a) < created(b) ? -1 : created(a) > created(b) ? 1 : 0));
}

/** The first start of an event body (a single/multiple calendar's first sub-event, or startDate). */
export function startOf(body: EntryDocument): string | undefined {
  const sub = Array.isArray(body.subEvent) ? (body.subEvent as { startDate?: string }[]) : [];
  return sub[0]?.startDate ?? (typeof body.startDate === 'string' ? body.startDate : undefined);
}

const sameInstant = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && Date.parse(a) === Date.parse(b);

/** An event entered by hand: same name, same first start, same place. */
export async function findEvent(api: EntryApi, draft: EventDraft, placeId: string | undefined, skip: (id: string) => boolean = () => false): Promise<EntryDocument | undefined> {
  const start = startOf(draft.body);
  const wanted = names(draft.body.name);
  if (!start || !placeId || !wanted.length) return undefined;
  const day = start.slice(0, 10);
  const found = await api.search('events', { ...ALL, locationId: placeId, dateFrom: `${day}T00:00:00+00:00`, dateTo: `${day}T23:59:59+00:00`, text: wanted[0]! });
  return found.find((d) => {
    const location = (d.location ?? {}) as EntryDocument;
    return live(d) && !skip(idOf(d) ?? '') && idOf(location) === placeId && sameInstant(startOf(d), start) && names(d.name).some((n) => wanted.includes(n));
  });
}

/** A place of the same name at the same postal code. */
export async function findPlace(api: EntryApi, place: PlaceDraft): Promise<EntryDocument | undefined> {
  const postalCode = place.address?.postalCode;
  const found = await api.search('places', { ...ALL, text: place.name, ...(postalCode ? { postalCode } : {}) });
  const postal = (d: EntryDocument) =>
    Object.values((d.address ?? {}) as Record<string, { postalCode?: string }>)
      .map((a) => a?.postalCode)
      .concat((d.address as { postalCode?: string } | undefined)?.postalCode);
  return found.find((d) => live(d) && names(d.name).includes(norm(place.name)) && (!postalCode || postal(d).includes(postalCode)));
}

/** An organizer of the same name or website. */
export async function findOrganizer(api: EntryApi, organizer: OrganizerDraft): Promise<EntryDocument | undefined> {
  const url = typeof organizer.body.url === 'string' ? organizer.body.url : undefined;
  const found = await api.search('organizers', { ...ALL, name: organizer.name });
  const site = (u: unknown) => norm(String(u ?? '').replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, ''));
  return found.find((d) => live(d) && (names(d.name).includes(norm(organizer.name)) || (!!url && site(d.url) === site(url))));
}
