import { startUitdatabankFixture, type UitFixture, type UitFixtureOptions } from '../../../../fixtures/uitdatabank/server.js';
import { UitdatabankConfigSchema, type UitdatabankConfig } from '../../../../src/connectors/uitdatabank/config.js';
import { UitdatabankConnector, type UitdatabankState } from '../../../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { SourceContractError } from '../../../../src/core/errors.js';
import { collect, ids, afterCheckpoints, goneByDifference } from '../oai-pmh/harvest-helpers.js';

const connector = new UitdatabankConnector();
let fixture: UitFixture;

async function start(options: UitFixtureOptions = {}) {
  fixture = await startUitdatabankFixture(options);
}

afterEach(async () => {
  await fixture?.close();
});

const config = (overrides: Record<string, unknown> = {}): UitdatabankConfig =>
  UitdatabankConfigSchema.parse({ baseUrl: fixture.url, clientId: 'test-client', pageSize: 7, timeoutMs: 10000, maxAttempts: 4, backoffMs: 5, maxDelayMs: 3000, ...overrides });

const harvest = (cfg: UitdatabankConfig, state?: UitdatabankState, full = false) => collect(connector.read(cfg, state, 'uit', { full }));

const allIds = () => Object.values(fixture.docs).flat().map((d) => String(d['@id']).split('/').pop()!).sort();
const searches = () => fixture.faults.requests;

