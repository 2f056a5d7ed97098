/**
 * The demo overlaps like reality (issue 16, item 5): UiTdatabank lists some of the Ticketmatic
 * account's events and its venues (fixtures/uitdatabank/ticketmatic-overlap.ts, served by the demo's
 * fixtures), and the Groeningemuseum names James Ensor without the authority links MSK Gent gives
 * him. Harvested through the demo's mappings, the duplicates carry what matching needs: the same
 * instants written differently, the Ticketmatic shop link, the same address; and the two Ensors the
 * same name and life years, one with VIAF/RKD/Wikidata, one without.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startOaiPmhFixture, type OaiFixture } from '../../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { ticketmaticOverlap, ticketmaticShopUrl } from '../../../fixtures/uitdatabank/ticketmatic-overlap.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const ACCOUNT = 'demo-cc';
const overlap = ticketmaticOverlap(ACCOUNT);

let uit: UitFixture;
let tm: TicketmaticFixture;
let datahub: OaiFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let merged: Hub;
const runs: Record<string, RunSummary> = {};

beforeAll(async () => {
  uit = await startUitdatabankFixture({ count: 8, extra: { events: overlap.events, places: overlap.places, organizers: overlap.organizers } });
  tm = await startTicketmaticFixture({ count: 8, account: ACCOUNT });
  datahub = await startOaiPmhFixture({ profile: 'datahub', count: 8 });
  dir = await tempDir('hub-demo-overlap-');
  // The data as the sources give it (matching off), and as the hub merges it (matching on, the default).
  hub = await openDemo('raw', false);
  for (const id of ['uit-events', 'uit-places', 'ticketmatic', 'vkc-datahub']) runs[id] = await hub.harvest(id);
  merged = await openDemo('merged', true);
  for (const id of ['vkc-datahub', 'ticketmatic', 'uit-places', 'uit-events']) await merged.harvest(id);
}, 300_000);

async function openDemo(name: string, matching: boolean): Promise<Hub> {
  mkdirSync(join(dir.path, name));
  const p = (f: string) => JSON.stringify(projectPath(f));
  const yaml = `
hub:
  baseIri: ${BASE}
  dataDir: ${JSON.stringify(join(dir.path, name))}
sources:
  - id: uit-events
    organisation: publiq
    connector: { type: uitdatabank, baseUrl: ${JSON.stringify(uit.url)}, clientId: test-client, entities: [events], backoffMs: 0 }
    mapping: ${p('mappings/uitdatabank-event.yml')}
    shapes: [${p('shapes/oslo-cultuurparticipatie-2024.ttl')}]
    entityType: activiteit
    onViolation: warn
  - id: uit-places
    organisation: publiq
    connector: { type: uitdatabank, baseUrl: ${JSON.stringify(uit.url)}, clientId: test-client, entities: [places], backoffMs: 0 }
    mapping: ${p('mappings/uitdatabank-place.yml')}
    shapes: [${p('shapes/oslo-cultuurparticipatie-2024.ttl')}]
    entityType: locatie
    onViolation: warn
  - id: ticketmatic
    organisation: Cultuurcentrum (demo)
    connector: { type: ticketmatic, baseUrl: ${JSON.stringify(tm.url.replace(/\/[^/]+$/, ''))}, account: ${ACCOUNT}, accessKey: a1b2c3d4e5f6, secretKey: test-secret-key, backoffMs: 0 }
    mapping: ${p('mappings/ticketmatic-event.yml')}
    shapes: [${p('shapes/oslo-cultuurparticipatie-2024.ttl')}]
    entityType: activiteit
    onViolation: warn
  - id: vkc-datahub
    organisation: Museum voor Schone Kunsten Gent
    connector: { type: oai-pmh, baseUrl: ${JSON.stringify(datahub.url)}, metadataPrefix: oai_lido, backoffMs: 0 }
    mapping: ${p('mappings/lido-object.yml')}
    shapes: [${p('shapes/oslo-ce-object-2021.repaired.ttl')}, ${p('shapes/oslo-ce-event-2021.repaired.ttl')}, ${p('shapes/oslo-ce-2021-class-hierarchy.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
`.replace(/\n {4}onViolation: warn\n/g, `\n    onViolation: warn\n    matching: ${matching}\n`);
  return Hub.open(parseConfig(yaml, join(dir.path, `${name}.yaml`), { env: {}, checkConnector: checkConnectorSettings }));
}

afterAll(async () => {
  await hub?.close();
  await merged?.close();
  for (const f of [uit, tm, datahub]) await f?.close();
  await dir?.cleanup();
});

const select = async (query: string, from: Hub = hub) => (await from.store.select(query)).map((b) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v?.value])));
const PREFIXES = `PREFIX m8g: <http://data.europa.eu/m8g/> PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/> PREFIX dcterms: <http://purl.org/dc/terms/>
  PREFIX locn: <http://www.w3.org/ns/locn#> PREFIX schema: <https://schema.org/> PREFIX cp: <https://data.vlaanderen.be/ns/cultuurparticipatie#>
  PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>`;

describe('The demo sources overlap', () => {
  it('harvests the overlapping documents from both families without problems of their own', () => {
    for (const id of ['uit-events', 'uit-places', 'ticketmatic', 'vkc-datahub']) expect(runs[id].status).toBe('completed');
    const overlapIds = new Set([...overlap.events, ...overlap.places].map((d) => String(d['@id']).split('/').pop()));
    expect(runs['uit-events'].problems.filter((p) => overlapIds.has(p.recordId ?? '')).map((p) => `${p.recordId}: ${p.message} ${JSON.stringify(p.results?.map((r) => [r.path, r.constraint]))}`)).toEqual([]);
    // The venues' addresses and points (ticketmatic-event.yml) break none of the profile's shapes.
    expect(runs.ticketmatic.problems.flatMap((p) => p.results ?? []).filter((r) => /locn#|wgs84/.test(`${r.path ?? ''} ${r.focusNode ?? ''}`))).toEqual([]);
    expect(runs.ticketmatic.published).toBeGreaterThan(0);
    expect(runs['uit-places'].problems.filter((p) => overlapIds.has(p.recordId ?? '')).map((p) => `${p.recordId}: ${p.message} ${JSON.stringify(p.results?.map((r) => [r.path, r.constraint]))}`)).toEqual([]);
  });

  it('gives each UiTdatabank duplicate the Ticketmatic event’s start instant, written with another offset, under another title', async () => {
    for (const pair of overlap.pairs) {
      const rows = await select(`${PREFIXES} SELECT DISTINCT ?ut ?tt ?us ?ts WHERE {
        GRAPH ?g1 { <${BASE}id/activiteit/uit-events/${pair.uit}> dcterms:title ?ut ; crm:P4_has_time-span ?p1 . ?p1 m8g:startTime ?us }
        GRAPH ?g2 { <${BASE}id/activiteit/ticketmatic/${pair.ticketmatic}> dcterms:title ?tt ; crm:P4_has_time-span ?p2 . ?p2 m8g:startTime ?ts }
        FILTER(LANG(?ut) = "nl" && LANG(?tt) = "nl" && ?us = ?ts) }`);
      expect(rows).toHaveLength(1);
      expect(rows[0].ut).not.toBe(rows[0].tt);
      expect(rows[0].ut!.toLowerCase().replace(/[^a-z]/g, '')).toBe(rows[0].tt!.toLowerCase().replace(/[^a-z]/g, ''));
    }
    const offsets = await select(`${PREFIXES} SELECT DISTINCT ?s WHERE { <${BASE}id/activiteit/uit-events/${overlap.pairs[0].uit}> crm:P4_has_time-span/m8g:startTime ?s }`);
    expect(offsets[0].s).toBe('2026-10-01T22:00:00+02:00');
  });

  it('carries the Ticketmatic shop link on some duplicates, and none on the namesake six weeks later', async () => {
    const rows = await select(`${PREFIXES} SELECT DISTINCT ?a ?url WHERE { ?a cp:Activiteit.boeking/schema:contactPoint/schema:url ?url FILTER(CONTAINS(STR(?url), "apps.ticketmatic.com")) }`);
    expect(rows.map((r) => r.url).sort()).toEqual([10001, 10003, 10005].map((id) => ticketmaticShopUrl(ACCOUNT, id)));
    const namesake = String(overlap.events.at(-1)!['@id']).split('/').pop();
    expect(rows.some((r) => r.a!.endsWith(namesake!))).toBe(false);
  });

  it('describes each Ticketmatic venue with the address its UiTdatabank place has, under another name', async () => {
    const rows = await select(`${PREFIXES} SELECT DISTINCT ?tv ?tn ?un WHERE {
      ?tv locn:locatorName ?tn ; locn:address ?ta . ?ta locn:thoroughfare ?street ; locn:postCode ?pc ; locn:postName ?city .
      ?uv owl:sameAs ?uitIri ; locn:locatorName ?un ; locn:address ?ua . ?ua locn:thoroughfare ?street ; locn:postCode ?pc ; locn:postName ?city .
      FILTER(STRSTARTS(STR(?tv), "${BASE}id/locatie/ticketmatic/") && STRSTARTS(STR(?uv), "${BASE}id/locatie/uit-places/")) }`);
    const pairs = new Set(rows.map((r) => `${r.tn} | ${r.un}`));
    // Kouter 29 has two halls: both Ticketmatic halls share its address with both UiTdatabank halls.
    expect(pairs).toEqual(new Set(['Grote zaal | Cultuurcentrum - Grote zaal', 'Grote zaal | Cultuurcentrum - Kleine Zaal', 'Kleine zaal | Cultuurcentrum - Grote zaal', 'Kleine zaal | Cultuurcentrum - Kleine Zaal', 'Openluchttheater | Openluchttheater Mechelen']));
  });

  it('names James Ensor in MSK Gent with authority links and in the Groeningemuseum with name and life dates only', async () => {
    const rows = await select(`${PREFIXES} SELECT DISTINCT ?agent (COUNT(DISTINCT ?same) AS ?links) WHERE {
      ?agent ?p ?name . FILTER(STRSTARTS(STR(?agent), "${BASE}id/agent/vkc-datahub/") && isLiteral(?name) && CONTAINS(LCASE(STR(?name)), "ensor"))
      OPTIONAL { ?agent owl:sameAs ?same } } GROUP BY ?agent ORDER BY ?agent`);
    expect(rows.map((r) => [r.agent!.split('/').pop(), Number(r.links)])).toEqual([
      ['20001187', 0],
      ['310000766', 3],
    ]);
  });
});

describe('The demo merges what overlaps (matching on)', () => {
  const sameAs = async () => (await select(`${PREFIXES} SELECT DISTINCT ?c ?m WHERE { ?c owl:sameAs ?m FILTER(STRSTARTS(STR(?m), "${BASE}id/")) }`, merged)).map((r) => `${r.c} = ${r.m}`);

  it('gives each Ticketmatic event listed in UiTdatabank one IRI, owl:sameAs the UiTdatabank one, and leaves the namesake apart', async () => {
    const links = await sameAs();
    for (const pair of overlap.pairs) expect(links).toContain(`${BASE}id/activiteit/ticketmatic/${pair.ticketmatic} = ${BASE}id/activiteit/uit-events/${pair.uit}`);
    const namesake = String(overlap.events.at(-1)!['@id']).split('/').pop()!;
    expect(links.filter((l) => l.includes(namesake))).toEqual([]);
    // The merged description: one activity with both sources' titles, each kept in its own record graph.
    const titles = await select(`${PREFIXES} SELECT DISTINCT ?g ?t WHERE { GRAPH ?g { <${BASE}id/activiteit/ticketmatic/${overlap.pairs[0].ticketmatic}> dcterms:title ?t } FILTER(STRSTARTS(STR(?g), "${BASE}graph/") && ?g != <${BASE}graph/entities>) }`, merged);
    expect(new Set(titles.map((r) => r.g!.split('/')[4]))).toEqual(new Set(['ticketmatic', 'uit-events']));
  });

  it('keeps UiTdatabank’s numbered variants of one sample ("… 1", "… 4": same venue, same calendar) apart', async () => {
    const members = (await sameAs()).filter((l) => l.split(' = ')[1]!.includes('/activiteit/uit-events/'));
    const perCluster = new Map<string, number>();
    for (const l of members) perCluster.set(l.split(' = ')[0]!, (perCluster.get(l.split(' = ')[0]!) ?? 0) + 1);
    // A cluster holds at most one UiTdatabank event (and its Ticketmatic twin), never two UiTdatabank documents.
    expect([...perCluster.entries()].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('gives each Ticketmatic venue the IRI of its hall in UiTdatabank, never the other hall at the same address', async () => {
    const links = (await sameAs()).filter((l) => l.includes('/locatie/ticketmatic/'));
    const halls = await select(`${PREFIXES} SELECT DISTINCT ?v ?n WHERE { ?v locn:locatorName ?n FILTER(STRSTARTS(STR(?v), "${BASE}id/locatie/")) }`, merged);
    // Both halls of Kouter 29 stay two places, each with its own name from both sources.
    const names = (v: string) => halls.filter((h) => h.v === v).map((h) => h.n).sort();
    expect(names(`${BASE}id/locatie/ticketmatic/777701`)).toEqual(['Cultuurcentrum - Grote zaal', 'Grote zaal']);
    expect(names(`${BASE}id/locatie/ticketmatic/777702`)).toEqual(['Cultuurcentrum - Kleine Zaal', 'Kleine zaal']);
    expect(links.some((l) => l.includes('777701') && l.includes('777702'))).toBe(false);
    expect(links).toHaveLength(3);
  });

  it('makes the two museums\' James Ensor one agent, with the authority links MSK Gent gave him', async () => {
    const rows = await select(`${PREFIXES} SELECT DISTINCT ?same WHERE { <${BASE}id/agent/vkc-datahub/20001187> owl:sameAs ?same }`, merged);
    expect(rows.map((r) => r.same)).toEqual(expect.arrayContaining([`${BASE}id/agent/vkc-datahub/310000766`]));
    expect(rows.filter((r) => /viaf|rkd|wikidata/.test(r.same!))).toHaveLength(3);
  });
});
