/**
 * /admin/push/:source behind the admin key: the dry run (JSON and HTML, field-level diffs), a
 * push now (JSON, and the page's form with its token), and the push report on the sources page,
 * over the push step with an in-memory UiTdatabank (test/helpers/fake-entry-api.ts); and
 * `hub push uitdatabank` through that API (--url), its text and JSON.
 */
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { formToken } from '../../../src/api/admin-key.js';
import type { Express } from 'express';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { planPush, pushSource, type PushDeps } from '../../../src/pipeline/push/push-source.js';
import type { EventDraft } from '../../../src/publication/push/contract.js';
import { FakeEntryApi } from '../../helpers/fake-entry-api.js';
import { concertDraft, testDiff, testUpdatesFor } from '../../helpers/push-drafts.js';
import { openTestHub, type TestHub } from './api-helpers.js';
import { listen } from './http-server.js';
import { pushCommand } from '../../../src/cli/push.js';

const KEY = 'push-admin-key-1234';
const uitdatabank = { entryUrl: 'https://io.uitdatabank.test', searchUrl: 'https://search.uitdatabank.test', tokenUrl: 'https://account.uitid.test/oauth/token', clientId: 'house', clientSecret: 'secret' };

let th: TestHub;
let app: Express;
let api: FakeEntryApi;
let drafts: EventDraft[];

beforeEach(async () => {
  th = await openTestHub({ hub: { adminKey: KEY }, matching: false, sources: [{ id: 'tm', entityType: 'activiteit', name: 'Huis <Ticketmatic>', publishTo: { uitdatabank } } as never, { id: 'objects', entityType: 'mensgemaaktobject' }] });
  api = new FakeEntryApi();
  drafts = [concertDraft('e1', { name: 'Hamlet <b>' })];
  const source = th.hub.source('tm');
  const deps = (): PushDeps => ({ store: th.hub.store, baseIri: th.hub.config.hub.baseIri, source, settings: source.publishTo!.uitdatabank!, api, drafts: async () => drafts, diff: testDiff, updatesFor: testUpdatesFor });
  app = createApp({ ...hubPorts(th.hub), push: { plan: () => planPush(deps()), push: () => pushSource(deps()) }, log: () => undefined });
});
afterEach(() => th.close());

describe('/admin/push/:source', () => {
  it('needs the admin key', async () => {
    await request(app).get('/admin/push/tm').expect(401);
    await request(app).post('/admin/push/tm').expect(401);
    expect(api.calls).toEqual([]);
  });

  it('answers 404 naming why for a source that does not push', async () => {
    const res = await request(app).get('/admin/push/objects').set('x-admin-key', KEY).set('accept', 'application/json').expect(404);
    expect(JSON.stringify(res.body)).toMatch(/does not push to UiTdatabank/);
  });

  it('shows the dry run as JSON with field-level diffs and sends nothing', async () => {
    const res = await request(app).get('/admin/push/tm').set('x-admin-key', KEY).set('accept', 'application/json').expect(200);
    expect(res.body.counts).toEqual({ create: 1, link: 0, update: 0, unchanged: 0, delete: 0, refuse: 0 });
    expect(res.body.items[0]).toMatchObject({ recordId: 'e1', action: 'create' });
    expect(res.body.items[0].changes).toContainEqual({ path: 'name.nl', after: 'Hamlet <b>' });
    expect(res.body.report).toBeNull();
    expect(api.calls).toEqual([]);
  });

  it('pushes on POST and then shows the report, escaped, in the page and on the sources page', async () => {
    const pushed = await request(app).post('/admin/push/tm').set('x-admin-key', KEY).expect(200);
    expect(pushed.body.items).toEqual([expect.objectContaining({ recordId: 'e1', state: 'created', workflowStatus: 'READY_FOR_VALIDATION' })]);
    drafts = [concertDraft('e1', { name: 'Hamlet <b>', bookingAvailability: 'Unavailable' })];
    const page = await request(app).get('/admin/push/tm').set('x-admin-key', KEY).set('accept', 'text/html').expect(200);
    expect(page.text).toContain('Hamlet &lt;b&gt;');
    expect(page.text).not.toContain('Hamlet <b>');
    expect(page.text).toContain('bookingAvailability: &quot;Available&quot; → &quot;Unavailable&quot;');
    expect(page.text).toContain('ready for validation');
    const sources = await request(app).get('/sources').set('accept', 'text/html').expect(200);
    expect(sources.text).toContain('Huis &lt;Ticketmatic&gt;: push into UiTdatabank');
    expect(sources.text).toMatch(/1 created/);
    const json = await request(app).get('/sources').set('accept', 'application/json').expect(200);
    expect(json.body.sources.find((s: { id: string }) => s.id === 'tm').push.counts.created).toBe(1);
    expect(json.body.sources.find((s: { id: string }) => s.id === 'objects').push).toBeUndefined();
  });

  it("pushes from the page's form only with the page's token", async () => {
    await request(app).post('/admin/push/tm').set('x-admin-key', KEY).type('form').send({ token: 'forged' }).expect(403);
    expect(api.calls).toEqual([]);
    const res = await request(app).post('/admin/push/tm').set('x-admin-key', KEY).type('form').send({ token: formToken(KEY, 'push') }).expect(303);
    expect(res.headers.location).toBe('/admin/push/tm?pushed=1');
    expect(api.writes('events').filter((c) => c.method === 'create')).toHaveLength(1);
  });
});

describe('hub push uitdatabank <source> --url (through the admin API)', () => {
  const run = async (opts: { dryRun?: boolean; json?: boolean }) => {
    const server = await listen(app);
    let text = '';
    try {
      const code = await pushCommand(th.hub.config, 'uitdatabank', 'tm', { ...opts, url: server.url }, { write: (s: string) => (text += s) });
      return { code, text };
    } finally {
      await server.close();
    }
  };

  it('lists what a push would send, field by field, and sends nothing', async () => {
    const { code, text } = await run({ dryRun: true });
    expect(code).toBe(0);
    expect(text).toMatch(/^Dry run: tm → UiTdatabank \(nothing sent\)\n1 to create, 0 to link, 0 to update, 0 to delete, 0 unchanged, 0 refused\n/);
    expect(text).toContain('+ name.nl: "Hamlet <b>"');
    expect(text).toContain('creates first: place "Vooruit", organizer "Cultuurcentrum Demo"');
    expect(api.calls).toEqual([]);
  });

  it('pushes, prints the report as JSON, and fails the command when UiTdatabank refused an event', async () => {
    const ok = await run({ json: true });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.text).counts.created).toBe(1);
    drafts = [concertDraft('e1', { name: 'Hamlet <b>' }), concertDraft('e2')];
    api.refuseNext({ kind: 'events', method: 'create' }, { type: 'https://api.publiq.be/probs/body/invalid-data', title: 'Invalid body data', status: 400, schemaErrors: [{ jsonPointer: '/name/nl', error: 'must not be empty' }] });
    const refused = await run({});
    expect(refused.code).toBe(1);
    expect(refused.text).toContain('refused   e2');
    // This source's connector is no Ticketmatic one: the field is named, the source field is not guessed.
    expect(refused.text).toContain('name: must not be empty → correct name at the source (from name)');
  });

  it('names an unknown target', async () => {
    await expect(pushCommand(th.hub.config, 'europeana', 'tm', {}, { write: () => undefined })).rejects.toThrow('Unknown push target "europeana" (uitdatabank)');
  });
});
