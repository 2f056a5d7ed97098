import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('The embedded store data directory', () => {
  it('refuses a second writer while another process holds it, and reopens after that process is killed', async () => {
    const dir = await tempDir();
    const child = spawn(process.execPath, [projectPath('test/fixtures/processes/commit-forever.mjs'), dir.path], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      for await (const line of createInterface({ input: child.stdout! })) if (line.startsWith('acked 3')) break;
      await expect(new OxigraphStore({ dataDir: dir.path }).open()).rejects.toThrow(/in use by process \d+/);
      const reader = new OxigraphStore({ dataDir: dir.path, readOnly: true });
      await reader.open();
      expect((await reader.graph('http://test/graph/0')).length).toBe(20);
      await expect(reader.commit({ drop: ['http://test/graph/0'] })).rejects.toThrow(/read-only/);
      await reader.close();
      child.kill('SIGKILL');
      await once(child, 'exit');
      const store = new OxigraphStore({ dataDir: dir.path });
      await store.open();
      expect((await store.graph('http://test/graph/3')).length).toBe(20);
      await store.close();
    } finally {
      child.kill('SIGKILL');
      await dir.cleanup();
    }
  });
});
