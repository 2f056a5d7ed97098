/**
 * The strict fixture Entry API (fixtures/uitdatabank/entry-server.ts) as a client meets it over
 * HTTP: tokens, publiq's problem details for every kind of bad body, workflow states, and writes
 * landing in the Search fixture's store in the read shape.
 */
import { readFileSync } from 'node:fs';
import { startUitdatabankEntryFixture, type EntryFixture } from '../../../../fixtures/uitdatabank/entry-server.js';
import { EntrySchemas } from '../../../../fixtures/uitdatabank/entry-schemas.js';
import { startUitdatabankFixture, type UitFixture } from '../../../../fixtures/uitdatabank/server.js';
import { projectPath } from '../../../../src/core/paths.js';

let search: UitFixture;
let entry: EntryFixture;
let clock = Date.parse('2026-09-01T10:00:00Z');

const IO = 'https://io.uitdatabank.be';

beforeEach(async () => {
  clock = Date.parse('2026-09-01T10:00:00Z');
  search = await startUitdatabankFixture({ count: 3 });
  entry = await startUitdatabankEntryFixture({
    search,
    now: () => clock,
    tokenLifetimeSeconds: 3600,
    clients: [{ id: 'house', secret: 'house-secret' }, { id: 'other', secret: 'other-secret' }, { id: 'reader', secret: 'reader-secret', canWrite: false }],
  });
});

afterEach(async () => {
  await entry?.close();
  await search?.close();
});

