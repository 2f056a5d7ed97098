/**
 * The OAI-PMH provider over a store holding the Ghent heritage objects: every verb's answer
 * validates against OAI-PMH.xsd with its payload schema, and every error condition of the spec
 * gives its code (the request table of the OAI registry's validator, ../shared/conformance/oaipmh/README.md).
 */
import { jest } from '@jest/globals';
import { DOMParser } from '@xmldom/xmldom';
import { validateWithXsd } from '../../../src/publication/edm/xsd-validator.js';
import { RightsMap } from '../../../src/publication/edm/rights-map.js';
import { oaiResponseSchemaSet } from '../../../src/publication/oai-pmh/oai-schemas.js';
import { handleOaiRequest, type OaiParams, type OaiProviderDeps } from '../../../src/publication/oai-pmh/provider.js';
import { BASE, publishGhentObjects, tombstone } from '../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../helpers/memory-store.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const NOW = Date.parse('2026-11-21T12:00:00Z');

const store = new MemoryStore();
let clock = NOW;
const deps: OaiProviderDeps = {
  store,
  baseUrl: 'http://localhost:3000/oai',
  baseIri: BASE,
  adminEmail: ['oai@example.org'],
  aggregator: 'Culture LOD Hub',
  sources: [{ id: 'ghent-dmg', name: 'Design Museum Gent (LDES)' }],
  pageSize: 2,
  tokenSecret: 'test-secret',
  now: () => clock,
  // Industriemuseum states no rights itself; its declaration in the rights map covers it.
  rightsMap: new RightsMap({ ...RightsMap.load().toJSON(), sources: { 'ghent-industriemuseum': 'http://rightsstatements.org/vocab/InC/1.0/' } }),
};

const ask = (params: OaiParams) => handleOaiRequest(params, deps);
const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const texts = (xml: string, tag: string) => Array.from(parse(xml).getElementsByTagNameNS(OAI, tag)).map((e: any) => e.textContent as string);
const errorCodes = (xml: string) => Array.from(parse(xml).getElementsByTagNameNS(OAI, 'error')).map((e: any) => e.getAttribute('code'));
const identifiers = (xml: string) => texts(xml, 'identifier');

async function expectValid(bodies: string[], payload: 'oai_dc' | 'edm') {
  const problems = await validateWithXsd(bodies, oaiResponseSchemaSet(payload));
  problems.forEach((p, i) => expect({ i, p }).toEqual({ i, p: [] }));
}

beforeAll(async () => {
  await publishGhentObjects(store, { rights: { dmg: 'CC0', stam: 'https://creativecommons.org/licenses/by/4.0/' }, published: '2026-11-20T10:00:00Z' });
  await tombstone(store, { sourceId: 'ghent-dmg', recordId: '530000099', deleted: '2026-11-21T09:30:00Z' });
});

