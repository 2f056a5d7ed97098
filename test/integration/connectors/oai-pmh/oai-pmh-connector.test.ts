import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jest } from '@jest/globals';
import { DOMParser } from '@xmldom/xmldom';
import { startOaiPmhFixture, type OaiFixture, type OaiFixtureOptions } from '../../../../fixtures/oai-pmh/server.js';
import { OaiPmhConfigSchema, type OaiPmhConfig } from '../../../../src/connectors/oai-pmh/config.js';
import { OaiPmhConnector, type OaiPmhState } from '../../../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { SourceContractError } from '../../../../src/core/errors.js';
import { OaiPmhClient } from '../../../../src/connectors/oai-pmh/client.js';
import { collect, ids, afterCheckpoints, goneByDifference, mentioned } from './harvest-helpers.js';
import { meemooOrganisation } from '../../../../fixtures/oai-pmh/dataset.js';

const connector = new OaiPmhConnector();
let fixture: OaiFixture;

async function start(options: OaiFixtureOptions = {}) {
  fixture = await startOaiPmhFixture(options);
  return fixture;
}

afterEach(async () => {
  await fixture?.close();
});

const config = (overrides: Record<string, unknown> = {}): OaiPmhConfig =>
  OaiPmhConfigSchema.parse({ baseUrl: fixture.url, metadataPrefix: 'oai_lido', timeoutMs: 10000, maxAttempts: 4, backoffMs: 5, maxDelayMs: 3000, ...overrides });

const meemoo = (overrides: Record<string, unknown> = {}) =>
  config({ metadataPrefix: 'mets', username: 'harvester', password: 'secret', ...overrides });

const harvest = (cfg: OaiPmhConfig, state?: OaiPmhState, full = false) => collect(connector.read(cfg, state, 'src', { full }));

const listRequests = () => fixture.faults.requests.filter((r) => /verb=List/.test(r.url));

