/**
 * The "done when" on a source mapped by RML (YARRRML): a UiTdatabank harvest with a bad
 * event shows, on the report page and in the JSON-LD and CSV of the same report, the event's
 * source id and link and the triples map of uitdatabank-event.yml that produced each result.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import request from 'supertest';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { storeYaml, testStores } from '../../helpers/test-stores.js';

const HUB = 'https://w3id.org/culture-lod-hub/ns#';

describe.each(testStores())('A UiTdatabank harvest with a bad event, in its conformance report, on the %s store', (_name, store) => {
  const base = store.baseIri();
  let fixture: UitFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;
  let run: RunSummary;
  let bad: string;

  beforeAll(async () => {
    fixture = await startUitdatabankFixture({ count: 4 });
    bad = fixture.id('events', 1);
    // An activity without its name: the Cultuurparticipatie profile wants one on every activity.
    delete (fixture.docs.events.find((d) => String(d['@id']).endsWith(bad)) as Record<string, unknown>).name;
    dir = await tempDir('hub-rml-report-');
    mkdirSync(join(dir.path, 'data'));
    const yaml = `
hub:
  baseIri: ${base}
  ${storeYaml(store)}
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
sources:
  - id: uit-events
    organisation: publiq
    connector: { type: uitdatabank, baseUrl: ${JSON.stringify(fixture.url)}, clientId: test-client, entities: [events], backoffMs: 0 }
    mapping: ${JSON.stringify(projectPath('mappings/uitdatabank-event.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-cultuurparticipatie-2024.ttl'))}]
    entityType: activiteit
    onViolation: reject
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml'), { env: {}, checkConnector: checkConnectorSettings }));
    run = await hub.harvest('uit-events');
    app = createApp({ ...hubPorts(hub), log: () => undefined });
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await store.cleanup(base);
    await fixture?.close();
    await dir?.cleanup();
  });

  const badProblem = () => run.problems.find((p) => p.stage === 'validation' && p.recordId === bad);

  it('rejects the bad event and names, per result, the triples map behind it', () => {
    expect(run).toMatchObject({ status: 'completed', seen: 4 });
    expect(run.rejected).toBeGreaterThanOrEqual(1);
    const problem = badProblem();
    expect(problem?.rejected).toBe(true);
    expect(problem?.link).toMatch(/^https?:\/\//);
    const name = problem!.results!.find((r) => r.constraint.endsWith('#MinCountConstraintComponent') && /title|naam|name/i.test(r.path ?? ''));
    expect(name).toBeDefined();
    // The result is about the activity, produced by the mapping's `activiteit` triples map.
    expect(name!.rule).toMatch(/uitdatabank-event\.yml#activiteit$/);
    for (const r of problem!.results!) expect(r.rule).toMatch(/uitdatabank-event\.yml#[a-z]+$/);
  });

  it('shows the event with its source id, link and triples map on the run page, and the same in JSON-LD and CSV', async () => {
    const problem = badProblem()!;
    const rule = problem.results![0]!.rule!;
    const page = await request(app).get(`/reports/uit-events/${run.runId}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-record="${bad}"`);
    expect(page.text.replace(/<wbr>/g, '')).toContain(rule);
    expect(page.text).toContain(`href="${problem.link}"`);
    // The summary: records seen, published, rejected, conformance, and the most violated constraints.
    const cell = (key: string) => new RegExp(`<td data-key="${key}">([^<]*)</td>`).exec(page.text)?.[1];
    expect([cell('Records seen'), cell('Published'), cell('Rejected')]).toEqual([String(run.seen), String(run.published), String(run.rejected)]);
    expect(cell('Conformance')).toMatch(/^\d+(\.\d+)? ?%$/);
    const top = page.text.split('<table id="top-constraints">')[1]?.split('</table>')[0] ?? '';
    expect(top).toContain('sh:MinCountConstraintComponent');
    // Each row counts results and distinct records; no row counts more records than were non-conforming.
    const counts = [...top.matchAll(/<td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(counts.length).toBeGreaterThan(0);
    for (const [results, records] of counts) expect(results >= records && records >= 1 && records <= run.nonConforming!).toBe(true);

    const doc = JSON.parse((await request(app).get(`/reports/uit-events/${run.runId}`).set('Accept', 'application/ld+json')).text);
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    expect(nquads).toContain(`<${HUB}recordId> "${bad}"`);
    expect(nquads).toContain(`<${HUB}mappingRule> "${rule}"`);

    const rows = parseCsv((await request(app).get(`/reports/uit-events/${run.runId}?format=csv`)).text, { columns: true }) as Record<string, string>[];
    const mine = rows.filter((r) => r.recordId === bad);
    expect(mine.length).toBe(problem.results!.length);
    expect(mine.every((r) => r.recordLink === problem.link && r.rejected === 'true' && /uitdatabank-event\.yml#/.test(r.mappingRule!))).toBe(true);
  });
});
