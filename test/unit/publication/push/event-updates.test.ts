/**
 * What was last sent vs what is built now → field changes → the Entry API's granular updates:
 * each update is an operation entry.json has, with a body its schema accepts.
 */
import { diffDocuments, eventBody, updatesFor, withParticipants, type BuildOptions, type EntryDocument, type EntryUpdate } from '../../../../src/publication/push/index.js';
import type { PublicEvent } from '../../../../src/publication/push/public-event.js';
import { eventUpdateErrors, requestErrors } from '../../../helpers/entry-body-schemas.js';

const PLACE = '85b04295-479c-40f5-b3dd-469dfb4387b3';
const OTHER_PLACE = '1ad67719-7ff8-4033-a819-16d7bdf7062f';
const ORGANIZER = 'c76db023-ef6d-49d9-8d15-5ddc3e6eb0a9';
const options: BuildOptions = {
  sourceId: 'ticketmatic',
  baseIri: 'http://hub.test/',
  genres: { muziek: { type: { id: '0.50.4.0.0', label: 'Concert' } }, jazz: { type: { id: '0.50.4.0.0', label: 'Concert' }, theme: { id: '1.8.2.0.0', label: 'Jazz en blues' } } },
  booking: { urlTemplate: 'https://tickets.example/{eventId}' },
};

const event = (over: Partial<PublicEvent> = {}): PublicEvent => ({
  iri: 'http://hub.test/id/activiteit/ticketmatic/10002',
  titles: [{ value: 'Strijkkwartet in de foyer', language: 'nl' }],
  descriptions: [
    { value: '<p>Een avond in de foyer.</p>', language: 'nl' },
    { value: '<p>An evening in the foyer.</p>', language: 'en' },
  ],
  starts: ['2026-10-02T20:00:00Z'],
  ends: ['2026-10-02T22:00:00Z'],
  genres: ['Jazz'],
  images: [],
  prices: [
    { category: '1', amount: 22, currency: 'EUR' },
    { category: '2', amount: 12, currency: 'EUR' },
  ],
  availability: ['https://schema.org/InStock'],
  eventStatus: [],
  ...over,
});

const sent = (e: PublicEvent = event(), place = PLACE) => withParticipants(eventBody(e, '10002', options).body, { placeId: place, organizerId: ORGANIZER });
const updates = (before: EntryDocument, after: EntryDocument) => updatesFor(diffDocuments(before, after), after);

/** Every update is an operation of entry.json whose body the strict fixture Entry API accepts. */
function expectValid(list: EntryUpdate[]) {
  for (const u of list) expect({ update: `${u.method} ${u.path}`, errors: eventUpdateErrors(u) }).toEqual({ update: `${u.method} ${u.path}`, errors: [] });
}

describe('diffDocuments', () => {
  it('finds nothing between a document and itself with its keys in another order', () => {
    const body = sent();
    const shuffled = Object.fromEntries(Object.entries(body).reverse());
    expect(diffDocuments(body, shuffled)).toEqual([]);
    expect(updatesFor(diffDocuments(body, shuffled), shuffled)).toEqual([]);
  });

  it('names a changed field by its path, per language for texts, with before and after', () => {
    const changes = diffDocuments(sent(), sent(event({ titles: [{ value: 'Strijkkwartet op het dak', language: 'nl' }] })));
    expect(changes).toEqual([{ path: 'name.nl', before: 'Strijkkwartet in de foyer', after: 'Strijkkwartet op het dak' }]);
  });
});