describe('The OAI-PMH provider', () => {
  it('answers every verb with schema-valid XML (oai_dc payloads)', async () => {
    const bodies = [];
    for (const params of [
      { verb: 'Identify' },
      { verb: 'ListMetadataFormats' },
      { verb: 'ListMetadataFormats', identifier: 'oai:localhost:ghent-hva:470000001' },
      { verb: 'ListSets' },
      { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' },
      { verb: 'ListRecords', metadataPrefix: 'oai_dc' },
      { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:localhost:ghent-dmg:530000002' },
      { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:localhost:ghent-dmg:530000099' },
    ]) {
      const r = await ask(params);
      expect(r.status).toBe(200);
      expect(r.contentType).toMatch(/^text\/xml/);
      expect(errorCodes(r.body)).toEqual([]);
      bodies.push(r.body);
    }
    await expectValid(bodies, 'oai_dc');
  });

  it('answers the edm verbs with schema-valid XML (EDM-external payloads)', async () => {
    const bodies = [];
    for (const params of [
      { verb: 'ListIdentifiers', metadataPrefix: 'edm' },
      { verb: 'ListRecords', metadataPrefix: 'edm' },
      { verb: 'GetRecord', metadataPrefix: 'edm', identifier: 'oai:localhost:ghent-stam:550000001' },
    ]) {
      const r = await ask(params);
      expect(errorCodes(r.body)).toEqual([]);
      bodies.push(r.body);
    }
    expect(bodies[1]).toContain('<rdf:RDF');
    await expectValid(bodies, 'edm');
  });

  it('says who it is', async () => {
    const body = (await ask({ verb: 'Identify' })).body;
    expect(texts(body, 'protocolVersion')).toEqual(['2.0']);
    expect(texts(body, 'deletedRecord')).toEqual(['persistent']);
    expect(texts(body, 'granularity')).toEqual(['YYYY-MM-DDThh:mm:ssZ']);
    expect(texts(body, 'earliestDatestamp')).toEqual(['2026-11-20T10:00:00Z']);
    expect(texts(body, 'adminEmail')).toEqual(['oai@example.org']);
  });

  it('offers edm for records that pass EDM validation and only oai_dc for withheld ones', async () => {
    expect(texts((await ask({ verb: 'ListMetadataFormats', identifier: 'oai:localhost:ghent-dmg:530000002' })).body, 'metadataPrefix')).toEqual(['edm', 'oai_dc']);
    expect(texts((await ask({ verb: 'ListMetadataFormats', identifier: 'oai:localhost:ghent-hva:470000001' })).body, 'metadataPrefix')).toEqual(['oai_dc']);
    const withheld = await ask({ verb: 'GetRecord', metadataPrefix: 'edm', identifier: 'oai:localhost:ghent-hva:470000001' });
    expect(errorCodes(withheld.body)).toEqual(['cannotDisseminateFormat']);
    expect(withheld.body).toContain('rights:missing');
  });

  it('lists sets per organisation and per source, with hierarchy', async () => {
    const body = (await ask({ verb: 'ListSets' })).body;
    const specs = texts(body, 'setSpec');
    expect(specs).toEqual(expect.arrayContaining(['org', 'org:design-museum-gent', 'org:huis-van-alijn', 'source', 'source:ghent-dmg', 'source:ghent-stam']));
    expect(texts(body, 'setName')).toContain('Design Museum Gent (LDES)');
    const dmgOnly = await ask({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'org:design-museum-gent' });
    expect(identifiers(dmgOnly.body).sort()).toEqual(['oai:localhost:ghent-dmg:530000002', 'oai:localhost:ghent-dmg:530000099']);
    const source = await ask({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', set: 'source:ghent-stam' });
    expect(identifiers(source.body)).toEqual(['oai:localhost:ghent-stam:550000001']);
  });

  it('pages with signed resumption tokens carrying completeListSize, cursor and expiry', async () => {
    const first = await ask({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
    const tokenEl = parse(first.body).getElementsByTagNameNS(OAI, 'resumptionToken')[0] as any;
    expect(tokenEl.getAttribute('completeListSize')).toBe('5');
    expect(tokenEl.getAttribute('cursor')).toBe('0');
    expect(tokenEl.getAttribute('expirationDate')).toBe('2026-11-22T12:00:00Z');
    const seen = [...identifiers(first.body)];
    let token = tokenEl.textContent as string;
    const cursors = [];
    while (token) {
      const next = await ask({ verb: 'ListIdentifiers', resumptionToken: token });
      expect(errorCodes(next.body)).toEqual([]);
      seen.push(...identifiers(next.body));
      const el = parse(next.body).getElementsByTagNameNS(OAI, 'resumptionToken')[0] as any;
      cursors.push(el.getAttribute('cursor'));
      token = el.textContent;
    }
    expect(cursors).toEqual(['2', '4']);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('leaves withheld records out of the edm list and its completeListSize', async () => {
    const ids: string[] = [];
    let r = await ask({ verb: 'ListIdentifiers', metadataPrefix: 'edm' });
    expect((parse(r.body).getElementsByTagNameNS(OAI, 'resumptionToken')[0] as any).getAttribute('completeListSize')).toBe('4');
    for (;;) {
      ids.push(...identifiers(r.body));
      const token = (parse(r.body).getElementsByTagNameNS(OAI, 'resumptionToken')[0] as any)?.textContent;
      if (!token) break;
      r = await ask({ verb: 'ListIdentifiers', resumptionToken: token });
    }
    expect(ids.sort()).toEqual(['oai:localhost:ghent-dmg:530000002', 'oai:localhost:ghent-dmg:530000099', 'oai:localhost:ghent-industriemuseum:570000015', 'oai:localhost:ghent-stam:550000001']);
  });

  it('marks deleted records in headers and gives them no metadata', async () => {
    const r = await ask({ verb: 'GetRecord', metadataPrefix: 'edm', identifier: 'oai:localhost:ghent-dmg:530000099' });
    expect(r.body).toContain('<header status="deleted"><identifier>oai:localhost:ghent-dmg:530000099</identifier><datestamp>2026-11-21T09:30:00Z</datestamp>');
    expect(r.body).not.toContain('<metadata>');
  });

  it('selects by datestamp at seconds and day granularity, bounds included', async () => {
    const ids = async (params: OaiParams) => identifiers((await ask({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', ...params })).body);
    expect(await ids({ from: '2026-11-21T09:30:00Z' })).toEqual(['oai:localhost:ghent-dmg:530000099']);
    expect(await ids({ from: '2026-11-21T09:30:01Z' })).toEqual([]);
    expect(await ids({ from: '2026-11-21' })).toEqual(['oai:localhost:ghent-dmg:530000099']);
    expect(await ids({ until: '2026-11-20', set: 'source:ghent-stam' })).toEqual(['oai:localhost:ghent-stam:550000001']);
    expect(await ids({ from: '2026-11-20T10:00:00Z', until: '2026-11-20T10:00:00Z', set: 'source:ghent-stam' })).toEqual(['oai:localhost:ghent-stam:550000001']);
  });

  it('refuses tokens that were altered, belong to another verb, or expired', async () => {
    const first = await ask({ verb: 'ListRecords', metadataPrefix: 'oai_dc' });
    const token = (parse(first.body).getElementsByTagNameNS(OAI, 'resumptionToken')[0] as any).textContent as string;
    const [payload, signature] = token.split('.');
    const altered = `${Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('"cursor":2', '"cursor":0')).toString('base64url')}.${signature}`;
    expect(errorCodes((await ask({ verb: 'ListRecords', resumptionToken: altered })).body)).toEqual(['badResumptionToken']);
    expect(errorCodes((await ask({ verb: 'ListIdentifiers', resumptionToken: token })).body)).toEqual(['badResumptionToken']);
    clock = NOW + 25 * 3600 * 1000;
    try {
      expect(errorCodes((await ask({ verb: 'ListRecords', resumptionToken: token })).body)).toEqual(['badResumptionToken']);
    } finally {
      clock = NOW;
    }
  });

  const errorTable: [string, OaiParams, string[]][] = [
    ['no verb', {}, ['badVerb']],
    ['an unknown verb', { verb: 'junk' }, ['badVerb']],
    ['a repeated verb', { verb: ['Identify', 'Identify'] }, ['badVerb']],
    ['GetRecord without identifier', { verb: 'GetRecord', metadataPrefix: 'oai_dc' }, ['badArgument']],
    ['GetRecord without metadataPrefix', { verb: 'GetRecord', identifier: 'oai:localhost:ghent-dmg:530000002' }, ['badArgument']],
    ['an invalid identifier', { verb: 'GetRecord', identifier: 'invalid"id', metadataPrefix: 'oai_dc' }, ['idDoesNotExist']],
    ['an unknown identifier', { verb: 'GetRecord', identifier: 'oai:localhost:ghent-dmg:1', metadataPrefix: 'oai_dc' }, ['idDoesNotExist']],
    ['an unknown format', { verb: 'GetRecord', identifier: 'oai:localhost:ghent-dmg:530000002', metadataPrefix: 'lido' }, ['cannotDisseminateFormat']],
    ['ListIdentifiers until=junk', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', until: 'junk' }, ['badArgument']],
    ['ListIdentifiers from=junk', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: 'junk' }, ['badArgument']],
    ['a date that does not exist', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2026-02-30' }, ['badArgument']],
    ['a token with another argument', { verb: 'ListIdentifiers', resumptionToken: 'junk', until: '2000-02-05' }, ['badArgument']],
    ['ListRecords without metadataPrefix', { verb: 'ListRecords' }, ['badArgument']],
    ['a junk token', { verb: 'ListRecords', resumptionToken: 'junk' }, ['badResumptionToken']],
    ['mixed granularities', { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2002-02-05', until: '2002-02-06T05:35:00Z' }, ['badArgument']],
    ['from after until', { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2026-02-05', until: '2026-02-01' }, ['badArgument']],
    ['nothing in the date range', { verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2025-11-20' }, ['noRecordsMatch']],
    ['an unknown set', { verb: 'ListRecords', metadataPrefix: 'oai_dc', set: 'org:nobody' }, ['noRecordsMatch']],
    ['an unknown list format', { verb: 'ListIdentifiers', metadataPrefix: 'lido' }, ['cannotDisseminateFormat']],
    ['an illegal argument', { verb: 'Identify', foo: 'bar' }, ['badArgument']],
    ['a repeated argument', { verb: 'ListRecords', metadataPrefix: ['oai_dc', 'edm'] }, ['badArgument']],
    ['an empty argument', { verb: 'ListRecords', metadataPrefix: '' }, ['badArgument']],
    ['a ListSets token', { verb: 'ListSets', resumptionToken: 'x' }, ['badResumptionToken']],
    ['formats of an unknown item', { verb: 'ListMetadataFormats', identifier: 'oai:elsewhere:x:y' }, ['idDoesNotExist']],
  ];

  const errorBodies: string[] = [];
  it.each(errorTable)('answers %s with its error code', async (_what, params, codes) => {
    const r = await ask(params);
    expect(r.status).toBe(200);
    expect(errorCodes(r.body)).toEqual(expect.arrayContaining(codes));
    errorBodies.push(r.body);
  });

  it('gives schema-valid error responses', async () => {
    expect(errorBodies).toHaveLength(errorTable.length);
    await expectValid(errorBodies, 'oai_dc');
  });

  it('echoes no arguments for badVerb and badArgument, and the arguments otherwise', async () => {
    expect((await ask({ verb: 'junk', x: 'y' })).body).toContain('<request>http://localhost:3000/oai</request>');
    expect((await ask({ verb: 'ListRecords', resumptionToken: 'junk' })).body).toContain('<request verb="ListRecords" resumptionToken="junk">');
  });
});

describe('An OAI-PMH provider over an empty store', () => {
  const empty: OaiProviderDeps = { store: new MemoryStore(), baseUrl: 'http://localhost:3000/oai', baseIri: BASE };
  it('has no set hierarchy and no records', async () => {
    expect(errorCodes((await handleOaiRequest({ verb: 'ListSets' }, empty)).body)).toEqual(['noSetHierarchy']);
    expect(errorCodes((await handleOaiRequest({ verb: 'ListRecords', metadataPrefix: 'edm', set: 'org:x' }, empty)).body)).toEqual(['noSetHierarchy']);
    expect(errorCodes((await handleOaiRequest({ verb: 'ListRecords', metadataPrefix: 'edm' }, empty)).body)).toEqual(['noRecordsMatch']);
    const identify = await handleOaiRequest({ verb: 'Identify' }, empty);
    await expectValid([identify.body], 'oai_dc');
  });
});