async function tokenFor(id: string, secret: string, grant = 'client_credentials') {
  const res = await fetch(entry.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grant, client_id: id, client_secret: secret }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const token = async (id = 'house') => String((await tokenFor(id, `${id}-secret`)).body.access_token);

async function send(method: string, path: string, body?: unknown, bearer?: string) {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${entry.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? (JSON.parse(text) as any) : undefined };
}

const placeId = () => search.id('places', 0);
const organizerId = () => search.id('organizers', 0);

const eventBody = (overrides: Record<string, unknown> = {}) => ({
  mainLanguage: 'nl',
  name: { nl: 'Hamlet' },
  calendarType: 'single',
  subEvent: [{ startDate: '2026-10-01T20:00:00+02:00', endDate: '2026-10-01T22:30:00+02:00' }],
  location: { '@id': `${IO}/places/${placeId()}` },
  organizer: { '@id': `${IO}/organizers/${organizerId()}` },
  terms: [{ id: '0.55.0.0.0' }],
  priceInfo: [{ category: 'base', name: { nl: 'Basistarief' }, price: 18, priceCurrency: 'EUR' }],
  ...overrides,
});

describe('The fixture Entry API: tokens', () => {
  it('issues a Bearer token for valid client credentials, as publiq documents it', async () => {
    const ok = await tokenFor('house', 'house-secret');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
    expect(entry.tokensIssued).toBe(1);
  });

  it('refuses a wrong secret (401 invalid_client) and another grant type (400)', async () => {
    expect(await tokenFor('house', 'wrong')).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_client' }) });
    expect(await tokenFor('nobody', 'house-secret')).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_client' }) });
    expect((await tokenFor('house', 'house-secret', 'password')).status).toBe(400);
    expect(entry.tokensIssued).toBe(0);
  });

  it('answers 401 problem+json without a token, with an unknown one, and once the token expired', async () => {
    const missing = await send('POST', '/events', eventBody());
    expect(missing.status).toBe(401);
    expect(missing.type).toBe('application/problem+json');
    expect(missing.body).toMatchObject({ type: 'https://api.publiq.be/probs/auth/unauthorized', title: 'Unauthorized', status: 401 });
    expect((await send('GET', `/events/${search.id('events', 0)}`, undefined, 'made-up')).status).toBe(401);

    const bearer = await token();
    expect((await send('GET', `/events/${search.id('events', 0)}`, undefined, bearer)).status).toBe(200);
    clock += 3600 * 1000;
    const expired = await send('GET', `/events/${search.id('events', 0)}`, undefined, bearer);
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('answers 403 to a client without write permission (it may still read), and to another client changing a document', async () => {
    const reader = await token('reader');
    expect((await send('GET', `/events/${search.id('events', 0)}`, undefined, reader)).status).toBe(200);
    const refused = await send('POST', '/events', eventBody(), reader);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: 'https://api.publiq.be/probs/auth/forbidden', status: 403 });

    const created = await send('POST', '/events', eventBody(), await token('house'));
    const other = await send('PUT', `/events/${created.body.id}/name/nl`, { name: 'Overgenomen' }, await token('other'));
    expect(other.status).toBe(403);
    expect(entry.find('events', created.body.id)!.name.nl).toBe('Hamlet');
  });
});

describe('The fixture Entry API: strict bodies', () => {
  let bearer: string;
  beforeEach(async () => {
    bearer = await token();
  });

  it('refuses a body without a required property, naming it (invalid-data, schemaErrors)', async () => {
    const { name: _name, ...nameless } = eventBody();
    const res = await send('POST', '/events', nameless, bearer);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://api.publiq.be/probs/body/invalid-data', title: 'Invalid body data', status: 400 });
    expect(res.body.schemaErrors).toContainEqual({ jsonPointer: '/', error: 'The required properties (name) are missing.' });
  });

  it('refuses properties the schema does not describe, at the top and nested, even where publiq does not forbid them', async () => {
    const res = await send('POST', '/events', eventBody({ ticketmaticId: 10001, subEvent: [{ startDate: '2026-10-01T20:00:00+02:00', endDate: '2026-10-01T22:30:00+02:00', hall: 'Grote zaal' }] }), bearer);
    expect(res.status).toBe(400);
    expect(res.body.schemaErrors).toEqual(expect.arrayContaining([
      { jsonPointer: '/', error: expect.stringContaining('ticketmaticId') },
      { jsonPointer: '/subEvent/0', error: expect.stringContaining('hall') },
    ]));
    const granular = await send('PUT', `/events/${search.id('events', 0)}/booking-availability`, { type: 'Unavailable', soldOut: true }, bearer);
    expect(granular.status).toBe(400);
    expect(granular.body.schemaErrors).toEqual([{ jsonPointer: '/', error: expect.stringContaining('soldOut') }]);
  });

  it('refuses read-only properties (created, availableTo) in a request', async () => {
    const res = await send('POST', '/events', eventBody({ created: '2026-01-01T00:00:00+00:00', availableTo: '2026-12-31T00:00:00+00:00' }), bearer);
    expect(res.status).toBe(400);
    expect(res.body.schemaErrors.map((e: { jsonPointer: string }) => e.jsonPointer).sort()).toEqual(['/availableTo', '/created']);
  });

  it('refuses a bad format (date-time, uri) with the pointer to the value', async () => {
    const res = await send('POST', '/events', eventBody({ subEvent: [{ startDate: '1 oktober 2026 20u', endDate: '2026-10-01T22:30:00+02:00' }], bookingInfo: { url: 'tickets bij de kassa', urlLabel: { nl: 'Tickets' } } }), bearer);
    expect(res.status).toBe(400);
    expect(res.body.schemaErrors).toEqual(expect.arrayContaining([
      { jsonPointer: '/subEvent/0/startDate', error: expect.stringContaining('date-time') },
      { jsonPointer: '/bookingInfo/url', error: expect.stringContaining('uri') },
    ]));
  });

  it('refuses term ids the taxonomy does not have, and a place type on an event', async () => {
    const unknown = await send('POST', '/events', eventBody({ terms: [{ id: '9.99.0.0.0' }] }), bearer);
    expect(unknown.status).toBe(400);
    expect(unknown.body.schemaErrors).toEqual([{ jsonPointer: '/terms/0/id', error: expect.stringContaining('9.99.0.0.0') }]);
    const placeType = await send('POST', '/events', eventBody({ terms: [{ id: '8.70.0.0.0' }] }), bearer);
    expect(placeType.body.schemaErrors).toEqual([{ jsonPointer: '/terms/0/id', error: expect.stringContaining('cannot be used on events') }]);
    const theme = await send('PUT', `/events/${search.id('events', 0)}/type/1.8.2.0.0`, undefined, bearer);
    expect(theme.status).toBe(400);
  });

  it('refuses a missing body and a body that is not JSON with their own problem types', async () => {
    const missing = await send('PUT', `/events/${search.id('events', 0)}/name/nl`, undefined, bearer);
    expect(missing.body).toMatchObject({ type: 'https://api.publiq.be/probs/body/missing', status: 400 });
    const syntax = await send('PUT', `/events/${search.id('events', 0)}/name/nl`, '{"name": "Hamlet"', bearer);
    expect(syntax.body).toMatchObject({ type: 'https://api.publiq.be/probs/body/invalid-syntax', status: 400 });
    const untyped = await fetch(`${entry.url}/events/${search.id('events', 0)}/name/nl`, { method: 'PUT', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/plain' }, body: '{"name":"Hamlet"}' });
    expect(untyped.status).toBe(400);
    expect(((await untyped.json()) as { detail: string }).detail).toMatch(/application\/json/);
  });

  it('logs every request with its body and whether it validated', async () => {
    await send('PUT', `/events/${search.id('events', 0)}/name/nl`, { name: 'Nieuw' }, bearer);
    await send('PUT', `/events/${search.id('events', 0)}/name/nl`, { naam: 'Nieuw' }, bearer);
    const [good, bad] = entry.requests.filter((r) => r.operationId === 'event-name-put');
    expect(good).toMatchObject({ method: 'PUT', body: { name: 'Nieuw' }, valid: true, status: 204 });
    expect(bad).toMatchObject({ body: { naam: 'Nieuw' }, valid: false, status: 400, schemaErrors: expect.any(Array) });
    // The token request is logged without its form (the secret).
    expect(JSON.stringify(entry.requests)).not.toContain('house-secret');
  });

  it('answers 404 problem+json for an unknown id and a path entry.json does not have', async () => {
    const unknown = await send('GET', '/events/00000000-0000-4000-8000-000000000000', undefined, bearer);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ type: 'https://api.publiq.be/probs/url/not-found', status: 404 });
    expect((await send('PUT', '/events/00000000-0000-4000-8000-000000000000/name/nl', { name: 'x' }, bearer)).status).toBe(404);
    expect((await send('GET', '/events/not-a-uuid', undefined, bearer)).status).toBe(404);
    expect((await send('POST', '/concerts', {}, bearer)).status).toBe(404);
  });

  it("accepts publiq's own request examples for the operations the write-back uses", () => {
    const schemas = new EntrySchemas();
    const dir = projectPath('fixtures', 'uitdatabank', 'entry-api');
    const openapi = JSON.parse(readFileSync(`${dir}/openapi/entry.json`, 'utf8')) as { paths: Record<string, Record<string, any>> };
    const operations = Object.values(openapi.paths).flatMap((item) => Object.values(item)).filter((op) => typeof op?.operationId === 'string');
    /** The operation's examples in entry.json and in the model its body refers to. */
    const examples = (operationId: string): unknown[] => {
      const content = operations.find((op) => op.operationId === operationId)!.requestBody.content['application/json'];
      const inline = Object.values((content.examples ?? {}) as Record<string, { value: unknown }>).map((e) => e.value);
      const ref = typeof content.schema.$ref === 'string' ? (content.schema.$ref as string).split('/').pop()! : undefined;
      const model = ref ? ((JSON.parse(readFileSync(`${dir}/models/${ref}`, 'utf8')) as { examples?: unknown[] }).examples ?? []) : [];
      return [...inline, ...model];
    };
    for (const operation of ['event-post', 'place-post', 'event-workflow-status-put', 'image-post', 'event-calendar-put', 'event-bookingAvailability-put', 'event-status-put', 'event-price-info-put']) {
      const found = examples(operation);
      expect({ operation, found: found.length > 0 }).toEqual({ operation, found: true });
      for (const example of found) expect({ operation, errors: schemas.validate(operation, example) }).toEqual({ operation, errors: [] });
    }
  });
});

describe('The fixture Entry API: documents and workflow', () => {
  it('creates an event as DRAFT and writes it into the Search fixture in the read shape', async () => {
    const bearer = await token();
    const created = await send('POST', '/events', eventBody(), bearer);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), eventId: created.body.id, url: `${IO}/events/${created.body.id}`, commandId: expect.any(String) });
    const doc = search.docs.events.find((d) => d['@id'] === created.body.url)!;
    expect(doc).toMatchObject({
      '@context': '/contexts/event',
      '@type': 'Event',
      workflowStatus: 'DRAFT',
      name: { nl: 'Hamlet' },
      terms: [{ id: '0.55.0.0.0', label: 'Theatervoorstelling', domain: 'eventtype' }],
      startDate: '2026-10-01T20:00:00+02:00',
      endDate: '2026-10-01T22:30:00+02:00',
      availableTo: '2026-10-01T22:30:00+02:00',
      bookingAvailability: { type: 'Available' },
      subEvent: [{ id: 0, status: { type: 'Available' }, bookingAvailability: { type: 'Available' } }],
      creator: 'house@clients',
      modified: '2026-09-01T10:00:00+00:00',
    });
    // The location and organizer come embedded, as the Search API serves them.
    expect(doc.location['@id']).toBe(`${IO}/places/${placeId()}`);
    expect(doc.location.address).toBeDefined();
    expect(doc.organizer.name).toBeDefined();
    expect((await send('GET', `/events/${created.body.id}`, undefined, bearer)).body).toEqual(doc);
  });

  it('publishes (READY_FOR_VALIDATION), leaves APPROVED/REJECTED to moderators, and lets a test moderate', async () => {
    const bearer = await token();
    const { body: { id } } = await send('POST', '/events', eventBody(), bearer);
    expect((await send('PUT', `/events/${id}/workflow-status`, { workflowStatus: 'APPROVED' }, bearer)).status).toBe(403);
    expect((await send('POST', '/events', eventBody({ workflowStatus: 'APPROVED' }), bearer)).status).toBe(403);
    // entry.json: "explicitly set the workflowStatus property in your JSON body to READY_FOR_VALIDATION".
    const published = await send('POST', '/events', eventBody({ workflowStatus: 'READY_FOR_VALIDATION' }), bearer);
    expect(entry.find('events', published.body.id)!.workflowStatus).toBe('READY_FOR_VALIDATION');
    expect((await send('PUT', `/events/${id}/workflow-status`, { workflowStatus: 'READY_FOR_VALIDATION' }, bearer)).status).toBe(204);
    expect(entry.find('events', id)!.workflowStatus).toBe('READY_FOR_VALIDATION');
    entry.moderate('events', id, 'REJECTED', 'Geen geldige locatie');
    expect(entry.find('events', id)!.workflowStatus).toBe('REJECTED');
    expect(entry.rejectionReason(id)).toBe('Geen geldige locatie');
    entry.moderate('events', id, 'APPROVED');
    expect(entry.find('events', id)!.workflowStatus).toBe('APPROVED');
  });

  it('soft-deletes (workflowStatus DELETED, still readable), or answers 410 when configured so', async () => {
    const bearer = await token();
    const { body: { id } } = await send('POST', '/events', eventBody(), bearer);
    expect((await send('DELETE', `/events/${id}`, undefined, bearer)).status).toBe(204);
    expect((await send('GET', `/events/${id}`, undefined, bearer)).body.workflowStatus).toBe('DELETED');

    const gone = await startUitdatabankEntryFixture({ search, deletedGet: 'gone', clients: [{ id: 'house', secret: 'house-secret' }] });
    try {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'house', client_secret: 'house-secret' });
      const t = ((await (await fetch(gone.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).json()) as { access_token: string }).access_token;
      expect((await fetch(`${gone.url}/events/${id}`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(410);
    } finally {
      await gone.close();
    }
  });

  it('refuses booking availability on a periodic event (calendar-type-not-supported), as documented', async () => {
    const bearer = await token();
    const periodic = eventBody({ calendarType: 'periodic', startDate: '2026-10-01T00:00:00+02:00', endDate: '2026-12-31T23:59:59+01:00', subEvent: undefined });
    const { body: { id } } = await send('POST', '/events', JSON.parse(JSON.stringify(periodic)), bearer);
    const res = await send('PUT', `/events/${id}/booking-availability`, { type: 'Unavailable' }, bearer);
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('https://api.publiq.be/probs/uitdatabank/calendar-type-not-supported');
  });

  it('answers injected faults (429 with Retry-After, 503) before anything else', async () => {
    entry.inject({ kind: 'status', status: 429, retryAfter: '7' });
    const res = await fetch(`${entry.url}/events`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    entry.inject({ kind: 'status', status: 503 });
    expect((await fetch(`${entry.url}/events`, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${entry.url}/events`, { method: 'POST' })).status).toBe(401);
  });
});
