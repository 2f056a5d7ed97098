/**
 * Conditional GET as Node's fetch does it (it adds Cache-Control: no-cache and Pragma: no-cache to
 * a request that sets If-None-Match, as browsers do), against a real HTTP server: the ETag it got
 * back brings a 304, on every kind of route; variants have their own ETags and Vary names what
 * was negotiated.
 */
import { entityIri } from '../../../src/core/identifiers.js';
import { literal } from '../../../src/core/rdf.js';
import { listen, type Listening } from './http-server.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';

describe('HTTP caching for every client (Node fetch over a real server)', () => {
  let th: TestHub;
  let server: Listening;
  let chairPath: string;

  beforeAll(async () => {
    th = await openTestHub({ sources: [{ id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent' }] });
    const base = th.hub.config.hub.baseIri;
    const chair = entityIri(base, 'mensgemaaktobject', 'dmg', 'chair-1');
    chairPath = chair.slice(base.length - 1);
    await publish(th.hub, 'dmg', [{ recordId: 'chair-1', quads: [t(chair, 'http://purl.org/dc/terms/title', literal('Stoel', 'nl'))] }]);
    server = await listen(th.app);
  });
  afterAll(async () => {
    await server.close();
    await th.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  const routes: [string, () => string, Record<string, string>][] = [
    ['an entity page (Turtle)', () => chairPath, { accept: 'text/turtle' }],
    ['an entity page (HTML)', () => chairPath, { accept: 'text/html' }],
    ['a REST list', () => '/api/v1/heritage-objects?limit=5', { accept: 'application/ld+json' }],
    ['a REST resource', () => '/api/v1/heritage-objects/dmg:chair-1', {}],
    ['a SPARQL GET', () => `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')}`, { accept: 'application/sparql-results+json' }],
    ['an LDES stream (Turtle)', () => '/ldes/heritage-objects', { accept: 'text/turtle' }],
    ['the OpenAPI document', () => '/api/openapi.json', {}],
    ['the validate form', () => '/validate', { accept: 'text/html' }],
    ['a static asset', () => '/assets/yasqe/yasqe.min.css', {}],
  ];

  it.each(routes)('%s: the ETag fetch received brings a 304 with the same ETag, Vary and Cache-Control', async (_name, path, headers) => {
    const first = await get(path(), headers);
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(path(), { ...headers, 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('vary')).toBe(first.headers.get('vary'));
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
  });

  it('answers 304 whatever Cache-Control the request carries (curl sends none, fetch sends no-cache)', async () => {
    const etag = (await get(chairPath, { accept: 'text/turtle' })).headers.get('etag')!;
    for (const cc of [undefined, 'no-cache', 'max-age=0', 'no-store']) {
      const r = await get(chairPath, { accept: 'text/turtle', 'if-none-match': etag, ...(cc ? { 'cache-control': cc, pragma: 'no-cache' } : {}) });
      expect({ cc, status: r.status }).toEqual({ cc, status: 304 });
    }
  });

  it('compares weakly, as RFC 9110 says for If-None-Match, and reads lists', async () => {
    const etag = (await get(chairPath, { accept: 'text/turtle' })).headers.get('etag')!;
    const status = async (inm: string) => (await get(chairPath, { accept: 'text/turtle', 'if-none-match': inm })).status;
    expect(await status(`W/${etag}`)).toBe(304);
    expect(await status(`"a", ${etag}`)).toBe(304);
    expect(await status(`"a",W/${etag} , "b"`)).toBe(304);
    expect(await status('*')).toBe(304);
    expect(await status('"a", "b"')).toBe(200);
    expect(await status(etag.slice(1, -1))).toBe(200);
  });

  it('gives each representation of one URL its own ETag, and Vary names Accept', async () => {
    const turtle = await get(chairPath, { accept: 'text/turtle' });
    const jsonld = await get(chairPath, { accept: 'application/ld+json' });
    expect(turtle.headers.get('etag')).not.toBe(jsonld.headers.get('etag'));
    expect(turtle.headers.get('vary')).toMatch(/\bAccept\b/);
    // The Turtle tag does not revalidate the JSON-LD variant.
    expect((await get(chairPath, { accept: 'application/ld+json', 'if-none-match': turtle.headers.get('etag')! })).status).toBe(200);
  });

  it('a page in the language Accept-Language asks for: another ETag per language, and Vary names Accept-Language', async () => {
    const nl = await get('/validate', { accept: 'text/html', 'accept-language': 'nl-BE,nl;q=0.9' });
    const en = await get('/validate', { accept: 'text/html', 'accept-language': 'en' });
    expect(nl.headers.get('content-language')).toBe('nl');
    expect(en.headers.get('content-language')).toBe('en');
    expect(nl.headers.get('etag')).not.toBe(en.headers.get('etag'));
    for (const r of [nl, en]) expect(r.headers.get('vary')?.split(/\s*,\s*/)).toEqual(expect.arrayContaining(['Accept', 'Accept-Language']));
    expect((await get('/validate', { accept: 'text/html', 'accept-language': 'en', 'if-none-match': nl.headers.get('etag')! })).status).toBe(200);
  });

  it.each([
    ['/sources', 'application/json', 'text/html'],
    ['/sparql', 'text/html', 'text/turtle'],
    ['/api/v1/heritage-objects', 'text/turtle', 'application/ld+json'],
    ['/ldes/heritage-objects', 'text/turtle', 'application/ld+json'],
  ])('%s answers by Accept, says so in Vary, and each answer has its own ETag', async (path, a, b) => {
    const [ra, rb] = await Promise.all([get(path, { accept: a }), get(path, { accept: b })]);
    for (const r of [ra, rb]) expect(r.headers.get('vary')?.split(/\s*,\s*/).map((h) => h.toLowerCase())).toContain('accept');
    expect(ra.headers.get('content-type')).not.toBe(rb.headers.get('content-type'));
    expect(ra.headers.get('etag')).not.toBe(rb.headers.get('etag'));
  });

  it('an answer that does not negotiate the language keeps one ETag whatever Accept-Language says', async () => {
    const tags = await Promise.all(['nl', 'en', '*', 'fr-BE'].map(async (l) => (await get(chairPath, { accept: 'text/html', 'accept-language': l })).headers.get('etag')));
    expect(new Set(tags).size).toBe(1);
  });

  it('sets a Cache-Control policy per route: public lists and entities, no-store for admin and errors', async () => {
    expect((await get(chairPath, { accept: 'text/turtle' })).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await get('/api/v1/heritage-objects')).headers.get('cache-control')).toBe('public, max-age=60');
    expect((await get('/admin/jobs')).headers.get('cache-control')).toBe('no-store');
    expect((await get('/health')).headers.get('cache-control')).toBe('no-store');
    const missing = await get('/api/v1/heritage-objects/dmg:nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control')).toBe('no-store');
    expect(missing.headers.get('etag')).toBeNull();
  });
});
