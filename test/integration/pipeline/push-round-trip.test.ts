/**
 * Round trips of the write-back (issue 18) with every real part: the Ticketmatic fixture
 * harvested through the hub (connector, mapping, matching, builder), pushed after each run by the
 * Entry API client into the strict fixture Entry API, and read back by the hub's own UiTdatabank
 * connector from the Search fixture the Entry API writes into. Create, update, sold out, delete,
 * a create cut off before the hub heard the answer, and events the house entered by hand; every
 * request the hub sent validates against entry.json.
 */
import { join } from 'node:path';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankEntryFixture, type EntryFixture } from '../../../fixtures/uitdatabank/entry-server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { ticketmaticOverlap } from '../../../fixtures/uitdatabank/ticketmatic-overlap.js';
import { createEntryClient } from '../../../src/connectors/uitdatabank/entry-client.js';
import type { EntryApi } from '../../../src/connectors/uitdatabank/entry-contract.js';
import { parseConfig } from '../../../src/config/load.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { loadPushReport, type PushReport } from '../../../src/pipeline/push/push-report.js';
import type { EntryApiFactory } from '../../../src/pipeline/push/push-wiring.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { publishToYaml, ticketmaticSource, uitSource } from '../../helpers/source-yaml.js';

const BASE = 'http://hub.test/';
const ACCOUNT = 'demo-cc';
const SECRET = 'house-secret-7c1e';
const overlap = ticketmaticOverlap(ACCOUNT);

let tm: TicketmaticFixture;
let search: UitFixture;
let entry: EntryFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
/** Set by a test: the next event create lands in UiTdatabank, and then the hub "dies" before it hears the answer. */
let killAfterCreate = false;

/** The real client, fast retries; optionally cut off after an event create. */
const entryApi: EntryApiFactory = (options) => {
  const client = createEntryClient({ ...options, http: { timeoutMs: 5000, maxAttempts: 3, backoffMs: 1, maxDelayMs: 20 } });
  const api: EntryApi = Object.create(client) as EntryApi;
  api.create = async (kind, body) => {
    const created = await client.create(kind, body);
    if (kind === 'events' && killAfterCreate) {
      killAfterCreate = false;
      throw new Error('killed (test): the answer never arrived');
    }
    return created;
  };
  return api;
};

const report = async (): Promise<PushReport> => (await loadPushReport(hub.store, BASE, 'ticketmatic'))!;
const docOf = (id: string) => entry.find('events', id);
const pushedEvents = () => entry.requests.filter((r) => r.method === 'POST' && r.operationId !== 'token' && /^\/events$/.test(r.path.split('?')[0]!));

beforeAll(async () => {
  tm = await startTicketmaticFixture({ count: 12, account: ACCOUNT });
  search = await startUitdatabankFixture({ count: 2, clientIds: ['house'], extra: { events: overlap.events, places: overlap.places, organizers: overlap.organizers } });
  entry = await startUitdatabankEntryFixture({ search, clients: [{ id: 'house', secret: SECRET }] });
  dir = await tempDir('hub-push-rt-');
  const yaml = `
hub:
  baseIri: ${BASE}
  dataDir: ${JSON.stringify(dir.path)}
sources:${ticketmaticSource(tm.url, ACCOUNT)}${publishToYaml({
    entryUrl: entry.url,
    searchUrl: search.url,
    tokenUrl: entry.tokenUrl,
    clientId: 'house',
    clientSecret: '${HOUSE_SECRET}',
    workflow: 'ready-for-validation',
    more: ['organizer: { name: Cultuurcentrum (demo), url: https://www.cultuurcentrum.example }', `booking: { urlTemplate: "https://apps.ticketmatic.com/widgets/${ACCOUNT}/addtickets?event={eventId}", phone: "+32 9 210 10 10" }`],
  })}
${uitSource('uit-places', search.url, 'house', 'places')}
${uitSource('uit-events', search.url, 'house', 'events')}
`;
  hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml'), { env: { HOUSE_SECRET: SECRET }, checkConnector: checkConnectorSettings }), { entryApi });
  for (const id of ['uit-places', 'uit-events']) expect((await hub.harvest(id)).status).toBe('completed');
  expect((await hub.harvest('ticketmatic')).status).toBe('completed');
}, 300_000);

afterAll(async () => {
  await hub?.close();
  await entry?.close();
  await search?.close();
  await tm?.close();
  await dir?.cleanup();
});

