import { spawn, type ChildProcess } from 'node:child_process';
import { freePorts } from '../../helpers/free-ports.js';
import { DEMO_FIXTURE_PORTS } from '../../../fixtures/serve-all.js';
import { once } from 'node:events';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';



async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 120000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface SourceRow {
  id: string;
  connector: string;
  lastRun: { status: string; published: number } | null;
}

describe('hub demo (what npm start runs)', () => {
  it('harvests one source of every family and serves them on /sparql, with the same triples after kill -9 and a restart', async () => {
    const dir = await tempDir();
    // Fixture sources on base..base+4, the hub on base+5.
    const fixturePort = await freePorts(DEMO_FIXTURE_PORTS + 1);
    // The hub listens just past the fixture servers' ports.
    const port = fixturePort + DEMO_FIXTURE_PORTS;
    const env = { ...process.env, PORT: String(port), DEMO_FIXTURE_PORT: String(fixturePort), HUB_DATA_DIR: join(dir.path, 'demo') };
    const start = () => spawn(process.execPath, [projectPath('dist/src/cli/main.js'), 'demo'], { cwd: projectPath('.'), env, stdio: 'ignore' });
    const sources = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/sources`, { headers: { accept: 'application/json' } });
      return ((await res.json()) as { sources: SourceRow[] }).sources;
    };
    const ask = async (query: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/sparql`, {
        method: 'POST',
        headers: { accept: 'application/sparql-results+json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ query }),
      });
      if (!res.ok) return undefined;
      return Number((await res.json()).results.bindings[0].triples.value);
    };
    const count = () => ask('SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }');
    let child: ChildProcess = start();
    try {
      const done = await waitFor('every demo source to finish its first run', async () => {
        const rows = await sources();
        return rows.every((r) => r.lastRun && r.lastRun.status !== 'running') ? rows : undefined;
      });
      expect(new Set(done.map((r) => r.connector))).toEqual(new Set(['ldes', 'oai-pmh', 'uitdatabank', 'ticketmatic', 'files']));
      for (const row of done) expect({ id: row.id, status: row.lastRun?.status, published: (row.lastRun?.published ?? 0) > 0 }).toEqual({ id: row.id, status: 'completed', published: true });
      const before = await waitFor('a count', count);
      expect(before).toBeGreaterThan(0);
      // The default graph is the entity data as a set: each triple once, no validation results in it.
      expect(await ask('SELECT (COUNT(*) AS ?triples) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }')).toBe(before);
      expect(await ask('SELECT (COUNT(*) AS ?triples) WHERE { ?r a <http://www.w3.org/ns/shacl#ValidationResult> }')).toBe(0);
      expect(await ask('SELECT (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?r a <http://www.w3.org/ns/shacl#ValidationResult> } }')).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await once(child, 'exit');
      child = start();
      expect(await waitFor('a count after kill -9', count)).toBe(before);
    } finally {
      child.kill('SIGKILL');
      await dir.cleanup();
    }
  }, 240000);
});
