/**
 * Field changes → the Entry API's granular event updates (entry.json `/events/{eventId}/…`):
 * name/{lang}, description/{lang}, calendar, location/{placeId}, organizer/{organizerId},
 * type/{termId}, theme/{termId}, price-info, booking-info, booking-availability, status,
 * typical-age-range, audience. A change none of these can express (a name removed in a language,
 * price info removed, the main language) makes it one full `PUT /events/{id}` of the document.
 */
import type { EntryDocument, EntryUpdate, FieldChange, UpdateIds } from './contract.js';

/** The fields `PUT calendar` carries (event-calendar-put.json). */
const CALENDAR_FIELDS = ['calendarType', 'subEvent', 'startDate', 'endDate', 'openingHours', 'openingHoursClosedDays', 'openingHoursAdjustedDays'];
const CALENDAR = new Set(CALENDAR_FIELDS);

/** The id at the end of a document IRI (`https://io.uitdatabank.be/places/{id}`). */
const idOf = (iri: unknown) => (typeof iri === 'string' ? iri.replace(/\/+$/, '').split('/').pop() : undefined);
const refIri = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>)['@id'] : undefined);

/** No granular endpoint fits: the caller sends the whole document. */
class NeedsFullPut extends Error {}

function granular(change: FieldChange, now: EntryDocument, ids: UpdateIds): EntryUpdate[] {
  const [field, sub] = change.path.split('.') as [string, string | undefined];
  const removed = change.after === undefined || change.after === null;
  switch (field) {
    case 'name':
      if (removed) throw new NeedsFullPut();
      return [{ method: 'PUT', path: `name/${sub}`, body: { name: change.after } }];
    case 'description':
      return removed ? [{ method: 'DELETE', path: `description/${sub}` }] : [{ method: 'PUT', path: `description/${sub}`, body: { description: change.after } }];
    case 'location': {
      const placeId = ids.placeId ?? idOf(change.after);
      if (removed || !placeId) throw new NeedsFullPut();
      return [{ method: 'PUT', path: `location/${placeId}` }];
    }
    case 'organizer': {
      if (removed) {
        const previous = ids.previousOrganizerId ?? idOf(change.before);
        return previous ? [{ method: 'DELETE', path: `organizer/${previous}` }] : [];
      }
      const organizerId = ids.organizerId ?? idOf(change.after);
      if (!organizerId) throw new NeedsFullPut();
      return [{ method: 'PUT', path: `organizer/${organizerId}` }];
    }
    case 'terms': {
      const after = (change.after as string[] | undefined) ?? [];
      if (sub === 'eventtype') {
        if (after.length !== 1) throw new NeedsFullPut();
        return [{ method: 'PUT', path: `type/${after[0]}` }];
      }
      if (sub === 'theme') {
        if (after.length === 0) return [{ method: 'DELETE', path: 'theme' }];
        if (after.length !== 1) throw new NeedsFullPut();
        return [{ method: 'PUT', path: `theme/${after[0]}` }];
      }
      throw new NeedsFullPut();
    }
    case 'priceInfo':
      if (removed) throw new NeedsFullPut();
      return [{ method: 'PUT', path: 'price-info', body: change.after }];
    case 'bookingInfo':
      return [{ method: 'PUT', path: 'booking-info', body: removed ? {} : change.after }];
    case 'bookingAvailability':
      if (removed) throw new NeedsFullPut();
      return [{ method: 'PUT', path: 'booking-availability', body: change.after }];
    case 'status':
      if (removed) throw new NeedsFullPut();
      return [{ method: 'PUT', path: 'status', body: change.after }];
    case 'typicalAgeRange':
      return removed ? [{ method: 'DELETE', path: 'typical-age-range' }] : [{ method: 'PUT', path: 'typical-age-range', body: { typicalAgeRange: change.after } }];
    case 'audience':
      return [{ method: 'PUT', path: 'audience', body: removed ? { audienceType: 'everyone' } : change.after }];
    default:
      if (CALENDAR.has(field)) return [calendarUpdate(now)];
      throw new NeedsFullPut();
  }
}

/** `PUT calendar` with the document's calendar, its status and booking availability kept as they are now. */
function calendarUpdate(now: EntryDocument): EntryUpdate {
  const body: Record<string, unknown> = {};
  for (const key of [...CALENDAR_FIELDS, 'status', 'bookingAvailability']) if (now[key] !== undefined) body[key] = now[key];
  return { method: 'PUT', path: 'calendar', body };
}

export function updatesFor(changes: FieldChange[], now: EntryDocument, ids: UpdateIds = {}): EntryUpdate[] {
  if (changes.length === 0) return [];
  const idsNow: UpdateIds = { ...ids, placeId: ids.placeId ?? idOf(refIri(now.location)), organizerId: ids.organizerId ?? idOf(refIri(now.organizer)) };
  const out: EntryUpdate[] = [];
  const seen = new Set<string>();
  try {
    for (const change of changes) {
      for (const update of granular(change, now, idsNow)) {
        const key = `${update.method} ${update.path}`;
        if (!seen.has(key)) out.push(update);
        seen.add(key);
      }
    }
  } catch (error) {
    if (error instanceof NeedsFullPut) return [{ method: 'PUT', path: '', body: now }];
    throw error;
  }
  return out;
}
