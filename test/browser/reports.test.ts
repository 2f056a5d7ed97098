/**
 * The report pages in headless Chromium: they render, the constraint and record filters work,
 * the trend chart and language switch are there, and harvested text cannot run script.
 * Skips when /usr/bin/chromium is absent (Debian: apt-get install -y chromium).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { createApp } from '../../src/api/app.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub } from '../../src/pipeline/hub.js';
import type { RecordProblem, RunSummary } from '../../src/reports/run-summary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { launchChromium } from '../helpers/chromium.js';
import { chromiumNeed, describeWith } from '../helpers/services.js';

const SH = 'http://www.w3.org/ns/shacl#';
const suite = describeWith([chromiumNeed()]);

/** Harvested text that tries to run script in every field a report shows. */
const EVIL_ID = '<script>window.__pwned="id"</script>';
const EVIL_MESSAGE = '<img src=x onerror="window.__pwned=\'message\'">';
const EVIL_ORG = '<b onmouseover="window.__pwned=\'org\'">Museum "X" & co</b>';

function result(constraint: string, path: string, message: string, value?: string) {
  return { severity: 'Violation' as const, focusNode: 'https://example.org/object/1', path: `<${path}>`, value, constraint: `${SH}${constraint}`, shape: '_:s1', messages: [message], rule: 'http://example.org/mapping#TriplesMap_object' };
}

function run(runId: string, startedAt: string, problems: RecordProblem[], counts: Partial<RunSummary> = {}): RunSummary {
  return { runId, sourceId: 'evil', startedAt, finishedAt: startedAt, status: 'completed', full: false, seen: 10, published: 10 - problems.length, rejected: problems.length, deleted: 0, errors: 0, warnings: 0, pages: 1, retries: 0, nonConforming: problems.length, organisations: { [EVIL_ORG]: { seen: 10, published: 10 - problems.length, rejected: problems.length, nonConforming: problems.length, errors: 0 } }, problems, ...counts };
}

