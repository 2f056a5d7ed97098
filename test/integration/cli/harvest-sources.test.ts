import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { progressReporter } from '../../../src/cli/progress.js';
import { loadHubConfig } from '../../../src/cli/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Runs the hub command without blocking this process (the fixture server lives here). */
async function hub(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

let fixture: LdesFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let config: string;

beforeEach(async () => {
  fixture = await startLdesFixture({ objects: 12, pageSize: 5 });
  dir = await tempDir();
  config = join(dir.path, 'hub.yaml');
  // A good source and one whose server is not there (port 9: discard, nothing listens on loopback).
  await writeFile(
    config,
    `hub: { dataDir: ${join(dir.path, 'data')} }
sources:
  - id: ghent
    connector: { type: ldes, url: "${fixture.url}", backoffMs: 1 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    schedule: { onStart: always }
  - id: broken
    connector: { type: ldes, url: "http://127.0.0.1:9/stream", maxAttempts: 2, backoffMs: 1 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    schedule: { onStart: always }
`,
  );
});

afterEach(async () => {
  await fixture.close();
  await dir.cleanup();
});

describe('hub harvest and hub sources', () => {
  it('prints a one-line summary with pages, records, rate and retries when not on a terminal, then lists the source', async () => {
    fixture.failNext(1, { status: 500 });
    const run = await hub('harvest', 'ghent', '--config', config);
    expect(run.status).toBe(0);
    // Whole lines only (no carriage returns), each a complete count line; the last is the summary.
    const lines = run.stderr.trim().split('\n');
    expect(run.stderr).not.toContain('\r');
    expect(lines.every((l) => /^ghent: \d+ pages, \d+ records \(\d+\/s\), \d+ published, \d+ rejected, \d+ deleted, \d+ errors, \d+ retries/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^ghent: 3 pages, 12 records \(\d+\/s\), 12 published, 0 rejected, 0 deleted, 0 errors, 1 retries — completed in \d+\.\d s \(run \S+\)$/);
    const sources = await hub('sources', '--config', config);
    expect(sources.status).toBe(0);
    const [header, ghent, broken] = sources.stdout.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(header).toEqual(['SOURCE', 'CONNECTOR', 'LAST RUN', 'STATUS', 'SEEN', 'PUBLISHED', 'REJECTED', 'DELETED', 'ERRORS']);
    expect(ghent).toEqual(['ghent', 'ldes', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), 'completed', '12', '12', '0', '0', '0']);
    expect(broken).toEqual(['broken', 'ldes', '-', 'never run', '0', '0', '0', '0', '0']);
  });

  it('exits 1 with the failure under the summary when the source cannot be reached', async () => {
    const run = await hub('harvest', 'broken', '--config', config);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broken: 0 pages, 0 records .* — failed in .*\n {2}failure: Source broken: GET http:\/\/127\.0\.0\.1:9\/stream failed after 2 attempts \(network error/m);
    expect((await hub('sources', '--config', config)).stdout).toMatch(/\nbroken\s+ldes\s+\S+\s+failed\s/);
  });

  it('runs every scheduled source: a failing source does not stop the others', async () => {
    const h = await Hub.open(loadHubConfig(config));
    try {
      await h.startSchedules();
      const lastRun = async (id: string) => (await h.states.read(id)).runs.at(-1);
      for (let i = 0; i < 200 && (h.isRunning('ghent') || h.isRunning('broken') || !(await lastRun('ghent')) || !(await lastRun('broken'))); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await lastRun('broken')).toMatchObject({ status: 'failed' });
      expect(await lastRun('ghent')).toMatchObject({ status: 'completed', published: 12 });
    } finally {
      await h.close();
    }
  });
});

describe('The harvest progress line', () => {
  const run = { sourceId: 's', runId: 'r1', pages: 4, seen: 30, published: 28, rejected: 2, deleted: 1, errors: 0, retries: 3, status: 'running' } as RunSummary;

  it('rewrites one line on a terminal, with pages, records, records/s and retries', () => {
    const out: string[] = [];
    const reporter = progressReporter({ isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream);
    reporter.update(run);
    reporter.update({ ...run, pages: 5 });
    // Each update returns to the line start and clears it (CR, ESC [2K) before writing the counts.
    const CLEAR = '\r\u001b[2K';
    expect(out.every((s) => s.startsWith(CLEAR))).toBe(true);
    expect(out.map((s) => s.slice(CLEAR.length))).toEqual([
      expect.stringMatching(/^s: 4 pages, 30 records \(\d+\/s\), 28 published, 2 rejected, 1 deleted, 0 errors, 3 retries$/),
      expect.stringMatching(/^s: 5 pages, /),
    ]);
    reporter.done({ ...run, status: 'completed' });
    const summary = out.slice(2).join('');
    expect(summary.startsWith(CLEAR)).toBe(true);
    expect(summary.slice(CLEAR.length)).toMatch(/^s: 4 pages, .* — completed in \d+\.\d s \(run r1\)\n$/);
  });

  it('writes whole lines, not carriage returns, when not on a terminal', () => {
    const out: string[] = [];
    const reporter = progressReporter({ isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream);
    reporter.update(run);
    reporter.done({ ...run, status: 'completed' });
    expect(out.every((s) => !s.includes('\r') && s.endsWith('\n'))).toBe(true);
    expect(out.at(-1)).toMatch(/^s: 4 pages, 30 records .* — completed in/);
  });
});
