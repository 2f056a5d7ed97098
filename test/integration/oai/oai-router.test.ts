import express from 'express';
import request from 'supertest';
import { createOaiRouter } from '../../../src/api/routes/oai.js';
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
