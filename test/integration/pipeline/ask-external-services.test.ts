/**
 * askExternalServices against the fixture reconciliation service on loopback: the agents and
 * concepts without an authority link are asked about, their suggestions kept in the suggestions
 * graph with their sources and organisations, decisions kept across asks, auto-accepted links
 * published in the public default graph, and a failing service is a warning.
 */
import request from 'supertest';
import { startReconciliationFixture, type ReconciliationFixture } from '../../../fixtures/reconciliation/server.js';
import { ExternalReconciliationServiceSchema } from '../../../src/config/matching-external.js';
import { ReconciliationClient, type ReconciliationLookup } from '../../../src/connectors/reconciliation/client.js';
import { askExternalServices } from '../../../src/pipeline/ask-external-services.js';
import { decideSuggestion, loadSuggestions } from '../../../src/publication/matching/suggestions-graph.js';
import { BASE, iri, openTestHub, publish, t, type TestHub } from '../api/api-helpers.js';
import { testStores } from '../../helpers/test-stores.js';

const WD = 'http://www.wikidata.org/entity/';
const AAT = 'http://vocab.getty.edu/aat/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const NAME = 'https://schema.org/name';
const PERSON = 'https://schema.org/Person';
const SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const SKOS = 'http://www.w3.org/2004/02/skos/core#';

