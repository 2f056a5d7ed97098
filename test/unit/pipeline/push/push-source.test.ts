/**
 * The push step against an in-memory UiTdatabank (test/helpers/fake-entry-api.ts): creates once,
 * updates by granular endpoint, follows sold out, removes what the source deleted, resumes a
 * create cut off before the map was written without creating twice, links an event entered by
 * hand, words refusals, and leaves rate limits and 5xx to the next push.
 */
import { describe, expect, it } from '@jest/globals';
import type { SourceConfig, UitdatabankPushConfig } from '../../../../src/config/schema.js';
import { tombstoneQuads } from '../../../../src/pipeline/provenance.js';
import type { EventDraft } from '../../../../src/publication/push/contract.js';
import { PushMap } from '../../../../src/pipeline/push/push-map.js';
import { loadPushReport } from '../../../../src/pipeline/push/push-report.js';
import { planPush, pushSource, type PushDeps } from '../../../../src/pipeline/push/push-source.js';
import { recordMarker } from '../../../../src/pipeline/push/find-existing.js';
import { FakeEntryApi } from '../../../helpers/fake-entry-api.js';
import { MemoryStore } from '../../../helpers/memory-store.js';
import { concertDraft, testDiff, testUpdatesFor } from '../../../helpers/push-drafts.js';
import { diffDocuments, updatesFor } from '../../../../src/publication/push/index.js';

const BASE = 'http://hub.test/';
const settings: UitdatabankPushConfig = {
  entryUrl: 'https://io.uitdatabank.test',
  searchUrl: 'https://search.uitdatabank.test',
  tokenUrl: 'https://account.uitid.test/oauth/token',
  clientId: 'house',
  clientSecret: 'secret',
  workflow: 'ready-for-validation',
  enabled: true,
  mainLanguage: 'nl',
};
const source = { id: 'ticketmatic', connector: { type: 'ticketmatic' }, entityType: 'activiteit', publishTo: { uitdatabank: settings } } as unknown as SourceConfig;

function setup(drafts: EventDraft[], builder: Pick<PushDeps, 'diff' | 'updatesFor'> = { diff: testDiff, updatesFor: testUpdatesFor }) {
  const store = new MemoryStore();
  const api = new FakeEntryApi();
  const state = { drafts };
  const deps: PushDeps = { store, baseIri: BASE, source, settings, api, drafts: async () => state.drafts, ...builder };
  return { store, api, state, deps, push: () => pushSource(deps) };
}

/** A tombstone as the publish step writes one when the source deletes the record (docs/data-model.md). */
async function tombstone(store: MemoryStore, recordId: string) {
  const g = `${BASE}graph/ticketmatic/${recordId}`;
  const pg = `${g}/provenance`;
  const { record, deletion } = tombstoneQuads({ recordGraph: g, source: `${BASE}source/ticketmatic`, recordId, entity: `${BASE}id/activiteit/ticketmatic/${recordId}`, entityType: 'activiteit', deletedAt: '2026-12-01T10:00:00Z', run: `${BASE}run/ticketmatic/r1` });
  await store.commit({ put: [{ graph: pg, quads: record }, deletion] });
}

