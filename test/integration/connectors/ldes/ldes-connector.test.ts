import { startLdesFixture, type LdesFixture, type LdesFixtureOptions } from '../../../../fixtures/ldes/server.js';
import { LdesConfigSchema, type LdesConfig, type LdesState } from '../../../../src/connectors/ldes/config.js';
import { LdesConnector } from '../../../../src/connectors/ldes/ldes-connector.js';
import type { ConnectorMessage } from '../../../../src/connectors/contract.js';
import { findConnector } from '../../../../src/connectors/index.js';
import { SourceContractError } from '../../../../src/core/errors.js';
import { collect, ids, afterCheckpoints, goneByDifference, mentioned, type Harvest } from '../oai-pmh/harvest-helpers.js';

const connector = new LdesConnector();
let fixture: LdesFixture;

async function start(options: LdesFixtureOptions = {}) {
  fixture = await startLdesFixture({ objects: 25, pageSize: 10, ...options });
}

afterEach(async () => {
  await fixture?.close();
});

const config = (overrides: Record<string, unknown> = {}): LdesConfig =>
  LdesConfigSchema.parse({ type: 'ldes', url: fixture.url, timeoutMs: 10000, maxAttempts: 4, backoffMs: 5, maxDelayMs: 3000, ...overrides });

const harvest = (cfg: LdesConfig, state?: LdesState, full = false) => collect(connector.read(cfg, state, 'ghent', { full }));

/** Reads until the run throws; returns what came before (what a pipeline would have kept) and the error. */
async function harvestUntilFailure(cfg: LdesConfig, state?: LdesState) {
  const seen: ConnectorMessage<LdesState>[] = [];
  const error = await (async () => {
    for await (const m of connector.read(cfg, state, 'ghent')) seen.push(m);
  })().catch((e: unknown) => e);
  async function* replay() {
    yield* seen;
  }
  return { error, harvest: (await collect(replay())) as Harvest<LdesState> };
}

const objectIds = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(530000000 + from + i));
const pageRequests = () => fixture.requests.filter((r) => r.startsWith('/ghent/dmg/objecten'));

