/**
 * The push after every run, embedded mode, end to end but for the Entry API (an in-memory
 * UiTdatabank behind the seam, test/helpers/fake-entry-api.ts): the Ticketmatic fixture harvested
 * through the real connector, mapping, matching and builder, with UiTdatabank's places and
 * hand-entered events harvested beside it. Venues in a cluster with a UiTdatabank place are not
 * created again; hand-entered events are linked; a re-run sends nothing; sold out and a delete at
 * Ticketmatic follow at the next run; an unmapped genre is refused in words naming c_genre.
 */
import { join } from 'node:path';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { ticketmaticOverlap } from '../../../fixtures/uitdatabank/ticketmatic-overlap.js';
import { parseConfig } from '../../../src/config/load.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { loadPushReport, type PushReport } from '../../../src/pipeline/push/push-report.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { FakeEntryApi } from '../../helpers/fake-entry-api.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { publishToYaml, ticketmaticSource, uitSource } from '../../helpers/source-yaml.js';

const BASE = 'http://hub.test/';
const ACCOUNT = 'demo-cc';
const overlap = ticketmaticOverlap(ACCOUNT);

let tm: TicketmaticFixture;
let uit: UitFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
const api = new FakeEntryApi();
let first: PushReport;

beforeAll(async () => {
  tm = await startTicketmaticFixture({ count: 12, account: ACCOUNT });
  uit = await startUitdatabankFixture({ count: 2, extra: { events: overlap.events, places: overlap.places, organizers: overlap.organizers } });
  // The fake UiTdatabank holds what the Search fixture serves of the house: its venues, organizer and hand-entered events.
  for (const [kind, docs] of [['places', overlap.places], ['organizers', overlap.organizers], ['events', overlap.events]] as const) {
    for (const doc of docs) api.seed(kind, doc, String(doc['@id']).split('/').pop());
  }
  dir = await tempDir('hub-push-run-');
  const yaml = `
hub:
  baseIri: ${BASE}
  dataDir: ${JSON.stringify(dir.path)}
sources:${ticketmaticSource(tm.url, ACCOUNT)}${publishToYaml({ entryUrl: api.root, searchUrl: 'https://search.uitdatabank.test', tokenUrl: 'https://account.uitid.test/oauth/token', clientId: 'house', clientSecret: '${HOUSE_SECRET}', more: ['organizer: { name: Cultuurcentrum (demo), url: https://www.cultuurcentrum.example }'] })}
${uitSource('uit-places', uit.url, 'test-client', 'places')}
${uitSource('uit-events', uit.url, 'test-client', 'events')}
`;
  hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml'), { env: { HOUSE_SECRET: 's3cret' }, checkConnector: checkConnectorSettings }), { entryApi: () => api });
  // UiTdatabank first, so that the house's venues and hand-entered events are known when it pushes.
  for (const id of ['uit-places', 'uit-events']) expect((await hub.harvest(id)).status).toBe('completed');
  expect(api.calls).toEqual([]);
  expect((await hub.harvest('ticketmatic')).status).toBe('completed');
  first = (await loadPushReport(hub.store, BASE, 'ticketmatic'))!;
}, 300_000);

afterAll(async () => {
  await hub?.close();
  await tm?.close();
  await uit?.close();
  await dir?.cleanup();
});

const item = (report: PushReport, id: number) => report.items.find((i) => i.recordId === String(id));

describe('the push after a Ticketmatic run', () => {
  it('pushes every published event: created, linked (entered by hand) or refused, none failed', () => {
    expect(first.failure).toBeUndefined();
    const published = tm.events.filter((e) => e.currentstatus !== 19001).map((e) => String(e.id)).sort();
    expect(first.items.map((i) => i.recordId)).toEqual(published);
    expect(first.counts.failed).toBe(0);
    expect(first.counts.created).toBeGreaterThan(0);
    expect(api.writes('events').filter((c) => c.method === 'create')).toHaveLength(first.counts.created);
  });

  it('creates no venue that UiTdatabank already has in the same cluster', () => {
    const known = new Set(overlap.places.map((pl) => String(pl['@id']).split('/').pop()));
    const created = api.writes('events').filter((c) => c.method === 'create');
    const used = created.map((c) => String((c.body!.location as { '@id': string })['@id']).split('/').pop());
    expect(used.filter((id) => known.has(id)).length).toBeGreaterThan(0);
    for (const c of api.writes('places').filter((w) => w.method === 'create')) expect(overlap.places.map((pl) => JSON.stringify(pl.name))).not.toContain(JSON.stringify(c.body!.name));
  });

  it('links the events the house entered by hand instead of creating them (those it can send)', () => {
    const handIds = new Set(overlap.events.map((e) => String(e['@id']).split('/').pop()));
    const linked = first.items.filter((i) => i.state === 'linked');
    expect(linked.length).toBeGreaterThan(0);
    for (const i of linked) expect(handIds.has(i.uitId!)).toBe(true);
    // None of them was created a second time: each either linked or held back (refused) with its genre.
    const created = new Set(api.writes('events').filter((c) => c.method === 'create').map((c) => JSON.stringify((c.body!.name as Record<string, string>).nl)));
    for (const e of overlap.events) expect(created.has(JSON.stringify((e.name as Record<string, string>).nl))).toBe(false);
    expect(linked.length + first.items.filter((i) => i.state === 'refused' && !i.uitId).length).toBeGreaterThanOrEqual(overlap.events.length);
  });

  it('refuses the events whose genre has no publiq type, telling the house to change c_genre', () => {
    const refused = first.items.filter((i) => i.state === 'refused');
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.problem!.fields).toEqual([expect.objectContaining({ field: 'terms', fix: expect.stringContaining('c_genre') })]);
  });

  it('sends nothing at a run that changed nothing, then follows a sell-out and a delete', async () => {
    let before = api.calls.length;
    await hub.harvest('ticketmatic');
    expect(api.calls.length).toBe(before);
    const created = first.items.find((i) => i.state === 'created')!;
    tm.sellOut(Number(created.recordId));
    await hub.harvest('ticketmatic');
    expect(api.calls.slice(before).map((c) => [c.id, c.update?.path])).toEqual([[created.uitId, 'booking-availability']]);
    expect(api.docs.events.get(created.uitId!)!.bookingAvailability).toEqual({ type: 'Unavailable' });
    before = api.calls.length;
    tm.remove(Number(created.recordId));
    await hub.harvest('ticketmatic');
    expect(api.calls.slice(before)).toEqual([{ method: 'remove', kind: 'events', id: created.uitId }]);
    const report = (await loadPushReport(hub.store, BASE, 'ticketmatic'))!;
    expect(item(report, Number(created.recordId))).toEqual(expect.objectContaining({ state: 'deleted', workflowStatus: 'DELETED' }));
  });
});