describe('pushSource', () => {
  it('creates an event once, with its place and organizer, and sends nothing on a re-run', async () => {
    const { api, push } = setup([concertDraft('e1')]);
    const first = await push();
    expect(first.items).toEqual([expect.objectContaining({ recordId: 'e1', state: 'created', workflowStatus: 'READY_FOR_VALIDATION' })]);
    expect(api.writes().filter((c) => c.method === 'create').map((c) => c.kind)).toEqual(['places', 'organizers', 'events']);
    const sent = api.writes('events')[0]!.body!;
    expect(sent.location).toEqual({ '@id': `${api.root}/places/${api.writes('places')[0]!.id}` });
    expect(sent.hiddenLabels).toContain(recordMarker(`${BASE}graph/ticketmatic/e1`));
    expect(api.writes('events').map((c) => c.update?.path ?? c.method)).toEqual(['create', 'workflow-status']);

    const writes = api.calls.length;
    const second = await push();
    expect(api.calls.length).toBe(writes);
    expect(second.items.map((i) => i.state)).toEqual(['unchanged']);
    expect(second.counts.unchanged).toBe(1);
  });

  it('leaves a created event in draft when the source asks for draft', async () => {
    const { api, deps } = setup([concertDraft('e1')]);
    const report = await pushSource({ ...deps, settings: { ...settings, workflow: 'draft' } });
    expect(api.writes('events').map((c) => c.method)).toEqual(['create']);
    expect(report.items[0]!.workflowStatus).toBe('DRAFT');
  });

  it('sends a changed name through the granular endpoint, and only that', async () => {
    const { api, state, push } = setup([concertDraft('e1')]);
    await push();
    const before = api.calls.length;
    state.drafts = [concertDraft('e1', { name: 'Concert e1 (nieuwe datum)' })];
    const report = await push();
    const sent = api.calls.slice(before);
    expect(sent).toEqual([expect.objectContaining({ method: 'update', kind: 'events', update: { method: 'PUT', path: 'name/nl', body: { name: 'Concert e1 (nieuwe datum)' } } })]);
    expect(report.items[0]!.state).toBe('updated');
    expect((api.docs.events.get(report.items[0]!.uitId!)!.name as Record<string, string>).nl).toBe('Concert e1 (nieuwe datum)');
  });

  it('marks a sold-out event Unavailable through booking-availability, and Available again', async () => {
    const { api, state, push } = setup([concertDraft('e1')]);
    await push();
    let before = api.calls.length;
    state.drafts = [concertDraft('e1', { bookingAvailability: 'Unavailable' })];
    await push();
    expect(api.calls.slice(before).map((c) => c.update)).toEqual([{ method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } }]);
    before = api.calls.length;
    await push();
    expect(api.calls.length).toBe(before);
    state.drafts = [concertDraft('e1')];
    await push();
    expect(api.calls.slice(before).map((c) => c.update)).toEqual([{ method: 'PUT', path: 'booking-availability', body: { type: 'Available' } }]);
  });

  it('imports images by URL and links them, and unlinks one the source dropped', async () => {
    const image = (url: string) => ({ contentUrl: url, description: 'Affiche', copyrightHolder: 'Cultuurcentrum Demo', inLanguage: 'nl' });
    const { api, state, push } = setup([concertDraft('e1', { images: [image('https://tm.test/a.jpg')] })]);
    const first = await push();
    const eventId = first.items[0]!.uitId!;
    const [uploaded] = api.calls.filter((c) => c.method === 'uploadImage');
    expect(uploaded!.body).toEqual(image('https://tm.test/a.jpg'));
    expect(api.docs.events.get(eventId)!.mediaObject).toEqual([{ '@id': `${api.root}/images/${uploaded!.id}` }]);
    const before = api.calls.length;
    await push();
    expect(api.calls.length).toBe(before);
    state.drafts = [concertDraft('e1', { images: [image('https://tm.test/b.jpg')] })];
    await push();
    const sent = api.calls.slice(before);
    expect(sent.map((c) => (c.method === 'update' ? `${c.update!.method} ${c.update!.path}` : c.method))).toEqual([`DELETE images/${uploaded!.id}`, 'uploadImage', 'POST images']);
    expect(api.docs.events.get(eventId)!.mediaObject).toHaveLength(1);
  });

  it('removes the event from UiTdatabank when the source deleted the record, once', async () => {
    const { store, api, state, push } = setup([concertDraft('e1'), concertDraft('e2')]);
    const first = await push();
    const e2 = first.items.find((i) => i.recordId === 'e2')!.uitId!;
    state.drafts = [concertDraft('e1')];
    await tombstone(store, 'e2');
    const report = await push();
    expect(api.writes('events').filter((c) => c.method === 'remove')).toEqual([{ method: 'remove', kind: 'events', id: e2 }]);
    expect(report.items.find((i) => i.recordId === 'e2')).toEqual(expect.objectContaining({ state: 'deleted', workflowStatus: 'DELETED' }));
    const writes = api.calls.length;
    await push();
    expect(api.calls.length).toBe(writes);
  });

  it('keeps an event whose record is only missing from the drafts (not deleted at the source)', async () => {
    const { api, state, push } = setup([concertDraft('e1')]);
    await push();
    state.drafts = [];
    await push();
    expect(api.writes().filter((c) => c.method === 'remove')).toEqual([]);
  });

  it('resumes a create cut off before the map was written, without creating the event twice', async () => {
    const { api, deps, push } = setup([concertDraft('e1')]);
    api.crashAfterCreate('events');
    const first = await push();
    expect(first.items[0]!.state).toBe('failed');
    // The push map still holds the open intent of the create.
    const entries = await new PushMap(deps.store, BASE, 'ticketmatic').entries('events');
    expect(entries.map((e) => e.intent?.op)).toEqual(['create']);
    const second = await push();
    expect(api.writes('events').filter((c) => c.method === 'create')).toHaveLength(1);
    expect(second.items[0]).toEqual(expect.objectContaining({ state: 'created', uitId: api.writes('events')[0]!.id }));
    const writes = api.calls.length;
    await push();
    expect(api.calls.length).toBe(writes);
  });

  it('keeps the first and removes the second of a create sent twice (a retried POST whose answer was lost)', async () => {
    const { api, push } = setup([concertDraft('e1')]);
    api.crashAfterCreate('events', { twice: true });
    await push();
    const [first, second] = api.writes('events').filter((c) => c.method === 'create');
    const report = await push();
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'created', uitId: first!.id }));
    expect(api.writes('events').filter((c) => c.method === 'remove')).toEqual([{ method: 'remove', kind: 'events', id: second!.id }]);
  });

  it('resumes when nothing after the create reached the map (the store gone, as under kill -9)', async () => {
    const { store, api, push } = setup([concertDraft('e1')]);
    // From the event's create on, every commit fails: the map keeps the open intent, as after a kill.
    const commit = store.commit.bind(store);
    let dead = false;
    const create = api.create.bind(api);
    api.create = async (kind, body) => {
      const out = await create(kind, body);
      if (kind === 'events') dead = true;
      return out;
    };
    store.commit = async (changes) => {
      if (dead) throw new Error('store went away');
      return commit(changes);
    };
    await expect(push()).rejects.toThrow('store went away');
    api.create = create;
    store.commit = commit;
    const report = await push();
    expect(api.writes('events').filter((c) => c.method === 'create')).toHaveLength(1);
    // Found by its marker: the hub's own event, not one entered by hand.
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'created', uitId: api.writes('events')[0]!.id }));
  });

  it('links an event entered by hand (same name, start and place) and updates it instead of creating one', async () => {
    const { api, push } = setup([concertDraft('e1', { bookingAvailability: 'Unavailable' })]);
    const placeId = api.seed('places', { name: { nl: 'Vooruit' }, address: { nl: { postalCode: '9000' } } });
    const handId = api.seed('events', { mainLanguage: 'nl', name: { nl: 'Concert e1' }, calendarType: 'single', subEvent: [{ startDate: '2027-03-12T19:00:00+00:00', endDate: '2027-03-12T21:00:00+00:00' }], location: { '@id': `${api.root}/places/${placeId}` } });
    const report = await push();
    expect(api.writes('events').filter((c) => c.method === 'create')).toEqual([]);
    expect(api.writes('places').filter((c) => c.method === 'create')).toEqual([]);
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'linked', uitId: handId }));
    expect(api.writes('events').map((c) => c.update?.path)).toContain('booking-availability');
    expect(api.docs.events.get(handId)!.bookingAvailability).toEqual({ type: 'Unavailable' });
    // The workflow of an event the house entered itself is left alone.
    expect(api.writes('events').map((c) => c.update?.path)).not.toContain('workflow-status');
  });

  it('links the event a UiTdatabank event in the same cluster names, even under another title', async () => {
    const { api, state, push } = setup([]);
    const handId = api.seed('events', { mainLanguage: 'nl', name: { nl: 'Andere titel' } });
    state.drafts = [concertDraft('e1', { uitdatabankId: handId })];
    const report = await push();
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'linked', uitId: handId }));
    expect(api.writes('events').filter((c) => c.method === 'create')).toEqual([]);
    expect((api.docs.events.get(handId)!.name as Record<string, string>).nl).toBe('Concert e1');
  });

  it('records a refusal in plain words: which field, what to change in Ticketmatic, and does not send it again unchanged', async () => {
    const { api, state, push } = setup([concertDraft('e1')]);
    api.refuseNext({ kind: 'events', method: 'create' }, { type: 'https://api.publiq.be/probs/body/invalid-data', title: 'Invalid body data', status: 400, schemaErrors: [{ jsonPointer: '/terms/0/id', error: 'The term 9.9.9 does not exist or is not supported' }] });
    const report = await push();
    const item = report.items[0]!;
    expect(item.state).toBe('refused');
    expect(item.problem).toEqual(expect.objectContaining({ action: 'create', status: 400, retried: false }));
    expect(item.problem!.fields).toEqual([{ field: 'terms', error: 'The term 9.9.9 does not exist or is not supported', fix: expect.stringMatching(/genre.*c_genre/) }]);
    const writes = api.calls.length;
    expect((await push()).items[0]!.state).toBe('refused');
    expect(api.calls.length).toBe(writes);
    // Once the house changes the event, it is sent again.
    state.drafts = [concertDraft('e1', { name: 'Concert e1, ander genre' })];
    expect((await push()).items[0]!.state).toBe('created');
  });

  it("reports a draft the builder could not complete, naming the Ticketmatic field, and sends nothing", async () => {
    const { api, push } = setup([concertDraft('e1', { problems: [{ field: 'terms', sourceField: 'c_genre', message: 'genre "Stand-up" has no publiq event type', severity: 'error' }] })]);
    const report = await push();
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'refused' }));
    expect(report.items[0]!.problem!.fields).toEqual([{ field: 'terms', error: 'genre "Stand-up" has no publiq event type', fix: 'change c_genre at the source' }]);
    expect(api.calls).toEqual([]);
  });

  it('records UiTdatabank unavailable (429/5xx after the client retried) as failed, and creates at the next push', async () => {
    const { api, push } = setup([concertDraft('e1')]);
    api.unavailableNext({ kind: 'events', method: 'create' });
    const first = await push();
    expect(first.items[0]).toEqual(expect.objectContaining({ state: 'failed', problem: expect.objectContaining({ retried: true }) }));
    const second = await push();
    expect(second.items[0]!.state).toBe('created');
    expect(api.writes('events').filter((c) => c.method === 'create')).toHaveLength(1);
  });

  it('saves the report where the pages read it', async () => {
    const { store, push } = setup([concertDraft('e1')]);
    const report = await push();
    expect(await loadPushReport(store, BASE, 'ticketmatic')).toEqual(report);
  });
});

