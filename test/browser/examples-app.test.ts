/**
 * The example app (/examples/, issue 20 item 8) in headless Chromium, on a hub holding the demo
 * data (config/demo.yaml over the demo's fixture servers): the "near me this weekend" view
 * lists the activities the API answers and draws them on its map, the maker view shows a
 * maker's works grouped by museum, each view shows (and copies) the request it made, the page
 * fits 390 and 1280 px, and nothing is logged as an error. The browser has no internet: the
 * records' images (on the museums' servers) are answered by the test with a small PNG, and no
 * script, style or API call may leave the hub's origin.
 * Skips when /usr/bin/chromium is absent (Debian: apt-get install -y chromium).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { entityIri } from '../../src/core/identifiers.js';
import { projectPath } from '../../src/core/paths.js';
import { literal, namedNode, quad } from '../../src/core/rdf.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';
import { launchChromium } from '../helpers/chromium.js';
import { openDemoHub, type DemoHub } from '../helpers/demo-hub.js';
import { chromiumNeed, describeWith } from '../helpers/services.js';

const suite = describeWith([chromiumNeed()]);

/** Ghent's city hall: where the browser says the reader is. */
const GHENT = { latitude: 51.0543, longitude: 3.7174 };
/**
 * The browser's "now": Wednesday 30 September 2026, so "this weekend" is Saturday 3 and Sunday
 * 4 October 2026, when the demo's Ticketmatic account (fixtures/ticketmatic/dataset.ts: one
 * event a day from 1 October, 20:00 UTC, in Gent and Mechelen) plays.
 */
const NOW = new Date('2026-09-30T10:00:00+02:00');
/**
 * A maker of the demo data with works in two organisations: Pieter Brueghel II, maker of the
 * Groeningemuseum's painting that the Datahub (vkc-datahub) and the small museum's export
 * (files-collectie, organisation "Klein museum (demo)") both publish, his agent IRIs linked by
 * owl:sameAs in the records.
 */
const MAKER = { search: 'Brueghel', label: 'Brueghel, Pieter II', museums: 2 };
/** A 1×1 PNG: what the records' image servers "answer" here. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** A title a source could send, with markup that would run if a page parsed it as HTML. */
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"><b>Vuurwerk</b> & co';

/**
 * One more Ticketmatic activity, published as the pipeline publishes a record: on Saturday 3
 * October 2026 in Aalst (26 km from Ghent: in the 100 km search, not in the 25 km one), titled
 * with markup.
 */
