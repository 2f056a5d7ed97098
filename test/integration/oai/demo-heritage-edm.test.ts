/**
 * The demo's heritage sources through the whole pipeline and out of /oai as EDM: config/demo.yaml
 * (its mappings, shapes, policies and each organisation's declared rights) over the same fixture
 * servers `hub demo` starts, with fewer records. Each source is an OAI-PMH set; the records that
 * carry a link to show reach `edm` valid (OAI-PMH + EDM XSD, Metis Schematron); the others are
 * withheld and reported with the rule, never given an invented link.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startLdesFixture } from '../../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../../fixtures/oai-pmh/server.js';
import { createFilesFixture, lidoId } from '../../../fixtures/files/folder.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { edmConformance } from '../../../src/publication/edm/conformance.js';
import { RightsMap } from '../../../src/publication/edm/rights-map.js';
import { checkSchematron } from '../../../src/publication/edm/schematron-rules.js';
import { validateWithXsd } from '../../../src/publication/edm/xsd-validator.js';
import { oaiResponseSchemaSet } from '../../../src/publication/oai-pmh/oai-schemas.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Harvesting four sources and building their EDM takes a while on a busy machine; nothing here is about speed.
jest.setTimeout(300_000);

const HERITAGE = ['ghent-dmg', 'vkc-datahub', 'meemoo', 'files-collectie'];
/**
 * Records per fixture. The Datahub fixture cycles through its four LIDO samples; the fourth (Groeningemuseum) has a
 * linkResource. The files fixture's collection export alternates MSK Gent's S-40 (even variants, no link) and the
 * Groeningemuseum's record (odd variants, with its linkResource).
 */
const COUNT = { ldes: 6, datahub: 8, meemoo: 4, files: 4 };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const CNE = 'http://rightsstatements.org/vocab/CNE/1.0/';

let hub: Hub;
let app: ReturnType<typeof createApp>;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const ldes = await startLdesFixture({ objects: COUNT.ldes, pageSize: 5 });
  const datahub = await startOaiPmhFixture({ profile: 'datahub', count: COUNT.datahub });
  const meemoo = await startOaiPmhFixture({ profile: 'meemoo', count: COUNT.meemoo, basicAuth: { username: 'harvester', password: 'secret' } });
  const files = await createFilesFixture(COUNT.files);
  const dir = await tempDir('hub-demo-edm-');
  closers.push(ldes.close, datahub.close, meemoo.close, files.close, dir.cleanup);
  const env = {
    HUB_BASE_IRI: 'http://hub.test/',
    HUB_DATA_DIR: dir.path,
    DEMO_LDES_URL: ldes.url,
    DEMO_DATAHUB_OAI_URL: datahub.url,
    DEMO_MEEMOO_OAI_URL: meemoo.url,
    DEMO_MEEMOO_USER: 'harvester',
    DEMO_MEEMOO_PASSWORD: 'secret',
    DEMO_FILES_FOLDER: files.dir,
    // Sources this test does not harvest still need their variables to load.
    DEMO_UIT_URL: 'http://127.0.0.1:9/',
    DEMO_UIT_CLIENT_ID: 'x',
    DEMO_TM_BASE_URL: 'http://127.0.0.1:9',
    DEMO_TM_ACCOUNT: 'x',
    DEMO_TM_ACCESS_KEY: 'x',
    DEMO_TM_SECRET_KEY: 'x',
  };
  const file = projectPath('config/demo.yaml');
  const demo = parseConfig(readFileSync(file, 'utf8'), file, { env, checkConnector: checkConnectorSettings });
  hub = await Hub.open({ ...demo, sources: demo.sources.filter((s) => HERITAGE.includes(s.id)) });
  for (const id of HERITAGE) expect(await hub.harvest(id)).toMatchObject({ status: 'completed', errors: 0 });
  app = createApp({ ...hubPorts(hub), log: () => undefined });
});

afterAll(async () => {
  await hub?.close();
  for (const close of closers.reverse()) await close();
});

async function edmRecords(set: string): Promise<{ text: string; payloads: string[] }> {
  const r = await request(app).get('/oai').query({ verb: 'ListRecords', metadataPrefix: 'edm', set });
  expect(r.status).toBe(200);
  expect((await validateWithXsd([r.text], oaiResponseSchemaSet('edm')))[0]).toEqual([]);
  return { text: r.text, payloads: r.text.match(/<rdf:RDF[\s\S]*?<\/rdf:RDF>/g) ?? [] };
}

