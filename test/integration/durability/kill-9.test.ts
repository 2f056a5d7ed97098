import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

/** Runs the committing child until it has acknowledged `acks` commits, then kills it with SIGKILL. */
async function commitThenKill(dataDir: string, acks: number, snapshotEvery: number): Promise<number> {
  const child = spawn(process.execPath, [projectPath('test/fixtures/processes/commit-forever.mjs'), dataDir, String(snapshotEvery)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let last = -1;
  for await (const line of createInterface({ input: child.stdout! })) {
    const m = /^acked (\d+)$/.exec(line);
    if (m) last = Number(m[1]);
    if (last + 1 >= acks) {
      child.kill('SIGKILL');
      break;
    }
  }
  await once(child, 'exit');
  return last;
}

describe('The embedded store under kill -9', () => {
  it.each([
    ['journal only', 100000],
    ['snapshots taken along the way', 7],
  ])('keeps every acknowledged commit (%s)', async (_label, snapshotEvery) => {
    const dir = await tempDir();
    try {
      const lastAcked = await commitThenKill(dir.path, 60, snapshotEvery);
      expect(lastAcked).toBeGreaterThanOrEqual(59);
      const store = new OxigraphStore({ dataDir: dir.path });
      await store.open();
      for (let i = 0; i <= lastAcked; i++) expect((await store.graph(`http://test/graph/${i}`)).length).toBe(20);
      const rows = await store.select('SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }');
      // Commits after the last acknowledgement may or may not have reached the disk; none is half there.
      const graphs = Number(rows[0]!.n!.value);
      expect(graphs).toBeGreaterThanOrEqual(lastAcked + 1);
      expect(await store.quadCount()).toBe(graphs * 20);
      await store.close();
    } finally {
      await dir.cleanup();
    }
  });
});