describe('An OaiPmhConnector on the VKC Datahub profile (LIDO, persistent deletes)', () => {
  it('harvests every record page by page, each payload a standalone lido:lido document', async () => {
    await start({ count: 60, pageSize: 25 });
    const h = await harvest(config());
    expect(ids(h.records).sort()).toEqual(fixture.records.map((r) => r.identifier).sort());
    expect(new Set(ids(h.records)).size).toBe(60);
    expect(listRequests()).toHaveLength(3);
    const first = h.records.find((r) => r.recordId.endsWith(':S-40'))!;
    expect(first.mediaType).toBe('application/xml');
    expect(first.meta).toEqual({ set: 'mskgent', metadataPrefix: 'oai_lido', organisation: 'Museum voor Schone Kunsten Gent' });
    expect(first.modified).toMatch(/^2024-01-08T09:00:00Z$/);
    const doc = new DOMParser().parseFromString(first.body, 'text/xml');
    expect(doc.documentElement!.localName).toBe('lido');
    expect(doc.documentElement!.namespaceURI).toBe('http://www.lido-schema.org');
    expect(first.body).toContain('http://mskgent.be/collection/work/data/S-40');
    // One checkpoint per page with a token, then the final one without a run in progress.
    expect(h.checkpoints).toHaveLength(3);
    expect(h.state?.run).toBeUndefined();
    expect(h.state?.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('harvests oai_dc from the same repository', async () => {
    await start({ count: 5 });
    const h = await harvest(config({ metadataPrefix: 'oai_dc' }));
    expect(h.records).toHaveLength(5);
    expect(h.records[0].body).toMatch(/^<\?xml[^>]*\?>\n<oai_dc:dc /);
    expect(h.records[0].body).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it('gives each LIDO record the organisation its payload names (repository, else record source)', async () => {
    await start({ count: 8 });
    const h = await harvest(config());
    const byOrg = new Map<string, string[]>();
    for (const r of h.records) byOrg.set(r.meta!.organisation!, [...(byOrg.get(r.meta!.organisation!) ?? []), r.meta!.set!]);
    // The Groeningemuseum sample has a repositoryName; the MSK Gent ones only a recordSource.
    expect([...byOrg.keys()].sort()).toEqual(['Musea Brugge - Groeningemuseum', 'Museum voor Schone Kunsten Gent']);
    expect(new Set(byOrg.get('Museum voor Schone Kunsten Gent'))).toEqual(new Set(['mskgent']));
    expect(new Set(byOrg.get('Musea Brugge - Groeningemuseum'))).toEqual(new Set(['groeningemuseum']));
  });

  it('takes dc:publisher from oai_dc payloads', async () => {
    await start({ count: 4 });
    const h = await harvest(config({ metadataPrefix: 'oai_dc' }));
    const orgs = new Map(h.records.map((r) => [r.meta!.set, r.meta!.organisation]));
    expect(orgs.get('mskgent')).toBe('Museum voor Schone Kunsten Gent');
    expect(orgs.get('groeningemuseum')).toBe('Musea Brugge - Groeningemuseum');
  });

  it('prefers the organisation the payload names over the configured set', async () => {
    await start({ count: 8 });
    const h = await harvest(config({ set: 'groeningemuseum' }));
    expect(h.records).toHaveLength(2);
    expect(h.records.every((r) => r.meta!.organisation === 'Musea Brugge - Groeningemuseum')).toBe(true);
  });

  it('fetches only changes on the second run, and yields deleted headers as deletes', async () => {
    await start({ count: 30, pageSize: 10 });
    const first = await harvest(config());
    const changed = fixture.records[3].identifier;
    const gone = fixture.records[7].identifier;
    fixture.update(changed);
    fixture.remove(gone);
    const [added] = fixture.add(1);
    const before = listRequests().length;
    const second = await harvest(config(), first.state);
    expect(ids(second.records).sort()).toEqual([added, changed].sort());
    expect(second.records.find((r) => r.recordId === changed)!.body).toContain('(revision 2)');
    expect(second.deletes.map((d) => d.recordId)).toEqual([gone]);
    expect(listRequests().length - before).toBe(1);
    expect(listRequests().at(-1)!.url).toContain(`from=${encodeURIComponent(first.state!.from!)}`);
    // The first run listed the whole repository; an increment does not.
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    expect(second.listing).toBeUndefined();
  });

  it('lists the whole repository on --full, so records gone without a deleted header are deleted by difference', async () => {
    await start({ count: 30, pageSize: 10, deletedRecord: 'transient' });
    const first = await harvest(config());
    const gone = fixture.records[7].identifier;
    // A transient delete whose header is no longer kept: only the difference finds it.
    fixture.records.splice(7, 1);
    const full = await harvest(config(), first.state, true);
    expect(full.deletes).toHaveLength(0);
    expect(goneByDifference(full, ids(first.records))).toEqual([gone]);
  });

  it('does not claim a complete listing when an upper bound leaves records out', async () => {
    await start({ count: 10, pageSize: 4 });
    const h = await harvest(config({ until: new Date(fixture.records[4].datestamp).toISOString() }), undefined, true);
    expect(h.listing).toBeUndefined();
  });

  it('harvests one set only when configured', async () => {
    await start({ count: 20 });
    const h = await harvest(config({ set: 'groeningemuseum' }));
    expect(h.records.length).toBe(5);
    expect(h.records.every((r) => r.meta?.set === 'groeningemuseum')).toBe(true);
    expect(listRequests()[0].url).toContain('set=groeningemuseum');
  });

  it('fails with the OAI error code when the metadata format is not offered, and check says so', async () => {
    await start({ count: 5 });
    await expect(harvest(config({ metadataPrefix: 'edm' }))).rejects.toThrow(/cannotDisseminateFormat/);
    expect(await connector.check(config({ metadataPrefix: 'edm' }), 'src')).toEqual({ ok: false, message: expect.stringMatching(/does not offer metadataPrefix edm \(offers oai_lido, oai_dc\)/) });
    expect((await connector.check(config(), 'src')).ok).toBe(true);
  });

  it('treats noRecordsMatch as an empty increment, not a failure', async () => {
    await start({ count: 5, now: () => Date.parse('2025-06-01T12:00:00Z') });
    const first = await harvest(config());
    const second = await harvest(config(), first.state);
    expect(second.records).toHaveLength(0);
    expect(second.errors).toHaveLength(0);
    expect(second.state?.from).toBe('2025-06-01T12:00:00Z');
  });

  it('harvests up to an until bound in the repository granularity, and the next run starts at the bound', async () => {
    await start({ count: 10, pageSize: 4 });
    const bound = new Date(fixture.records[4].datestamp).toISOString();
    const h = await harvest(config({ until: bound }));
    expect(ids(h.records).sort()).toEqual(fixture.records.slice(0, 5).map((r) => r.identifier).sort());
    const expected = bound.replace(/\.\d{3}Z$/, 'Z');
    expect(new URL(listRequests()[0].url, fixture.url).searchParams.get('until')).toBe(expected);
    expect(h.state?.from).toBe(expected);
    const next = await harvest(config(), h.state);
    expect(ids(next.records).sort()).toEqual(fixture.records.slice(4).map((r) => r.identifier).sort());
  });

  it('yields deleted headers of a repository whose deletes are transient', async () => {
    await start({ count: 12, pageSize: 5, deletedRecord: 'transient' });
    const first = await harvest(config());
    const gone = fixture.records[2].identifier;
    fixture.remove(gone);
    const second = await harvest(config(), first.state);
    expect(second.deletes.map((d) => d.recordId)).toEqual([gone]);
    // Deleted headers are trusted (no identifier-list difference) when the repository keeps them.
    expect(fixture.faults.requests.some((r) => r.url.includes('verb=ListIdentifiers'))).toBe(false);
  });

  it('uses the day granularity the repository announces', async () => {
    await start({ count: 5, granularity: 'YYYY-MM-DD', now: () => Date.parse('2025-06-01T12:00:00Z') });
    const first = await harvest(config());
    expect(first.state?.from).toBe('2025-06-01');
    await harvest(config(), first.state);
    expect(listRequests().at(-1)!.url).toMatch(/from=2025-06-01$/);
  });

  it('retries a 500 and recovers', async () => {
    await start({ count: 30, pageSize: 10 });
    fixture.inject({ kind: 'status', status: 500 }, { times: 2, match: (u) => u.searchParams.has('resumptionToken') });
    const h = await harvest(config());
    expect(h.records).toHaveLength(30);
    expect(h.progress.at(-1)?.retries).toBe(2);
  });

  it('waits as long as Retry-After says on 429', async () => {
    await start({ count: 10, pageSize: 10 });
    fixture.inject({ kind: 'status', status: 429, retryAfter: '1' }, { match: (u) => u.searchParams.get('verb') === 'ListRecords' });
    const h = await harvest(config({ backoffMs: 1 }));
    expect(h.records).toHaveLength(10);
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/in 1000 ms \(HTTP 429\)$/));
    expect(listRequests()).toHaveLength(2);
  });

  it('retries a request that times out', async () => {
    await start({ count: 10, pageSize: 10 });
    fixture.inject({ kind: 'delay', ms: 2500 }, { match: (u) => u.searchParams.get('verb') === 'ListRecords' });
    const h = await harvest(config({ timeoutMs: 500 }));
    expect(h.records).toHaveLength(10);
    expect(h.progress.map((p) => p.note)).toContainEqual(expect.stringMatching(/timed out after 500 ms/));
  });

  it('fails with a clear error when every attempt times out', async () => {
    await start({ count: 10, pageSize: 10 });
    fixture.inject({ kind: 'delay', ms: 1500 }, { times: 3, match: (u) => u.searchParams.get('verb') === 'ListRecords' });
    await expect(harvest(config({ timeoutMs: 150, maxAttempts: 3 }))).rejects.toThrow(/failed after 3 attempts \(timed out after 150 ms\)/);
  });

  it('reports a truncated page by its URL, fetches it again and carries on', async () => {
    await start({ count: 30, pageSize: 10 });
    fixture.inject({ kind: 'truncate' }, { match: (u) => u.searchParams.has('resumptionToken') });
    const h = await harvest(config());
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].page).toMatch(/verb=ListRecords&resumptionToken=/);
    expect(h.errors[0].message).toMatch(/not well-formed|not OAI-PMH/);
    expect(new Set(ids(h.records)).size).toBe(30);
  });

  it('gives up with a SourceContractError naming the page when it stays unreadable', async () => {
    await start({ count: 30, pageSize: 10 });
    fixture.inject({ kind: 'truncate' }, { times: 10, match: (u) => u.searchParams.has('resumptionToken') });
    const error = await harvest(config({ pageRetries: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as SourceContractError).context.page).toMatch(/resumptionToken=/);
  });

  it('reports a record without payload and keeps the rest of the page', async () => {
    await start({ count: 10, pageSize: 10 });
    fixture.inject({ kind: 'malformed' }, { match: (u) => u.searchParams.get('verb') === 'ListRecords' });
    const h = await harvest(config());
    expect(h.records).toHaveLength(9);
    expect(h.errors).toHaveLength(1);
    expect(h.errors[0].recordId).toBe(fixture.records[0].identifier);
    expect(h.errors[0].page).toContain('verb=ListRecords');
  });

  it('restarts the list from its from-date when the resumption token expires', async () => {
    await start({ count: 30, pageSize: 10 });
    const messages = connector.read(config(), undefined, 'src');
    const h = await collect(messages, (m, sofar) => {
      if (m.type === 'checkpoint' && sofar.checkpoints.length === 1) fixture.expireTokens();
      return false;
    });
    expect(new Set(ids(h.records)).size).toBe(30);
    expect(h.progress.some((p) => /badResumptionToken/.test(p.note ?? ''))).toBe(true);
  });

  it('resumes from a checkpoint after a crash with no record lost and only post-checkpoint records repeated', async () => {
    await start({ count: 50, pageSize: 10 });
    const crashed = await collect(connector.read(config(), undefined, 'src'), afterCheckpoints(2, 4));
    expect(crashed.state?.run?.resumptionToken).toBeDefined();
    const repeated = crashed.afterCheckpoint;
    expect(repeated).toHaveLength(4);
    const resumed = await harvest(config(), crashed.state);
    const all = [...ids(crashed.records), ...ids(resumed.records)];
    expect(new Set(all).size).toBe(50);
    const dupes = all.filter((id, i) => all.indexOf(id) !== i).sort();
    expect(dupes).toEqual([...repeated].sort());
  });

  it('restarts cleanly when the checkpointed token has expired by the time it resumes', async () => {
    await start({ count: 30, pageSize: 10 });
    const crashed = await collect(connector.read(config(), undefined, 'src'), afterCheckpoints(1));
    fixture.expireTokens();
    const resumed = await harvest(config(), crashed.state);
    expect(new Set([...ids(crashed.records), ...ids(resumed.records)]).size).toBe(30);
    expect(resumed.state?.run).toBeUndefined();
  });
});

describe('An OaiPmhConnector with resumption tokens that expire (expirationDate)', () => {
  /** The repository's clock and this host's, moved on together (Date.now is what both read). */
  let shiftMs = 0;
  beforeEach(() => {
    shiftMs = 0;
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
  });
  afterEach(() => jest.restoreAllMocks());

  it('does not send a checkpointed token past its expirationDate: it restarts the list itself', async () => {
    await start({ count: 30, pageSize: 10, tokenTtlMs: 60_000 });
    const crashed = await collect(connector.read(config(), undefined, 'src'), afterCheckpoints(1));
    const token = crashed.state?.run?.resumptionToken;
    expect(token).toBeDefined();
    expect(Date.parse(crashed.state!.run!.tokenExpires!)).toBeGreaterThan(Date.now());
    // The hub was down for two minutes: the repository would answer badResumptionToken now.
    shiftMs = 120_000;
    const before = fixture.faults.requests.length;
    const resumed = await harvest(config(), crashed.state);
    const sent = fixture.faults.requests.slice(before).map((r) => new URL(r.url, fixture.url).searchParams.get('resumptionToken'));
    expect(sent).not.toContain(token);
    expect(resumed.progress.map((p) => p.note ?? '')).toContainEqual(expect.stringMatching(/^resumption token expired at .*; restarting ListRecords from the beginning$/));
    expect(resumed.progress.some((p) => /badResumptionToken/.test(p.note ?? ''))).toBe(false);
    expect(new Set([...ids(crashed.records), ...ids(resumed.records)]).size).toBe(30);
    expect(resumed.state?.run).toBeUndefined();
  });

  it('sends a token before its expirationDate, and the repository takes it', async () => {
    await start({ count: 30, pageSize: 10, tokenTtlMs: 60_000 });
    const crashed = await collect(connector.read(config(), undefined, 'src'), afterCheckpoints(1));
    const token = crashed.state!.run!.resumptionToken;
    shiftMs = 30_000;
    const before = fixture.faults.requests.length;
    const resumed = await harvest(config(), crashed.state);
    const sent = fixture.faults.requests.slice(before).map((r) => new URL(r.url, fixture.url).searchParams.get('resumptionToken'));
    expect(sent).toContain(token);
    expect(resumed.progress.some((p) => /expired|badResumptionToken/.test(p.note ?? ''))).toBe(false);
    expect(new Set([...ids(crashed.records), ...ids(resumed.records)]).size).toBe(30);
  });
});

describe('An OaiPmhConnector on the meemoo profile (METS, HTTP Basic, deletedRecord=no)', () => {
  it('harvests METS with Basic auth', async () => {
    await start({ profile: 'meemoo', count: 30 });
    const h = await harvest(meemoo());
    expect(h.records).toHaveLength(30);
    // Each record under its content partner (MediaHaven OrganisationName), not under meemoo.
    const cp = new Map(fixture.records.map((r) => [r.identifier, meemooOrganisation(r.index)]));
    expect(h.records.every((r) => r.meta!.organisation === cp.get(r.recordId))).toBe(true);
    expect(new Set(h.records.map((r) => r.meta!.organisation))).toEqual(new Set(['VRT', 'BRUZZ', 'Amsab-ISG']));
    expect(h.records[0].recordId).toMatch(/^noid:/);
    expect(h.records[0].body).toContain('<mets:mets');
    expect(h.records[0].body).toContain('xmlns:mets="http://www.loc.gov/METS/"');
    expect(fixture.faults.requests.every((r) => r.headers.authorization === `Basic ${Buffer.from('harvester:secret').toString('base64')}`)).toBe(true);
  });

  it('gets a single record, and an error for a deleted one (meemoo has no deleted headers)', async () => {
    await start({ profile: 'meemoo', count: 3 });
    const client = new OaiPmhClient(meemoo(), 'src');
    const id = fixture.records[1].identifier;
    const found = await client.getRecord(id);
    expect(found.response.items[0].header.identifier).toBe(id);
    expect(found.response.items[0].metadata).toContain('<mets:mets');
    fixture.remove(id);
    const gone = await client.getRecord(id);
    expect(gone.response.errors.map((e) => e.code)).toEqual(['idDoesNotExist']);
  });

  it('harvests the mediahaven format', async () => {
    await start({ profile: 'meemoo', count: 3 });
    const h = await harvest(meemoo({ metadataPrefix: 'mediahaven' }));
    expect(h.records).toHaveLength(3);
    expect(h.records[0].body).toContain('<MediaHAVEN_external_metadata xmlns="https://zeticon.mediahaven.com/metadata/">');
    // The content partner from Administrative/OrganisationName, record by record.
    expect(h.records.map((r) => r.meta!.organisation)).toEqual(fixture.records.map((r) => meemooOrganisation(r.index)));
  });

  it('fails on bad credentials at once, without a retry storm', async () => {
    await start({ profile: 'meemoo', count: 3 });
    const error = await harvest(meemoo({ password: 'wrong' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceContractError);
    expect((error as Error).message).toMatch(/HTTP 401 \(check the credentials\)/);
    expect(fixture.faults.requests).toHaveLength(1);
    const check = await connector.check(meemoo({ password: 'wrong' }), 'src');
    expect(check.ok).toBe(false);
  });

  it('lists every identifier on each run, so what is gone is deleted by difference', async () => {
    await start({ profile: 'meemoo', count: 40 });
    const first = await harvest(meemoo());
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    expect(mentioned(first).size).toBe(40);
    const gone = [fixture.records[5].identifier, fixture.records[33].identifier];
    gone.forEach((id) => fixture.remove(id));
    const changed = fixture.records[10].identifier;
    fixture.update(changed);
    const second = await harvest(meemoo(), first.state);
    expect(ids(second.records)).toEqual([changed]);
    expect(second.deletes).toHaveLength(0);
    expect(goneByDifference(second, ids(first.records))).toEqual([...gone].sort());
    expect(fixture.faults.requests.some((r) => r.url.includes('verb=ListIdentifiers'))).toBe(true);
    const third = await harvest(meemoo(), second.state);
    expect(goneByDifference(third, mentioned(second))).toEqual([]);
    // The state no longer carries the id list between runs: the store knows what is published.
    expect(JSON.stringify(third.state)).not.toContain(fixture.records[0].identifier);
  });

  it('finds deletes after a run killed before its first checkpoint, whose state knows nothing', async () => {
    await start({ profile: 'meemoo', count: 40, pageSize: 10 });
    const killed = await collect(connector.read(meemoo(), undefined, 'src'), (m) => m.type === 'checkpoint');
    expect(killed.records.length).toBeGreaterThan(0);
    const gone = fixture.records[2].identifier;
    fixture.remove(gone);
    // Nothing was saved: the next run starts from no state, and still lists every record.
    const next = await harvest(meemoo(), undefined);
    expect(goneByDifference(next, ids(killed.records))).toEqual([gone]);
  });

  it('resumes an interrupted identifier-diff listing the identifiers afresh, so ids gone since the crash are found', async () => {
    await start({ profile: 'meemoo', count: 60 });
    const first = await harvest(meemoo());
    fixture.remove(fixture.records[50].identifier);
    // Crash during the ListIdentifiers pass: after its first page checkpoint.
    const crashed = await collect(connector.read(meemoo(), first.state, 'src'), (m, h) => m.type === 'checkpoint' && h.checkpoints.length === 3);
    expect(crashed.state?.run?.phase).toBe('identifiers');
    // Listed before the crash, gone after it.
    const listedThenGone = crashed.state!.run!.seen![0]!;
    fixture.remove(listedThenGone);
    const resumed = await harvest(meemoo(), crashed.state);
    expect(goneByDifference(resumed, ids(first.records))).toEqual([fixture.records[50].identifier, listedThenGone].sort());
  });

  it('resumes an interrupted first harvest of an identifier-diff repository with a fresh identifier list', async () => {
    await start({ profile: 'meemoo', count: 40, pageSize: 10 });
    const crashed = await collect(connector.read(meemoo(), undefined, 'src'), afterCheckpoints(2));
    const listedThenGone = ids(crashed.records)[3]!;
    fixture.remove(listedThenGone);
    const resumed = await harvest(meemoo(), crashed.state);
    expect(resumed.listing).toEqual({ type: 'listing', complete: true });
    expect(goneByDifference(resumed, ids(crashed.records))).toEqual([listedThenGone]);
  });

  it('counts a record it cannot read as still there: its last good version is not deleted by difference', async () => {
    await start({ profile: 'meemoo', count: 12, pageSize: 5 });
    const first = await harvest(meemoo());
    fixture.inject({ kind: 'malformed' }, { times: 1, match: (u) => u.searchParams.get('verb') === 'ListRecords' });
    const full = await harvest(meemoo(), first.state, true);
    expect(full.errors.map((e) => e.recordId)).toEqual([fixture.records[0].identifier]);
    expect(goneByDifference(full, ids(first.records))).toEqual([]);
  });
});

describe('An OaiPmhConnector listing an item without identifier', () => {
  const envelope = (body: string) =>
    `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>${body}</OAI-PMH>`;
  const record = (id: string) =>
    `<record><header><identifier>${id}</identifier><datestamp>2024-01-01T00:00:00Z</datestamp></header><metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></oai_dc:dc></metadata></record>`;
  let server: Server;

  beforeEach(() => {
    fixture = undefined as unknown as OaiFixture;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('says its listing is incomplete, so nothing is deleted by difference', async () => {
    server = createServer((req, res) => {
      const verb = new URL(req.url ?? '/', 'http://x').searchParams.get('verb');
      res.setHeader('content-type', 'text/xml');
      res.end(
        verb === 'Identify'
          ? envelope('<Identify><repositoryName>t</repositoryName><granularity>YYYY-MM-DDThh:mm:ssZ</granularity><deletedRecord>persistent</deletedRecord></Identify>')
          : envelope(`<ListRecords>${record('x:1')}${record('')}</ListRecords>`),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
    const h = await collect(connector.read(OaiPmhConfigSchema.parse({ baseUrl, metadataPrefix: 'oai_dc', maxAttempts: 1 }), undefined, 'src'));
    expect(ids(h.records)).toEqual(['x:1']);
    expect(h.listing).toEqual({ type: 'listing', complete: false, reason: expect.stringMatching(/an item without identifier on /) });
    expect(goneByDifference(h, ['x:1', 'x:2'])).toEqual([]);
  });
});