suite('The report pages in a browser', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let server: Server;
  let base: string;
  let browser: Browser;
  const runs: RunSummary[] = [];

  beforeAll(async () => {
    dir = await tempDir('hub-browser-');
    const dataDir = join(dir.path, 'data');
    const problems: RecordProblem[] = [
      { recordId: EVIL_ID, stage: 'validation', message: '2 violation(s)', link: 'javascript:window.__pwned="link"', organisation: EVIL_ORG, rejected: true, results: [result('MinCountConstraintComponent', 'http://purl.org/dc/terms/title', EVIL_MESSAGE), result('ClassConstraintComponent', 'http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by', 'Value does not have class crm:E12_Production', '"<script>window.__pwned=\\"value\\"</script>"')] },
      { recordId: 'object-2', stage: 'validation', message: '1 violation(s)', link: 'https://example.org/record/2', organisation: EVIL_ORG, rejected: true, results: [result('ClassConstraintComponent', 'http://www.cidoc-crm.org/cidoc-crm/P45_consists_of', 'Value does not have class skos:Concept')] },
      { recordId: 'object-3', stage: 'validation', message: '2 violation(s)', organisation: EVIL_ORG, rejected: true, results: [result('MinCountConstraintComponent', 'http://purl.org/dc/terms/title', 'Less than 1 values'), result('ClassConstraintComponent', 'http://www.cidoc-crm.org/cidoc-crm/P45_consists_of', 'Value does not have class skos:Concept')] },
    ];
    runs.push(run('20261101T000000-aaaa0001', '2026-11-01T00:00:00Z', problems.slice(0, 1)), run('20261102T000000-aaaa0002', '2026-11-02T00:00:00Z', problems));
    await mkdir(join(dataDir, 'reports', 'evil'), { recursive: true });
    await mkdir(join(dataDir, 'state'), { recursive: true });
    for (const r of runs) await writeFile(join(dataDir, 'reports', 'evil', `${r.runId}.json`), JSON.stringify(r));
    await writeFile(join(dataDir, 'state', 'evil.json'), JSON.stringify({ runs: runs.map((r) => ({ ...r, problems: [] })) }));
    const yaml = `
hub: { baseIri: 'http://hub.test/', dataDir: ${JSON.stringify(dataDir)} }
sources:
  - id: evil
    name: ${JSON.stringify(`Source ${EVIL_ID}`)}
    organisation: ${JSON.stringify(EVIL_ORG)}
    connector: { type: ldes, url: 'http://127.0.0.1:9/none' }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    const app = createApp({ ...hubPorts(hub), log: () => undefined });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await hub?.close();
    await dir?.cleanup();
  });

  /** A page that records dialogs, script errors and console errors (the favicon's 404 aside). */
  async function open(path: string): Promise<{ page: Page; incidents: string[] }> {
    const page = await browser.newPage();
    const incidents: string[] = [];
    page.on('dialog', (d) => {
      incidents.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => incidents.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) incidents.push(`console: ${m.text()}`);
    });
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(200);
    return { page, incidents };
  }

  async function expectNoInjection(page: Page, incidents: string[]) {
    // Give an injected onerror/onmouseover a chance to fire.
    await page.mouse.move(5, 5);
    await page.hover('#results').catch(() => undefined);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(incidents).toEqual([]);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.locator('#results img').count()).toBe(0);
  }

  it('renders a run report with every result, and harvested text shows as text', async () => {
    const { page, incidents } = await open(`/reports/evil/${runs[1]!.runId}?lang=en`);
    expect(await page.locator('#results tbody tr').count()).toBe(5);
    const text = await page.locator('#results').innerText();
    expect(text).toContain(EVIL_ID);
    expect(text).toContain(EVIL_MESSAGE);
    expect(text).toContain('<script>window.__pwned=\\"value\\"</script>');
    expect(text).toContain('http://example.org/mapping#TriplesMap_object');
    expect(await page.locator('h1').innerText()).toContain(`Source ${EVIL_ID}`);
    // The record with an http(s) link links to the source; the javascript: one does not.
    expect(await page.locator('#results a.record-link').getAttribute('href')).toBe('https://example.org/record/2');
    await expectNoInjection(page, incidents);
    await page.close();
  });

  it('filters rows by constraint and by record id in the page', async () => {
    const { page, incidents } = await open(`/reports/evil/${runs[1]!.runId}?lang=en`);
    const visible = () => page.locator('#results tbody tr:visible').count();
    await page.selectOption('#constraint-filter', 'sh:MinCountConstraintComponent');
    expect(await visible()).toBe(2);
    expect(await page.locator('#shown-count').innerText()).toBe('2');
    await page.fill('#record-filter', 'object-3');
    expect(await visible()).toBe(1);
    await page.selectOption('#constraint-filter', '');
    expect(await visible()).toBe(2);
    await page.fill('#record-filter', '');
    expect(await visible()).toBe(5);
    // Submitting asks the server for the filtered report.
    await page.selectOption('#constraint-filter', 'sh:ClassConstraintComponent');
    await Promise.all([page.waitForURL(/constraint=sh%3AClassConstraintComponent/), page.click('#filters button[type=submit]')]);
    expect(await page.locator('#results tbody tr').count()).toBe(3);
    expect(await page.locator('#constraint-filter').inputValue()).toBe('sh:ClassConstraintComponent');
    await expectNoInjection(page, incidents);
    await page.close();
  });

  it('shows the run history as a trend chart and switches to Dutch', async () => {
    const { page, incidents } = await open('/reports/evil?lang=en');
    expect(await page.locator('#trend-chart circle.trend-point').count()).toBe(2);
    expect(await page.locator('#runs tr').count()).toBe(3);
    await Promise.all([page.waitForURL(/lang=nl/), page.click('#lang-switch')]);
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.locator('#summary').innerText()).toContain('Geweigerd');
    expect(await page.locator('#trend-chart').count()).toBe(1);
    await expectNoInjection(page, incidents);
    await page.close();
  });

  it('gives the organisation its own page, from the reports index', async () => {
    const { page, incidents } = await open('/reports?lang=en');
    expect(await page.locator('#organisations').innerText()).toContain(EVIL_ORG);
    await Promise.all([page.waitForURL(/\/reports\/organisations\//), page.click('#organisations a')]);
    expect(await page.locator('h1').innerText()).toContain(EVIL_ORG);
    expect(await page.locator('#results tbody tr').count()).toBe(5);
    await expectNoInjection(page, incidents);
    await page.close();
  });

  it('validates an uploaded file through the form and filters its results', async () => {
    const { page, incidents } = await open('/validate?lang=en');
    await page.setInputFiles('#file', { name: '<img src=x onerror=alert(1)>.ttl', mimeType: 'text/turtle', buffer: Buffer.from('<http://example.org/o> a <http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object> .\n') });
    await page.selectOption('#profile', 'oslo-ce-object-2021');
    await Promise.all([page.waitForURL(/\/validate$/), page.click('#validate-form button[type=submit]')]);
    expect(await page.locator('#verdict').getAttribute('class')).toBe('bad');
    const rows = await page.locator('#results tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(await page.locator('#summary').innerText()).toContain('<img src=x onerror=alert(1)>.ttl');
    const first = await page.locator('#constraint-filter option').nth(1).getAttribute('value');
    await page.selectOption('#constraint-filter', first!);
    const shown = Number(await page.locator('#shown-count').innerText());
    expect(await page.locator('#results tbody tr:visible').count()).toBe(shown);
    expect(await page.locator('#results tbody tr:visible').evaluateAll((trs, c) => trs.every((tr) => tr.getAttribute('data-constraint') === c), first)).toBe(true);
    await expectNoInjection(page, incidents);
    await page.close();
  });
});
