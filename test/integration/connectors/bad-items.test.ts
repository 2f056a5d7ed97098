/**
 * One bad item among good ones, for every HTTP connector, served by its fixture server: an item
 * nested 5,000 deep, an item that is not an object, raw control characters in a field, a record
 * that is not well-formed XML. Each is that item's error (or, for control characters, a record
 * that carries them to the pipeline, which removes and reports them); the run never fails, and
 * every other item of the page is a record. Payloads in a declared charset are read in it.
 */
import { LdesConnector } from '../../../src/connectors/ldes/ldes-connector.js';
import { LdesConfigSchema } from '../../../src/connectors/ldes/config.js';
import { OaiPmhConnector } from '../../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { OaiPmhConfigSchema } from '../../../src/connectors/oai-pmh/config.js';
import { TicketmaticConnector } from '../../../src/connectors/ticketmatic/ticketmatic-connector.js';
import { TicketmaticConfigSchema } from '../../../src/connectors/ticketmatic/config.js';
import { UitdatabankConnector } from '../../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { UitdatabankConfigSchema } from '../../../src/connectors/uitdatabank/config.js';
import { startLdesFixture } from '../../../fixtures/ldes/server.js';
import { spoilers } from '../../../fixtures/oai-pmh/http-faults.js';
import { startOaiPmhFixture } from '../../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture } from '../../../fixtures/uitdatabank/server.js';
import { collect, ids } from './oai-pmh/harvest-helpers.js';

const HTTP = { timeoutMs: 10000, maxAttempts: 2, backoffMs: 5, maxDelayMs: 100 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('UiTdatabank with one bad document among good ones', () => {
  async function start(options: Parameters<typeof startUitdatabankFixture>[0] = {}) {
    const fixture = await startUitdatabankFixture({ count: 10, ...options });
    closers.push(fixture.close);
    const config = UitdatabankConfigSchema.parse({ baseUrl: fixture.url, clientId: 'test-client', entities: ['events'], pageSize: 4, ...HTTP });
    return { fixture, harvest: () => collect(new UitdatabankConnector().read(config, undefined, 'uit')) };
  }
  const published = (fixture: Awaited<ReturnType<typeof start>>['fixture']) =>
    fixture.docs.events.filter((d) => ['APPROVED', 'READY_FOR_VALIDATION'].includes(d.workflowStatus)).map((d) => String(d['@id']).split('/').pop()!);

  it('reports a document nested 5,000 deep and one that is not an object, and reads the rest of their pages', async () => {
    const { fixture, harvest } = await start();
    const [deep, notObject] = [fixture.id('events', 1), fixture.id('events', 5)];
    fixture.spoil('events', deep, spoilers.deepJson());
    fixture.spoil('events', notObject, spoilers.notAnObject());
    const h = await harvest();
    expect(ids(h.records).sort()).toEqual(published(fixture).filter((id) => id !== deep && id !== notObject).sort());
    expect(h.errors).toHaveLength(2);
    expect(h.errors[0]).toMatchObject({ recordId: deep, message: expect.stringMatching(/^event .* on page http:.*: nested more than 100 levels deep \(maxRecordDepth\)$/) });
    expect(h.errors[1]).toMatchObject({ page: expect.stringContaining('/events/'), message: 'event without usable @id or modified' });
  });

  it('reads a document with raw control characters in a string; the record carries them to the pipeline', async () => {
    const { fixture, harvest } = await start();
    const id = fixture.id('events', 2);
    const name = fixture.docs.events[2].name.nl as string;
    fixture.spoil('events', id, spoilers.jsonControls(name));
    const h = await harvest();
    expect(h.errors).toEqual([]);
    const body = JSON.parse(h.records.find((r) => r.recordId === id)!.body) as { name: { nl: string } };
    expect(body.name.nl).toBe(`${name.slice(0, 3)}\u001b${name.slice(3)}\u0000`);
  });

  it('reads pages in the charset the server declares', async () => {
    const { fixture, harvest } = await start({ charset: 'windows-1252' });
    fixture.docs.events[0].name.nl = 'Café Zoë';
    const h = await harvest();
    expect(JSON.parse(h.records.find((r) => r.recordId === fixture.id('events', 0))!.body).name.nl).toBe('Café Zoë');
  });
});

describe('Ticketmatic with one bad event among good ones', () => {
  async function start() {
    const fixture = await startTicketmaticFixture({ count: 12 });
    closers.push(fixture.close);
    const config = TicketmaticConfigSchema.parse({
      baseUrl: fixture.url.replace(/\/[^/]+$/, ''), account: fixture.account, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key', pageSize: 5, overlapSeconds: 0, ...HTTP,
    });
    return { fixture, harvest: () => collect(new TicketmaticConnector().read(config, undefined, 'tm')) };
  }
  const publicIds = (fixture: Awaited<ReturnType<typeof start>>['fixture']) => fixture.events.filter((e) => e.currentstatus !== 19001).map((e) => String(e.id));

  it('reports an event nested 5,000 deep and one with unreadable availability and dates, and reads the others', async () => {
    const { fixture, harvest } = await start();
    const [deep, odd] = publicIds(fixture).slice(1, 3).map(Number);
    fixture.spoil(deep, spoilers.deepJson());
    fixture.spoil(odd, (json) => json.replace('"availability":[', '"availability":[null,').replace(/"lastupdatets":"[^"]*"(?![\s\S]*"lastupdatets")/, '"lastupdatets":"not a time"'));
    const h = await harvest();
    expect(ids(h.records).sort()).toEqual(publicIds(fixture).filter((id) => id !== String(deep) && id !== String(odd)).sort());
    expect(h.errors.map((e) => e.recordId).sort()).toEqual([String(deep), String(odd)].sort());
    expect(h.errors.find((e) => e.recordId === String(deep))!.message).toMatch(/^event \d+ at http:.*: nested more than 100 levels deep \(maxRecordDepth\)$/);
    expect(h.errors.find((e) => e.recordId === String(odd))!.message).toMatch(/Invalid time value/);
  });
});

describe('LDES with one bad member among good ones', () => {
  async function start() {
    const fixture = await startLdesFixture({ objects: 12, pageSize: 5 });
    closers.push(fixture.close);
    const config = LdesConfigSchema.parse({ type: 'ldes', url: fixture.url, ...HTTP });
    return { fixture, harvest: () => collect(new LdesConnector().read(config, undefined, 'ldes')) };
  }

  it('reports a member nested 5,000 deep and one that is not an object, and reads the rest of their page', async () => {
    const { fixture, harvest } = await start();
    const deep = fixture.addVersion('530000001', { title: 'diep' });
    const notObject = fixture.addVersion('530000002', { title: 'geen object' });
    fixture.addVersion('530000003', { title: 'goed' });
    fixture.spoil(deep, spoilers.deepJson());
    fixture.spoil(notObject, spoilers.notAnObject());
    const h = await harvest();
    expect(h.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`^member ${deep.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} on page .*: nested more than 100 levels deep \\(maxRecordDepth\\)$`)),
      expect.stringMatching(/^member .*#member\d+ on page .*: not a JSON object$/),
    ]);
    // 12 objects, three of them versioned again: the good new version of 530000003 is read.
    expect(new Set(ids(h.records))).toEqual(new Set(Array.from({ length: 12 }, (_, i) => String(530000000 + i))));
    expect(h.records.filter((r) => r.recordId === '530000003').pop()!.body).toContain('goed');
  });

  it('reads a member with raw control characters in its title', async () => {
    const { fixture, harvest } = await start();
    const version = fixture.addVersion('530000004', { title: 'Titel met escape' });
    fixture.spoil(version, spoilers.jsonControls('Titel met escape'));
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(h.records.filter((r) => r.recordId === '530000004').pop()!.body).toContain('Tit\\u001bel met escape\\u0000');
  });
});

