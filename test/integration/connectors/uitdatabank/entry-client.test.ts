/**
 * The hub's Entry API client against the strict fixture Entry API: creating, granular updates,
 * deleting, token caching and renewal, retries, refusals as EntryApiError, and the round trip
 * through the hub's own UiTdatabank connector. Every request the client sends must validate.
 */
import { startUitdatabankEntryFixture, type EntryFixture, type EntryFixtureOptions } from '../../../../fixtures/uitdatabank/entry-server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../../fixtures/uitdatabank/server.js';
import { UitdatabankConfigSchema } from '../../../../src/connectors/uitdatabank/config.js';
import { createEntryClient, type EntryClient, type EntryClientOptions } from '../../../../src/connectors/uitdatabank/entry-client.js';
import { EntryApiError } from '../../../../src/connectors/uitdatabank/entry-contract.js';
import { UitdatabankConnector } from '../../../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { SourceUnavailableError } from '../../../../src/core/errors.js';
import { collect } from '../oai-pmh/harvest-helpers.js';

const SECRET = 'house-secret-3f9a';
let search: UitFixture;
let entry: EntryFixture;

async function start(options: Partial<EntryFixtureOptions> = {}) {
  search = await startUitdatabankFixture({ count: 3, clientIds: ['house'] });
  entry = await startUitdatabankEntryFixture({ search, clients: [{ id: 'house', secret: SECRET }], ...options });
}

afterEach(async () => {
  await entry?.close();
  await search?.close();
});

const client = (overrides: Partial<EntryClientOptions> = {}): EntryClient =>
  createEntryClient({
    sourceId: 'schouwburg',
    entryUrl: entry.url,
    searchUrl: search.url,
    tokenUrl: entry.tokenUrl,
    clientId: 'house',
    clientSecret: SECRET,
    http: { timeoutMs: 5000, maxAttempts: 4, backoffMs: 1, maxDelayMs: 50 },
    ...overrides,
  });

/** Every request the client sent passed the fixture's schema and term checks. */
function expectEveryRequestValidated() {
  const invalid = entry.requests.filter((r) => !r.valid);
  expect(invalid).toEqual([]);
  expect(entry.requests.length).toBeGreaterThan(0);
}

const IO = 'https://io.uitdatabank.be';

const placeBody = {
  mainLanguage: 'nl',
  name: { nl: 'Stadsschouwburg Mechelen' },
  address: { nl: { addressCountry: 'BE', addressLocality: 'Mechelen', postalCode: '2800', streetAddress: 'Keizerstraat 3' } },
  calendarType: 'permanent',
  terms: [{ id: '8.70.0.0.0' }],
};
const organizerBody = { mainLanguage: 'nl', name: { nl: 'Schouwburg vzw' }, url: 'https://www.schouwburg.example' };
const eventBody = (placeId: string, organizerId: string) => ({
  mainLanguage: 'nl',
  name: { nl: 'Hamlet' },
  calendarType: 'single',
  subEvent: [{ startDate: '2026-10-01T20:00:00+02:00', endDate: '2026-10-01T22:30:00+02:00' }],
  location: { '@id': `${IO}/places/${placeId}` },
  organizer: { '@id': `${IO}/organizers/${organizerId}` },
  terms: [{ id: '0.55.0.0.0' }],
  priceInfo: [{ category: 'base', name: { nl: 'Basistarief' }, price: 18, priceCurrency: 'EUR' }],
  bookingInfo: { url: 'https://tickets.schouwburg.example/hamlet', urlLabel: { nl: 'Koop tickets' } },
});

async function createAll(api: EntryClient) {
  const place = await api.create('places', placeBody);
  const organizer = await api.create('organizers', organizerBody);
  const event = await api.create('events', eventBody(place.id, organizer.id));
  return { place: place.id, organizer: organizer.id, event: event.id, url: event.url };
}

