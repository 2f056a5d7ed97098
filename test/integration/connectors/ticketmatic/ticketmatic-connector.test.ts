import { startTicketmaticFixture, type TicketmaticFixture, type TicketmaticFixtureOptions } from '../../../../fixtures/ticketmatic/server.js';
import { TicketmaticConfigSchema, type TicketmaticConfig } from '../../../../src/connectors/ticketmatic/config.js';
import { TicketmaticConnector, type TicketmaticState } from '../../../../src/connectors/ticketmatic/ticketmatic-connector.js';
import { SourceContractError } from '../../../../src/core/errors.js';
import { collect, ids, afterCheckpoints, goneByDifference } from '../oai-pmh/harvest-helpers.js';

const connector = new TicketmaticConnector();
let fixture: TicketmaticFixture;

async function start(options: TicketmaticFixtureOptions = {}) {
  fixture = await startTicketmaticFixture(options);
}

afterEach(async () => {
  // Whatever a test did, no personal-data endpoint may have been requested.
  expect(fixture.faults.requests.filter((r) => /\/(contacts|orders)(\/|\?|$)/.test(r.url))).toEqual([]);
  await fixture?.close();
});

const config = (overrides: Record<string, unknown> = {}): TicketmaticConfig =>
  TicketmaticConfigSchema.parse({
    baseUrl: fixture.url.replace(/\/[^/]+$/, ''), account: fixture.account, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key',
    pageSize: 10, timeoutMs: 10000, maxAttempts: 4, backoffMs: 5, maxDelayMs: 3000, overlapSeconds: 0, ...overrides,
  });

