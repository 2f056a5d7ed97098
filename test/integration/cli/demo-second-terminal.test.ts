/**
 * A newcomer's second terminal: after `npm start` (`hub demo`), `hub sources`, `hub harvest` and
 * `hub validate` work from the same folder with no DEMO_* variable set; the demo left them in
 * its data folder (src/cli/demo-session.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

async function freePorts(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    if ((await Promise.all(Array.from({ length: n }, (_, i) => portFree(base + i)))).every(Boolean)) return base;
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 120000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The environment of a fresh terminal: no DEMO_* variable, no admin key. */
function freshEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DEMO_') && k !== 'HUB_ADMIN_KEY' && k !== 'HUB_CONFIG' && k !== 'REDIS_URL'));
  return { ...env, ...extra };
}

async function hub(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), ...args], { cwd: projectPath('.'), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

describe('hub commands in a second terminal while the demo runs', () => {
  it('hub sources, hub harvest and hub validate work with no DEMO_* variable set', async () => {
    const dir = await tempDir();
    const fixturePort = await freePorts(6);
    const port = fixturePort + 5;
    const dataDir = join(dir.path, 'demo');
    const env = freshEnv({ PORT: String(port), DEMO_FIXTURE_PORT: String(fixturePort), HUB_DATA_DIR: dataDir, HUB_BASE_IRI: `http://localhost:${port}/` });
    const demo: ChildProcess = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'demo'], { cwd: projectPath('.'), env, stdio: 'ignore' });
    try {
      const sessionFile = join(dataDir, 'demo-session.json');
      await waitFor('the demo to listen and leave its session file', async () => ((await fetch(`http://127.0.0.1:${port}/health`)).ok && existsSync(sessionFile) ? true : undefined));
      // It holds the admin key: only its owner may read it.
      expect(statSync(sessionFile).mode & 0o077).toBe(0);
      await waitFor('the demo\'s first runs', async () => {
        const rows = ((await (await fetch(`http://127.0.0.1:${port}/sources`, { headers: { accept: 'application/json' } })).json()) as { sources: { running: boolean; lastRun: unknown }[] }).sources;
        return rows.every((r) => r.lastRun && !r.running) ? true : undefined;
      });

      // The second terminal sets only what the first one set by hand (here: the data folder).
      const terminal = freshEnv({ HUB_DATA_DIR: dataDir });
      const sources = await hub(terminal, 'sources');
      expect(sources.stderr).toBe('');
      expect(sources.status).toBe(0);
      const rows = sources.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/));
      expect(rows.map((r) => r[0]).sort()).toEqual(['files-collectie', 'ghent-dmg', 'meemoo', 'ticketmatic', 'uit-events', 'uit-places', 'vkc-datahub']);
      for (const r of rows) expect(r[3]).toBe('completed');

      const harvest = await hub(terminal, 'harvest', 'files-collectie', '--full');
      expect(harvest.stderr).toMatch(/Asking the running demo/);
      expect(harvest.stderr).toMatch(/files-collectie: .* — completed in/);
      expect(harvest.status).toBe(0);
      // The run is the demo's: it shows on the demo's own page, with the records read again.
      const after = ((await (await fetch(`http://127.0.0.1:${port}/sources`, { headers: { accept: 'application/json' } })).json()) as { sources: { id: string; lastRun: { runId: string; seen: number } }[] }).sources.find((s) => s.id === 'files-collectie')!;
      expect(harvest.stderr).toContain(after.lastRun.runId);
      expect(after.lastRun.seen).toBeGreaterThan(0);

      const unknown = await hub(terminal, 'harvest', 'no-such-source');
      expect(unknown.status).toBe(1);
      expect(unknown.stderr).toMatch(/No source "no-such-source" in the configuration/);

      // Validate what the demo publishes against the profile it was checked with.
      const data = join(dir.path, 'objects.ttl');
      await writeFile(data, await (await fetch(`http://127.0.0.1:${port}/api/v1/heritage-objects?limit=10`, { headers: { accept: 'text/turtle' } })).text());
      const validate = await hub(terminal, 'validate', '--data', data, '--shapes', 'shapes/oslo-ce-object-2021.repaired.ttl');
      expect([0, 1]).toContain(validate.status);
      expect(validate.stdout).toMatch(/^(Conforms|Does not conform)/);
    } finally {
      demo.kill('SIGTERM');
      await once(demo, 'exit');
      await dir.cleanup();
    }
  }, 240000);
});