describe('The demo heritage sources at /oai', () => {
  it('are each an OAI-PMH set, by source and by organisation', async () => {
    const r = await request(app).get('/oai?verb=ListSets');
    for (const id of HERITAGE) expect(r.text).toContain(`<setSpec>source:${id}</setSpec>`);
    // Organisation sets name the holder each record gives where it gives one (the Datahub's legal
    // body, the meemoo content partner), else the source's configured organisation.
    for (const org of ['org:design-museum-gent', 'org:museum-voor-schone-kunsten-gent', 'org:musea-brugge-groeningemuseum', 'org:bruzz', 'org:vrt', 'org:amsab-isg', 'org:klein-museum-demo'])
      expect(r.text).toContain(`<setSpec>${org}</setSpec>`);
  });

  it.each([
    // source, records in edm: every Ghent object; the Groeningemuseum variants of the Datahub and of the
    // files source's export (with a linkResource); every meemoo record (its browse copy).
    ['ghent-dmg', COUNT.ldes],
    ['vkc-datahub', COUNT.datahub / 4],
    ['meemoo', COUNT.meemoo],
    ['files-collectie', COUNT.files / 2],
  ])('deliver %s as EDM that passes the XSD and the Metis Schematron (%i records)', async (source, expected) => {
    const { payloads, text } = await edmRecords(`source:${source}`);
    expect(payloads).toHaveLength(expected);
    for (const p of payloads) {
      expect(checkSchematron(p)).toEqual([]);
      expect(p).toContain(`<edm:rights rdf:resource="${CNE}"/>`);
      expect(p).toMatch(/<edm:(isShownAt|isShownBy) rdf:resource="http[^"]+"\/>/);
    }
    expect(text).not.toContain('<error');
  });

  it('shows what the records link to: Groeningemuseum representation, meemoo browse copy, Ghent landing page', async () => {
    const groeningemuseum = /<edm:isShownBy rdf:resource="http:\/\/groeningemuseum\.be\/collection\/work\/representation\/0000_GRO1561_I[^"]*"\/>/;
    expect((await edmRecords('source:vkc-datahub')).text).toMatch(groeningemuseum);
    const files = await edmRecords('source:files-collectie');
    expect(files.payloads).toHaveLength(COUNT.files / 2);
    for (const p of files.payloads) expect(p).toMatch(groeningemuseum);
    const meemooText = (await edmRecords('source:meemoo')).text;
    // Each record's own browse copy, under its content partner's folder, and the partner's credit line.
    expect(meemooText).toMatch(/<edm:isShownBy rdf:resource="https:\/\/archief-media\.meemoo\.be\/viaa\/TVBXL\/([0-9a-z]{10})\/\1\.png"\/>/);
    expect(meemooText).toContain('<dc:rights xml:lang="und">© Copyright Amsab-ISG</dc:rights>');
    expect(meemooText).not.toMatch(/server\.net|cp_name|\.mxf</);
    expect((await edmRecords('source:ghent-dmg')).text).toMatch(/<edm:isShownAt rdf:resource="https:\/\/stad\.gent\/data\/mensgemaaktobject\/dmg\/[^"]+"\/>/);
  });

  it('withholds records without a link to show, reported with that rule only', async () => {
    // The MSK Gent records (S-40 in the files source's export, and the Datahub's) give no landing page or media link.
    const rightsMap = RightsMap.load().withSourceDeclarations(hub.config.sources);
    const issues = await edmConformance({ store: hub.store, rightsMap, provider: hub.config.hub.aggregator });
    const withheldIds = (source: string) => [...new Set(issues.filter((i) => i.sourceId === source).map((i) => i.recordId))].sort();
    const withheld = (source: string) => withheldIds(source).length;
    expect(withheldIds('files-collectie')).toEqual(range(COUNT.files).filter((i) => i % 2 === 0).map(lidoId).sort());
    expect(withheld('vkc-datahub')).toBe(COUNT.datahub - COUNT.datahub / 4);
    expect(withheld('ghent-dmg') + withheld('meemoo')).toBe(0);
    // The one reason: no edm:isShownAt or edm:isShownBy (the declared rights cover the rest).
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['schematron:M18']));
    // oai_dc still carries them.
    const dc = await request(app).get('/oai').query({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'source:files-collectie' });
    expect((dc.text.match(/<header>/g) ?? []).length).toBe(COUNT.files);
  });
});
