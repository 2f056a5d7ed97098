/**
 * The issue 21 probes against `hub serve` as a process: the deep queries that trapped the engine
 * or held the event loop are refused, and SIGTERM stops the hub promptly with its snapshot written
 * even while a long query runs (before: SIGTERM ignored for minutes, or an exit on an unhandled
 * StoreError without the snapshot).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const deep = (depth: number) => `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;

describe('hub serve under the query probes', () => {
  it('refuses the deep queries, keeps answering, and stops on SIGTERM with its snapshot while a long query runs', async () => {
    const dir = await tempDir('hub-serve-probes-');
    const port = await freePort();
    const config = join(dir.path, 'hub.yaml');
    await writeFile(config, `hub: { dataDir: ${join(dir.path, 'data')}, port: ${port}, sparql: { timeoutMs: 60000 } }\nsources: []\n`);
    const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'serve', '--config', config], { stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}`;
    try {
      const until = Date.now() + 45_000;
      while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
        if (Date.now() > until) throw new Error('hub serve did not start');
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const depth of [700, 3000, 20000]) {
        const r = await fetch(`${url}/sparql`, { method: 'POST', headers: { 'content-type': 'application/sparql-query' }, body: deep(depth) });
        expect(r.status).toBe(400);
        expect(await r.text()).toContain('hub.sparql.maxNestingDepth');
      }
      const ask = await fetch(`${url}/sparql?query=${encodeURIComponent('ASK {}')}`, { headers: { accept: 'application/sparql-results+json' } });
      expect(await ask.json()).toMatchObject({ boolean: true });
      // A long query on one replica (the store is empty: a cross product of nothing would end at once, so VALUES make rows).
      const values = Array.from({ length: 300 }, (_, i) => i).join(' ');
      const long = `SELECT (COUNT(*) AS ?n) WHERE { VALUES ?a { ${values} } VALUES ?b { ${values} } VALUES ?c { ${values} } VALUES ?d { ${values} } }`;
      void fetch(`${url}/sparql?query=${encodeURIComponent(long)}`).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 500));
      const started = Date.now();
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      // Not the query's 60 s time limit.
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(existsSync(join(dir.path, 'data', 'store', 'snapshot.nq'))).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dir.cleanup();
    }
  }, 90_000);
});