describe.each(testStores())('askExternalServices (%s store)', (_name, testStore) => {
  let fixture: ReconciliationFixture;
  let th: TestHub;
  let base = BASE;
  let SYS = '';
  let ENSOR = '';
  let LINKED = '';
  let ETS = '';

  beforeEach(async () => {
    fixture = await startReconciliationFixture({ delayMs: 1 });
    th = await openTestHub({
      store: testStore,
      sources: [
        { id: 'museum', entityType: 'agent', organisation: 'Museum <A>' },
        { id: 'archive', entityType: 'agent', organisation: 'Archief B' },
        { id: 'terms', entityType: 'concept', organisation: 'Archief B' },
      ],
    });
    base = th.hub.config.hub.baseIri;
    SYS = `${base}id/agent/museum/maker-sys`;
    ENSOR = `${base}id/agent/museum/maker-ensor`;
    LINKED = `${base}id/agent/archive/maker-linked`;
    ETS = `${base}id/concept/terms/ets`;
    await publish(th.hub, 'museum', [
      { recordId: 'maker-sys', organisation: 'Museum <A>', quads: [t(SYS, RDF_TYPE, iri(PERSON)), t(SYS, NAME, 'Maurice Sys')] },
      { recordId: 'maker-ensor', organisation: 'Museum <A>', quads: [t(ENSOR, RDF_TYPE, iri(PERSON)), t(ENSOR, NAME, 'James Ensor')] },
    ]);
    await publish(th.hub, 'archive', [
      { recordId: 'maker-linked', organisation: 'Archief B', quads: [t(LINKED, RDF_TYPE, iri(PERSON)), t(LINKED, NAME, 'Pieter Bruegel the Elder'), t(LINKED, SAME_AS, iri(`${WD}Q43270`))] },
    ]);
    await publish(th.hub, 'terms', [{ recordId: 'ets', organisation: 'Archief B', quads: [t(ETS, RDF_TYPE, iri(`${SKOS}Concept`)), t(ETS, `${SKOS}prefLabel`, 'etsen')] }]);
  });

  afterEach(async () => {
    await th.close();
    await fixture.close();
  });

  const config = (services: object[]) => ({ hub: { baseIri: base, matching: { externalServices: services.map((s) => ExternalReconciliationServiceSchema.parse({ timeoutMs: 5000, maxAttempts: 1, ...s })) } } });
  const agents = (extra: object = {}) => ({ url: fixture.url, types: ['agent'], typeIds: { agent: 'Q5' }, ...extra });

  async function sparqlAsk(query: string): Promise<boolean> {
    const res = await request(th.app).get('/sparql').query({ query }).set('accept', 'application/sparql-results+json').expect(200);
    return (res.body as { boolean: boolean }).boolean;
  }

  it('keeps suggestions for agents without an authority link, none for one with a Wikidata link', async () => {
    const result = await askExternalServices(th.hub.store, config([agents()]), { now: '2026-12-07T10:00:00.000Z' });
    expect(result.warnings).toEqual([]);
    // Three without a link (two agents, a concept); this service is asked about agents only.
    expect(result.asked).toBe(3);
    expect(result.services).toEqual([{ url: fixture.url, asked: 2, suggestions: 3, autoAccepted: 0 }]);
    // The linked maker was not asked about: only the two unlinked names went out.
    expect(Object.values(fixture.batches[0]!).map((q) => q.query).sort()).toEqual(['James Ensor', 'Maurice Sys']);
    const kept = await loadSuggestions(th.hub.store, base);
    expect(kept.some((s) => s.entity === LINKED)).toBe(false);
    expect(kept.filter((s) => s.entity === ENSOR).map((s) => s.candidate).sort()).toEqual([`${WD}Q158840`, `${WD}Q90000001`]);
    expect(kept.find((s) => s.entity === SYS && s.candidate === `${WD}Q90000002`)).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      entity: SYS,
      kind: 'agent',
      label: 'Maurice Sys',
      candidate: `${WD}Q90000002`,
      name: 'Maurice Sys',
      description: expect.any(String),
      score: 100,
      service: fixture.url,
      at: '2026-12-07T10:00:00.000Z',
      status: 'pending',
      sources: ['museum'],
      organisations: ['Museum <A>'],
    });
    // Nothing auto-accepted without a score: nothing published.
    expect(await sparqlAsk(`ASK { <${SYS}> <${SAME_AS}> ?x }`)).toBe(false);
  });

  it('auto-accepts a lone candidate above the score and publishes its owl:sameAs in the default graph', async () => {
    const result = await askExternalServices(th.hub.store, config([agents({ autoAcceptScore: 90 }), { url: fixture.url, types: ['concept'], autoAcceptScore: 95 }]));
    expect(result.autoAccepted).toBe(2);
    const kept = await loadSuggestions(th.hub.store, base);
    expect(kept.filter((s) => s.status === 'auto-accepted').map((s) => [s.entity, s.candidate]).sort()).toEqual([
      [SYS, `${WD}Q90000002`],
      [ETS, `${AAT}300041365`],
    ]);
    // Two Ensors above the score: a curator chooses.
    expect(kept.filter((s) => s.entity === ENSOR).every((s) => s.status === 'pending')).toBe(true);
    expect(await sparqlAsk(`ASK { <${SYS}> <${SAME_AS}> <${WD}Q90000002> }`)).toBe(true);
    expect(await sparqlAsk(`ASK { <${ETS}> <${SAME_AS}> <${AAT}300041365> }`)).toBe(true);
    // Linked now: not asked about again.
    const again = await askExternalServices(th.hub.store, config([agents({ autoAcceptScore: 90 })]));
    expect(again.asked).toBe(1);
    expect(Object.values(fixture.batches.at(-1)!).map((q) => q.query)).toEqual(['James Ensor']);
    expect((await loadSuggestions(th.hub.store, base)).filter((s) => s.status === 'auto-accepted')).toHaveLength(2);
  });

  it('keeps decisions across asks: a rejected candidate is not suggested again, an accepted one is published', async () => {
    await askExternalServices(th.hub.store, config([agents()]));
    const ensors = (await loadSuggestions(th.hub.store, base)).filter((s) => s.entity === ENSOR);
    const namesake = ensors.find((s) => s.candidate === `${WD}Q90000001`)!;
    const painter = ensors.find((s) => s.candidate === `${WD}Q158840`)!;
    await decideSuggestion(th.hub.store, base, namesake.id, 'rejected', 'curator-1');
    await askExternalServices(th.hub.store, config([agents()]));
    const after = (await loadSuggestions(th.hub.store, base)).filter((s) => s.entity === ENSOR);
    expect(after.map((s) => [s.candidate, s.status]).sort()).toEqual([
      [`${WD}Q158840`, 'pending'],
      [`${WD}Q90000001`, 'rejected'],
    ]);
    expect(after.find((s) => s.status === 'rejected')).toMatchObject({ decidedBy: 'curator-1', decidedAt: expect.any(String) });
    await decideSuggestion(th.hub.store, base, painter.id, 'accepted');
    expect(await sparqlAsk(`ASK { <${ENSOR}> <${SAME_AS}> <${WD}Q158840> }`)).toBe(true);
    expect(await sparqlAsk(`ASK { <${ENSOR}> <${SAME_AS}> <${WD}Q90000001> }`)).toBe(false);
    // A decision changed: the link leaves the default graph.
    await decideSuggestion(th.hub.store, base, painter.id, 'rejected');
    expect(await sparqlAsk(`ASK { <${ENSOR}> <${SAME_AS}> <${WD}Q158840> }`)).toBe(false);
  });

  it('asks about one source only when told, keeping the other entities’ suggestions', async () => {
    await askExternalServices(th.hub.store, config([agents(), { url: fixture.url, types: ['concept'] }]));
    const before = await loadSuggestions(th.hub.store, base);
    const result = await askExternalServices(th.hub.store, config([agents(), { url: fixture.url, types: ['concept'] }]), { sourceId: 'terms' });
    expect(result.asked).toBe(1);
    expect(fixture.batches.at(-1)).toEqual({ q0: { query: 'etsen', limit: 3 } });
    expect((await loadSuggestions(th.hub.store, base)).map((s) => s.id).sort()).toEqual(before.map((s) => s.id).sort());
  });

  it('reports a failing service as a warning naming it, keeps its earlier suggestions and asks the others', async () => {
    await askExternalServices(th.hub.store, config([agents()]));
    const before = await loadSuggestions(th.hub.store, base);
    fixture.inject({ kind: 'status', status: 500 }, { times: 1 });
    const result = await askExternalServices(th.hub.store, config([agents(), { url: fixture.url, types: ['concept'] }]));
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain(`Reconciliation service ${fixture.url} failed`);
    expect(result.services[0]).toMatchObject({ asked: 2, error: expect.any(String) });
    const after = await loadSuggestions(th.hub.store, base);
    for (const s of before) expect(after.map((a) => a.id)).toContain(s.id);
    expect(after.some((s) => s.entity === ETS)).toBe(true);
  });

  it('drops the pending suggestions of an entity its record links now', async () => {
    await askExternalServices(th.hub.store, config([agents()]));
    expect((await loadSuggestions(th.hub.store, base)).some((s) => s.entity === ENSOR)).toBe(true);
    await publish(th.hub, 'museum', [{ recordId: 'maker-ensor', organisation: 'Museum <A>', quads: [t(ENSOR, RDF_TYPE, iri(PERSON)), t(ENSOR, NAME, 'James Ensor'), t(ENSOR, SAME_AS, iri(`http://viaf.org/viaf/12345`))] }]);
    const result = await askExternalServices(th.hub.store, config([agents()]));
    expect(result.asked).toBe(2);
    const kept = await loadSuggestions(th.hub.store, base);
    expect(kept.some((s) => s.entity === ENSOR)).toBe(false);
    expect(kept.some((s) => s.entity === SYS)).toBe(true);
  });

  it('does not ask a service again about an entity whose candidate from it was accepted, even outside the authority namespaces', async () => {
    const queries: string[] = [];
    const terms: ReconciliationLookup = {
      service: 'https://terms.example/reconcile',
      reconcile: async (qs) => {
        queries.push(...qs.map((q) => q.query));
        return qs.map(() => [{ id: 'https://terms.example/term/etching', name: 'etching', score: 100 }]);
      },
    };
    const ask = () => askExternalServices(th.hub.store, config([{ url: terms.service, types: ['concept'], autoAcceptScore: 90 }]), { clientFor: () => terms });
    expect((await ask()).autoAccepted).toBe(1);
    expect(await sparqlAsk(`ASK { <${ETS}> <${SAME_AS}> <https://terms.example/term/etching> }`)).toBe(true);
    await ask();
    expect(queries).toEqual(['etsen']);
  });

  it('keeps a curator’s decision taken while the services were being asked', async () => {
    await askExternalServices(th.hub.store, config([agents()]));
    const namesake = (await loadSuggestions(th.hub.store, base)).find((s) => s.candidate === `${WD}Q90000001`)!;
    let decided: Promise<unknown> = Promise.resolve();
    const slow: ReconciliationLookup = {
      service: fixture.url,
      reconcile: async (qs) => {
        // The curator rejects while the service is still answering.
        decided = decideSuggestion(th.hub.store, base, namesake.id, 'rejected', 'Ann');
        await decided;
        return new ReconciliationClient(fixture.url, { http: { maxAttempts: 1 } }).reconcile(qs);
      },
    };
    await askExternalServices(th.hub.store, config([agents()]), { clientFor: () => slow });
    await decided;
    expect((await loadSuggestions(th.hub.store, base)).find((s) => s.id === namesake.id)).toMatchObject({ status: 'rejected', decidedBy: 'Ann' });
  });

  it('says so when no service is configured', async () => {
    const result = await askExternalServices(th.hub.store, config([]));
    expect(result).toMatchObject({ asked: 0, warnings: [expect.stringContaining('No reconciliation service')] });
    expect(fixture.batches).toEqual([]);
  });
});
