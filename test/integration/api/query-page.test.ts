import request from 'supertest';
import { openTestHub, type TestHub } from './api-helpers.js';

let th: TestHub;

beforeAll(async () => {
  th = await openTestHub({ sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
});
afterAll(() => th.close());

describe('The query page', () => {
  it('loads its editor only from the hub itself', async () => {
    const r = await request(th.app).get('/sparql').set('accept', 'text/html');
    expect(r.status).toBe(200);
    const sources = [...r.text.matchAll(/<(?:script[^>]+src|link[^>]+href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.sort()).toEqual(['/assets/yasqe/yasqe.min.css', '/assets/yasqe/yasqe.min.js']);
  });

  it('serves the editor bundle and its stylesheet from the npm package', async () => {
    const js = await request(th.app).get('/assets/yasqe/yasqe.min.js');
    expect([js.status, js.headers['content-type']]).toEqual([200, expect.stringMatching(/^(application|text)\/javascript/)]);
    expect(js.text).toContain('Yasqe');
    const css = await request(th.app).get('/assets/yasqe/yasqe.min.css');
    expect([css.status, css.headers['content-type']]).toEqual([200, expect.stringMatching(/^text\/css/)]);
  });

  it('serves no other file of the package', async () => {
    for (const path of ['/assets/yasqe/yasqe.esm.js', '/assets/yasqe/package.json', '/assets/yasqe/../package.json', '/assets/yasqe/']) {
      expect([path, (await request(th.app).get(path)).status]).toEqual([path, 404]);
    }
  });
});
