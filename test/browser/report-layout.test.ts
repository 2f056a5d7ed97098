/**
 * The report pages fit the window: no horizontal page overflow at 1280 px (a laptop) and 390 px
 * (a phone), measured in headless Chromium as document.documentElement.scrollWidth against
 * innerWidth, in Dutch and English, on every kind of report page, with long IRIs, record ids and
 * values. Screenshots go to $HUB_SCREENSHOT_DIR when set (CI keeps them as artefacts). With
 * $HUB_DEMO_URL set (a running `npm start`), the demo's report pages are measured too.
 * Skips when /usr/bin/chromium is absent (Debian: apt-get install -y chromium).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { createApp } from '../../src/api/app.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub } from '../../src/pipeline/hub.js';
import type { RecordProblem, RunSummary } from '../../src/reports/run-summary.js';
import { tempDir } from '../helpers/temp-dir.js';
import { leanProvenance } from '../helpers/lean-provenance.js';
import { launchChromium } from '../helpers/chromium.js';
import { chromiumNeed, describeWith } from '../helpers/services.js';
import { literal, namedNode, quad } from '../../src/core/rdf.js';
import { RDF } from '../../src/core/vocab.js';
import { entityIri, provenanceGraphIri, recordGraphIri, sourceIri } from '../../src/core/identifiers.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const suite = describeWith([chromiumNeed()]);
const WIDTHS = [1280, 390];
const LONG = 'https://stad.gent/id/mensgemaaktobject/dmg/530000000/2023-02-13T16:19:43.573Z/een-heel-lange-identificator-zonder-spaties-die-niet-past';

function problem(i: number): RecordProblem {
  const focus = `${LONG}-${i}`;
  return {
    recordId: `oai:datahub.vlaamsekunstcollectie.be:mskgent:${'1998-B-47-2'.repeat(3)}-${i}`,
    stage: 'validation',
    message: '3 violation(s)',
    link: `https://datahub.vlaamsekunstcollectie.be/oai?verb=GetRecord&metadataPrefix=oai_lido&identifier=${encodeURIComponent(focus)}`,
    organisation: i % 2 ? 'Museum voor Schone Kunsten Gent' : 'Musea Brugge - Groeningemuseum',
    rejected: i % 3 === 0,
    results: [
      { severity: 'Violation', focusNode: focus, path: `<${CRM}P45_consists_of>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-1', messages: ['Less than 1 values (found 0)'], rule: 'mappings/lido-object.yml#object' },
      { severity: 'Violation', focusNode: `_:n3-${300 + i}`, path: `<${CRM}P4_has_time-span>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-2', messages: ['Less than 1 values (found 0)'], rule: 'mappings/lido-object.yml#productie' },
      { severity: 'Warning', focusNode: focus, path: `<${CRM}P3_has_note>`, value: `"${'Dit schilderij is een van de vele kopieën '.repeat(8)}"@nl`, constraint: `${SH}ClassConstraintComponent`, shape: '_:n3-3', messages: [`Value _:n3-9 is not an instance of <${LONG}>`], rule: 'mappings/lido-object.yml#beschrijvingTaalVanBeschrijving' },
    ],
  };
}

suite('The report pages’ layout', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let server: Server;
  let base: string;
  let browser: Browser;
  let run: RunSummary;

  beforeAll(async () => {
    dir = await tempDir('hub-layout-');
    const dataDir = join(dir.path, 'data');
    const problems = Array.from({ length: 12 }, (_, i) => problem(i));
    run = { runId: '20261101T000000000-aaaa0001', sourceId: 'vkc', startedAt: '2026-11-01T00:00:00Z', finishedAt: '2026-11-01T00:01:00Z', status: 'completed', full: true, seen: 40, published: 36, rejected: 4, deleted: 0, errors: 0, warnings: 12, pages: 2, retries: 0, nonConforming: 12, organisations: { 'Museum voor Schone Kunsten Gent': { seen: 30, published: 28, rejected: 2, nonConforming: 6, errors: 0 }, 'Musea Brugge - Groeningemuseum': { seen: 10, published: 8, rejected: 2, nonConforming: 6, errors: 0 } }, problems };
    await mkdir(join(dataDir, 'reports', 'vkc'), { recursive: true });
    await mkdir(join(dataDir, 'state'), { recursive: true });
    await writeFile(join(dataDir, 'reports', 'vkc', `${run.runId}.json`), JSON.stringify(run));
    // An earlier run too, so the source page draws its score over runs.
    const earlier: RunSummary = { ...run, runId: '20261031T000000000-aaaa0000', startedAt: '2026-10-31T00:00:00Z', finishedAt: '2026-10-31T00:01:00Z', problems: problems.slice(0, 4).map((p) => ({ ...p })).concat(problems.slice(4).map((p) => ({ ...p, recordId: `${p.recordId}-b` }))) };
    await writeFile(join(dataDir, 'reports', 'vkc', `${earlier.runId}.json`), JSON.stringify(earlier));
    await writeFile(join(dataDir, 'state', 'vkc.json'), JSON.stringify({ runs: [{ ...earlier, problems: [] }, { ...run, problems: [] }] }));
    const yaml = `
hub: { baseIri: 'http://hub.test/', dataDir: ${JSON.stringify(dataDir)} }
sources:
  - id: vkc
    name: Vlaamse Kunstcollectie Datahub — LIDO (OAI-PMH) met een lange naam die op een telefoon niet op één regel past
    organisation: Museum voor Schone Kunsten Gent
    connector: { type: ldes, url: 'http://127.0.0.1:9/none' }
    mapping: ${JSON.stringify(projectPath('mappings/lido-object.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.repaired.ttl'))}, ${JSON.stringify(projectPath('shapes/oslo-ce-2021-class-hierarchy.ttl'))}]
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    // Published records with long ids, so the Europeana tiers (and their per-record table) and the recommended score show.
    await hub.store.commit({
      put: problems.flatMap((p) => {
        const graph = recordGraphIri('http://hub.test/', 'vkc', p.recordId);
        const entity = namedNode(entityIri('http://hub.test/', 'mensgemaaktobject', 'vkc', p.recordId));
        const g = namedNode(graph);
        return [
          { graph, entity: true, quads: [quad(entity, namedNode(RDF('type')), namedNode(`${CRM}E22_Man-Made_Object`)), quad(entity, namedNode(`${CRM}P3_has_note`), literal('Dit schilderij is een kopie', 'nl'))] },
          ...leanProvenance(g.value, provenanceGraphIri('http://hub.test/', 'vkc', p.recordId), {
            source: sourceIri('http://hub.test/', 'vkc'),
            recordId: p.recordId,
            entity: entity.value,
            organisation: p.organisation!,
            publishedAt: '2026-11-01T00:01:00Z',
          }),
        ];
      }),
    });
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

  /** How far each page overflows the window, per width (0 everywhere when it fits). */
  async function overflow(urls: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const url of urls) {
        const response = await page.goto(url);
        expect(response?.status()).toBe(200);
        out[`${width} ${url}`] = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (process.env.HUB_SCREENSHOT_DIR) {
          await mkdir(process.env.HUB_SCREENSHOT_DIR, { recursive: true });
          await page.screenshot({ path: join(process.env.HUB_SCREENSHOT_DIR, `${width}-${url.replace(/^https?:\/\/[^/]+\//, '').replace(/[^\w-]+/g, '_')}.png`) });
        }
      }
      await page.close();
    }
    return out;
  }

  const fits = (measured: Record<string, number>) => Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v <= 0]));
  const allTrue = (measured: Record<string, number>) => Object.fromEntries(Object.keys(measured).map((k) => [k, true]));

  it('has no horizontal overflow at 1280 and 390 px, in Dutch and English', async () => {
    const paths = ['/reports', '/reports/vkc', `/reports/vkc/${run.runId}`, '/reports/organisations/museum-voor-schone-kunsten-gent'];
    const urls = paths.flatMap((p) => ['nl', 'en'].map((lang) => `${base}${p}?lang=${lang}`));
    const measured = await overflow(urls);
    expect(fits(measured)).toEqual(allTrue(measured));
  }, 120_000);

  it('fits the scores, the score over runs and the opened per-record Europeana tiers at 1280 and 390 px', async () => {
    for (const width of WIDTHS) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const path of ['/reports/vkc', '/reports/organisations/museum-voor-schone-kunsten-gent']) {
        for (const lang of ['nl', 'en']) {
          await page.goto(`${base}${path}?lang=${lang}`);
          expect(await page.locator('#recommended-score').isVisible()).toBe(true);
          expect(await page.locator('#europeana-tiers').isVisible()).toBe(true);
          if (path === '/reports/vkc') expect(await page.locator('#score-sparkline').isVisible()).toBe(true);
          await page.locator('#tiers-more').evaluate((d) => d.setAttribute('open', ''));
          await page.locator('#tier-records').evaluate((d) => d.setAttribute('open', ''));
          expect(await page.locator('#tier-records table').isVisible()).toBe(true);
          expect([`${width} ${path} ${lang}`, await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)]).toEqual([`${width} ${path} ${lang}`, 0]);
        }
      }
      await page.close();
    }
  }, 120_000);

  it('shows each result as a card on a phone, with its column names', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${base}/reports/vkc/${run.runId}?lang=nl`);
    expect(await page.locator('#results thead').isVisible()).toBe(false);
    const label = await page.locator('#results tbody tr:first-child td:first-child').evaluate((td) => getComputedStyle(td, '::before').content);
    expect(label).toBe('"Record"');
    await page.close();
  }, 60_000);

  (process.env.HUB_DEMO_URL ? it : it.skip)('has no horizontal overflow on the running demo’s report pages', async () => {
    const demo = process.env.HUB_DEMO_URL!.replace(/\/$/, '');
    const index = (await (await fetch(`${demo}/reports?format=json`)).json()) as { sources: { id: string }[]; organisations: { slug: string }[] };
    const paths = ['/reports', ...index.sources.map((s) => `/reports/${s.id}`), ...index.organisations.map((o) => `/reports/organisations/${o.slug}`)];
    const measured = await overflow(paths.flatMap((p) => ['nl', 'en'].map((lang) => `${demo}${p}?lang=${lang}`)));
    expect(fits(measured)).toEqual(allTrue(measured));
  }, 600_000);
});