describe('push round trips through the fixture Entry API', () => {
  it('validates every request the hub sent against entry.json', () => {
    expect(entry.requests.filter((r) => !r.valid)).toEqual([]);
    expect(pushedEvents().length).toBeGreaterThan(0);
  });

  it('creates the events it can send, ready for validation, and the Search API view holds them', async () => {
    const r = await report();
    expect(r.failure).toBeUndefined();
    expect(r.counts.failed).toBe(0);
    const created = r.items.filter((i) => i.state === 'created');
    expect(created.length).toBe(pushedEvents().length);
    for (const i of created) {
      const doc = docOf(i.uitId!)!;
      expect(doc.workflowStatus).toBe('READY_FOR_VALIDATION');
      expect(i.workflowStatus).toBe('READY_FOR_VALIDATION');
      expect(String(doc.location['@id'])).toMatch(/\/places\/[0-9a-f-]{36}$/);
    }
    // The hub's own UiTdatabank connector reads them back.
    expect((await hub.harvest('uit-events')).status).toBe('completed');
    const back = await hub.store.select(`SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${BASE}graph/uit-events/")) } GROUP BY ?g`);
    const backIds = new Set(back.map((b) => b.g!.value.split('/').pop()));
    for (const i of created) expect(backIds.has(i.uitId!)).toBe(true);
  });

  it('links the events the house entered by hand, and creates none of them again', async () => {
    const r = await report();
    const hand = new Set(overlap.events.map((e) => String(e['@id']).split('/').pop()));
    const linked = r.items.filter((i) => i.state === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    for (const i of linked) expect(hand.has(i.uitId!)).toBe(true);
    for (const i of r.items.filter((x) => x.state === 'created')) expect(hand.has(i.uitId!)).toBe(false);
  });

  it('sends nothing when nothing changed, then a changed name by its granular endpoint', async () => {
    let before = entry.requests.length;
    await hub.harvest('ticketmatic');
    // Reads only (the workflow read-back): no write at all.
    expect(entry.requests.slice(before).filter((q) => q.method !== 'GET' && q.operationId !== 'token')).toEqual([]);
    const target = (await report()).items.find((i) => i.state === 'created' || i.state === 'unchanged')!;
    const event = tm.events.find((e) => String(e.id) === target.recordId)!;
    tm.update(event.id);
    before = entry.requests.length;
    await hub.harvest('ticketmatic');
    const writes = entry.requests.slice(before).filter((q) => q.method !== 'GET' && q.operationId !== 'token');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((w) => w.path.startsWith(`/events/${target.uitId}/`))).toBe(true);
    expect(writes.every((w) => w.valid)).toBe(true);
    expect((docOf(target.uitId!)!.name as Record<string, string>).nl).toBe(tm.events.find((e) => e.id === event.id)!.name);
  });

  it('marks a sold-out event Unavailable, and removes an event the house deleted in Ticketmatic', async () => {
    const [soldOut, gone] = (await report()).items.filter((i) => i.state !== 'refused' && i.state !== 'linked' && i.uitId);
    tm.sellOut(Number(soldOut!.recordId));
    await hub.harvest('ticketmatic');
    expect(docOf(soldOut!.uitId!)!.bookingAvailability).toEqual(expect.objectContaining({ type: 'Unavailable' }));
    tm.remove(Number(gone!.recordId));
    await hub.harvest('ticketmatic');
    expect(docOf(gone!.uitId!)!.workflowStatus).toBe('DELETED');
    expect((await report()).items.find((i) => i.recordId === gone!.recordId)).toEqual(expect.objectContaining({ state: 'deleted' }));
  });

  it('resumes a create cut off before the hub heard the answer, without a second event', async () => {
    // The first new event with a genre the map knows is the one whose create is cut off.
    const added = tm.add(4).find((id) => tm.events.find((e) => e.id === id)!.c_genre !== 'Theater')!;
    expect(added).toBeDefined();
    killAfterCreate = true;
    await hub.harvest('ticketmatic');
    expect((await report()).items.find((i) => i.recordId === String(added))).toEqual(expect.objectContaining({ state: 'failed' }));
    // The record's events in UiTdatabank: its ticket link names the Ticketmatic event id.
    const withName = () => entry.docs.events.filter((d) => String(d.bookingInfo?.url ?? '').endsWith(`event=${added}`) && d.workflowStatus !== 'DELETED');
    expect(withName()).toHaveLength(1);
    await hub.harvest('ticketmatic');
    expect(withName()).toHaveLength(1);
    const resumed = (await report()).items.find((i) => i.recordId === String(added))!;
    // Our own event, found again (by its marker label, or by name, start and place and then its marker), made ready for validation.
    expect(resumed).toEqual(expect.objectContaining({ state: 'created', workflowStatus: 'READY_FOR_VALIDATION' }));
    expect(resumed.uitId).toBe(String(withName()[0]!['@id']).split('/').pop());
    expect(entry.requests.filter((r) => !r.valid)).toEqual([]);
  });
});
