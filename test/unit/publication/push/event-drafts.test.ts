/**
 * Event drafts built from what the hub publishes of the demo's Ticketmatic account (the real
 * connector against the fixture, the real ticketmatic-event.yml mapping, matching on, with
 * UiTdatabank's places and hand-entered events of the same account harvested beside it):
 * every body conforms to publiq's Entry API schemas, carries only public data, and says what
 * the house must fix where it cannot be sent.
 */
import { join } from 'node:path';
import { makeLocations } from '../../../../fixtures/ticketmatic/dataset.js';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../../fixtures/uitdatabank/server.js';
import { ticketmaticOverlap, ticketmaticShopUrl } from '../../../../fixtures/uitdatabank/ticketmatic-overlap.js';
import { parseConfig } from '../../../../src/config/load.js';
import { projectPath } from '../../../../src/core/paths.js';
import { literal, namedNode, quad } from '../../../../src/core/rdf.js';
import { FOAF, SCHEMA } from '../../../../src/core/vocab.js';
import { Hub } from '../../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../../src/reports/run-summary.js';
import { checkConnectorSettings } from '../../../../src/pipeline/source-runtime.js';
import { buildEventDrafts, diffDocuments, loadGenreMap, updatesFor, withParticipants, type BuildOptions, type EventDraft, type GenreMap } from '../../../../src/publication/push/index.js';
import { requestErrors } from '../../../helpers/entry-body-schemas.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { ticketmaticSource, uitSource } from '../../../helpers/source-yaml.js';

const BASE = 'http://hub.test/';
const ACCOUNT = 'demo-cc';
const overlap = ticketmaticOverlap(ACCOUNT);
const PLACE_ID = '85b04295-479c-40f5-b3dd-469dfb4387b3';
const ORGANIZER_ID = 'c76db023-ef6d-49d9-8d15-5ddc3e6eb0a9';
const BOOKING = { urlTemplate: `https://apps.ticketmatic.com/widgets/${ACCOUNT}/addtickets?event={eventId}&l=nl`, phone: '+32 9 210 10 10', email: 'tickets@cultuurcentrum.example' };

let tm: TicketmaticFixture;
let uit: UitFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let genres: GenreMap;
let drafts: EventDraft[];
let options: BuildOptions;
const runs: Record<string, RunSummary> = {};

beforeAll(async () => {
  tm = await startTicketmaticFixture({ count: 12, account: ACCOUNT });
  uit = await startUitdatabankFixture({ count: 2, extra: { events: overlap.events, places: overlap.places, organizers: overlap.organizers } });
  // Personal data sits in the source system (orders with a buyer's e-mail): it must never come out.
  tm.placeOrder(10002);
  dir = await tempDir('hub-push-drafts-');
  const yaml = `
hub:
  baseIri: ${BASE}
  dataDir: ${JSON.stringify(dir.path)}
sources:${ticketmaticSource(tm.url, ACCOUNT, 'Cultuurcentrum (demo)')}
${uitSource('uit-places', uit.url, 'test-client', 'places', 'publiq')}
${uitSource('uit-organizers', uit.url, 'test-client', 'organizers', 'publiq')}
${uitSource('uit-events', uit.url, 'test-client', 'events', 'publiq')}
`;
  hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml'), { env: {}, checkConnector: checkConnectorSettings }));
  for (const id of ['ticketmatic', 'uit-places', 'uit-organizers', 'uit-events']) {
    runs[id] = await hub.harvest(id);
    expect(runs[id].status).toBe('completed');
  }
  genres = await loadGenreMap(projectPath('mappings/uitdatabank-push/ticketmatic-genres.yml'));
  options = { sourceId: 'ticketmatic', baseIri: BASE, genres, booking: BOOKING, organizer: { name: 'Cultuurcentrum (demo)', url: 'https://www.cultuurcentrum.example' } };
  drafts = await buildEventDrafts(hub.store, options);
}, 300_000);

afterAll(async () => {
  await hub?.close();
  await tm?.close();
  await uit?.close();
  await dir?.cleanup();
});

