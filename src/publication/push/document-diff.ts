/**
 * Field-level diff of two Entry API documents (what was last sent, or what UiTdatabank holds, and
 * what is built now): one change per top-level field, except that localized texts (`name`,
 * `description`) compare per language (`name.nl`), terms per domain (`terms.eventtype`,
 * `terms.theme`) and the location / organizer by their `@id`, since those are what the granular
 * endpoints take. Only the fields the hub writes count (managedView): a document read back from
 * UiTdatabank (an event entered by hand, linked) compares without its read-only and derived
 * fields, instants by the moment they name whatever their offset. Key order never counts.
 */
import { entryDate } from './event-body.js';
import type { EntryDocument, FieldChange } from './contract.js';

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const refId = (value: unknown) => {
  const r = asRecord(value);
  return typeof r['@id'] === 'string' ? r['@id'] : undefined;
};

const LOCALIZED = new Set(['name', 'description']);
/** The event fields the hub's bodies may hold (event-body.ts, withParticipants). */
export const MANAGED_FIELDS = ['mainLanguage', 'name', 'description', 'terms', 'calendarType', 'subEvent', 'startDate', 'endDate', 'openingHours', 'priceInfo', 'bookingInfo', 'bookingAvailability', 'status', 'audience', 'typicalAgeRange', 'location', 'organizer'];
const BOOKING_FIELDS = ['phone', 'email', 'url', 'urlLabel'];
const pick = (value: unknown, keys: string[]) => {
  const r = asRecord(value);
  return Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
};
const instant = (value: unknown) => (typeof value === 'string' ? (entryDate(value) ?? value) : value);

/**
 * The fields of an event document the hub writes, as it writes them: read-only fields gone, terms
 * as {id, domain} of the event type and theme, location/organizer as their `@id`, sub-events as
 * start and end instants (UTC), start/end dates only where the calendar type takes them, booking
 * info and availability/status as the hub sets them, audience only when not `everyone`.
 */
export function managedView(doc: EntryDocument): EntryDocument {
  const out: EntryDocument = {};
  for (const key of MANAGED_FIELDS) if (doc[key] !== undefined && doc[key] !== null) out[key] = doc[key];
  if (Array.isArray(out.terms)) {
    out.terms = out.terms.map(asRecord).filter((t) => t.domain === 'eventtype' || t.domain === 'theme' || t.domain === undefined).map((t) => ({ id: t.id, domain: t.domain ?? 'eventtype' }));
  }
  for (const ref of ['location', 'organizer']) if (out[ref] !== undefined) out[ref] = { '@id': refId(out[ref]) };
  if (Array.isArray(out.subEvent)) out.subEvent = out.subEvent.map((s) => ({ startDate: instant(asRecord(s).startDate), endDate: instant(asRecord(s).endDate) }));
  if (out.calendarType === 'single' || out.calendarType === 'multiple') {
    delete out.startDate;
    delete out.endDate;
  } else {
    if (out.startDate !== undefined) out.startDate = instant(out.startDate);
    if (out.endDate !== undefined) out.endDate = instant(out.endDate);
  }
  if (out.bookingInfo !== undefined) out.bookingInfo = pick(out.bookingInfo, BOOKING_FIELDS);
  if (out.bookingAvailability !== undefined) out.bookingAvailability = pick(out.bookingAvailability, ['type']);
  if (out.status !== undefined) out.status = pick(out.status, ['type', 'reason']);
  if (asRecord(out.audience).audienceType === 'everyone') delete out.audience;
  return out;
}
const REFERENCES = new Set(['location', 'organizer']);

/** JSON with sorted keys, so two documents differing only in key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A term list's ids of one domain, sorted (labels are UiTdatabank's to write). */
function termIds(terms: unknown, domain: string): string[] | undefined {
  if (!Array.isArray(terms)) return undefined;
  const ids = terms.filter((t) => asRecord(t).domain === domain || (domain === 'eventtype' && asRecord(t).domain === undefined)).map((t) => String(asRecord(t).id));
  return ids.length ? ids.sort() : undefined;
}


export function diffDocuments(sentDoc: EntryDocument, nowDoc: EntryDocument): FieldChange[] {
  const sent = managedView(sentDoc);
  const now = managedView(nowDoc);
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(sent), ...Object.keys(now)])].sort();
  for (const key of keys) {
    const before = sent[key];
    const after = now[key];
    if (LOCALIZED.has(key)) {
      const b = asRecord(before);
      const a = asRecord(after);
      for (const lang of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort()) {
        if (!same(b[lang], a[lang])) changes.push({ path: `${key}.${lang}`, before: b[lang], after: a[lang] });
      }
    } else if (key === 'terms') {
      for (const domain of ['eventtype', 'theme']) {
        const b = termIds(before, domain);
        const a = termIds(after, domain);
        if (!same(b, a)) changes.push({ path: `terms.${domain}`, before: b, after: a });
      }
    } else if (REFERENCES.has(key)) {
      const b = refId(before);
      const a = refId(after);
      if (b !== a) changes.push({ path: key, before: b, after: a });
    } else if (!same(before, after)) {
      changes.push({ path: key, before, after });
    }
  }
  return changes;
}
