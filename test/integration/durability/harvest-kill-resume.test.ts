import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLdesFixture } from '../../../fixtures/ldes/server.js';
import type { LdesState } from '../../../src/connectors/ldes/config.js';
import { loadHubConfig } from '../../../src/cli/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { tempDir } from '../../helpers/temp-dir.js';

const OBJECTS = 30;

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 30000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('hub harvest killed with SIGKILL mid-run', () => {
  it('resumes from the last checkpoint: every record published once, the pages before it not read again', async () => {
    const fixture = await startLdesFixture({ objects: OBJECTS, pageSize: 5 });
    const dir = await tempDir();
    const config = join(dir.path, 'hub.yaml');
    await writeFile(
      config,
      `hub: { baseIri: "http://hub.test/", dataDir: ${join(dir.path, 'data')} }
sources:
  - id: ghent
    connector: { type: ldes, url: "${fixture.url}" }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
`,
    );
    const harvest = () => spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'harvest', 'ghent', '--config', config], { stdio: 'ignore' });
    const saved = async () => {
      const state = JSON.parse(await readFile(join(dir.path, 'data', 'state', 'ghent.json'), 'utf8')) as { connector?: LdesState };
      return state.connector;
    };
    let child: ChildProcess | undefined;
    try {
      // The fourth page hangs, so the process is killed after three checkpointed pages.
      fixture.failNext(1, { delayMs: 20000 }, { after: 3 });
      child = harvest();
      const checkpoint = await waitFor('three pages checkpointed', async () => ((await saved())?.done.length === 3 ? await saved() : undefined));
      await waitFor('the hanging fourth page', async () => (fixture.requests.length >= 4 ? true : undefined));
      child.kill('SIGKILL');
      await once(child, 'exit');
      const firstPage = new URL(fixture.url).pathname;
      const before = fixture.requests.length;

      child = harvest();
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      const resumedRequests = fixture.requests.slice(before);
      expect(resumedRequests).not.toContain(firstPage);
      // Pages four to six only; the checkpoint named the fourth as the next to read.
      expect(resumedRequests).toHaveLength(3);
      expect(checkpoint.pending).toHaveLength(1);
      expect(resumedRequests[0]).toBe(new URL(checkpoint.pending[0]!).pathname + new URL(checkpoint.pending[0]!).search);

      const hub = await Hub.open(loadHubConfig(config), { readOnly: true });
      try {
        const graphs = await hub.store.select(`PREFIX hub: <https://w3id.org/culture-lod-hub/ns#> SELECT DISTINCT ?g WHERE { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?by . ?by a hub:Publication }`);
        const ids = graphs.map((b) => b.g!.value.split('/').pop()!).sort();
        expect(ids).toEqual(Array.from({ length: OBJECTS }, (_, i) => String(530000000 + i)));
        const runs = (await hub.states.read('ghent')).runs;
        expect(runs.at(-1)).toMatchObject({ status: 'completed', seen: OBJECTS - 15 });
      } finally {
        await hub.close();
      }
    } finally {
      child?.kill('SIGKILL');
      await fixture.close();
      await dir.cleanup();
    }
  }, 90000);
});
