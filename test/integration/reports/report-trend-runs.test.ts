/**
 * The score over runs reaches past the runs whose detail is kept (issue 17, item 2): five runs of a
 * files source whose museum adds materials to more records each time, with hub.reports keeping
 * the detail of the last three; every run keeps its scores (mandatory, recommended, Europeana tiers,
 * records, conforming) with its summary at close, so the trend shows all five, and they move.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import type { ScorePoint } from '../../../src/reports/score-trend.js';
import { lidoXml } from '../../../fixtures/files/folder.js';
import { tempDir } from '../../helpers/temp-dir.js';

const RECORDS = 6;
const RUNS = 5;

/**
 * The export of run `k` (0-based): the Groeningemuseum's records of the fixture (they state their
 * materials), the first RECORDS - 1 - k of them without.
 */
function exportOfRun(k: number): string {
  const xml = lidoXml({ n: 2 * RECORDS });
  let i = 0;
  return xml.replace(/<lido:lido[ >][\s\S]*?<\/lido:lido>/g, (record) => {
    if (!record.includes('groeningemuseum')) return '';
    return i++ < RECORDS - 1 - k ? record.replace(/<lido:eventMaterialsTech>[\s\S]*?<\/lido:eventMaterialsTech>/g, '') : record;
  });
}

describe('Scores over more runs than keep their detail', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: Express;
  let folder: string;

  beforeAll(async () => {
    dir = await tempDir('hub-trend-runs-');
    folder = join(dir.path, 'export');
    await mkdir(folder, { recursive: true });
    const config = parseConfig(
      `hub: { baseIri: "http://hub.test/", dataDir: ${JSON.stringify(join(dir.path, 'data'))}, reports: { keepDetailRuns: 3 } }
sources:
  - id: museum
    name: { nl: Collectie, en: Collection }
    organisation: Klein museum
    connector:
      type: files
      folder: ${JSON.stringify(folder)}
      rules:
        - { match: "collectie*.xml", records: "lido:lido", id: "lido:lidoRecID", entity: object, namespaces: { lido: "http://www.lido-schema.org" } }
    mapping: ${JSON.stringify(projectPath('mappings/lido-object.yml'))}
    shapes: [${['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-event-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'].map((f) => JSON.stringify(projectPath(f))).join(', ')}]
    entityType: mensgemaaktobject
    onViolation: warn
    europeana: { defaultRights: "http://rightsstatements.org/vocab/CNE/1.0/" }
`,
      join(dir.path, 'hub.yaml'),
      { env: {}, checkConnector: checkConnectorSettings },
    );
    hub = await Hub.open(config);
    app = createApp({ ...hubPorts(hub), log: () => undefined }) as Express;
    for (let k = 0; k < RUNS; k++) {
      await writeFile(join(folder, 'collectie.xml'), exportOfRun(k));
      const run = await hub.harvest('museum', { full: true });
      expect(run.status).toBe('completed');
    }
  }, 180_000);

  afterAll(async () => {
    await hub?.close();
    await dir?.cleanup();
  });

  it('keeps each run’s scores with its summary, also for the runs whose detail was pruned', async () => {
    const res = await request(app).get('/reports/museum?format=json');
    expect(res.status).toBe(200);
    const history = res.body.history as { runId: string; pruned?: unknown; scores?: { mandatory: { score: number }; records: number } }[];
    expect(history).toHaveLength(RUNS);
    expect(history.filter((r) => r.pruned)).toHaveLength(RUNS - 3);
    expect(history.every((r) => r.scores && r.scores.records === RECORDS && typeof r.scores.mandatory.score === 'number')).toBe(true);
  });

  it('draws the trend over all runs, and the mandatory score rises as materials are added', async () => {
    const res = await request(app).get('/reports/museum?format=json');
    const trend = res.body.scores.trend as ScorePoint[];
    expect(trend.map((p) => p.runId)).toEqual((res.body.history as { runId: string }[]).map((r) => r.runId));
    const scores = trend.map((p) => p.score);
    expect(scores.every((s) => typeof s === 'number')).toBe(true);
    for (let i = 1; i < scores.length; i++) expect(scores[i]!).toBeGreaterThan(scores[i - 1]!);
    expect(trend.slice(1).every((p) => p.change !== null && p.change > 0)).toBe(true);
    // The other scores are kept per run too.
    expect(trend.every((p) => p.records === RECORDS && typeof p.conforming === 'number' && typeof p.recommended === 'number')).toBe(true);
    expect(trend.every((p) => p.tiers?.records === RECORDS)).toBe(true);
  });

  it('shows every run on the page, in both languages, the pruned ones with their score', async () => {
    for (const lang of ['nl', 'en']) {
      const html = (await request(app).get(`/reports/museum?lang=${lang}`).set('Accept', 'text/html')).text;
      const block = /<div id="score-trend">[\s\S]*?<\/details><\/div>/.exec(html)![0];
      expect([...block.matchAll(/<li data-run="/g)]).toHaveLength(RUNS);
      expect(block).not.toMatch(/no score|geen score/);
      expect(block).toContain('<svg id="score-sparkline"');
      expect(block).toMatch(lang === 'nl' ? /Over de laatste 5 oogsten: verplichte velden ingevuld ging van [\d,]+\s% naar [\d,]+\s%/ : /Over the last 5 runs: mandatory fields filled went from [\d.]+% to [\d.]+%/);
    }
  });

  it('keeps the findings of the last run that read records when an incremental run finds nothing changed', async () => {
    const quiet = await hub.harvest('museum');
    expect(quiet.seen).toBe(0);
    const json = (await request(app).get('/reports/museum?format=json')).body as { run: { runId: string }; history: { runId: string }[]; causes: unknown[]; scores: { trend: ScorePoint[] } };
    // The page's run is the one before; the quiet run is in the history, not in the trend.
    expect(json.history.at(-1)!.runId).toBe(quiet.runId);
    expect(json.run.runId).toBe(json.history.at(-2)!.runId);
    expect(json.causes.length).toBeGreaterThan(0);
    expect(json.scores.trend.map((p) => p.runId)).not.toContain(quiet.runId);
    const html = (await request(app).get('/reports/museum?lang=en').set('Accept', 'text/html')).text;
    expect(html).toMatch(/<p class="muted" id="standing-run">The newest run \([^)]+\) read no changed records: what follows is as the run of [^<]+ left the records\.<\/p>/);
    expect(html).toContain('id="causes"');
    const index = (await request(app).get('/reports?lang=nl').set('Accept', 'text/html')).text;
    expect(index).toContain('<td data-label="Records gezien">6</td>');
  }, 60_000);
});