describe('planPush (dry run)', () => {
  it('lists creates, updates with field-level diffs and deletes, and sends and stores nothing', async () => {
    const { store, api, state, deps, push } = setup([concertDraft('e1'), concertDraft('e2')]);
    await push();
    state.drafts = [concertDraft('e1', { name: 'Nieuwe naam', bookingAvailability: 'Unavailable' }), concertDraft('e3')];
    await tombstone(store, 'e2');
    const writes = api.calls.length;
    const mapBefore = await new PushMap(store, BASE, 'ticketmatic').entries();
    const plan = await planPush(deps);
    expect(api.calls.length).toBe(writes);
    expect(await new PushMap(store, BASE, 'ticketmatic').entries()).toEqual(mapBefore);
    const by = Object.fromEntries(plan.items.map((i) => [i.recordId, i]));
    expect(by.e1!.action).toBe('update');
    expect(by.e1!.changes).toEqual(expect.arrayContaining([{ path: 'name.nl', before: 'Concert e1', after: 'Nieuwe naam' }, { path: 'bookingAvailability', before: 'Available', after: 'Unavailable' }]));
    expect(by.e1!.updates.map((u) => u.path)).toEqual(['booking-availability', 'name/nl']);
    expect(by.e2!.action).toBe('delete');
    expect(by.e3!.action).toBe('create');
    expect(plan.counts).toEqual({ create: 1, link: 0, update: 1, unchanged: 0, delete: 1, refuse: 0 });
  });
});

