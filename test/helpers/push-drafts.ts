/**
 * What the push step's unit tests feed it in place of the builder (src/publication/push): event
 * drafts as the builder's contract describes them, and a small top-level diff with granular
 * updates for the fields these tests change (name per language, booking info, prices, calendar;
 * a whole-document PUT for anything else). The builder's own tests cover its real diff.
 */
import type { DiffDocuments, EventDraft, FieldChange, UpdatesFor } from '../../src/publication/push/contract.js';
import type { EntryDocument } from '../../src/connectors/uitdatabank/entry-contract.js';

const canon = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canon).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${k}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);

export const testDiff: DiffDocuments = (sent, now) => {
  const out: FieldChange[] = [];
  for (const key of [...new Set([...Object.keys(sent), ...Object.keys(now)])].sort()) {
    if (key === 'name' || key === 'description') {
      const a = (sent[key] ?? {}) as Record<string, unknown>;
      const b = (now[key] ?? {}) as Record<string, unknown>;
      for (const lang of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) if (canon(a[lang]) !== canon(b[lang])) out.push({ path: `${key}.${lang}`, before: a[lang], after: b[lang] });
    } else if (canon(sent[key]) !== canon(now[key])) out.push({ path: key, before: sent[key], after: now[key] });
  }
  return out;
};

export const testUpdatesFor: UpdatesFor = (changes, now) =>
  changes.map((c) => {
    const [field, lang] = c.path.split('.');
    if (field === 'name') return { method: 'PUT' as const, path: `name/${lang}`, body: { name: c.after } };
    if (field === 'bookingInfo') return { method: 'PUT' as const, path: 'booking-info', body: { bookingInfo: c.after } };
    if (field === 'priceInfo') return { method: 'PUT' as const, path: 'price-info', body: c.after };
    return { method: 'PUT' as const, path: '', body: now };
  });

/** A Ticketmatic concert on one evening at the Vooruit, organized by the house. */
export function concertDraft(recordId: string, options: Partial<EventDraft> & { name?: string; start?: string } = {}): EventDraft {
  const { name, start: at, ...overrides } = options;
  const start = at ?? '2027-03-12T20:00:00+01:00';
  const body: EntryDocument = {
    mainLanguage: 'nl',
    name: { nl: name ?? `Concert ${recordId}` },
    calendarType: 'single',
    subEvent: [{ startDate: start, endDate: start.replace('T20:', 'T22:') }],
    terms: [{ id: '0.50.4.0.0', label: 'Concert', domain: 'eventtype' }],
    priceInfo: [{ category: 'base', name: { nl: 'Basistarief' }, price: 18, priceCurrency: 'EUR' }],
  };
  return {
    sourceId: 'ticketmatic',
    recordId,
    graph: `http://hub.test/graph/ticketmatic/${recordId}`,
    entity: `http://hub.test/id/activiteit/ticketmatic/${recordId}`,
    members: [],
    body,
    place: {
      entity: 'http://hub.test/id/locatie/ticketmatic/vooruit',
      members: [],
      name: 'Vooruit',
      address: { streetAddress: 'Sint-Pietersnieuwstraat 23', postalCode: '9000', addressLocality: 'Gent', addressCountry: 'BE' },
      body: { mainLanguage: 'nl', name: { nl: 'Vooruit' }, terms: [{ id: 'Yf4aZBfsUEu2NsQqsprngw', domain: 'eventtype' }], calendarType: 'permanent', address: { nl: { streetAddress: 'Sint-Pietersnieuwstraat 23', postalCode: '9000', addressLocality: 'Gent', addressCountry: 'BE' } } },
    },
    organizer: { entity: 'https://house.test/', members: [], name: 'Cultuurcentrum Demo', body: { mainLanguage: 'nl', name: { nl: 'Cultuurcentrum Demo' }, url: 'https://house.test/' } },
    images: [],
    bookingAvailability: 'Available',
    status: 'Available',
    problems: [],
    ...overrides,
  };
}