describe('An LdesConnector on a Ghent-style adlib2eventstream', () => {
  it('harvests every member along the tree:relations, one checkpoint per page, as the object it is a version of', async () => {
    await start();
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(objectIds(25));
    expect(pageRequests()).toHaveLength(3);
    expect(h.checkpoints).toHaveLength(3);
    const record = h.records.find((r) => r.recordId === '530000003')!;
    expect(record.mediaType).toBe('application/ld+json');
    expect(record.link).toBe('https://stad.gent/id/mensgemaaktobject/dmg/530000003');
    expect(record.meta?.version).toMatch(/^https:\/\/stad\.gent\/id\/mensgemaaktobject\/dmg\/530000003\/2023-/);
    expect(JSON.parse(record.body)['@id']).toBe(record.meta?.version);
    // The two full pages are immutable and done; the last, open page is kept with the members taken from it.
    expect(h.state?.done).toHaveLength(2);
    expect(h.state?.pending).toEqual([]);
    expect(h.state?.open).toEqual([{ url: expect.stringContaining('generatedAtTime='), seen: expect.any(Array) }]);
    expect(h.state?.open[0]!.seen).toHaveLength(5);
  });

  it('reads only the open page on the next run, skips the members already taken, and follows a new relation', async () => {
    await start();
    const first = await harvest(config());
    const before = fixture.requests.length;
    // Six new versions fill the open page (it becomes immutable) and start a new one.
    fixture.addVersion('530000004', { title: 'Nieuwe titel' });
    for (const id of objectIds(5, 100)) fixture.addVersion(id);
    const second = await harvest(config(), first.state);
    expect(ids(second.records).sort()).toEqual(['530000004', ...objectIds(5, 100)].sort());
    expect(JSON.parse(second.records.find((r) => r.recordId === '530000004')!.body)['MensgemaaktObject.titel']).toEqual({ '@value': 'Nieuwe titel', '@language': 'nl' });
    const requested = fixture.requests.slice(before);
    expect(requested).toHaveLength(2);
    expect(requested[0]).toBe(new URL(first.state!.open[0]!.url).pathname + new URL(first.state!.open[0]!.url).search);
    const third = await harvest(config(), second.state);
    expect(third.records).toHaveLength(0);
    expect(fixture.requests.slice(before)).toHaveLength(3);
  });

  it('yields a delete member as a delete of the object, with its time', async () => {
    await start();
    const first = await harvest(config());
    fixture.deleteObject('530000007');
    const second = await harvest(config(), first.state);
    expect(second.records).toHaveLength(0);
    expect(second.deletes).toEqual([{ type: 'delete', sourceId: 'ghent', recordId: '530000007', deleted: expect.stringMatching(/^2023-02-13T/) }]);
    expect(fixture.liveObjects()).not.toContain('530000007');
  });

  it('lists the whole stream on a first or --full run, before the last checkpoint, and not on an increment', async () => {
    await start();
    const first = await harvest(config());
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    // The listing ends before the last page's checkpoint: that checkpoint is saved after the deletes it brings.
    expect(first.checkpoints).toHaveLength(3);
    fixture.deleteObject('530000007');
    fixture.addVersion('530000100');
    const second = await harvest(config(), first.state);
    expect(second.listing).toBeUndefined();
    const full = await harvest(config(), second.state, true);
    expect(full.listing).toEqual({ type: 'listing', complete: true });
    expect([...mentioned(full)].sort()).toEqual([...objectIds(25), '530000100'].sort());
    // A record published once whose entity the stream no longer mentions at all is deleted by difference.
    expect(goneByDifference(full, [...objectIds(25), '530000100', '530099999'])).toEqual(['530099999']);
  });

  it('does not claim a complete listing when a member cannot be read', async () => {
    await start();
    fixture.addMalformedMember('530000003');
    const h = await harvest(config());
    expect(h.listing).toEqual({ type: 'listing', complete: false, reason: expect.stringMatching(/could not be read/) });
  });

  it('keeps the polling interval the stream declares in its state, for hub serve', async () => {
    await start({ pollingInterval: 7 });
    const h = await harvest(config());
    expect(h.state?.pollingInterval).toBe(7);
    const definition = findConnector('ldes')!;
    expect(definition.pollIntervalSeconds?.(config(), h.state)).toBe(7);
    expect(definition.pollIntervalSeconds?.(config({ pollIntervalSeconds: 90 }), undefined)).toBe(90);
  });

  it('reads everything again with --full', async () => {
    await start();
    const first = await harvest(config());
    const again = await harvest(config(), first.state, true);
    expect(ids(again.records).sort()).toEqual(objectIds(25));
  });

  it('fails at once with a clear error when the gateway refuses its key (one request, no retries)', async () => {
    await start({ requireHeader: { name: 'x-api-key', value: 'right' } });
    const error = await harvest(config({ headers: { 'x-api-key': 'wrong' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/^Source ghent: GET http:\/\/127\.0\.0\.1:\d+\/ghent\/dmg\/objecten answered HTTP 401 \(check the credentials\)/);
    expect(fixture.requests).toHaveLength(1);
    expect((await connector.check(config({ headers: { 'x-api-key': 'wrong' } }), 'ghent')).ok).toBe(false);
    const h = await harvest(config({ headers: { 'x-api-key': 'right' } }));
    expect(h.records).toHaveLength(25);
  });

  it('waits as long as Retry-After says on 429', async () => {
    await start();
    fixture.failNext(1, { status: 429, retryAfter: '1' }, { after: 1 });
    const h = await harvest(config({ backoffMs: 1 }));
    expect(ids(h.records).sort()).toEqual(objectIds(25));
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/generatedAtTime=.* in 1000 ms \(HTTP 429\)$/));
    expect(pageRequests()).toHaveLength(4);
  });

  it('retries a 500 and recovers', async () => {
    await start();
    fixture.failNext(2, { status: 500 });
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(objectIds(25));
    expect(h.progress.at(-1)?.retries).toBe(2);
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/\(HTTP 500\)$/));
  });

  it('retries a request that times out', async () => {
    await start();
    fixture.failNext(1, { delayMs: 2500 }, { after: 1 });
    const h = await harvest(config({ timeoutMs: 500 }));
    expect(ids(h.records).sort()).toEqual(objectIds(25));
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/timed out after 500 ms/));
  });

  it('fails with a clear error naming the page when every attempt times out', async () => {
    await start();
    fixture.failNext(3, { delayMs: 1500 });
    await expect(harvest(config({ timeoutMs: 150, maxAttempts: 3 }))).rejects.toThrow(/ghent\/dmg\/objecten failed after 3 attempts \(timed out after 150 ms\)/);
  });

  it('reports a truncated page by its URL, fetches it again and carries on', async () => {
    await start();
    fixture.failNext(1, { truncate: true }, { after: 1 });
    const h = await harvest(config());
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0]!.page).toMatch(/\/ghent\/dmg\/objecten\?generatedAtTime=/);
    expect(h.errors[0]!.recordId).toBe(h.errors[0]!.page);
    expect(h.errors[0]!.message).toContain(`page ${h.errors[0]!.page} is not a readable LDES page`);
    expect(ids(h.records).sort()).toEqual(objectIds(25));
    expect(new Set(ids(h.records)).size).toBe(25);
  });

  it('gives up with a SourceContractError naming the page when it stays unreadable, and the next run resumes there', async () => {
    await start();
    fixture.failNext(2, { truncate: true }, { after: 1 });
    const { error, harvest: failed } = await harvestUntilFailure(config({ pageRetries: 1 }));
    expect(error).toBeInstanceOf(SourceContractError);
    const page = (error as SourceContractError).context.page as string;
    expect(page).toMatch(/generatedAtTime=/);
    expect((error as Error).message).toContain(page);
    expect(failed.errors.map((e) => e.page)).toEqual([page, page]);
    expect(ids(failed.records).sort()).toEqual(objectIds(10));
    const before = fixture.requests.length;
    const resumed = await harvest(config(), failed.state);
    // The first page is not read again; nothing is lost or read twice.
    expect(fixture.requests.slice(before).every((r) => r.includes('generatedAtTime='))).toBe(true);
    const all = [...ids(failed.records), ...ids(resumed.records)];
    expect(all.sort()).toEqual(objectIds(25));
  });

  it('resumes from a checkpoint after a crash with no member lost and only post-checkpoint ones repeated', async () => {
    await start();
    // The process dies four members into the second page.
    const crashed = await collect(connector.read(config(), undefined, 'ghent'), afterCheckpoints(1, 4));
    expect(crashed.afterCheckpoint).toHaveLength(4);
    expect(crashed.state?.pending).toHaveLength(1);
    const resumed = await harvest(config(), crashed.state);
    const all = [...ids(crashed.records), ...ids(resumed.records)];
    expect([...new Set(all)].sort()).toEqual(objectIds(25));
    const dupes = all.filter((id, i) => all.indexOf(id) !== i).sort();
    expect(dupes).toEqual([...crashed.afterCheckpoint].sort());
  });

  it('resumes a crash on the open page without repeating the members taken before the last checkpoint', async () => {
    await start();
    const first = await harvest(config());
    for (const id of objectIds(3, 200)) fixture.addVersion(id);
    fixture.deleteObject('530000001');
    // Dies after two of the four new members; the open page's checkpoint is still the first run's.
    const crashed = await collect(connector.read(config(), first.state, 'ghent'), (_m, h) => h.records.length === 2);
    const resumed = await harvest(config(), first.state);
    expect(ids(resumed.records).sort()).toEqual(objectIds(3, 200));
    expect(resumed.deletes.map((d) => d.recordId)).toEqual(['530000001']);
    expect(ids(crashed.records).every((id) => ids(resumed.records).includes(id))).toBe(true);
  });
});
