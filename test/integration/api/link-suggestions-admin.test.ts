/**
 * /admin/links/suggestions: asking the configured reconciliation service (the fixture on
 * loopback), listing the suggestions (JSON, HTML page with forms), accepting and rejecting them
 * behind the admin key, the accepted owl:sameAs on /sparql and the entity page, and the
 * organisation report's pending suggestions.
 */
import request from 'supertest';
import { startReconciliationFixture, type ReconciliationFixture } from '../../../fixtures/reconciliation/server.js';
import { formToken } from '../../../src/api/admin-key.js';
import { loadSuggestions, type LinkSuggestion } from '../../../src/publication/matching/suggestions-graph.js';
import { testStores } from '../../helpers/test-stores.js';
import { BASE, iri, openTestHub, publish, t, type TestHub } from './api-helpers.js';

const KEY = 'suggestions-admin-key';
const WD = 'http://www.wikidata.org/entity/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const NAME = 'https://schema.org/name';
const PERSON = 'https://schema.org/Person';
const SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';

describe.each(testStores())('suggested authority links (%s store)', (_name, testStore) => {
  let fixture: ReconciliationFixture;
  let th: TestHub;
  let base = BASE;
  let SYS = '';
  let ENSOR = '';
  let BRUEGEL = '';

  beforeEach(async () => {
    fixture = await startReconciliationFixture({ delayMs: 1 });
    th = await openTestHub({
      store: testStore,
      hub: { adminKey: KEY, matching: { externalServices: [{ url: fixture.url, types: ['agent'], typeIds: { agent: 'Q5' }, autoAcceptScore: 99, maxAttempts: 1 }] } },
      sources: [
        { id: 'museum', entityType: 'agent', organisation: 'Museum <A>' },
        { id: 'archive', entityType: 'agent', organisation: 'Archief B' },
      ],
    });
    base = th.hub.config.hub.baseIri;
    SYS = `${base}id/agent/museum/maker-sys`;
    ENSOR = `${base}id/agent/museum/maker-ensor`;
    BRUEGEL = `${base}id/agent/archive/maker-bruegel`;
    await publish(th.hub, 'museum', [
      { recordId: 'maker-sys', organisation: 'Museum <A>', quads: [t(SYS, RDF_TYPE, iri(PERSON)), t(SYS, NAME, 'Maurice Sys')] },
      { recordId: 'maker-ensor', organisation: 'Museum <A>', quads: [t(ENSOR, RDF_TYPE, iri(PERSON)), t(ENSOR, NAME, 'James Ensor')] },
    ]);
    await publish(th.hub, 'archive', [{ recordId: 'maker-bruegel', organisation: 'Archief B', quads: [t(BRUEGEL, RDF_TYPE, iri(PERSON)), t(BRUEGEL, NAME, 'Pieter Bruegel de Oude')] }]);
  });

  afterEach(async () => {
    await th.close();
    await fixture.close();
  });

  const admin = (r: request.Test) => r.set('x-admin-key', KEY);
  const sparqlAsk = async (query: string) => (await request(th.app).get('/sparql').query({ query }).set('accept', 'application/sparql-results+json').expect(200)).body.boolean as boolean;
  const list = async (): Promise<LinkSuggestion[]> => (await admin(request(th.app).get('/admin/links/suggestions')).set('accept', 'application/json').expect(200)).body.items;

  describe('/admin/links/suggestions', () => {
    it('is behind the admin key', async () => {
      await request(th.app).post('/admin/links/suggestions/ask').send({}).expect(401);
      await request(th.app).get('/admin/links/suggestions').expect(401);
      await request(th.app).post('/admin/links/suggestions/0123456789abcdef/accept').send({}).expect(401);
      expect(fixture.batches).toEqual([]);
      expect(await loadSuggestions(th.hub.store, base)).toEqual([]);
    });

    it('asks, lists, accepts and rejects; the accepted link is on /sparql and on the entity page', async () => {
      const asked = await admin(request(th.app).post('/admin/links/suggestions/ask')).send({ source: 'museum' }).expect(200);
      expect(asked.body).toMatchObject({ asked: 2, autoAccepted: 1, warnings: [] });
      // Maurice Sys alone at 100: auto-accepted and published.
      expect(await sparqlAsk(`ASK { <${SYS}> <${SAME_AS}> <${WD}Q90000002> }`)).toBe(true);
      const items = await list();
      expect(items.some((s) => s.entity === BRUEGEL)).toBe(false);
      const painter = items.find((s) => s.entity === ENSOR && s.candidate === `${WD}Q158840`)!;
      const namesake = items.find((s) => s.entity === ENSOR && s.candidate === `${WD}Q90000001`)!;
      expect([painter.status, namesake.status]).toEqual(['pending', 'pending']);

      const accepted = await admin(request(th.app).post(`/admin/links/suggestions/${painter.id}/accept`)).send({ curator: 'Ann' }).expect(200);
      expect(accepted.body.suggestion).toMatchObject({ id: painter.id, status: 'accepted', decidedBy: 'Ann' });
      await admin(request(th.app).post(`/admin/links/suggestions/${namesake.id}/reject`)).send({}).expect(200);
      expect(await sparqlAsk(`ASK { <${ENSOR}> <${SAME_AS}> <${WD}Q158840> }`)).toBe(true);
      expect(await sparqlAsk(`ASK { <${ENSOR}> <${SAME_AS}> <${WD}Q90000001> }`)).toBe(false);
      const page = await request(th.app).get('/id/agent/museum/maker-ensor').set('accept', 'text/turtle').expect(200);
      expect(page.text).toContain('Q158840');
      expect(page.text).not.toContain('Q90000001');
      // The accepted links are data of the entity, not a record describing it.
      expect(String(page.headers.link)).toContain(encodeURIComponent(`${base}graph/museum/maker-ensor/provenance`));
      expect(String(page.headers.link)).not.toContain('authority-links');

      expect((await admin(request(th.app).get('/admin/links/suggestions?status=rejected')).set('accept', 'application/json').expect(200)).body.items.map((s: LinkSuggestion) => s.id)).toEqual([namesake.id]);
      const paged = await admin(request(th.app).get('/admin/links/suggestions?offset=1&limit=1')).set('accept', 'application/json').expect(200);
      expect(paged.body).toMatchObject({ total: items.length, offset: 1, items: [{ id: items[1]!.id }] });
      await admin(request(th.app).post('/admin/links/suggestions/0123456789abcdef/accept')).send({}).expect(404);
      await admin(request(th.app).post('/admin/links/suggestions/nope/accept')).send({}).expect(400);
      await admin(request(th.app).post('/admin/links/suggestions/ask')).send({ source: 'nowhere' }).expect(404);
    });

    it('serves a page whose forms carry the token, and refuses a form without it', async () => {
      await admin(request(th.app).post('/admin/links/suggestions/ask')).type('form').send({ token: 'forged' }).expect(403);
      expect(fixture.batches).toEqual([]);
      const askedByForm = await admin(request(th.app).post('/admin/links/suggestions/ask')).type('form').send({ token: formToken(KEY, 'link-suggestions') }).expect(303);
      expect(askedByForm.headers.location).toBe('/admin/links/suggestions?asked=3&pending=3&auto=2&warnings=0');
      const namesake = (await list()).find((s) => s.candidate === `${WD}Q90000001`)!;
      const html = await admin(request(th.app).get('/admin/links/suggestions')).set('accept', 'text/html').expect(200);
      expect(html.text).toContain(`action="/admin/links/suggestions/${namesake.id}/reject"`);
      expect(html.text).toContain('Museum &lt;A&gt;');
      expect(html.text).not.toContain('Museum <A>');
      await admin(request(th.app).post(`/admin/links/suggestions/${namesake.id}/reject`)).type('form').send({ token: 'forged' }).expect(403);
      const posted = await admin(request(th.app).post(`/admin/links/suggestions/${namesake.id}/reject`)).type('form').send({ token: formToken(KEY, 'link-suggestions') }).expect(303);
      expect(posted.headers.location).toBe(`/admin/links/suggestions?decided=${namesake.id}#s-${namesake.id}`);
      expect((await list()).find((s) => s.id === namesake.id)!.status).toBe('rejected');
    });

    it('answers a failing service with a warning, not an error', async () => {
      fixture.inject({ kind: 'status', status: 503 }, { times: 1 });
      const asked = await admin(request(th.app).post('/admin/links/suggestions/ask')).send({}).expect(200);
      expect(asked.body.warnings).toEqual([expect.stringContaining(`Reconciliation service ${fixture.url} failed`)]);
      expect(await list()).toEqual([]);
    });
  });

  describe('the organisation report', () => {
    it('lists the organisation’s pending suggestions, escaped, and none of another organisation’s', async () => {
      await admin(request(th.app).post('/admin/links/suggestions/ask')).send({}).expect(200);
      const museum = await request(th.app).get(`/reports/organisations/${encodeURIComponent('Museum <A>')}`).set('accept', 'text/html').expect(200);
      expect(museum.text).toContain('Suggested authority links');
      expect(museum.text).toMatch(/2 pending suggestion\(s\)/);
      expect(museum.text).toContain(`${WD}Q90000001`);
      expect(museum.text).not.toContain(`${WD}Q43270`);
      const json = await request(th.app).get(`/reports/organisations/${encodeURIComponent('Museum <A>')}`).set('accept', 'application/json').expect(200);
      expect(json.body.suggestions.count).toBe(2);
      const archive = await request(th.app).get(`/reports/organisations/${encodeURIComponent('Archief B')}`).set('accept', 'application/json').expect(200);
      // Bruegel the Elder alone at 100 was auto-accepted; the Younger waits for a curator.
      expect(archive.body.suggestions.first.map((s: LinkSuggestion) => s.candidate)).toEqual([`${WD}Q255828`]);
    });
  });
});
