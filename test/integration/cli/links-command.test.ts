/**
 * `hub links`: decisions kept on the configured store by the CLI (the hub stopped), through the
 * running hub's admin API with --url, and refused on the embedded store while another process holds it.
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../../../src/api/app.js';
import { loadHubConfig } from '../../../src/cli/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { loadDecisions, makeDecision, recordDecision } from '../../../src/publication/matching/decisions.js';
import { linksGraphWrite } from '../../helpers/links-graph.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Each command starts a process that opens the store (a few seconds on a busy machine).
jest.setTimeout(120_000);

const BASE = 'http://hub.test/';
const KEY = 'cli-links-key';
const A = `${BASE}id/agent/museum-a/maker-1`;
const B = `${BASE}id/agent/museum-b/maker-9`;

async function hub(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), '--config', config, 'links', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HUB_URL: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

let dir: { path: string; cleanup: () => Promise<void> };
let config: string;

beforeEach(async () => {
  dir = await tempDir();
  config = join(dir.path, 'hub.yaml');
  await writeFile(config, `hub: { baseIri: "${BASE}", dataDir: ${join(dir.path, 'data')}, adminKey: ${KEY} }\nsources: []\n`);
});
afterEach(() => dir.cleanup());

describe('hub links on the store (hub stopped)', () => {
  it('keeps, lists, refuses a contradiction and withdraws, across processes', async () => {
    const merged = await hub(['merge', B, A, '--note', 'same RKD id']);
    expect(merged.stderr).toBe('');
    expect(merged.status).toBe(0);
    expect(merged.stdout).toMatch(/^Kept merge [0-9a-f]{16}; applies at the next harvest of these entities\n$/);
    const id = /merge ([0-9a-f]{16})/.exec(merged.stdout)![1]!;

    const listed = await hub(['decisions', '--json']);
    expect(listed.status).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([{ kind: 'merge', a: A, b: B, curator: 'cli', at: expect.any(String), note: 'same RKD id', id }]);

    const refused = await hub(['never-merge', A, B]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`contradicts the kept decision(s) merge ${id}`);

    const bad = await hub(['merge', A, 'http://elsewhere.test/x']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('is not a hub entity IRI');

    expect((await hub(['withdraw', id])).stdout).toBe(`Withdrew merge ${id}; applies at the next harvest of these entities\n`);
    expect((await hub(['decisions'])).stdout).toBe('No decisions\n');
  });

  it('tells the curator to use --url to decide while the hub holds the embedded store, and reads beside it', async () => {
    const running = await Hub.open(loadHubConfig(config, { hubOnly: true }));
    try {
      const kept = await recordDecision(running.store, BASE, makeDecision(BASE, { kind: 'never-merge', a: A, b: B }));
      const res = await hub(['split', A]);
      expect(res.status).toBe(1);
      expect(res.stderr).toContain(`is in use by process ${process.pid}`);
      expect(res.stderr).toContain('ask it instead with --url');
      expect(await loadDecisions(running.store, BASE)).toEqual([kept.decision]);
      const read = await hub(['decisions', '--json']);
      expect(read.status).toBe(0);
      expect(JSON.parse(read.stdout)).toEqual([kept.decision]);
    } finally {
      await running.close();
    }
  });
});

describe('hub links --url (through the running hub)', () => {
  let running: Hub;
  let server: Server;
  let url: string;
  beforeEach(async () => {
    running = await Hub.open(loadHubConfig(config, { hubOnly: true }));
    await running.store.commit({ put: [linksGraphWrite(BASE, [{ a: A, b: B, type: 'agent', score: 0.8, verdict: 'review', evidence: [{ rule: 'life-dates', weight: 0.3, detail: 'same birth year 1849' }] }])] });
    server = createApp({ ...hubPorts(running), log: () => undefined }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterEach(async () => {
    server.close();
    await running.close();
  });

  it('reviews and decides through the admin API with the key from the environment', async () => {
    const review = await hub(['review', '--url', url], { HUB_ADMIN_KEY: KEY });
    expect(review.stderr).toBe('');
    expect(review.stdout).toContain('1 pair(s) to review; 1–1 shown');
    expect(review.stdout).toContain(`A (no label)  <${A}>`);
    expect(review.stdout).toContain('+ same birth year 1849');

    const kept = await hub(['never-merge', A, B, '--url', url, '--curator', 'Ann'], { HUB_ADMIN_KEY: KEY });
    expect(kept.status).toBe(0);
    expect(kept.stdout).toMatch(/^Kept never-merge [0-9a-f]{16}; applied now/);
    expect(await loadDecisions(running.store, BASE)).toMatchObject([{ kind: 'never-merge', a: A, b: B, curator: 'Ann' }]);

    const wrongKey = await hub(['decisions', '--url', url], { HUB_ADMIN_KEY: 'wrong' });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('GET admin/links/decisions: 401 Missing or wrong x-admin-key');
  });
});