const errors = (d: EventDraft) => d.problems.filter((p) => p.severity === 'error');
const draftOf = (id: number) => drafts.find((d) => d.recordId === String(id))!;
const tmEvent = (id: number) => tm.events.find((e) => e.id === id)!;

describe('Event drafts from the Ticketmatic source', () => {
  it('drafts every published event, in record id order, none of the Ticketmatic drafts', () => {
    const published = tm.events.filter((e) => e.currentstatus !== 19001).map((e) => String(e.id));
    expect(drafts.map((d) => d.recordId)).toEqual(published.sort());
    expect(drafts.every((d) => d.graph === `${BASE}graph/ticketmatic/${d.recordId}`)).toBe(true);
  });

  it('publishes the sold-out flag (ticketmatic-event.yml: schema:Offer availability) within the OSLO shapes', () => {
    const results = runs.ticketmatic!.problems.flatMap((p) => p.results ?? []);
    expect(results.filter((r) => /schema\.org\/(offers|availability)|#aanbod/.test(`${r.path ?? ''} ${r.focusNode ?? ''}`))).toEqual([]);
  });

  it('builds bodies the strict fixture Entry API accepts (entry.json schemas, no unknown or read-only fields, documented terms) once location and organizer are set', () => {
    const sendable = drafts.filter((d) => errors(d).length === 0);
    expect(sendable.length).toBeGreaterThan(0);
    for (const d of sendable) {
      const body = withParticipants(d.body, { placeId: PLACE_ID, organizerId: ORGANIZER_ID });
      expect({ record: d.recordId, errors: requestErrors('POST', '/events', body) }).toEqual({ record: d.recordId, errors: [] });
      for (const image of d.images) expect(requestErrors('POST', '/images', image)).toEqual([]);
      expect(requestErrors('POST', '/places', d.place!.body)).toEqual([]);
      expect(requestErrors('POST', '/organizers', d.organizer!.body)).toEqual([]);
    }
  });

  it('holds back the events whose genre has no publiq event type, naming the genre, the Ticketmatic field and what to do', () => {
    const blocked = drafts.filter((d) => errors(d).length > 0);
    expect(blocked.map((d) => tmEvent(Number(d.recordId)).c_genre)).toEqual(blocked.map(() => 'Theater'));
    expect(blocked.length).toBe(drafts.filter((d) => tmEvent(Number(d.recordId)).c_genre === 'Theater').length);
    for (const d of blocked) {
      expect(errors(d)).toEqual([expect.objectContaining({ field: 'terms', sourceField: 'c_genre', message: expect.stringContaining('"Theater"') })]);
      expect(errors(d)[0]!.message).toMatch(/ticketmatic-genres\.yml/);
    }
  });

  it('maps the genre to a documented event type, the times to a single calendar in UTC with an offset, and the prices to base and tariff', () => {
    const d = draftOf(10002);
    const e = tmEvent(10002);
    expect(d.body.terms).toEqual([{ id: '0.50.4.0.0', label: 'Concert', domain: 'eventtype' }]);
    expect(d.body.calendarType).toBe('single');
    expect(d.body.subEvent).toEqual([{ startDate: `${e.startts.replace(' ', 'T')}+00:00`, endDate: `${e.endts.replace(' ', 'T')}+00:00` }]);
    expect(d.body.name).toEqual({ nl: e.name, en: e.translations.nameen, fr: e.translations.namefr });
    const prices = e.prices.contingents[0]!.pricetypes.map((p) => p.price).sort((a, b) => b - a);
    expect((d.body.priceInfo as { category: string; price: number }[]).map((p) => [p.category, p.price])).toEqual([
      ['base', prices[0]],
      ['tariff', prices[1]],
    ]);
    // Ticketmatic names price types by id only: the house is told to name them.
    expect(d.problems).toContainEqual(expect.objectContaining({ field: 'priceInfo', severity: 'warning' }));
    expect(d.body.bookingInfo).toEqual({ phone: BOOKING.phone, email: BOOKING.email, url: ticketmaticShopUrl(ACCOUNT, 10002), urlLabel: { nl: 'Koop tickets' } });
    expect(d.images).toEqual([{ contentUrl: e.image, description: e.name, copyrightHolder: 'Cultuurcentrum (demo)', inLanguage: 'nl' }]);
  });

  it('sends a sold-out event as bookingAvailability Unavailable, the others as Available', () => {
    const soldOut = tm.events.filter((e) => e.currentstatus !== 19001 && e.availability.every((a) => a.free === 0)).map((e) => String(e.id));
    expect(soldOut.length).toBeGreaterThan(0);
    for (const d of drafts) {
      const expected = soldOut.includes(d.recordId) ? 'Unavailable' : 'Available';
      expect([d.recordId, d.bookingAvailability, d.body.bookingAvailability]).toEqual([d.recordId, expected, { type: expected }]);
      expect(d.body.status).toEqual({ type: 'Available' });
    }
  });

  it('finds the UiTdatabank id of a venue, of the organizer and of an event entered there by hand', () => {
    for (const pair of overlap.pairs) expect([pair.ticketmatic, draftOf(pair.ticketmatic).uitdatabankId]).toEqual([pair.ticketmatic, pair.uit]);
    const paired = new Set(overlap.pairs.map((p) => String(p.ticketmatic)));
    expect(drafts.filter((d) => !paired.has(d.recordId)).map((d) => d.uitdatabankId)).toEqual(drafts.filter((d) => !paired.has(d.recordId)).map(() => undefined));
    // Each Ticketmatic hall is its own UiTdatabank place (two halls share Kouter 29), with Ticketmatic's address.
    const hallIn = { 777701: 'Cultuurcentrum - Grote zaal', 777702: 'Cultuurcentrum - Kleine Zaal', 777703: 'Openluchttheater Mechelen' } as Record<number, string>;
    // The house as organizer: its UiTdatabank organizer, found by its website.
    const house = String(overlap.organizers[0]!['@id']).split('/').pop();
    expect(drafts.map((d) => d.organizer?.uitdatabankId)).toEqual(drafts.map(() => house));
    for (const d of drafts) {
      const e = tmEvent(Number(d.recordId));
      const location = makeLocations().find((l) => l.id === e.locationid)!;
      const uitPlace = overlap.places.find((pl) => pl.name.nl === hallIn[e.locationid]);
      expect([d.recordId, d.place!.uitdatabankId]).toEqual([d.recordId, String(uitPlace!['@id']).split('/').pop()]);
      expect(d.place!.address).toEqual({ streetAddress: location.street1, postalCode: location.zip, addressLocality: location.city, addressCountry: 'BE' });
      expect(d.place!.name).toBe(location.name);
    }
  });
});

describe('Linking an event entered in UiTdatabank by hand', () => {
  const linked = (tmId: number) => {
    const d = draftOf(tmId);
    const uitDoc = overlap.events.find((e) => String(e['@id']).endsWith(d.uitdatabankId!))!;
    const now = withParticipants(d.body, { placeId: d.place!.uitdatabankId, organizerId: d.organizer!.uitdatabankId });
    return { uitDoc, now, changes: diffDocuments(uitDoc, now) };
  };

  it('compares the document UiTdatabank holds with the draft on what the hub writes: the same venue, organizer and instants are no change', () => {
    // Strijkkwartet: typed "in de Foyer" by hand, no prices, the organiser's own booking info.
    const { changes, now } = linked(10002);
    expect(changes.map((c) => c.path)).toEqual(['bookingInfo', 'description.en', 'description.nl', 'name.en', 'name.fr', 'name.nl', 'priceInfo']);
    const list = updatesFor(changes, now);
    expect(list.map((u) => `${u.method} ${u.path}`)).toEqual(['PUT booking-info', 'PUT description/en', 'PUT description/nl', 'PUT name/en', 'PUT name/fr', 'PUT name/nl', 'PUT price-info']);
  });

  it('keeps the calendar of an event entered with a Brussels offset, and corrects its type and availability', () => {
    // Rosas: entered as "Dansvoorstelling" at 22:00+02:00, the instant Ticketmatic gives as 20:00 UTC; sold out since.
    const { uitDoc, changes, now } = linked(10006);
    expect(String(uitDoc.startDate)).toMatch(/\+02:00$/);
    const list = updatesFor(changes, now);
    expect(list.map((u) => `${u.method} ${u.path}`)).toEqual(expect.arrayContaining(['PUT booking-availability', 'PUT type/0.50.4.0.0']));
    expect(list.map((u) => u.path)).not.toContain('calendar');
    expect(list.map((u) => u.path.split('/')[0])).not.toContain('location');
    expect(list.map((u) => u.path.split('/')[0])).not.toContain('organizer');
  });
});

describe('Only public data leaves the hub', () => {
  const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

  it('sends no buyer, contact or order data: the only e-mail and phone are the house’s public booking contact', () => {
    const text = JSON.stringify(drafts);
    for (const personal of ['Janssens', 'Peeters', 'an.janssens@example.org', 'jan.peeters@example.org', 'orderid', 'contact']) expect(text).not.toContain(personal);
    expect([...new Set(text.match(EMAIL))]).toEqual([BOOKING.email]);
    expect([...new Set(drafts.flatMap((d) => (d.body.bookingInfo as { phone?: string } | undefined)?.phone ?? []))]).toEqual([BOOKING.phone]);
  });

  it('leaves out whatever else a record graph might hold about people (a contact point, an attendee), reading an allowlist only', async () => {
    const d = draftOf(10003);
    const g = namedNode(d.graph);
    const entity = namedNode(d.entity);
    const person = namedNode(`${d.entity}#koper`);
    const contact = namedNode(`${d.entity}#contact`);
    const personal = [
      quad(entity, namedNode(SCHEMA('attendee')), person, g),
      quad(person, namedNode(FOAF('name')), literal('Griet Vermeulen'), g),
      quad(person, namedNode(SCHEMA('email')), literal('griet.vermeulen@example.org'), g),
      quad(entity, namedNode(SCHEMA('contactPoint')), contact, g),
      quad(contact, namedNode(SCHEMA('telephone')), literal('+32 470 12 34 56'), g),
      // Even under a predicate the push reads, a person's name on an unrelated node stays out.
      quad(person, namedNode('http://purl.org/dc/terms/title'), literal('Mevrouw Vermeulen', 'nl'), g),
    ];
    await hub.store.commit({ put: [{ graph: d.graph, quads: [...(await hub.store.graph(d.graph)), ...personal], entity: true }] });
    const [again] = await buildEventDrafts(hub.store, { ...options, recordIds: ['10003'] });
    const text = JSON.stringify(again);
    for (const value of ['Griet', 'Vermeulen', 'griet.vermeulen@example.org', '+32 470 12 34 56', '#koper', '#contact']) expect(text).not.toContain(value);
    // The same event otherwise: the injected data changed nothing that is sent.
    expect(again!.body).toEqual(d.body);
  });
});

describe('After changes in Ticketmatic', () => {
  it('turns a sell-out, a renamed event and a deleted one into a booking-availability update, a name update and no draft', async () => {
    const before = new Map(drafts.map((d) => [d.recordId, withParticipants(d.body, { placeId: PLACE_ID, organizerId: ORGANIZER_ID })]));
    tm.sellOut(10003);
    tm.update(10005);
    tm.remove(10011);
    expect((await hub.harvest('ticketmatic')).status).toBe('completed');
    const after = await buildEventDrafts(hub.store, options);
    expect(after.map((d) => d.recordId)).toEqual(drafts.map((d) => d.recordId).filter((id) => id !== '10011'));
    const updates = Object.fromEntries(after.map((d) => [d.recordId, updatesFor(diffDocuments(before.get(d.recordId)!, withParticipants(d.body, { placeId: PLACE_ID, organizerId: ORGANIZER_ID })), d.body)]));
    expect(updates['10003']).toEqual([{ method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } }]);
    expect(updates['10005']).toEqual([{ method: 'PUT', path: 'name/nl', body: { name: tmEvent(10005).name } }]);
    expect(tmEvent(10005).name).toMatch(/extra voorstelling/);
    expect(Object.entries(updates).filter(([id, list]) => !['10003', '10005'].includes(id) && list.length > 0)).toEqual([]);
  });
});
