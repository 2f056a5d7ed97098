/**
 * `hub jobs` reads the `hub` block of the configuration only: an operator lists and shows jobs
 * without every source's secrets in the environment (a source variable left unset), while a
 * command that harvests still refuses that configuration.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { MAIN, writeConfig } from '../../fault/processes.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { builtNeed, describeWith, redisNeed } from '../../helpers/services.js';
import { configYaml, REPO, testConfig, uniquePrefix } from './helpers.js';

const describeRedis = describeWith([await redisNeed(), builtNeed()]);

const run = promisify(execFile);
async function hub(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn' };
  delete env.HUB_TEST_UNSET_FEED_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args], { cwd: REPO, env, timeout: 30000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describeRedis('hub jobs without the sources\' secrets', () => {
  it('lists and shows jobs when a source variable is unset; check-config names it', async () => {
    const dir = await tempDir();
    const prefix = uniquePrefix();
    const yaml = configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix });
    const set = new HubQueueSet(testConfig(yaml));
    try {
      const job = await set.queues.harvest.add('harvest', { sourceId: 'dmg', trigger: 'cli', runId: 'run-x' }, { delay: 3_600_000 });
      const file = await writeConfig(dir.path, yaml.replace('url: "http://127.0.0.1:9/unused"', 'url: "${HUB_TEST_UNSET_FEED_URL}"'));

      const checked = await hub(['--config', file, 'check-config']);
      expect(checked.code).not.toBe(0);
      expect(checked.stderr).toMatch(/HUB_TEST_UNSET_FEED_URL is not set/);

      const listed = await hub(['--config', file, 'jobs', 'list', '--state', 'delayed', '--json']);
      expect(listed.stderr).toBe('');
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as { id: string }[]).map((j) => j.id)).toEqual([job.id]);
      const shown = await hub(['--config', file, 'jobs', 'show', job.id!]);
      expect(shown.code).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ id: job.id, queue: 'harvest', sourceId: 'dmg', state: 'delayed' });
    } finally {
      for (const q of Object.values(set.queues)) await q.obliterate({ force: true }).catch(() => undefined);
      await set.close();
      await dir.cleanup();
    }
  });
});