describe('An UitdatabankConnector', () => {
  it('puts each event under its embedded organizer (Dutch name), and the rest under the source', async () => {
    await start({ count: 6 });
    const h = await harvest(config());
    const organisationOf = (entity: string, index: number) => h.records.find((r) => r.recordId === fixture.id(entity as 'events', index))!.meta?.organisation;
    // Even variants copy event-read-example.json (organizer embedded), odd ones example2 (organizer by @id only).
    expect(organisationOf('events', 0)).toBe('STUK');
    expect(organisationOf('events', 2)).toBe('STUK');
    expect(organisationOf('events', 1)).toBeUndefined();
    expect(h.records.filter((r) => r.meta?.entity !== 'event').every((r) => r.meta?.organisation === undefined)).toBe(true);
  });

  it('harvests every event, place and organizer, embedded JSON-LD, past the default filters', async () => {
    await start({ count: 40 });
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(allIds());
    const event = h.records.find((r) => r.meta?.entity === 'event')!;
    expect(event.mediaType).toBe('application/ld+json');
    expect(JSON.parse(event.body)['@id']).toBe(`https://io.uitdatabank.be/events/${event.recordId}`);
    expect(h.records.filter((r) => r.meta?.entity === 'organizer')).toHaveLength(40);
    // Documents the default filters hide (members-only, past availableTo, waiting for validation) are harvested too.
    const defaultVisible = searches()[0];
    expect(defaultVisible.headers['x-client-id']).toBe('test-client');
    const q = new URL(defaultVisible.url, fixture.url).searchParams;
    expect(q.get('embed')).toBe('true');
    expect(q.get('availableTo')).toBe('*');
    expect(q.get('audienceType')).toBe('*');
    expect(q.get('workflowStatus')).toBe('APPROVED,READY_FOR_VALIDATION,REJECTED,DELETED');
    expect(q.get('sort[modified]')).toBe('asc');
    // With the defaults in place, the API itself would have hidden some of them.
    const plain = await fetch(`${fixture.url}/events/?embed=true&limit=2000`, { headers: { 'x-client-id': 'test-client' } });
    expect(((await plain.json()) as { totalItems: number }).totalItems).toBeLessThan(40);
    expect(h.state).toEqual({ cursors: expect.objectContaining({ events: expect.any(Object), places: expect.any(Object), organizers: expect.any(Object) }) });
  });

  it('never asks for start beyond 10,000 or limit beyond 2,000, yet gets every document of a large set', async () => {
    // The fixture caps start at 20: plain offset paging would stop after 27 of 120 documents.
    await start({ count: 120, maxStart: 20 });
    const h = await harvest(config({ entities: ['events'], pageSize: 7 }));
    expect(new Set(ids(h.records)).size).toBe(120);
    expect(searches().every((r) => Number(new URL(r.url, fixture.url).searchParams.get('start')) <= 20)).toBe(true);
  });

  it('pages through ties (documents sharing one modified second) larger than a page', async () => {
    await start({ count: 30, tieSize: 10 });
    const h = await harvest(config({ entities: ['places'], pageSize: 4 }));
    expect(ids(h.records).sort()).toEqual(fixture.docs.places.map((d) => String(d['@id']).split('/').pop()).sort());
    expect(new Set(ids(h.records)).size).toBe(30);
  });

  it('fetches only changes on the second run and yields DELETED and REJECTED documents as deletes', async () => {
    await start({ count: 20 });
    const first = await harvest(config());
    const changed = fixture.id('events', 4);
    const deleted = fixture.id('places', 2);
    const rejected = fixture.id('events', 9);
    const gone = fixture.id('organizers', 1);
    fixture.update('events', changed);
    fixture.remove('places', deleted);
    fixture.setStatus('events', rejected, 'REJECTED');
    fixture.remove('organizers', gone);
    const [added] = fixture.add('events', 1);
    const second = await harvest(config(), first.state);
    expect(ids(second.records).sort()).toEqual([added, changed].sort());
    expect(JSON.parse(second.records.find((r) => r.recordId === changed)!.body).name.nl).toMatch(/bijgewerkt/);
    expect(second.deletes.map((d) => d.recordId).sort()).toEqual([deleted, rejected, gone].sort());
    const third = await harvest(config(), second.state);
    expect(third.records).toHaveLength(0);
    expect(third.deletes).toHaveLength(0);
  });

  it('lists every document on a first or --full run, so one that left the query is deleted by difference', async () => {
    await start({ count: 10 });
    const first = await harvest(config());
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    const left = fixture.id('events', 3);
    // No longer matched by the source's query (here: gone from the index), which no increment can see.
    fixture.docs.events.splice(fixture.docs.events.findIndex((d) => String(d['@id']).endsWith(left)), 1);
    const second = await harvest(config(), first.state);
    expect(second.listing).toBeUndefined();
    const full = await harvest(config(), second.state, true);
    expect(full.listing).toEqual({ type: 'listing', complete: true });
    expect(goneByDifference(full, ids(first.records))).toEqual([left]);
  });

  it('fails at once with a clear error on a wrong client id (one request, no retries)', async () => {
    await start({ count: 5 });
    const error = await harvest(config({ clientId: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/HTTP 401 \(check the credentials\)/);
    expect(searches()).toHaveLength(1);
    expect((await connector.check(config({ clientId: 'nope' }), 'uit')).ok).toBe(false);
    expect((await connector.check(config(), 'uit')).ok).toBe(true);
  });

  it('retries a 500 and recovers', async () => {
    await start({ count: 20 });
    fixture.inject({ kind: 'status', status: 500 }, { times: 2 });
    const h = await harvest(config({ entities: ['events'] }));
    expect(h.records).toHaveLength(20);
    expect(h.progress.at(-1)?.retries).toBe(2);
  });

  it('honours Retry-After on 429', async () => {
    await start({ count: 5 });
    fixture.inject({ kind: 'status', status: 429, retryAfter: '1' });
    const h = await harvest(config({ entities: ['organizers'], backoffMs: 1 }));
    expect(h.records).toHaveLength(5);
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/in 1000 ms \(HTTP 429\)$/));
  });

  it('retries a request that times out', async () => {
    await start({ count: 5 });
    fixture.inject({ kind: 'delay', ms: 2500 });
    const h = await harvest(config({ entities: ['places'], timeoutMs: 500 }));
    expect(h.records).toHaveLength(5);
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/timed out after 500 ms/));
  });

  it('reports a truncated page by its URL, fetches it again and carries on', async () => {
    await start({ count: 20 });
    fixture.inject({ kind: 'truncate' }, { match: (u) => u.searchParams.has('modifiedFrom') });
    const h = await harvest(config({ entities: ['events'] }));
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].page).toMatch(/\/events\/\?.*modifiedFrom=/);
    expect(h.errors[0].message).toMatch(/unreadable JSON/);
    expect(new Set(ids(h.records)).size).toBe(20);
  });

  it('reports a member without @id and keeps the rest of the page', async () => {
    await start({ count: 5 });
    fixture.inject({ kind: 'malformed' });
    const h = await harvest(config({ entities: ['events'] }));
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].recordId).toMatch(/#0$/);
    expect(h.records).toHaveLength(4);
  });

  it('gives up with a SourceContractError naming the page when it stays unreadable', async () => {
    await start({ count: 20 });
    fixture.inject({ kind: 'truncate' }, { times: 10 });
    const error = await harvest(config({ entities: ['events'], pageRetries: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as SourceContractError).context.page).toMatch(/\/events\/\?/);
  });

  it('resumes from a checkpoint after a crash with no document lost and only post-checkpoint ones repeated', async () => {
    await start({ count: 30 });
    const crashed = await collect(connector.read(config(), undefined, 'uit'), afterCheckpoints(6, 3));
    expect(crashed.state?.run).toBeDefined();
    const resumed = await harvest(config(), crashed.state);
    const all = [...ids(crashed.records), ...ids(resumed.records)];
    expect([...new Set(all)].sort()).toEqual(allIds());
    const dupes = all.filter((id, i) => all.indexOf(id) !== i).sort();
    expect(dupes).toEqual([...crashed.afterCheckpoint].sort());
  });

  it('resumes a crashed run up to now: a document withdrawn since, in an entity read before the crash, is a delete', async () => {
    await start({ count: 14 });
    const cfg = config({ entities: ['events', 'places'] });
    // Events are read (two pages and a checkpoint) and the run dies in the places.
    const crashed = await collect(connector.read(cfg, undefined, 'uit'), (m) => m.type === 'record' && JSON.parse(m.record.body)['@type'] === 'Place');
    const withdrawn = fixture.id('events', 5);
    fixture.remove('events', withdrawn);
    const resumed = await harvest(cfg, crashed.state);
    expect(resumed.deletes.map((d) => d.recordId)).toEqual([withdrawn]);
  });

  it('reads everything again with --full', async () => {
    await start({ count: 10 });
    const first = await harvest(config({ entities: ['events'] }));
    const again = await harvest(config({ entities: ['events'] }), first.state, true);
    expect(again.records).toHaveLength(10);
  });
});
