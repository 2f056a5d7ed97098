/**
 * Security headers: every HTML page carries a Content-Security-Policy that allows its inline
 * scripts and styles by hash only (no 'unsafe-inline', no inline handlers or style attributes),
 * refuses framing and sets a referrer policy; every answer says nosniff.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { literal, namedNode } from '../../../src/core/rdf.js';
import { BASE, openTestHub, publish, t, type TestHub } from './api-helpers.js';

let th: TestHub;

beforeAll(async () => {
  th = await openTestHub({ sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
  const chair = entityIri(BASE, 'mensgemaaktobject', 'dmg', 'chair-1');
  await publish(th.hub, 'dmg', [{ recordId: 'chair-1', quads: [t(chair, 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title', literal('Stoel', 'nl')), t(chair, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode('http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object'))] }]);
});
afterAll(() => th.close());

const HTML_PAGES = ['/', '/sparql', '/sources', '/api/docs', '/validate', '/reports', '/id/mensgemaaktobject/dmg/chair-1', '/api/v1/sources?format=html'];

/** The CSP's directives as a map of name → sources. */
function directives(header: string | undefined): Map<string, string[]> {
  return new Map((header ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('HTML pages', () => {
  it.each(HTML_PAGES)('%s allows only its own inline scripts and styles, by hash', async (path) => {
    const r = await request(th.app).get(path).set('accept', 'text/html');
    expect([path, r.status, r.headers['content-type']]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
    const csp = directives(r.headers['content-security-policy']);
    for (const d of ['script-src', 'style-src']) {
      expect(csp.get(d)).toEqual(expect.arrayContaining(["'self'"]));
      expect(csp.get(d)).not.toContain("'unsafe-inline'");
      expect(csp.get(d)).not.toContain("'unsafe-eval'");
    }
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    // Every inline script (not the JSON data blocks, which never run) and style is allowed by its hash.
    const scripts = [...r.text.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    const styles = [...r.text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles.length).toBeGreaterThan(0);
    for (const s of scripts) expect(csp.get('script-src')).toContain(hashOf(s));
    for (const s of styles) expect(csp.get('style-src')).toContain(hashOf(s));
    // A CSP without 'unsafe-inline' blocks inline handlers and style attributes: the pages have none.
    expect(r.text.match(/<[^>]+\s(on[a-z]+|style)\s*=/gi)).toBeNull();
  });

  it('refuse framing, sniffing and full referrers', async () => {
    for (const path of HTML_PAGES) {
      const r = await request(th.app).get(path).set('accept', 'text/html');
      expect([path, r.headers['x-frame-options'], r.headers['x-content-type-options'], r.headers['referrer-policy']]).toEqual([path, 'DENY', 'nosniff', 'strict-origin-when-cross-origin']);
    }
  });

  it('the query page runs the script whose hash the policy lists', async () => {
    const r = await request(th.app).get('/sparql').set('accept', 'text/html');
    expect(r.text).toContain('document.getElementById(\'run\').addEventListener');
  });
});

describe('Every answer', () => {
  it.each([
    ['/health', 'application/json'],
    ['/api/v1', 'application/json'],
    ['/sparql?query=ASK%7B%7D', 'application/sparql-results+json'],
    ['/nothing', 'application/json'],
    ['/assets/yasqe/yasqe.min.js', '*/*'],
    ['/catalog', 'text/turtle'],
  ])('%s says nosniff', async (path, accept) => {
    const r = await request(th.app).get(path).set('accept', accept);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-powered-by']).toBeUndefined();
  });
});
