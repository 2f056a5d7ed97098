/**
 * The open-access pages in headless Chromium: the query page (a YASQE editor served by the hub
 * itself) runs a query and shows the results table, the API docs render from the OpenAPI document, an entity page shows its data (and
 * harvested markup stays text). Skips when /usr/bin/chromium is absent (Debian: apt-get install -y chromium).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { entityIri } from '../../src/core/identifiers.js';
import { blankNode, literal, namedNode, quad } from '../../src/core/rdf.js';
import { openTestHub, publish, t, type TestHub } from '../integration/api/api-helpers.js';
import { launchChromium } from '../helpers/chromium.js';
import { chromiumNeed, describeWith } from '../helpers/services.js';

const suite = describeWith([chromiumNeed()]);

suite('The open-access pages in a browser', () => {
  let th: TestHub;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];
  /** What the browser refused under the pages' Content-Security-Policy (nothing, or a page is broken). */
  const refused: string[] = [];

  beforeAll(async () => {
    const holder: { app?: TestHub['app'] } = {};
    server = createServer((req, res) => holder.app!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    th = await openTestHub({ hub: { baseIri: `${origin}/` }, sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
    holder.app = th.app;
    const chair = entityIri(`${origin}/`, 'mensgemaaktobject', 'dmg', 'chair-1');
    const dimension = blankNode();
    await publish(th.hub, 'dmg', [
      {
        recordId: 'chair-1',
        quads: [
          t(chair, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode('http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object')),
          t(chair, 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title', literal('Stoel <img src=x onerror="window.__pwned=1">', 'nl')),
          t(chair, 'http://purl.org/dc/terms/description', 'Houten stoel, 1925'),
          // A harvested IRI with a script scheme: shown as text, never made a link.
          t(chair, 'http://schema.org/url', namedNode('javascript:window.__pwned=2')),
          // A nested node (a dimension as a blank node) and a part with a hash IRI, with their labels.
          quad(namedNode(chair), namedNode('http://www.cidoc-crm.org/cidoc-crm/P43_has_dimension'), dimension),
          quad(dimension, namedNode('http://www.w3.org/2000/01/rdf-schema#label'), literal('hoogte 82 cm')),
          t(chair, 'http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by', namedNode(`${chair}#productie`)),
          t(`${chair}#productie`, 'http://www.w3.org/2000/01/rdf-schema#label', 'productie 1925'),
        ],
      },
    ]);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(origin)) foreign.push(r.url());
    });
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text());
    });
  }, 60000);

  // The pages are self-contained: no script, stylesheet or query goes to another origin (no CDN).
  afterEach(() => {
    expect(foreign.splice(0)).toEqual([]);
    expect(refused.splice(0)).toEqual([]);
  });

  /** Replaces the editor's text the way a person would: select all, then type (inserted as text). */
  async function typeQuery(query: string): Promise<void> {
    await page.click('#editor .CodeMirror');
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(query);
  }

  afterAll(async () => {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await th.close();
  });

  it('offers a SPARQL editor, served by the hub itself, with the example queries', async () => {
    const requests: string[] = [];
    const record = (r: { url(): string }) => requests.push(r.url());
    page.on('request', record);
    try {
      await page.goto(`${origin}/sparql`);
      await page.waitForSelector('#editor .CodeMirror');
      expect(await page.isHidden('#query')).toBe(true);
      // Syntax highlighting: the example's keywords are tokens of the SPARQL mode.
      expect(await page.locator('#editor .cm-keyword').allTextContents()).toEqual(expect.arrayContaining(['PREFIX', 'SELECT', 'WHERE']));
      const examples = JSON.parse((await page.textContent('#example-data'))!) as { query: string }[];
      await page.selectOption('#examples', '2');
      expect(await page.evaluate(() => (window as unknown as { queryEditor: { getValue(): string } }).queryEditor.getValue())).toBe(examples[2]!.query);
      expect(requests).toEqual(expect.arrayContaining([`${origin}/assets/yasqe/yasqe.min.js`, `${origin}/assets/yasqe/yasqe.min.css`]));
    } finally {
      page.off('request', record);
    }
  }, 30000);

  it('runs a query on the query page and shows the results', async () => {
    await page.goto(`${origin}/sparql`);
    await typeQuery('SELECT ?title WHERE { ?s <http://www.cidoc-crm.org/cidoc-crm/P102_has_title> ?title }');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('#results table');
    const cells = await page.locator('#results td').allTextContents();
    expect(cells).toEqual(['Stoel <img src=x onerror="window.__pwned=1"> @nl']);
    expect(await page.textContent('#status')).toMatch(/^1 results in \d+ ms/);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }, 30000);

  it('shows only http(s) IRIs in query results as links', async () => {
    await page.goto(`${origin}/sparql`);
    await typeQuery('SELECT ?s ?url WHERE { ?s <http://schema.org/url> ?url }');
    await page.click('#run');
    await page.waitForSelector('#results table');
    expect(await page.locator('#results td').allTextContents()).toEqual([expect.stringMatching(/chair-1$/), 'javascript:window.__pwned=2']);
    const hrefs = await page.locator('#results a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/id\/mensgemaaktobject\/dmg\/chair-1$/)]);
  }, 30000);

  it('shows the parser message for a malformed query', async () => {
    await page.goto(`${origin}/sparql`);
    await typeQuery('SELECT ?x WHERE { ?x ?y }');
    await page.click('#run');
    await page.waitForSelector('#results pre.bad');
    expect(await page.textContent('#results pre.bad')).toContain('Malformed query');
  }, 30000);

  it('renders the API docs from the OpenAPI document', async () => {
    await page.goto(`${origin}/api/docs`);
    expect(await page.textContent('h1')).toContain('Culture LOD Hub open API');
    const operations = await page.locator('#operations li').count();
    const doc = await (await fetch(`${origin}/api/openapi.json`)).json();
    const expected = Object.values(doc.paths as Record<string, object>).reduce((n: number, item) => n + Object.keys(item).length, 0);
    expect(operations).toBe(expected);
    expect(await page.locator('section.operation table').count()).toBeGreaterThan(expected);
  }, 30000);

  it('shows an entity page with its data and links', async () => {
    await page.goto(`${origin}/id/mensgemaaktobject/dmg/chair-1`);
    expect(await page.textContent('#title')).toBe('Stoel <img src=x onerror="window.__pwned=1">');
    const values = await page.locator('#data td').allTextContents();
    expect(values).toEqual(expect.arrayContaining(['Houten stoel, 1925', 'crm:E22_Human-Made_Object']));
    expect(await page.locator('a[href^="/graph-store?graph="]').count()).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }, 30000);

  it('shows nested nodes in place, headed by their labels, and no blank-node label', async () => {
    await page.goto(`${origin}/id/mensgemaaktobject/dmg/chair-1`);
    // The nested blocks sit inside a value cell of the chair's table.
    const nested = await page.locator('#data td .node h3').allTextContents();
    expect(nested.sort()).toEqual(['hoogte 82 cm', 'productie 1925']);
    expect(await page.textContent('#data')).not.toMatch(/_:[A-Za-z0-9]/);
  }, 30000);
});
