/**
 * The example app's files at /examples/ (routes/examples.ts): the page and its modules with their
 * types, the app's own Content-Security-Policy (scripts and styles from the hub only, images from
 * the records' servers), ETag and 304, and nothing outside examples/.
 */
import { readdir } from 'node:fs/promises';
import request from 'supertest';
import { projectPath } from '../../../src/core/paths.js';
import { openTestHub, type TestHub } from './api-helpers.js';

let th: TestHub;
beforeAll(async () => {
  th = await openTestHub();
});
afterAll(() => th.close());

const directives = (header: string | undefined) => new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));

describe('/examples/', () => {
  it('redirects /examples to /examples/ (the app’s relative URLs need the slash)', async () => {
    const r = await request(th.app).get('/examples');
    expect([r.status, r.headers.location]).toEqual([301, '/examples/']);
  });

  it('serves the page under a policy with no inline script or style, and images from http(s) origins', async () => {
    const r = await request(th.app).get('/examples/');
    expect([r.status, r.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(r.text).toContain('<script type="module" src="app.js"></script>');
    const csp = directives(r.headers['content-security-policy']);
    expect([csp.get('script-src'), csp.get('style-src'), csp.get('connect-src'), csp.get('default-src')]).toEqual([["'self'"], ["'self'"], ["'self'"], ["'self'"]]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'https:', 'http:']);
    // Without 'unsafe-inline' the page may carry no inline script, handler or style.
    expect(r.text.match(/<script(?![^>]*\bsrc=)[^>]*>|<style|<[^>]+\s(on[a-z]+|style)\s*=/gi)).toBeNull();
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves every file of examples/ with its type', async () => {
    const files = (await readdir(projectPath('examples'), { recursive: true })).filter((f) => /\.(js|css|html)$/.test(f));
    // README.md is for readers of the repository, not served.
    expect(files).toEqual(expect.arrayContaining(['index.html', 'app.js', 'app.css', 'near-me.js', 'maker.js']));
    for (const file of files) {
      const r = await request(th.app).get(`/examples/${file.split('\\').join('/')}`);
      expect([file, r.status, r.headers['content-type']]).toEqual([file, 200, { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', html: 'text/html; charset=utf-8' }[file.split('.').pop()!]]);
    }
  });

  it('answers a revalidation with 304', async () => {
    const first = await request(th.app).get('/examples/app.js');
    const again = await request(th.app).get('/examples/app.js').set('if-none-match', first.headers.etag);
    expect([first.headers.etag, again.status]).toEqual([expect.stringMatching(/^"/), 304]);
  });

  it.each(['/examples/../package.json', '/examples/%2e%2e/package.json', '/examples/lib/', '/examples/nothing.js', '/examples/README.md', '/examples/App.js'])('answers 404 to %s', async (path) => {
    expect((await request(th.app).get(path)).status).toBe(404);
  });
});
