/**
 * An incremental run's report covers every current record of the source, not only the records it
 * read (reports/carry-forward.ts): findings of records not read again are carried from the run
 * before, a record read again has only its new findings, a deleted record leaves the report, and a
 * full run carries nothing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe.each(['reject', 'warn'])('Findings of records an incremental run did not read again, onViolation %s', (policy) => {
  let fixture: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: ReturnType<typeof createApp>;
  const runs: Record<'full' | 'changedC' | 'fixedA' | 'deletedB' | 'fullAgain', RunSummary> = {} as never;
  /** The source page, its JSON and CSV right after the incremental run that read only C. */
  let afterC: { html: string; nl: string; json: { rows: { recordId: string; carriedFrom?: string }[]; scores: { mandatory: { checked: number; missing: number } } }; csv: Record<string, string>[] };

  beforeAll(async () => {
    fixture = await startLdesFixture({ objects: 2, pageSize: 5 });
    fixture.addVersion('A', { withoutTitle: true });
    fixture.addVersion('B', { withoutTitle: true });
    dir = await tempDir('hub-carry-');
    mkdirSync(join(dir.path, 'data'));
    const yaml = `
hub:
  baseIri: http://hub.test/
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
  reports: { keepDetailRuns: 1 }
sources:
  - id: museum
    name: Museum
    organisation: Museum
    connector: { type: ldes, url: ${JSON.stringify(fixture.url)}, backoffMs: 0 }
    mapping: ${JSON.stringify(projectPath('mappings/ghent-ldes.yml'))}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
    entityType: mensgemaaktobject
    onViolation: ${policy}
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    app = createApp({ ...hubPorts(hub), log: () => undefined });
    runs.full = await hub.harvest('museum', { full: true });
    fixture.addVersion('C', { withoutTitle: true });
    runs.changedC = await hub.harvest('museum');
    afterC = {
      html: (await request(app).get('/reports/museum').set('Accept', 'text/html')).text,
      nl: (await request(app).get('/reports/museum?lang=nl').set('Accept', 'text/html')).text,
      json: (await request(app).get('/reports/museum?format=json')).body,
      csv: parseCsv((await request(app).get('/reports/museum?format=csv')).text, { columns: true }) as Record<string, string>[],
    };
    fixture.addVersion('A');
    runs.fixedA = await hub.harvest('museum');
    fixture.deleteObject('B');
    runs.deletedB = await hub.harvest('museum');
    runs.fullAgain = await hub.harvest('museum', { full: true });
  }, 90_000);

  afterAll(async () => {
    await hub?.close();
    await fixture?.close();
    await dir?.cleanup();
  });

  // Every fixture object breaks some of these shapes: each record read has findings.
  const recordsWithFindings = (run: RunSummary) => [...new Set(run.problems.map((p) => p.recordId))].sort();
  const own = (run: RunSummary) => [...new Set(run.problems.filter((p) => !p.carriedFrom).map((p) => p.recordId))].sort();
  const BASE = ['530000000', '530000001'];
  const carriedOf = (run: RunSummary) => [...new Set(run.problems.filter((p) => p.carriedFrom).map((p) => p.recordId))].sort();


  it('reads only the changed record, yet reports the findings of every current record', () => {
    expect(runs.full.seen).toBe(4);
    expect(recordsWithFindings(runs.full)).toEqual([...BASE, 'A', 'B']);
    expect(runs.changedC.seen).toBe(1);
    expect(recordsWithFindings(runs.changedC)).toEqual([...BASE, 'A', 'B', 'C']);
    expect(own(runs.changedC)).toEqual(['C']);
    expect(carriedOf(runs.changedC)).toEqual([...BASE, 'A', 'B']);
    expect(runs.changedC.problems.filter((p) => p.carriedFrom).every((p) => p.carriedFrom === runs.full.runId)).toBe(true);
    // The carried findings are the run before's, unchanged.
    const before = runs.full.problems.find((p) => p.recordId === 'A')!;
    const carried = runs.changedC.problems.find((p) => p.recordId === 'A')!;
    expect(carried.results).toEqual(before.results);
    expect(runs.changedC.carried).toMatchObject({ records: 4, since: runs.full.runId, current: 5 });
  });

  it('shows them on the source page with a note, and in its JSON and CSV', () => {
    expect(afterC.html).toMatch(new RegExp(`id="carried">4 records with findings were not read again by this run \\(unchanged since run ${runs.full.runId} or later\\)[^<]* all 5 current records`));
    expect(afterC.nl).toMatch(/id="carried">4 records met bevindingen las deze oogst niet opnieuw[^<]*alle 5 huidige records/);
    for (const id of [...BASE, 'A', 'B', 'C']) expect(afterC.html).toContain(`data-record="${id}"`);
    expect([...new Set(afterC.json.rows.map((r) => r.recordId))].sort()).toEqual([...BASE, 'A', 'B', 'C']);
    expect(afterC.json.rows.filter((r) => r.carriedFrom).every((r) => r.carriedFrom === runs.full.runId && r.recordId !== 'C')).toBe(true);
    expect([...new Set(afterC.csv.map((r) => r.recordId))].sort()).toEqual([...BASE, 'A', 'B', 'C']);
    expect(afterC.csv.filter((r) => r.recordId === 'C').length).toBe(runs.changedC.problems.filter((p) => p.recordId === 'C').flatMap((p) => p.results ?? []).length);
  });

  it('drops the findings of a record read again and fixed, and of a deleted record', () => {
    expect(runs.fixedA.seen).toBe(1);
    // A, read again, has its own new findings (its title back), none carried.
    expect(own(runs.fixedA)).toEqual(['A']);
    expect(runs.fixedA.problems.find((p) => p.recordId === 'A')).not.toEqual(runs.full.problems.find((p) => p.recordId === 'A'));
    expect(carriedOf(runs.fixedA)).toEqual([...BASE, 'B', 'C']);
    // C's finding is carried from the run that read it, not the run that carried it on.
    expect(runs.fixedA.problems.find((p) => p.recordId === 'C')!.carriedFrom).toBe(runs.changedC.runId);
    expect(runs.deletedB.deleted).toBe(1);
    expect(recordsWithFindings(runs.deletedB)).toEqual([...BASE, 'A', 'C']);
    expect(own(runs.deletedB)).toEqual([]);
  });

  it('carries nothing in a full run', () => {
    expect(runs.fullAgain.carried).toBeUndefined();
    expect(runs.fullAgain.problems.some((p) => p.carriedFrom)).toBe(false);
    expect(own(runs.fullAgain)).toEqual(recordsWithFindings(runs.fullAgain));
  });

  it('scores the mandatory fields over every current record, not over the records read', () => {
    // As many fields are checked per current record as in the full run; the untitled A and B missed a
    // mandatory field there, and with C three records miss one (read alone, C would be all there is).
    const full = runs.full.scores!.mandatory;
    expect(full.missing % 2).toBe(0);
    const m = afterC.json.scores.mandatory;
    expect(m.missing).toBe(runs.changedC.scores!.mandatory.missing);
    expect(m.checked / runs.changedC.carried!.current!).toBe(full.checked / runs.full.seen);
    expect(m.missing).toBe((full.missing / 2) * 3);
  });
});
