/**
 * The push after a run in distributed mode, against real Redis: the publish worker's last job of
 * a Ticketmatic run pushes into the strict fixture Entry API (the same push step as the embedded
 * run), before the run counts as finished; a second run with nothing changed sends nothing, and
 * the push map lives in the store the workers share.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { startUitdatabankEntryFixture, type EntryFixture } from '../../../fixtures/uitdatabank/entry-server.js';
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { PushMap } from '../../../src/pipeline/push/push-map.js';
import { loadPushReport } from '../../../src/pipeline/push/push-report.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { enqueueHarvest } from '../../../src/queue/producers.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { describeWith, redisNeed } from '../../helpers/services.js';
import { testConfig, uniquePrefix, waitFor } from './helpers.js';
import { publishToYaml, ticketmaticSource } from '../../helpers/source-yaml.js';

const describeRedis = describeWith([await redisNeed()]);
const BASE = 'http://hub.test/';
const SECRET = 'house-secret-d15t';

describeRedis('Distributed push into UiTdatabank', () => {
  let folder: string;
  let tm: TicketmaticFixture;
  let search: UitFixture;
  let entry: EntryFixture;
  let pool: WorkerPool;
  let set: HubQueueSet;
  const store = new MemoryStore();
  const prefix = uniquePrefix();
  const config = () =>
    testConfig(`hub:
  baseIri: ${BASE}
  dataDir: ${join(folder, 'data')}
  redisUrl: redis://127.0.0.1:6379
  queue: { prefix: ${prefix}, lockMs: 5000, attempts: 3, backoffMs: 200 }
sources:${ticketmaticSource(tm.url, 'demo-cc')}
    schedule: { onStart: never }${publishToYaml({ entryUrl: entry.url, searchUrl: search.url, tokenUrl: entry.tokenUrl, clientId: 'house', clientSecret: SECRET, more: ['organizer: { name: Cultuurcentrum (demo), url: https://www.cultuurcentrum.example }'] })}
`);

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'hub-distributed-push-'));
    tm = await startTicketmaticFixture({ count: 8, account: 'demo-cc' });
    search = await startUitdatabankFixture({ count: 1, clientIds: ['house'] });
    entry = await startUitdatabankEntryFixture({ search, clients: [{ id: 'house', secret: SECRET }] });
    pool = await WorkerPool.start(config(), { roles: ['harvest', 'process', 'publish'], concurrency: 2, store, log: pino({ level: 'silent' }) });
    set = new HubQueueSet(config());
  }, 60_000);

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await entry?.close();
    await search?.close();
    await tm?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const harvest = async () => {
    const { runId } = await enqueueHarvest(set, 'ticketmatic', { trigger: 'cli' });
    const runs = await waitFor(`run ${runId}`, async () => {
      const r = await set.state.runs('ticketmatic');
      return r[0]?.runId === runId ? r : undefined;
    }, 60000);
    return runs[0]!;
  };
  const writes = () => entry.requests.filter((r) => r.method !== 'GET' && r.operationId !== 'token');

  it('pushes when the run closes, and sends nothing at a run that changed nothing', async () => {
    expect(await harvest()).toMatchObject({ status: 'completed' });
    const report = (await loadPushReport(store, BASE, 'ticketmatic'))!;
    expect(report.failure).toBeUndefined();
    expect(report.counts.failed).toBe(0);
    expect(report.counts.created).toBeGreaterThan(0);
    expect(entry.requests.filter((r) => !r.valid)).toEqual([]);
    for (const i of report.items.filter((x) => x.state === 'created')) expect(entry.find('events', i.uitId!)?.workflowStatus).toBe('READY_FOR_VALIDATION');
    // The map is in the store the workers share.
    expect((await new PushMap(store, BASE, 'ticketmatic').entries('events')).filter((e) => e.uitId)).toHaveLength(report.counts.created);
    const before = writes().length;
    expect(await harvest()).toMatchObject({ status: 'completed' });
    expect(writes().length).toBe(before);
    expect((await loadPushReport(store, BASE, 'ticketmatic'))!.counts.unchanged).toBe(report.counts.created);
  }, 120_000);
});
