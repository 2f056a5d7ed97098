/**
 * The entities graph under kill -9: whatever commits reached the journal, the store that opens
 * again holds in its entities graph exactly the distinct triples of its record graphs (replay
 * applies each journal entry's merge as the first run did), from the journal alone and from
 * snapshots taken along the way.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://test/';

async function commitThenKill(dataDir: string, acks: number, snapshotEvery: number): Promise<number> {
  const child = spawn(process.execPath, [projectPath('test/fixtures/processes/commit-records-forever.mjs'), dataDir, String(snapshotEvery)], { stdio: ['ignore', 'pipe', 'inherit'] });
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

/** Rows as sorted lines: the entities graph, and the distinct triples of the record graphs. */
async function both(store: OxigraphStore): Promise<{ merged: string[]; records: string[] }> {
  const line = (r: Record<string, { termType: string; value: string }>) => `${r.s!.termType}:${r.s!.value} ${r.p!.value} ${r.o!.termType}:${r.o!.value}`;
  const merged = (await store.select(`SELECT ?s ?p ?o WHERE { GRAPH <${BASE}graph/entities> { ?s ?p ?o } }`)).map(line).sort();
  const records = (await store.select(`SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(REGEX(STR(?g), "^${BASE}graph/src/r[0-9]+$")) }`)).map(line).sort();
  return { merged, records };
}

describe('The entities graph under kill -9', () => {
  it.each([
    ['journal only', 100000],
    ['snapshots taken along the way', 7],
  ])('is the record graphs merged after replay (%s)', async (_label, snapshotEvery) => {
    const dir = await tempDir();
    try {
      const lastAcked = await commitThenKill(dir.path, 40, snapshotEvery);
      expect(lastAcked).toBeGreaterThanOrEqual(39);
      const store = new OxigraphStore({ dataDir: dir.path, baseIri: BASE });
      await store.open();
      const { merged, records } = await both(store);
      // Every acknowledged commit is there: the version the last one wrote, and the shared triple once.
      expect(merged).toContain(`NamedNode:${BASE}id/o${lastAcked % 7} ${BASE}version Literal:${lastAcked}`);
      expect(merged.filter((l) => l.includes('shared by every record'))).toHaveLength(1);
      expect(merged).toEqual(records);
      await store.close();
      // The snapshot written at close carries it as it is (Oxigraph labels blank nodes anew at each load).
      const again = new OxigraphStore({ dataDir: dir.path, baseIri: BASE });
      await again.open();
      const reopened = await both(again);
      expect(reopened.merged).toEqual(reopened.records);
      const unlabelled = (rows: string[]) => rows.map((l) => l.replace(/BlankNode:\S+/g, 'BlankNode')).sort();
      expect(unlabelled(reopened.merged)).toEqual(unlabelled(merged));
      await again.close();
    } finally {
      await dir.cleanup();
    }
  });
});