describe('OAI-PMH with one bad record among good ones', () => {
  async function start(options: Parameters<typeof startOaiPmhFixture>[0] = {}) {
    const fixture = await startOaiPmhFixture({ count: 12, pageSize: 5, ...options });
    closers.push(fixture.close);
    const config = OaiPmhConfigSchema.parse({ baseUrl: fixture.url, metadataPrefix: 'oai_lido', ...HTTP, pageRetries: 0 });
    return { fixture, harvest: () => collect(new OaiPmhConnector().read(config, undefined, 'oai')) };
  }
  const all = (fixture: Awaited<ReturnType<typeof start>>['fixture']) => fixture.records.map((r) => r.identifier);

  it('reports a record that is not well-formed and one nested 5,000 deep, and reads the rest of their pages', async () => {
    const { fixture, harvest } = await start();
    const [broken, deep] = [all(fixture)[1], all(fixture)[7]];
    fixture.spoil(broken, spoilers.mismatchedTag('lido:descriptiveMetadata'));
    fixture.spoil(deep, spoilers.deepXml('lido:descriptiveMetadata'));
    const h = await harvest();
    expect(ids(h.records)).toEqual(all(fixture).filter((id) => id !== broken && id !== deep));
    expect(h.errors.map((e) => e.recordId)).toEqual([broken, deep]);
    expect(h.errors[0].message).toMatch(new RegExp(`^${broken} on http:.*: record ${broken} is not well-formed XML: `));
    expect(h.errors[1].message).toMatch(/: nested more than 100 levels deep \(maxRecordDepth\)$/);
  });

  it('removes raw and referenced control characters from one record, says so on that record, and reads the page', async () => {
    const { fixture, harvest } = await start();
    const dirty = all(fixture)[3];
    fixture.spoil(dirty, spoilers.xmlControls('lido:lidoRecID'));
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(ids(h.records)).toEqual(all(fixture));
    const record = h.records.find((r) => r.recordId === dirty)!;
    expect(record.removedCharacters).toBe('U+001B, U+0000');
    expect(record.body.includes('\u001b') || record.body.includes('&#0;')).toBe(false);
    expect(h.records.filter((r) => r.removedCharacters !== undefined)).toHaveLength(1);
  });

  it('fails only a page that is truncated (its envelope is not whole)', async () => {
    const { fixture, harvest } = await start();
    fixture.inject({ kind: 'truncate' }, { match: (url) => url.searchParams.has('resumptionToken') });
    await expect(harvest()).rejects.toThrow(/not readable OAI-PMH after 1 fetches/);
  });

  it('reads ISO-8859-1 responses', async () => {
    const { fixture, harvest } = await start({ encoding: 'ISO-8859-1' });
    const accented = all(fixture)[2];
    fixture.spoil(accented, (xml) => xml.replace(/(<lido:appellationValue[^>]*>)/, '$1Café Zoë '));
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(ids(h.records)).toEqual(all(fixture));
    expect(h.records.find((r) => r.recordId === accented)!.body).toContain('>Café Zoë ');
  });
});
