/**
 * Deletes by difference in distributed mode, against real Redis: the harvest job keeps the ids a
 * read mentions in a Redis set, and the publish job of the batch that ends a complete listing
 * deletes the source's published records not in it, as the embedded run does. Records the saved
 * state never knew (published by a run whose checkpoint was lost) are found all the same.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { projectPath } from '../../../src/core/paths.js';
import { publishedRecordIds } from '../../../src/pipeline/deletes-by-difference.js';
import { processRecord, publishContext } from '../../../src/pipeline/steps/process.js';
import { buildRuntime } from '../../../src/pipeline/source-runtime.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../../src/queue/producers.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);
const BASE = 'http://hub.test/';

const csv = (ids: string[]) => `id,name\n${ids.map((id) => `${id},Thing ${id}`).join('\n')}\n`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `t${String(from + i).padStart(3, '0')}`);

describeRedis('Distributed deletes by difference', () => {
  let folder: string;
  let pool: WorkerPool;
  let set: HubQueueSet;
  const store = new MemoryStore();
  const config = () =>
    testConfig(`hub:
  baseIri: ${BASE}
  dataDir: ${join(folder, 'data')}
  redisUrl: redis://127.0.0.1:6379
  queue: { prefix: ${prefix}, lockMs: 3000, attempts: 3, backoffMs: 200 }
sources:
  - id: things
    connector: { type: files, folder: ${join(folder, 'in')} }
    mapping: ${projectPath('test/fixtures/mappings/csv-thing.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: thing
    schedule: { onStart: never }
`);
  const prefix = uniquePrefix();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hub-distributed-deletes-'));
    await mkdir(join(folder, 'in'));
    await writeFile(join(folder, 'in', 'a.csv'), csv(range(0, 30)));
    await writeFile(join(folder, 'in', 'b.csv'), csv(range(30, 50)));
    pool = await WorkerPool.start(config(), { roles: ['harvest', 'process', 'publish'], concurrency: 2, store, log: pino({ level: 'silent' }) });
    set = new HubQueueSet(config());
  });

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const harvest = async () => {
    const { runId } = await enqueueHarvest(set, 'things', { trigger: 'cli' });
    const runs = await waitFor(`run ${runId}`, async () => {
      const r = await set.state.runs('things');
      return r[0]?.runId === runId ? r : undefined;
    }, 40000);
    return runs[0]!;
  };
  const published = async () => {
    const ids: string[] = [];
    for await (const page of publishedRecordIds(store, BASE, 'things')) ids.push(...page);
    return ids;
  };

  it('deletes published records no file holds, although the saved state never knew them', async () => {
    const first = await harvest();
    expect(first).toMatchObject({ status: 'completed', published: 50, deleted: 0, listing: { complete: true, deleted: 0 } });
    // Records of an earlier run whose checkpoint was lost with its worker: published, unknown to the state.
    const rt = await buildRuntime(config(), config().sources[0]!);
    const ghost = { sourceId: 'things', mediaType: 'text/csv', body: 'id,name\nghost,Ghost\n' };
    for (const recordId of ['ghost-1', 'ghost-2']) {
      const outcome = await processRecord(rt, publishContext(BASE, rt, 'lost-run'), { ...ghost, recordId });
      if (outcome.kind !== 'published') throw new Error('ghost not mapped');
      await store.commit({ put: outcome.writes });
    }
    expect(await published()).toContain('ghost-1');
    const second = await harvest();
    expect(second).toMatchObject({ status: 'completed', seen: 0, deleted: 2, listing: { complete: true, deleted: 2 } });
    expect(await published()).toEqual(range(0, 50));
    // The publish job's tombstones keep what the deleted records described (their hub IRIs).
    const tombstone = await store.graph(`${BASE}graph/things/ghost-1/provenance`);
    // A tombstone: invalidated by the run's deletion node (docs/data-model.md, Provenance).
    expect(tombstone.some((q) => q.predicate.value === 'http://www.w3.org/ns/prov#wasInvalidatedBy')).toBe(true);
    expect(tombstone.filter((q) => q.predicate.value === 'https://w3id.org/culture-lod-hub/ns#describes').map((q) => q.object.value)).toContain(`${BASE}id/thing/things/ghost-1`);
  });

  it('deletes nothing by difference when a file cannot be read, and says so', async () => {
    // Not UTF-8 and no encoding fallback in the rule: the whole file is unreadable (a broken row alone would not be).
    await writeFile(join(folder, 'in', 'a.csv'), Buffer.from([...Buffer.from('id,name\nx,'), 0xe9, 0xff, 0x0a]));
    const run = await harvest();
    expect(run.listing).toEqual({ complete: false, reason: 'a.csv could not be read' });
    expect(run.deleted).toBe(0);
    expect(await published()).toEqual(range(0, 50));
  });

  it('keeps the earlier ids of a file whose broken row has no id, and deletes nothing of it', async () => {
    await writeFile(join(folder, 'in', 'a.csv'), 'id,name\n"broken,\n');
    const run = await harvest();
    expect(run.listing).toEqual({ complete: true, deleted: 0 });
    expect(run.deleted).toBe(0);
    expect(run.errors).toBeGreaterThan(0);
    expect(await published()).toEqual(range(0, 50));
  });
});