async function publishHostileEvent(demo: DemoHub): Promise<void> {
  const base = `${demo.origin}/`;
  const source = demo.hub.config.sources.find((s) => s.id === 'ticketmatic')!;
  const e = entityIri(base, 'activiteit', 'ticketmatic', 'hostile-1');
  const location = entityIri(base, 'locatie', 'ticketmatic', 'hostile-venue');
  const n = namedNode;
  const quads = [
    quad(n(e), n('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), n('http://www.cidoc-crm.org/cidoc-crm/E7_Activity')),
    quad(n(e), n('http://purl.org/dc/terms/title'), literal(HOSTILE_TITLE, 'nl')),
    quad(n(e), n('http://www.cidoc-crm.org/cidoc-crm/P4_has_time-span'), n(`${e}#periode`)),
    quad(n(`${e}#periode`), n('http://data.europa.eu/m8g/startTime'), literal('2026-10-03T18:00:00Z', n('http://www.w3.org/2001/XMLSchema#dateTime'))),
    quad(n(`${e}#periode`), n('http://data.europa.eu/m8g/endTime'), literal('2026-10-03T20:00:00Z', n('http://www.w3.org/2001/XMLSchema#dateTime'))),
    quad(n(e), n('http://www.w3.org/ns/prov#atLocation'), n(location)),
    quad(n(location), n('http://www.w3.org/ns/locn#locatorName'), literal('<script>window.__pwned=2</script>Zaal', 'nl')),
    quad(n(location), n('http://www.w3.org/ns/locn#geometry'), n(`${location}#geometrie`)),
    quad(n(`${location}#geometrie`), n('http://www.w3.org/2003/01/geo/wgs84_pos#lat'), literal('50.9378', n('http://www.w3.org/2001/XMLSchema#decimal'))),
    quad(n(`${location}#geometrie`), n('http://www.w3.org/2003/01/geo/wgs84_pos#long'), literal('4.0403', n('http://www.w3.org/2001/XMLSchema#decimal'))),
  ];
  const ctx = { baseIri: base, source, runId: 'hostile', mapping: { id: 'test', version: '1' }, shapes: { id: 'test', version: '1' } };
  await demo.hub.store.commit({ put: publishWrites({ sourceId: source.id, recordId: 'hostile-1', mediaType: 'application/json', body: '' }, quads, true, ctx, new Date().toISOString()) });
}

suite('The example app in a browser', () => {
  let demo: DemoHub;
  let browser: Browser;
  /** Per page: console errors, uncaught exceptions, and requests to other origins that were not images. */
  const problems: string[] = [];
  const images: string[] = [];

  beforeAll(async () => {
    demo = await openDemoHub();
    await publishHostileEvent(demo);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  /** A page on /examples/ at `width`, the browser at Ghent (or, with `located: false`, refusing to say where it is). */
  async function open(width: number, located = true): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      ...(located ? { geolocation: GHENT } : {}),
      permissions: located ? ['geolocation', 'clipboard-read', 'clipboard-write'] : [],
      timezoneId: 'Europe/Brussels',
      locale: 'en-GB',
    });
    await context.route(
      (url) => url.origin !== demo.origin,
      async (route) => {
        const request = route.request();
        if (request.resourceType() === 'image') {
          images.push(request.url());
          return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
        }
        problems.push(`request to another origin: ${request.resourceType()} ${request.url()}`);
        return route.abort();
      },
    );
    const page = await context.newPage();
    await page.clock.setFixedTime(NOW);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${demo.origin}/examples/`);
    return { context, page };
  }

  /** The API's answer to a URL the app showed, fetched by the test itself (as a developer copying it would). */
  async function api(url: string): Promise<{ members: string[] }> {
    const body = (await (await fetch(url, { headers: { accept: 'application/ld+json' } })).json()) as { member?: string[]; '@graph': { '@id': string; 'hydra:member'?: { '@id': string }[] }[] };
    const page = body['@graph'].find((n) => n['hydra:member'] !== undefined);
    return { members: body.member ?? (page?.['hydra:member'] ?? []).map((m) => m['@id']) };
  }

  it('lists this weekend’s activities near the browser’s position, nearest first, and draws them on the map', async () => {
    const { context, page } = await open(1280);
    await page.locator('#near-me-status').filter({ hasText: /activities within|No activities/ }).waitFor();
    expect(await page.locator('#where').textContent()).toContain('your location (51.054, 3.717)');
    // 100 km from Ghent takes in Mechelen too.
    await page.selectOption('#distance', '100');
    await page.locator('#near-me-form button[type=submit]').click();
    await page.locator('#near-me-status').filter({ hasText: 'within 100 km' }).waitFor();

    const url = await page.locator('#near-me-requests a.request-url').first().getAttribute('href');
    const requested = new URL(url!);
    expect(Object.fromEntries(requested.searchParams)).toMatchObject({ coordinates: '51.0543,3.7174', distance: '100km', dateFrom: '2026-10-03T00:00:00+02:00', dateTo: '2026-10-04T23:59:59+02:00', 'sort[distance]': 'asc' });
    expect(requested.searchParams.getAll('facets[]')).toEqual(['types', 'themes']);
    // The list is the API's answer to that URL, in its order.
    const answer = await api(url!);
    const links = await page.locator('#near-me-list > li h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(answer.members);
    const titles = await page.locator('#near-me-list > li h3').allTextContents();
    // Sunday's concert in Ghent (Ticketmatic event 10004) is the nearest, Saturday's show in Mechelen (10003) is there;
    // Thursday's (10001) and Monday's (10005) are not this weekend.
    expect(titles[0]).toContain('Jazz op zondag');
    expect(titles.join('\n')).toContain('De Gruffalo');
    expect(titles.join('\n')).not.toMatch(/Bonobo Live|Stand-up comedy/);
    const distances = (await page.locator('#near-me-list .where').allTextContents()).map((t) => Number(t.match(/([\d.]+) km/)?.[1]));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    // One marker per listed activity with coordinates (the note counts those without), numbered as the list, each a link to its entry.
    const markers = page.locator('#near-me-map svg a.map-marker');
    const unplaced = Number((await page.locator('#near-me-map-note').textContent())?.match(/^(\d+) of/)?.[1] ?? 0);
    expect(await markers.count()).toBe(titles.length - unplaced);
    expect(await markers.count()).toBeGreaterThanOrEqual(2);
    const targets = await markers.evaluateAll((all) => all.map((m) => m.getAttribute('href')));
    for (const target of targets) expect(await page.locator(`#near-me-list > li${target}`).count()).toBe(1);
    // Keyboard: a marker takes the focus, Enter goes to its entry.
    await markers.first().focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => location.hash)).toBe('#event-1');

    // The facets come back with counts (the demo's weekend has Ticketmatic's themes, no UiTdatabank types);
    // choosing a value sends it as termIds and lists the activities the API answers for it.
    const facet = page.locator('#near-me-facets button').first();
    const count = Number((await facet.textContent())?.match(/\((\d+)\)$/)?.[1]);
    await facet.click();
    await page.locator('#near-me-requests a.request-url').filter({ hasText: 'termIds=' }).waitFor();
    await page.locator('#near-me-facets button[aria-pressed="true"]').waitFor();
    expect(await page.locator('#near-me-list > li').count()).toBe(count);

    // The Copy button copies the request URL.
    await page.locator('#near-me-requests button.copy').first().click();
    await page.locator('#near-me-requests .copy-status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#near-me-requests a.request-url').first().getAttribute('href'));
    await context.close();
  }, 120_000);

  /** Finds makers by name in the maker view and opens the works of the one whose label contains `label`. */
  async function showMaker(page: Page, name: string, label: string): Promise<void> {
    await page.fill('#maker-name', name);
    await page.keyboard.press('Enter');
    await page.locator('#maker-choices button').first().waitFor();
    await page.locator('#maker-choices button', { hasText: label }).first().click();
    await page.locator('#maker-status').filter({ hasText: /\d+ works by/ }).waitFor();
  }

  it('shows a maker’s works grouped by museum, as the organisations facet counts them', async () => {
    const { context, page } = await open(1280);
    await showMaker(page, MAKER.search, MAKER.label);
    const requests = await page.locator('#maker-requests a.request-url').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(new URL(requests[0]!).pathname).toBe('/api/v1/agents');
    // The counts per museum: the organisations facet of the maker's works, no members (limit=0).
    const counts = new URL(requests[1]!);
    expect([counts.pathname, counts.searchParams.get('facets[]'), counts.searchParams.get('limit')]).toEqual(['/api/v1/heritage-objects', 'organisations', '0']);
    const maker = counts.searchParams.get('maker');
    expect(maker).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/id\/agent\//);
    const facet = ((await (await fetch(counts, { headers: { accept: 'application/ld+json' } })).json()) as { facets: { organisations: { value: string; label?: string; count: number }[] } }).facets.organisations;
    // Then one request per museum (the facet value as the organisation filter), one section each, in the facet's order.
    expect(requests.slice(2).map((u) => [new URL(u).searchParams.get('maker'), new URL(u).searchParams.get('organisation')])).toEqual(facet.map((o) => [maker, o.value]));
    const headings = await page.locator('#maker-works section.museum h3').allTextContents();
    expect(headings).toEqual(facet.map((o) => `${o.label ?? o.value} (${o.count})`));
    expect(headings.length).toBeGreaterThanOrEqual(MAKER.museums);
    const sections = await page.locator('#maker-works section.museum').all();
    for (const [i, section] of sections.entries()) {
      const cards = await section.locator('li.card h4 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(cards.length).toBeGreaterThan(0);
      expect(cards).toEqual((await api(requests[i + 2]!)).members);
    }
    expect(await page.locator('#maker-status').textContent()).toContain(`in ${headings.length} museum`);
    // The works' images (the records' representations, on the museums' servers: answered here by the test) are shown.
    expect(await page.locator('#maker-works img.thumb').count()).toBeGreaterThan(0);
    expect(images.some((src) => /groeningemuseum\.be/.test(src))).toBe(true);
    await context.close();
  }, 120_000);

  it.each([390, 1280])('fits %i px with both views filled: no horizontal overflow', async (width) => {
    const { context, page } = await open(width);
    await page.locator('#near-me-status').filter({ hasText: /activities within|No activities/ }).waitFor();
    await page.selectOption('#distance', '100');
    await page.locator('#near-me-status').filter({ hasText: /within 100 km/ }).waitFor();
    await showMaker(page, MAKER.search, MAKER.label);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    if (process.env.HUB_SCREENSHOT_DIR) {
      await mkdir(process.env.HUB_SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: join(process.env.HUB_SCREENSHOT_DIR, `${width}-examples.png`), fullPage: true });
    }
    await context.close();
  }, 120_000);

  it('shows harvested markup in a title as text: it runs nothing and adds no element', async () => {
    const { context, page } = await open(1280);
    await page.selectOption('#distance', '100');
    const item = page.locator('#near-me-list > li', { hasText: HOSTILE_TITLE });
    await item.waitFor();
    expect(await item.locator('h3').textContent()).toContain(HOSTILE_TITLE);
    expect(await item.locator('img[src="x"], b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Its marker is named with the same text.
    expect(await page.locator('#near-me-map a.map-marker title', { hasText: HOSTILE_TITLE }).count()).toBe(1);
    await context.close();
  }, 60_000);

  it('falls back to a chosen city when the browser gives no position', async () => {
    const { context, page } = await open(390, false);
    await page.locator('#where').filter({ hasText: 'searching around Gent' }).waitFor();
    await page.selectOption('#city', 'Mechelen');
    await page.locator('#near-me-requests a.request-url').filter({ hasText: 'coordinates=51.0279,4.4803' }).waitFor();
    await page.locator('#near-me-status').filter({ hasText: /activities within|No activities/ }).waitFor();
    await context.close();
  }, 60_000);
});

describe('The example app’s source', () => {
  it('puts API text into the page as text: no innerHTML, outerHTML, insertAdjacentHTML or document.write', async () => {
    const dir = projectPath('examples');
    const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const source = await readFile(join(dir, file), 'utf8');
      expect([file, source.match(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write/g)]).toEqual([file, null]);
    }
  });
});
