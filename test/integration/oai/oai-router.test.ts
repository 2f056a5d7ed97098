import express from 'express';
import request from 'supertest';
import { createOaiRouter } from '../../../src/api/routes/oai.js';
import { validateWithXsd } from '../../../src/publication/edm/xsd-validator.js';
import { oaiResponseSchemaSet } from '../../../src/publication/oai-pmh/oai-schemas.js';
import { BASE, publishGhentObjects } from '../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../helpers/memory-store.js';

const store = new MemoryStore();
const app = express().use(createOaiRouter({ store, baseUrl: 'http://localhost:3000/oai', baseIri: BASE }));

beforeAll(async () => {
  await publishGhentObjects(store, { rights: { dmg: 'CC0' } });
});

describe('The /oai route', () => {
  it('answers GET with OAI-PMH XML', async () => {
    const r = await request(app).get('/oai?verb=Identify');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/xml/);
    expect(r.text).toContain('<protocolVersion>2.0</protocolVersion>');
  });

  it('answers POST with form-encoded arguments the same way', async () => {
    const r = await request(app).post('/oai').type('form').send('verb=GetRecord&metadataPrefix=edm&identifier=oai%3Alocalhost%3Aghent-dmg%3A530000002');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<request verb="GetRecord" metadataPrefix="edm" identifier="oai:localhost:ghent-dmg:530000002">');
    expect(r.text).toContain('<edm:ProvidedCHO');
  });

  const verbs: [string, Record<string, string>, 'oai_dc' | 'edm'][] = [
    ['Identify', { verb: 'Identify' }, 'oai_dc'],
    ['ListMetadataFormats', { verb: 'ListMetadataFormats', identifier: 'oai:localhost:ghent-dmg:530000002' }, 'oai_dc'],
    ['ListSets', { verb: 'ListSets' }, 'oai_dc'],
    ['ListIdentifiers', { verb: 'ListIdentifiers', metadataPrefix: 'edm', set: 'source:ghent-dmg' }, 'edm'],
    ['ListRecords', { verb: 'ListRecords', metadataPrefix: 'edm', set: 'source:ghent-dmg' }, 'edm'],
    ['GetRecord', { verb: 'GetRecord', metadataPrefix: 'oai_dc', identifier: 'oai:localhost:ghent-dmg:530000002' }, 'oai_dc'],
  ];
  it.each(verbs)('answers %s by POST as by GET, schema-valid', async (_verb, params, payload) => {
    const withoutDate = (xml: string) => xml.replace(/<responseDate>[^<]*<\/responseDate>/, '');
    const get = await request(app).get('/oai').query(params);
    const post = await request(app).post('/oai').type('form').send(new URLSearchParams(params).toString());
    expect(post.status).toBe(200);
    expect(post.text).not.toContain('<error');
    expect(withoutDate(post.text)).toBe(withoutDate(get.text));
    expect((await validateWithXsd([post.text], oaiResponseSchemaSet(payload)))[0]).toEqual([]);
  }, 60000);

  it('passes repeated arguments on as such (badArgument)', async () => {
    const r = await request(app).get('/oai?verb=ListRecords&metadataPrefix=edm&metadataPrefix=oai_dc');
    expect(r.text).toContain('<error code="badArgument">the argument metadataPrefix is repeated</error>');
  });

  it('answers a POST without a form body with badVerb', async () => {
    const r = await request(app).post('/oai').type('json').send('{"verb":"Identify"}');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<error code="badVerb">');
  });
});
