/**
 * `hub fixtures`: the demo's fixture sources on their own (for workers and the CLI in distributed
 * mode), in a child process running dist/fixtures/serve-all.js. Needs the build in dist/, as the
 * other CLI tests.
 */
import { freePorts, portFree } from '../../helpers/free-ports.js';
import { DEMO_FIXTURE_PORTS } from '../../../fixtures/serve-all.js';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';



/** Starts `hub fixtures --json` and waits for its one line of variables. */
async function startFixtures(port: number, dataDir: string): Promise<{ child: ChildProcessWithoutNullStreams; env: Record<string, string> }> {
  const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'fixtures', '--json', '--port', String(port), '--data-dir', dataDir], { cwd: projectPath('.') });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { child, env: JSON.parse(line) as Record<string, string> };
}

const answers = async (url: string, init?: RequestInit) => (await fetch(url, init)).status;

describe('hub fixtures', () => {
  it('starts the six fixture servers and the files folder, prints their variables, and stops them on SIGTERM', async () => {
    const dir = await tempDir();
    try {
      const port = await freePorts(DEMO_FIXTURE_PORTS);
      const { child, env } = await startFixtures(port, join(dir.path, 'demo'));
      expect(Object.keys(env).sort()).toEqual(
        ['DEMO_DATAHUB_OAI_URL', 'DEMO_FILES_FOLDER', 'DEMO_LDES_URL', 'DEMO_MEEMOO_OAI_URL', 'DEMO_MEEMOO_PASSWORD', 'DEMO_MEEMOO_USER', 'DEMO_TM_ACCESS_KEY', 'DEMO_TM_ACCOUNT', 'DEMO_TM_BASE_URL', 'DEMO_TM_SECRET_KEY', 'DEMO_UIT_CLIENT_ID', 'DEMO_UIT_CLIENT_SECRET', 'DEMO_UIT_ENTRY_URL', 'DEMO_UIT_PUSH', 'DEMO_UIT_SEARCH_URL', 'DEMO_UIT_TOKEN_URL', 'DEMO_UIT_URL'].sort(),
      );
      expect(env.DEMO_LDES_URL).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
      expect(env.DEMO_FILES_FOLDER).toBe(join(dir.path, 'demo-files'));
      expect(await answers(env.DEMO_LDES_URL!)).toBe(200);
      expect(await answers(`${env.DEMO_DATAHUB_OAI_URL}?verb=Identify`)).toBe(200);
      const basic = `Basic ${Buffer.from(`${env.DEMO_MEEMOO_USER}:${env.DEMO_MEEMOO_PASSWORD}`).toString('base64')}`;
      expect(await answers(`${env.DEMO_MEEMOO_OAI_URL}?verb=Identify`, { headers: { authorization: basic } })).toBe(200);
      expect(await answers(`${env.DEMO_MEEMOO_OAI_URL}?verb=Identify`)).toBe(401);
      // The Entry API (base+5) hands the demo client a token and refuses requests without one.
      expect(env.DEMO_UIT_ENTRY_URL).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port + 5}$`));
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: env.DEMO_UIT_CLIENT_ID!, client_secret: env.DEMO_UIT_CLIENT_SECRET! });
      expect(await answers(env.DEMO_UIT_TOKEN_URL!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form })).toBe(200);
      expect(await answers(`${env.DEMO_UIT_ENTRY_URL}/events`, { method: 'POST', body: '{}' })).toBe(401);

      const exit = once(child, 'exit');
      child.kill('SIGTERM');
      expect(await exit).toEqual([0, null]);
      for (let i = 0; i < DEMO_FIXTURE_PORTS; i++) expect(await portFree(port + i)).toBe(true);
    } finally {
      await dir.cleanup();
    }
  });

  it('takes its servers down when it is killed (the servers end with its pipe)', async () => {
    const dir = await tempDir();
    try {
      const port = await freePorts(DEMO_FIXTURE_PORTS);
      const { child } = await startFixtures(port, join(dir.path, 'demo'));
      expect(await portFree(port)).toBe(false);
      child.kill('SIGKILL');
      await once(child, 'exit');
      const until = Date.now() + 20_000;
      while (!(await portFree(port)) && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(await portFree(port)).toBe(true);
    } finally {
      await dir.cleanup();
    }
  });
});