describe('The Entry API client', () => {
  it('creates a place, an organizer and an event, and reads the event back', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    expect(ids.url).toBe(`${IO}/events/${ids.event}`);
    const doc = await api.get('events', ids.event);
    expect(doc).toMatchObject({ '@id': ids.url, name: { nl: 'Hamlet' }, workflowStatus: 'DRAFT' });
    expect((doc!.location as { '@id': string })['@id']).toBe(`${IO}/places/${ids.place}`);
    expect(await api.get('events', '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expectEveryRequestValidated();
  });

  it('sends granular updates, each on its own endpoint, and they change only their part', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    const otherPlace = search.id('places', 1);
    await api.update('events', ids.event, { method: 'PUT', path: 'name/nl', body: { name: 'Hamlet (herneming)' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'description/nl', body: { description: 'Shakespeare in een nieuwe regie.' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'status', body: { type: 'TemporarilyUnavailable', reason: { nl: 'Uitgesteld' } } });
    await api.update('events', ids.event, { method: 'PUT', path: `location/${otherPlace}` });
    await api.update('events', ids.event, { method: 'PUT', path: 'theme/1.8.3.5.0' });
    await api.update('events', ids.event, { method: 'PUT', path: 'price-info', body: [{ category: 'base', name: { nl: 'Basistarief' }, price: 20, priceCurrency: 'EUR' }] });
    await api.update('events', ids.event, { method: 'PUT', path: 'typical-age-range', body: { typicalAgeRange: '12-' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'labels/hub schouwburg' });
    await api.update('events', ids.event, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    const image = await api.uploadImage({ contentUrl: 'https://images.schouwburg.example/hamlet.jpg', description: 'Hamlet', copyrightHolder: 'Schouwburg vzw', inLanguage: 'nl' });
    await api.update('events', ids.event, { method: 'POST', path: 'images', body: { mediaObjectId: image.id } });
    await api.update('places', ids.place, { method: 'PUT', path: 'name/nl', body: { name: 'Stadsschouwburg' } });
    await api.update('organizers', ids.organizer, { method: 'PUT', path: 'address/nl', body: { addressCountry: 'BE', addressLocality: 'Mechelen', postalCode: '2800', streetAddress: 'Keizerstraat 3' } });

    const doc = (await api.get('events', ids.event))!;
    expect(doc).toMatchObject({
      name: { nl: 'Hamlet (herneming)' },
      description: { nl: 'Shakespeare in een nieuwe regie.' },
      bookingAvailability: { type: 'Unavailable' },
      status: { type: 'TemporarilyUnavailable' },
      subEvent: [{ bookingAvailability: { type: 'Unavailable' }, status: { type: 'TemporarilyUnavailable' } }],
      priceInfo: [{ price: 20 }],
      typicalAgeRange: '12-',
      labels: ['hub schouwburg'],
      workflowStatus: 'READY_FOR_VALIDATION',
      image: 'https://images.schouwburg.example/hamlet.jpg',
      bookingInfo: { url: 'https://tickets.schouwburg.example/hamlet' },
    });
    expect((doc.location as Record<string, unknown>)['@id']).toBe(`${IO}/places/${otherPlace}`);
    expect(doc.terms).toEqual([{ id: '0.55.0.0.0', label: 'Theatervoorstelling', domain: 'eventtype' }, { id: '1.8.3.5.0', label: 'Amusementsmuziek', domain: 'theme' }]);
    expect(((await api.get('places', ids.place))!.name as Record<string, string>).nl).toBe('Stadsschouwburg');
    expect((await api.get('organizers', ids.organizer))!.address).toMatchObject({ nl: { streetAddress: 'Keizerstraat 3' } });
    // The label's space went encoded in the path.
    expect(entry.requests.some((r) => r.path.endsWith('/labels/hub%20schouwburg'))).toBe(true);
    expectEveryRequestValidated();
  });

  it('deletes: the event is soft-deleted, and deleting what is gone resolves', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    await api.remove('events', ids.event);
    expect((await api.get('events', ids.event))?.workflowStatus).toBe('DELETED');
    await expect(api.remove('events', '00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
    expectEveryRequestValidated();
  });

  it('reads a deleted document as absent when UiTdatabank answers 410', async () => {
    await start({ deletedGet: 'gone' });
    const api = client();
    const ids = await createAll(api);
    await api.remove('events', ids.event);
    expect(await api.get('events', ids.event)).toBeUndefined();
  });

  it('renames, re-addresses and deletes places and organizers', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    await api.update('places', ids.place, { method: 'PUT', path: 'address/nl', body: { addressCountry: 'BE', addressLocality: 'Mechelen', postalCode: '2800', streetAddress: 'Keizerstraat 5' } });
    expect((await api.get('places', ids.place))!.address).toEqual({ nl: { addressCountry: 'BE', addressLocality: 'Mechelen', postalCode: '2800', streetAddress: 'Keizerstraat 5' } });
    await api.update('organizers', ids.organizer, { method: 'PUT', path: 'name/nl', body: { name: 'Schouwburg Mechelen vzw' } });
    expect((await api.get('organizers', ids.organizer))!.name).toEqual({ nl: 'Schouwburg Mechelen vzw' });
    await api.remove('organizers', ids.organizer);
    expect((await api.get('organizers', ids.organizer))!.workflowStatus).toBe('DELETED');
    await api.remove('places', ids.place);
    expect((await api.get('places', ids.place))!.workflowStatus).toBe('DELETED');
    expectEveryRequestValidated();
  });

  it('retries a request that does not answer in time', async () => {
    await start();
    const api = client({ http: { timeoutMs: 200, maxAttempts: 3, backoffMs: 1, maxDelayMs: 10 } });
    const ids = await createAll(api);
    entry.inject({ kind: 'delay', ms: 1000 }, { match: (u) => u.pathname.endsWith('/name/nl') });
    await api.update('events', ids.event, { method: 'PUT', path: 'name/nl', body: { name: 'Hamlet (na een trage poging)' } });
    expect(((await api.get('events', ids.event))!.name as Record<string, string>).nl).toBe('Hamlet (na een trage poging)');
    expect(api.stats.retries).toBe(1);
  });

  it('asks for one token for many requests', async () => {
    await start();
    const api = client();
    await createAll(api);
    for (let i = 0; i < 5; i++) await api.get('places', search.id('places', 0));
    await Promise.all([api.get('places', search.id('places', 1)), api.get('places', search.id('places', 2))]);
    expect(entry.tokensIssued).toBe(1);
    expect(api.stats.tokenRequests).toBe(1);
    // The token goes in the Authorization header; the secret only to the token endpoint, as a form.
    const entryCalls = entry.faults.requests.filter((r) => !r.url.startsWith('/realms/'));
    expect(entryCalls.every((r) => /^Bearer \S+$/.test(String(r.headers.authorization)))).toBe(true);
  });

  it('renews the token a margin before it expires, before UiTdatabank refuses it', async () => {
    let clock = Date.parse('2026-09-01T10:00:00Z');
    await start({ tokenLifetimeSeconds: 600, now: () => clock });
    const api = client({ now: () => clock, refreshMarginMs: 60_000 });
    await api.get('places', search.id('places', 0));
    clock += 500_000; // within the token's lifetime, before the margin
    await api.get('places', search.id('places', 0));
    expect(entry.tokensIssued).toBe(1);
    clock += 50_000; // 550 s: inside the last minute of the token
    await api.get('places', search.id('places', 0));
    expect(entry.tokensIssued).toBe(2);
    expect(entry.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it('on a 401 renews the token once and sends the request again', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    entry.revokeTokens();
    await api.update('events', ids.event, { method: 'PUT', path: 'name/nl', body: { name: 'Hamlet II' } });
    expect(entry.tokensIssued).toBe(2);
    const names = entry.requests.filter((r) => r.operationId === 'event-name-put').map((r) => r.status);
    expect(names).toEqual([401, 204]);
  });

  it('gives up with EntryApiError when the renewed token is refused too, without repeating', async () => {
    await start();
    const api = client();
    await api.get('places', search.id('places', 0));
    entry.inject({ kind: 'status', status: 401, body: '{"type":"https://api.publiq.be/probs/auth/unauthorized","title":"Unauthorized","status":401}' }, { times: 5, match: (u) => u.pathname.startsWith('/places/') });
    const error = await api.get('places', search.id('places', 0)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryApiError);
    expect((error as EntryApiError).problem.status).toBe(401);
    expect(entry.requests.filter((r) => r.status === 401)).toHaveLength(2);
  });

  it('retries a create after 429 (honouring Retry-After) and an update after 503, then succeeds', async () => {
    await start();
    const reasons: string[] = [];
    const api = client({ onRetry: ({ reason }) => reasons.push(reason) });
    entry.inject({ kind: 'status', status: 429, retryAfter: '0' }, { match: (u) => u.pathname === '/events' });
    const ids = await createAll(api);
    expect(ids.event).toEqual(expect.any(String));
    expect(entry.requests.filter((r) => r.path === '/events').map((r) => r.status)).toEqual([429, 201]);
    entry.inject({ kind: 'status', status: 503 }, { match: (u) => u.pathname.endsWith('/booking-availability') });
    await api.update('events', ids.event, { method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } });
    expect(api.stats.retries).toBe(2);
    expect(reasons).toEqual(['HTTP 429', 'HTTP 503']);
    // Created once: the retried POST never reached the store.
    expect(search.docs.events.filter((d) => (d.name as Record<string, string>).nl === 'Hamlet')).toHaveLength(1);
  });

  it('never repeats a create after a 5xx (it may have landed: the push step looks it up), and reports exhausted retries naming the source', async () => {
    await start();
    const api = client();
    entry.inject({ kind: 'status', status: 500 }, { times: 1, match: (u) => u.pathname.startsWith('/places') });
    const error = await api.create('places', placeBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/schouwburg.*POST .*\/places failed after 1 attempt \(HTTP 500; not repeated, since it may have landed\)/);
    expect(entry.requests.filter((r) => r.path === '/places')).toHaveLength(1);
    const ids = await createAll(client());
    entry.inject({ kind: 'status', status: 500 }, { times: 10, match: (u) => u.pathname.endsWith('/booking-availability') });
    const exhausted = await api.update('events', ids.event, { method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } }).catch((e: unknown) => e);
    expect((exhausted as Error).message).toMatch(/schouwburg.*4 attempts/);
  });

  it("surfaces a refusal as EntryApiError with publiq's problem, method and path", async () => {
    await start();
    const api = client();
    const error = await api.create('places', { ...placeBody, capacity: 850 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryApiError);
    const refused = error as EntryApiError;
    expect(refused.method).toBe('POST');
    expect(refused.path).toBe('/places');
    expect(refused.problem).toMatchObject({ type: 'https://api.publiq.be/probs/body/invalid-data', status: 400, schemaErrors: [{ jsonPointer: '/', error: expect.stringContaining('capacity') }] });
    expect(refused.message).toMatch(/schouwburg.*POST \/places.*capacity/);
  });

  it('refused credentials name the client, never the secret or a token', async () => {
    await start();
    const api = client({ clientSecret: 'not-the-secret-xyz' });
    const error = await api.create('places', placeBody).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EntryApiError);
    expect((error as Error).message).toMatch(/client house.*invalid_client/);
    expect((error as Error).message).not.toContain('not-the-secret-xyz');
    expect(JSON.stringify(error)).not.toContain('not-the-secret-xyz');
  });

  it('searches the Search API with x-client-id and returns the members', async () => {
    await start();
    const api = client();
    const members = await api.search('places', { embed: 'true', addressCountry: '*', availableTo: '*', availableFrom: '*' });
    expect(members.map((m) => m['@id'])).toEqual(search.docs.places.map((d) => d['@id']));
    expect(search.faults.requests.at(-1)!.headers['x-client-id']).toBe('house');
  });

  it('finds a document already in UiTdatabank by the look-up parameters (text, postalCode, dates, location)', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    await api.update('places', ids.place, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    const found = (params: Record<string, string>) => api.search('events', { embed: 'true', availableTo: '*', ...params }).then((m) => m.map((d) => String(d['@id']).split('/').pop()));
    expect(await found({ text: 'hamlet', postalCode: '2800' })).toEqual([ids.event]);
    expect(await found({ locationId: ids.place, dateFrom: '2026-10-01T00:00:00+02:00', dateTo: '2026-10-02T00:00:00+02:00' })).toEqual([ids.event]);
    expect(await found({ text: 'hamlet', dateFrom: '2026-10-02T00:00:00+02:00' })).toEqual([]);
    expect(await found({ text: 'macbeth' })).toEqual([]);
    const places = await api.search('places', { embed: 'true', postalCode: '2800', text: 'stadsschouwburg' });
    expect(places.map((p) => p['@id'])).toEqual([`${IO}/places/${ids.place}`]);
  });

  it('round trip: what the client pushes, the hub’s UiTdatabank connector harvests from the Search API', async () => {
    await start();
    const api = client();
    const ids = await createAll(api);
    const connector = new UitdatabankConnector();
    const config = UitdatabankConfigSchema.parse({ baseUrl: search.url, clientId: 'house', pageSize: 50, backoffMs: 1 });
    const harvest = async () => collect(connector.read(config, undefined, 'uit', { full: true }));

    // A draft is not published: the harvest does not see it yet.
    expect((await harvest()).records.map((r) => r.recordId)).not.toContain(ids.event);
    // Places are drafts too until published; organizers are ACTIVE at once.
    await api.update('places', ids.place, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    await api.update('events', ids.event, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    let h = await harvest();
    const record = h.records.find((r) => r.recordId === ids.event)!;
    expect(record).toMatchObject({ link: `${IO}/events/${ids.event}`, mediaType: 'application/ld+json', meta: { entity: 'event', workflowStatus: 'READY_FOR_VALIDATION', organisation: 'Schouwburg vzw' } });
    expect(JSON.parse(record.body)).toMatchObject({ name: { nl: 'Hamlet' }, bookingAvailability: { type: 'Available' } });
    expect(h.records.map((r) => r.recordId)).toEqual(expect.arrayContaining([ids.place, ids.organizer]));

    await api.update('events', ids.event, { method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } });
    h = await harvest();
    expect(JSON.parse(h.records.find((r) => r.recordId === ids.event)!.body).bookingAvailability).toEqual({ type: 'Unavailable' });

    await api.remove('events', ids.event);
    h = await harvest();
    expect(h.records.map((r) => r.recordId)).not.toContain(ids.event);
    expect(h.deletes.map((d) => d.recordId)).toContain(ids.event);
    expectEveryRequestValidated();
  });
});
