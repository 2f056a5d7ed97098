/**
 * Asking others (issue 16, item 7): suggestAuthorities against the fixture reconciliation
 * service on loopback (never a real one). Life dates tell a maker from a namesake, the
 * auto-accept score only accepts a lone best candidate, and the configured services are each
 * asked about their own kinds only.
 */
import { startReconciliationFixture, type ReconciliationFixture } from '../../../fixtures/reconciliation/server.js';
import { ExternalReconciliationServiceSchema } from '../../../src/config/matching-external.js';
import { HubSettingsSchema } from '../../../src/config/schema.js';
import { ReconciliationClient } from '../../../src/connectors/reconciliation/client.js';
import { suggestAuthorities, suggestFromServices, type AuthorityQuestion } from '../../../src/pipeline/authority-suggestions.js';

const WD = 'http://www.wikidata.org/entity/';
const AAT = 'http://vocab.getty.edu/aat/';
const SKOS_CONCEPT = 'http://www.w3.org/2004/02/skos/core#Concept';

let fixture: ReconciliationFixture;
let client: ReconciliationClient;

beforeEach(async () => {
  fixture = await startReconciliationFixture({ delayMs: 5 });
  client = new ReconciliationClient(fixture.url, { batchSize: 2, http: { backoffMs: 5, maxAttempts: 3 } });
});

afterEach(async () => {
  await fixture.close();
});

const groeningeEnsor: AuthorityQuestion = { iri: 'http://hub.test/id/agent/vkc-datahub/20001187', type: 'agent', name: 'Ensor, James', birth: '1860-04-13', death: '1949-11-19' };
const undatedEnsor: AuthorityQuestion = { iri: 'http://hub.test/id/agent/files/9', type: 'agent', name: 'James Ensor' };
const etching: AuthorityQuestion = { iri: 'http://hub.test/id/concept/files/ets', type: 'concept', name: 'etsen' };

describe('suggestAuthorities', () => {
  it('suggests the maker whose life dates agree above the namesake, and auto-accepts it alone above the score', async () => {
    const suggestions = await suggestAuthorities(client, [groeningeEnsor], { autoAcceptScore: 90, typeIds: { agent: 'Q5' } });
    expect(suggestions.map((s) => s.candidate)).toEqual([`${WD}Q158840`, `${WD}Q90000001`]);
    expect(suggestions[0]).toMatchObject({ iri: groeningeEnsor.iri, name: 'James Ensor', score: 100, match: true, autoAccept: true, service: fixture.url });
    expect(suggestions[1].score).toBeLessThan(90);
    expect(suggestions[1].autoAccept).toBe(false);
    // The dates went as Wikidata's properties, the kind as the service's type.
    expect(fixture.batches[0].q0).toEqual({ query: 'Ensor, James', limit: 3, type: 'Q5', properties: [{ pid: 'P569', v: '1860-04-13' }, { pid: 'P570', v: '1949-11-19' }] });
  });

  it('auto-accepts nothing when two candidates reach the score: a person chooses', async () => {
    const suggestions = await suggestAuthorities(client, [undatedEnsor], { autoAcceptScore: 90 });
    expect(suggestions.filter((s) => s.score >= 90)).toHaveLength(2);
    expect(suggestions.every((s) => !s.autoAccept && !s.match)).toBe(true);
  });

  it('auto-accepts nothing without an autoAcceptScore, and nothing below it', async () => {
    expect((await suggestAuthorities(client, [groeningeEnsor, etching])).some((s) => s.autoAccept)).toBe(false);
    const strict = await suggestAuthorities(client, [groeningeEnsor], { autoAcceptScore: 100.5 });
    expect(strict[0].score).toBe(100);
    expect(strict.some((s) => s.autoAccept)).toBe(false);
  });

  it('asks about concepts with their label and type, in batches, keeping each suggestion with its entity', async () => {
    const oak: AuthorityQuestion = { iri: 'http://hub.test/id/concept/x/eik', type: 'concept', name: 'eikenhout' };
    const suggestions = await suggestAuthorities(client, [etching, groeningeEnsor, oak], { typeIds: { agent: 'Q5', concept: SKOS_CONCEPT }, autoAcceptScore: 95 });
    expect(fixture.batches.map((b) => Object.keys(b))).toEqual([['q0', 'q1'], ['q2']]);
    expect(fixture.batches[0].q0).toEqual({ query: 'etsen', limit: 3, type: SKOS_CONCEPT });
    const best = (iri: string) => suggestions.find((s) => s.iri === iri);
    expect(best(etching.iri)).toMatchObject({ candidate: `${AAT}300041365`, autoAccept: true });
    expect(best(oak.iri)).toMatchObject({ candidate: `${AAT}300012264`, autoAccept: true });
    expect(best(groeningeEnsor.iri)?.candidate).toBe(`${WD}Q158840`);
  });

  it('does not ask about an entity without a name', async () => {
    expect(await suggestAuthorities(client, [{ iri: 'http://hub.test/id/agent/x/1', type: 'agent', name: '  ' }])).toEqual([]);
    expect(fixture.batches).toEqual([]);
  });
});

describe('suggestFromServices (hub.matching.externalServices)', () => {
  it('reads its settings from the configuration and asks each service about its own kinds only', async () => {
    const hub = HubSettingsSchema.parse({ baseIri: 'http://hub.test/', matching: { externalServices: [{ url: fixture.url, types: ['concept'], typeIds: { concept: SKOS_CONCEPT }, autoAcceptScore: 95, maxAttempts: 2 }] } });
    const services = hub.matching.externalServices;
    expect(services[0]).toMatchObject({ birthProperty: 'P569', limit: 3, batchSize: 10 });
    const suggestions = await suggestFromServices(services, [groeningeEnsor, etching]);
    expect(fixture.batches).toEqual([{ q0: { query: 'etsen', limit: 3, type: SKOS_CONCEPT } }]);
    expect(new Set(suggestions.map((s) => s.iri))).toEqual(new Set([etching.iri]));
  });

  it('refuses a service entry without kinds or with an unknown one', () => {
    expect(ExternalReconciliationServiceSchema.safeParse({ url: fixture.url, types: [] }).success).toBe(false);
    expect(ExternalReconciliationServiceSchema.safeParse({ url: fixture.url, types: ['place'] }).success).toBe(false);
    expect(HubSettingsSchema.parse({ baseIri: 'http://hub.test/' }).matching.externalServices).toEqual([]);
  });
});
