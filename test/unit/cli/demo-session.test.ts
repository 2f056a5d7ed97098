import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoRunning, demoSessionFor, readDemoSession, withDemoEnv, writeDemoSession } from '../../../src/cli/demo-session.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('the demo session file', () => {
  it('keeps the DEMO_* variables only, and the environment wins over it', async () => {
    const dir = await tempDir();
    try {
      writeDemoSession(dir.path, { pid: process.pid, url: 'http://127.0.0.1:3000/', adminKey: 'k', env: { DEMO_LDES_URL: 'http://127.0.0.1:4100/ldes', PATH: '/evil' } });
      const session = readDemoSession(dir.path)!;
      expect(session).toEqual({ pid: process.pid, url: 'http://127.0.0.1:3000/', adminKey: 'k', env: { DEMO_LDES_URL: 'http://127.0.0.1:4100/ldes' } });
      expect(withDemoEnv({ PATH: '/bin' }, session)).toEqual({ PATH: '/bin', DEMO_LDES_URL: 'http://127.0.0.1:4100/ldes' });
      expect(withDemoEnv({ DEMO_LDES_URL: 'http://mine/' }, session).DEMO_LDES_URL).toBe('http://mine/');
      expect(demoRunning(session)).toBe(true);
      expect(demoRunning({ ...session, pid: 2 ** 22 + 1 })).toBe(false);
    } finally {
      await dir.cleanup();
    }
  });

  it('is found through the data folder the configuration names; a broken or missing file is no session', async () => {
    const dir = await tempDir();
    try {
      const config = join(dir.path, 'hub.yaml');
      await writeFile(config, `hub: { dataDir: ${join(dir.path, 'data')} }\nsources:\n  - { id: x, connector: { type: ldes, url: "\${DEMO_LDES_URL}" }, mapping: m.yml, shapes: [s.ttl] }\n`);
      expect(demoSessionFor(config, {})).toBeUndefined();
      writeDemoSession(join(dir.path, 'data'), { pid: 1, url: 'http://127.0.0.1:3000/', env: { DEMO_LDES_URL: 'http://127.0.0.1:4100/ldes' } });
      expect(demoSessionFor(config, {})?.env).toEqual({ DEMO_LDES_URL: 'http://127.0.0.1:4100/ldes' });
      await writeFile(join(dir.path, 'data', 'demo-session.json'), '{ not json');
      expect(demoSessionFor(config, {})).toBeUndefined();
    } finally {
      await dir.cleanup();
    }
  });
});

describe('whether the demo of a session answers', () => {
  it('is false for a live process that serves nothing at the URL, and for a dead process', async () => {
    const { demoAnswers } = await import('../../../src/cli/demo-session.js');
    // This process runs, but nothing listens on port 9 (discard) of loopback.
    expect(await demoAnswers({ pid: process.pid, url: 'http://127.0.0.1:9/', env: {} })).toBe(false);
    expect(await demoAnswers({ pid: 2 ** 22 + 1, url: 'http://127.0.0.1:9/', env: {} })).toBe(false);
  });
});