describe("pushSource with the builder's own diff and granular updates", () => {
  const builder = { diff: diffDocuments, updatesFor };

  it('sends nothing on a re-run, a changed name as PUT name/nl, sold out as booking-availability', async () => {
    const { api, state, push } = setup([concertDraft('e1')], builder);
    await push();
    let before = api.calls.length;
    await push();
    expect(api.calls.length).toBe(before);
    state.drafts = [concertDraft('e1', { name: 'Hamlet', bookingAvailability: 'Unavailable' })];
    await push();
    expect(api.calls.slice(before).map((c) => c.update)).toEqual([
      { method: 'PUT', path: 'booking-availability', body: { type: 'Unavailable' } },
      { method: 'PUT', path: 'name/nl', body: { name: 'Hamlet' } },
    ]);
    before = api.calls.length;
    await push();
    expect(api.calls.length).toBe(before);
  });

  it('updates a hand-entered event field by field, never with a whole-document PUT over what the house wrote', async () => {
    const { api, push } = setup([concertDraft('e1')], builder);
    const placeId = api.seed('places', { name: { nl: 'Vooruit' }, address: { nl: { postalCode: '9000' } } });
    const handId = api.seed('events', {
      mainLanguage: 'nl',
      name: { nl: 'Concert e1' },
      calendarType: 'single',
      subEvent: [{ startDate: '2027-03-12T19:00:00+00:00', endDate: '2027-03-12T21:00:00+00:00' }],
      location: { '@id': `${api.root}/places/${placeId}` },
      terms: [{ id: '0.50.4.0.0', label: 'Concert', domain: 'eventtype' }],
      contactPoint: { email: ['info@house.test'] },
      labels: ['zomer'],
    });
    const report = await push();
    expect(report.items[0]).toEqual(expect.objectContaining({ state: 'linked', uitId: handId }));
    const paths = api.writes('events').map((c) => c.update?.path);
    expect(paths).not.toContain('');
    expect(paths).toContain('price-info');
    expect(api.docs.events.get(handId)!.contactPoint).toEqual({ email: ['info@house.test'] });
    expect(api.docs.events.get(handId)!.hiddenLabels).toBeUndefined();
  });
});
