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

describe('The /oai route behind its per-client gate (hub.admission.oai)', () => {
  it('answers 429 with Retry-After past a client\'s concurrency and queue, and serves the client again once its request ended', async () => {
    const { ConfigSchema } = await import('../../../src/config/schema.js');
    const { routeGates } = await import('../../../src/api/admission/route-gates.js');
    const hub = ConfigSchema.parse({ hub: { baseIri: BASE, dataDir: '/tmp/unused', admission: { oai: { concurrency: 1, queue: 0 } } }, sources: [] }).hub;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A store whose first read waits: the first request stays running while the second arrives.
    let reads = 0;
    const slow = new Proxy(store, {
      get: (target, key, receiver) => {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== 'select' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          if (reads++ === 0) await held;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const gated = express().use(createOaiRouter({ store: slow, baseUrl: 'http://localhost:3000/oai', baseIri: BASE }, routeGates(hub).oai.middleware));
    const server = gated.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/oai?verb=ListIdentifiers&metadataPrefix=edm`;
    try {
      const first = fetch(url);
      while (reads === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const second = await fetch(url);
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await second.json()) as { detail: string }).detail).toMatch(/1 running and 0 waiting is the limit for OAI-PMH requests \(hub\.admission\.oai\)/);
      release();
      expect((await first).status).toBe(200);
      expect((await fetch(url)).status).toBe(200);
    } finally {
      release();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