const harvest = (cfg: TicketmaticConfig, state?: TicketmaticState, full = false) => collect(connector.read(cfg, state, 'tm', { full }));
const publicIds = () => fixture.events.filter((e) => e.currentstatus !== 19001).map((e) => String(e.id)).sort();
const paths = () => fixture.faults.requests.map((r) => new URL(r.url, 'http://x').pathname.replace(/^\/api\/1\/[^/]+\//, ''));

describe('A TicketmaticConnector', () => {
  it('harvests every public event with its location, translations and public availability', async () => {
    await start({ count: 25 });
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(publicIds());
    expect(publicIds().length).toBeLessThan(25); // drafts are left out
    const body = JSON.parse(h.records[0].body);
    expect(body.location).toMatchObject({ id: body.locationid, city: expect.any(String), countrycode: 'BE' });
    expect(body.translations).toMatchObject({ nameen: expect.stringContaining('(EN)') });
    expect(body.availability).toBeUndefined();
    expect(typeof body.publicavailability.soldout).toBe('boolean');
    const soldOut = h.records.filter((r) => r.meta?.soldOut === 'true');
    expect(soldOut.length).toBeGreaterThan(0);
    expect(h.records[0].mediaType).toBe('application/json');
    expect(h.records[0].modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(h.state?.streamId).toBeDefined();
    expect(new Set(paths())).toEqual(new Set(['settings/events/eventlocations', 'events', 'eventstream']));
  });

  it('loses no event when one disappears mid-listing and shifts the offset pages', async () => {
    await start({ count: 30 });
    const gone = fixture.events[2].id;
    const h = await collect(connector.read(config(), undefined, 'tm'), (m, sofar) => {
      if (m.type === 'checkpoint' && sofar.checkpoints.length === 1) fixture.remove(gone);
      return false;
    });
    expect([...new Set(ids(h.records))].sort()).toEqual([...publicIds(), String(gone)].sort());
    expect(h.deletes.map((d) => d.recordId)).toEqual([String(gone)]);
  });

  it('lists every event on a first or --full run, and a resumed listing names the public events it listed', async () => {
    await start({ count: 25 });
    const first = await harvest(config());
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    // Back in Draft and removed while the hub was not looking: no feed item it will read says so.
    const drafted = fixture.events.find((e) => e.currentstatus !== 19001)!;
    drafted.currentstatus = 19001;
    const gone = fixture.events[20].id;
    fixture.remove(gone);
    const killed = await collect(connector.read(config(), first.state, 'tm', { full: true }), afterCheckpoints(1));
    expect(killed.state?.run?.drafts).toContain(drafted.id);
    const resumed = await harvest(config(), killed.state);
    expect(resumed.present).toEqual(killed.state!.run!.listed.filter((id) => !killed.state!.run!.drafts!.includes(id)).map(String));
    expect(resumed.listing).toEqual({ type: 'listing', complete: true });
    expect(goneByDifference(resumed, ids(first.records))).toEqual([String(drafted.id), String(gone)].sort());
    const next = await harvest(config(), resumed.state);
    expect(next.listing).toBeUndefined();
  });

  it('signs every request with TM-HMAC-SHA256', async () => {
    await start({ count: 3 });
    await harvest(config());
    expect(fixture.faults.requests.every((r) => /^TM-HMAC-SHA256 key=a1b2c3d4e5f6 ts=\S+ sign=[0-9a-f]{64}$/.test(String(r.headers.authorization)))).toBe(true);
  });

  it('follows the eventstream on the next run: changes, sell-outs, new and deleted events, never orders', async () => {
    await start({ count: 12 });
    const first = await harvest(config());
    const [a, b, c] = [fixture.events[0].id, fixture.events[1].id, fixture.events[2].id];
    fixture.update(a);
    fixture.update(a);
    fixture.sellOut(b);
    fixture.remove(c);
    fixture.placeOrder(a);
    const [added] = fixture.add(1);
    const second = await harvest(config(), first.state);
    expect(ids(second.records).sort()).toEqual([a, b, added].map(String).sort());
    expect(JSON.parse(second.records.find((r) => r.recordId === String(b))!.body).publicavailability).toEqual({ soldout: true, free: 0 });
    expect(second.deletes.map((d) => d.recordId)).toEqual([String(c)]);
    // Only event items were asked for; the order with personal data never left the server.
    const streamCalls = fixture.faults.requests.filter((r) => r.url.includes('/eventstream'));
    expect(streamCalls.every((r) => new URL(r.url, 'http://x').searchParams.get('eventtypes') === 'event.created,event.updated,event.deleted')).toBe(true);
    expect(second.records.some((r) => r.body.includes('janssens'))).toBe(false);
    // Only the changed events were fetched.
    expect(paths().filter((p) => /^events\/\d+$/.test(p))).toHaveLength(3);
    const third = await harvest(config(), second.state);
    expect(third.records).toHaveLength(0);
  });

  it('pages the change feed (moreresults/nextid) with a checkpoint after each poll', async () => {
    await start({ count: 5, streamPageSize: 3 });
    const first = await harvest(config());
    const added = fixture.add(8);
    const drafts = fixture.events.filter((e) => added.includes(e.id) && e.currentstatus === 19001).map((e) => String(e.id));
    expect(drafts).toHaveLength(1);
    const second = await harvest(config(), first.state);
    expect(ids(second.records).sort()).toEqual(added.map(String).filter((id) => !drafts.includes(id)).sort());
    // A draft seen in the feed is not public (any earlier published version is withdrawn).
    expect(second.deletes.map((d) => d.recordId)).toEqual(drafts);
    expect(second.checkpoints.length).toBe(3);
  });

  it('can increment by lastupdatesince instead', async () => {
    await start({ count: 8 });
    const first = await harvest(config({ incremental: 'lastupdatesince' }));
    expect(first.state?.lastUpdateSince).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await new Promise((r) => setTimeout(r, 1100)); // Ticketmatic times have whole seconds
    fixture.update(fixture.events[3].id);
    const second = await harvest(config({ incremental: 'lastupdatesince' }), first.state);
    expect(ids(second.records)).toEqual([String(fixture.events[3].id)]);
    expect(fixture.faults.requests.at(-1)!.url).toContain('lastupdatesince=');
  });

  it('fails at once on a wrong secret (one request, no retries)', async () => {
    await start({ count: 3 });
    const error = await harvest(config({ secretKey: 'wrong' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/HTTP 401 \(check the credentials\).*Invalid signature/);
    expect(fixture.faults.requests).toHaveLength(1);
  });

  it('is refused when its clock is too far from the server', async () => {
    await start({ count: 3, now: () => Date.now() + 15 * 60_000 });
    const error = await harvest(config()).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/too far from server time/);
    expect((await connector.check(config(), 'tm')).ok).toBe(false);
  });

  it('retries a 500 and recovers', async () => {
    await start({ count: 25 });
    fixture.inject({ kind: 'status', status: 500 }, { times: 2, match: (u) => u.pathname.endsWith('/events') });
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(publicIds());
    expect(h.progress.at(-1)?.retries).toBe(2);
  });

  it('honours Retry-After on 429', async () => {
    await start({ count: 3 });
    fixture.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: (u) => u.pathname.endsWith('/events') });
    const h = await harvest(config({ backoffMs: 1 }));
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/in 1000 ms \(HTTP 429\)$/));
    expect(ids(h.records).sort()).toEqual(publicIds());
  });

  it('retries a request that times out', async () => {
    await start({ count: 3 });
    fixture.inject({ kind: 'delay', ms: 2500 }, { match: (u) => u.pathname.endsWith('/events') });
    const h = await harvest(config({ timeoutMs: 500 }));
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/timed out after 500 ms/));
    expect(ids(h.records).sort()).toEqual(publicIds());
  });

  it('reports a truncated page by its URL, fetches it again and carries on', async () => {
    await start({ count: 25 });
    fixture.inject({ kind: 'truncate' }, { match: (u) => u.pathname.endsWith('/events') && u.searchParams.get('offset') === '10' });
    const h = await harvest(config());
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].page).toMatch(/\/events\?limit=10&offset=10$/);
    expect(ids(h.records).sort()).toEqual(publicIds());
  });

  it('gives up with a SourceContractError naming the page when it stays unreadable, and a resumed run reads it', async () => {
    await start({ count: 25 });
    const page = (u: URL) => u.pathname.endsWith('/events') && u.searchParams.get('offset') === '10';
    fixture.inject({ kind: 'truncate' }, { times: 2, match: page });
    const seen: string[] = [];
    let state: TicketmaticState | undefined;
    const error = await (async () => {
      for await (const m of connector.read(config({ pageRetries: 1 }), undefined, 'tm')) {
        if (m.type === 'record') seen.push(m.record.recordId);
        if (m.type === 'checkpoint') state = m.state;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as SourceContractError).context.page).toMatch(/\/events\?limit=10&offset=10$/);
    expect((error as Error).message).toContain('offset=10');
    const resumed = await harvest(config(), state);
    expect([...new Set([...seen, ...ids(resumed.records)])].sort()).toEqual(publicIds());
  });

  it('reports an event without id and keeps the rest of the page', async () => {
    await start({ count: 5 });
    fixture.inject({ kind: 'malformed' }, { match: (u) => u.pathname.endsWith('/events') });
    const h = await harvest(config());
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].recordId).toMatch(/\/events\?limit=10&offset=0#0$/);
  });

  it('resumes a listing from its checkpoint with no event lost and only post-checkpoint events repeated', async () => {
    await start({ count: 45 });
    const crashed = await collect(connector.read(config(), undefined, 'tm'), afterCheckpoints(2, 3));
    expect(crashed.state?.run?.offset).toBe(20);
    const resumed = await harvest(config(), crashed.state);
    const all = [...ids(crashed.records), ...ids(resumed.records)];
    expect([...new Set(all)].sort()).toEqual(publicIds());
    const dupes = all.filter((id, i) => all.indexOf(id) !== i).sort();
    expect(dupes).toEqual([...crashed.afterCheckpoint].sort());
  });
});
