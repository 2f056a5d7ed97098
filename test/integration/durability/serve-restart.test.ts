import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startLdesFixture } from '../../../fixtures/ldes/server.js';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 45000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const COUNT = encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');

describe('hub serve', () => {
  it('serves a populated /sparql after its harvest, and has the same triples after kill -9 and after a clean stop', async () => {
    const fixture = await startLdesFixture({ objects: 15, pageSize: 5 });
    const dir = await tempDir();
    const port = await freePort();
    const config = join(dir.path, 'hub.yaml');
    await writeFile(
      config,
      `hub: { dataDir: ${join(dir.path, 'data')}, port: ${port} }
sources:
  - id: ghent
    connector: { type: ldes, url: "${fixture.url}", pollIntervalSeconds: 3600 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('shapes/oslo-ce-object-2021.ttl')}]
    onViolation: warn
`,
    );
    const start = () => spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'serve', '--config', config], { stdio: 'ignore' });
    const count = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/sparql?query=${COUNT}`, { headers: { accept: 'application/sparql-results+json' } });
      if (!res.ok) return undefined;
      return Number((await res.json()).results.bindings[0].n.value);
    };
    let child: ChildProcess = start();
    try {
      await waitFor('the harvest', async () => {
        const res = await fetch(`http://127.0.0.1:${port}/sources`, { headers: { accept: 'application/json' } });
        const body = await res.json();
        return body.sources[0].lastRun?.status === 'completed' ? true : undefined;
      });
      const before = await waitFor('a count', count);
      expect(before).toBeGreaterThan(15 * 50);
      const requestsBefore = fixture.requests.length;
      // kill -9 right after the harvest (its commits are in the journal only) and a start: the same triples.
      child.kill('SIGKILL');
      await once(child, 'exit');
      child = start();
      const after = await waitFor('a count after kill -9', count);
      expect(after).toBe(before);
      // A clean stop (SIGTERM: snapshot written) and a start: the same triples again.
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      child = start();
      expect(await waitFor('a count after a clean stop', count)).toBe(before);
      // A source that already completed a run is not harvested again at start (onStart: if-never-run).
      expect(fixture.requests.length).toBe(requestsBefore);
    } finally {
      child.kill('SIGKILL');
      await fixture.close();
      await dir.cleanup();
    }
  });
});