describe('updatesFor', () => {
  it('sends a changed name as PUT name/nl', () => {
    const now = sent(event({ titles: [{ value: 'Strijkkwartet op het dak', language: 'nl' }] }));
    const list = updates(sent(), now);
    expect(list).toEqual([{ method: 'PUT', path: 'name/nl', body: { name: 'Strijkkwartet op het dak' } }]);
    expectValid(list);
  });

  it('sends a sold-out event as PUT booking-availability Unavailable, and nothing else', () => {
    const list = updates(sent(), sent(event({ availability: ['https://schema.org/SoldOut'] })));
    expect(list).toEqual([{ method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } }]);
    expectValid(list);
  });

  it('sends a new date as PUT calendar, keeping status and booking availability', () => {
    const now = sent(event({ starts: ['2026-10-09T19:30:00Z'], ends: ['2026-10-09T21:30:00Z'] }));
    const list = updates(sent(), now);
    expect(list).toEqual([
      {
        method: 'PUT',
        path: 'calendar',
        body: { calendarType: 'single', subEvent: [{ startDate: '2026-10-09T19:30:00+00:00', endDate: '2026-10-09T21:30:00+00:00' }], status: { type: 'Available' }, bookingAvailability: { type: 'Available' } },
      },
    ]);
    expectValid(list);
  });

  it('sends a moved venue as PUT location/{placeId} of the new place', () => {
    const list = updates(sent(), sent(event(), OTHER_PLACE));
    expect(list).toEqual([{ method: 'PUT', path: `location/${OTHER_PLACE}` }]);
    expectValid(list);
  });

  it('sends nothing when nothing changed', () => {
    expect(updates(sent(), sent())).toEqual([]);
  });

  it('sends a cancellation as PUT status, a removed theme as DELETE theme, a new type as PUT type/{termId}', () => {
    expect(updates(sent(), sent(event({ eventStatus: ['https://schema.org/EventCancelled'] })))).toEqual([{ method: 'PUT', path: 'status', body: { type: 'Unavailable' } }]);
    const noTheme = updates(sent(), sent(event({ genres: ['Muziek'] })));
    expect(noTheme).toEqual([{ method: 'DELETE', path: 'theme' }]);
    const expo = { ...options, genres: { ...options.genres, expo: { type: { id: '0.0.0.0.0', label: 'Tentoonstelling' } } } };
    const now = withParticipants(eventBody(event({ genres: ['Expo'] }), '10002', expo).body, { placeId: PLACE, organizerId: ORGANIZER });
    const list = updates(sent(), now);
    expect(list).toEqual([
      { method: 'PUT', path: 'type/0.0.0.0.0' },
      { method: 'DELETE', path: 'theme' },
    ]);
    expectValid([...noTheme, ...list]);
  });

  it('sends new prices as PUT price-info and a dropped translation of the description as DELETE description/en', () => {
    const now = sent(event({ prices: [{ category: '1', amount: 25, currency: 'EUR' }], descriptions: [{ value: '<p>Een avond in de foyer.</p>', language: 'nl' }] }));
    const list = updates(sent(), now);
    expect(list).toEqual([
      { method: 'DELETE', path: 'description/en' },
      { method: 'PUT', path: 'price-info', body: [{ category: 'base', price: 25, priceCurrency: 'EUR', name: { nl: 'Basistarief', fr: 'Tarif de base', de: 'Basisrate', en: 'Base tariff' } }] },
    ]);
    expectValid(list);
  });

  it('falls back to one full PUT /events/{id} when a change has no granular endpoint (a name dropped in a language)', () => {
    const before = sent(event({ titles: [{ value: 'Strijkkwartet in de foyer', language: 'nl' }, { value: 'String quartet', language: 'en' }] }));
    const now = sent();
    const list = updates(before, now);
    expect(list).toEqual([{ method: 'PUT', path: '', body: now }]);
    expectValid(list);
    expect(requestErrors('POST', '/events', now)).toEqual([]);
  });

  it('removes an organizer with DELETE organizer/{id} of the one sent before', () => {
    const before = sent();
    const { organizer: _dropped, ...now } = before;
    void _dropped;
    const list = updates(before, now);
    expect(list).toEqual([{ method: 'DELETE', path: `organizer/${ORGANIZER}` }]);
    expectValid(list);
  });
});
