/**
 * The score over runs on a source page (issue 17, item 2): the last runs' mandatory-field score,
 * newest first, each with its change since the run before, and a sparkline; a pruned run has no
 * score and says so. Both languages.
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
import type { RecordProblem, RunSummary } from '../../../src/reports/run-summary.js';
import { tempDir } from '../../helpers/temp-dir.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const BASE = 'http://hub.test/';
const ORG = 'Museum voor Schone Kunsten Gent';

/** A record lacking its material (a mandatory field of the object). */
function lacksMaterial(i: number): RecordProblem {
  return {
    recordId: `obj-${i}`,
    stage: 'validation',
    message: 'violations',
    organisation: ORG,
    rejected: false,
    results: [
      { severity: 'Violation', focusNode: `${BASE}id/mensgemaaktobject/vkc/obj-${i}`, path: `<${CRM}P45_consists_of>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-1', messages: ['Less than 1 values'], rule: 'mappings/lido-object.yml#object' },
      // As the validator reports them: the shapes' labels are told apart by the other results of the run.
      { severity: 'Violation', focusNode: `${BASE}id/mensgemaaktobject/vkc/obj-${i}#productie`, path: `<${CRM}P4_has_time-span>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-2', messages: ['Less than 1 values'], rule: 'mappings/lido-object.yml#productie' },
      { severity: 'Violation', focusNode: `${BASE}id/mensgemaaktobject/vkc/obj-${i}`, path: `<${CRM}P55_has_current_location>`, value: '_:n3-500', constraint: `${SH}ClassConstraintComponent`, shape: '_:n3-3', messages: ['Value is not an instance of prov:Location'], rule: 'mappings/lido-object.yml#object' },
    ],
  };
}

function run(id: string, day: number, missing: number, pruned = false): RunSummary {
  return {
    runId: id,
    sourceId: 'vkc',
    startedAt: `2026-11-0${day}T10:00:00Z`,
    finishedAt: `2026-11-0${day}T10:01:00Z`,
    status: 'completed',
    full: true,
    seen: 8,
    published: 8,
    rejected: 0,
    deleted: 0,
    errors: 0,
    warnings: 0,
    pages: 1,
    retries: 0,
    nonConforming: missing,
    organisations: { [ORG]: { seen: 8, published: 8, rejected: 0, nonConforming: missing, errors: 0 } },
    ...(pruned ? { pruned: { at: '2026-11-05T00:00:00Z', conforms: false, rows: missing, figures: { violations: missing, warnings: 0, infos: 0, top: [] }, organisations: {} } } : {}),
    problems: pruned ? [] : Array.from({ length: missing }, (_, i) => lacksMaterial(i)),
  };
}

describe('Score over runs', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: Express;
  const runs = [run('20261101T100000000-aaaa0001', 1, 6), run('20261102T100000000-aaaa0002', 2, 5, true), run('20261103T100000000-aaaa0003', 3, 2)];

  beforeAll(async () => {
    dir = await tempDir('hub-trend-');
    const dataDir = join(dir.path, 'data');
    await mkdir(join(dataDir, 'reports', 'vkc'), { recursive: true });
    await mkdir(join(dataDir, 'state'), { recursive: true });
    for (const r of runs) await writeFile(join(dataDir, 'reports', 'vkc', `${r.runId}.json`), JSON.stringify(r));
    await writeFile(join(dataDir, 'state', 'vkc.json'), JSON.stringify({ runs: runs.map((r) => ({ ...r, problems: [] })) }));
    const yaml = `
hub: { baseIri: '${BASE}', dataDir: ${JSON.stringify(dataDir)} }
sources:
  - id: vkc
    name: VKC
    organisation: ${ORG}
    connector: { type: ldes, url: 'http://127.0.0.1:9/none' }
    mapping: ${JSON.stringify(projectPath('mappings/lido-object.yml'))}
    shapes: [${['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-event-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'].map((f) => JSON.stringify(projectPath(f))).join(', ')}]
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    app = createApp({ ...hubPorts(hub), log: () => undefined }) as Express;
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await dir?.cleanup();
  });

  const page = async (path: string, lang: string) => {
    const res = await request(app).get(path).set('Accept', 'text/html').set('Accept-Language', lang);
    expect(res.status).toBe(200);
    return res.text;
  };
  /** The mandatory score a run's own page shows. */
  const scoreOf = async (runId: string) => Number(/id="mandatory-score">[^:]+: ([\d.]+)%/.exec(await page(`/reports/vkc/${runId}`, 'en'))![1]);

  it('lists the last runs newest first with the change since the run before, and draws a sparkline', async () => {
    const first = await scoreOf(runs[0]!.runId);
    const last = await scoreOf(runs[2]!.runId);
    // Fewer records lack their material in the last run: the score went up.
    expect(last).toBeGreaterThan(first);
    const html = await page('/reports/vkc', 'en');
    const block = /<div id="score-trend">[\s\S]*?<\/details><\/div>/.exec(html)![0];
    expect([...block.matchAll(/data-run="([^"]+)"/g)].map((x) => x[1])).toEqual(runs.map((r) => r.runId).reverse());
    expect(block).toContain('<svg id="score-sparkline"');
    const newest = /<li data-run="20261103[^"]*">[\s\S]*?<\/li>/.exec(block)![0];
    expect(newest).toContain(`<strong>${last.toFixed(1)}%</strong>`);
    expect(newest).toContain(`(+${(Math.round((last - first) * 10) / 10).toFixed(1)} points since the run before)`);
    expect(/<li data-run="20261102[^"]*">[\s\S]*?<\/li>/.exec(block)![0]).toContain('no score: its detail was pruned');
  });

  it('gives the same scores in the page’s JSON', async () => {
    const res = await request(app).get('/reports/vkc?format=json');
    expect(res.status).toBe(200);
    const trend = res.body.scores.trend as { runId: string; score: number | null; change: number | null }[];
    expect(trend.map((p) => p.runId)).toEqual(runs.map((r) => r.runId));
    expect(trend[1]!.score).toBeNull();
    expect(trend[2]!.score).toBe(res.body.scores.mandatory.score);
    expect(trend[2]!.change).toBe(Math.round((trend[2]!.score! - trend[0]!.score!) * 10) / 10);
  });

  it('says it in Dutch with Belgian numbers', async () => {
    const html = await page('/reports/vkc', 'nl');
    const block = /<div id="score-trend">[\s\S]*?<\/details><\/div>/.exec(html)![0];
    expect(block).toContain('Scores over de laatste oogsten');
    expect(block).toMatch(/<strong>\d+,\d\u00a0%<\/strong> <span class="change">\(\+\d+,\d procentpunt sinds de vorige oogst\)<\/span>/);
    expect(block).toContain('geen score: detail opgeruimd');
    // Run states and the conformance chart's dates in Dutch too, not as the engine writes them.
    expect(html).toMatch(/<td>voltooid<\/td>/);
    expect(html).not.toMatch(/<td>completed<\/td>|<title>\d{4}-\d\d-\d\dT/);
    expect(html).toMatch(/class="trend-point"><title>\d+ \w+\.? \d{4}/);
  });
});
