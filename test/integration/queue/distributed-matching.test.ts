/**
 * Entity matching in distributed mode, on real Redis: the publish job runs the same match step as
 * the embedded run. Its batches are what a process job hands on (record-publisher.ts with the
 * matcher: features in the provenance graph), encoded. Two sources naming one place end on one
 * canonical IRI, the one harvested first rewritten in the store; an unchanged batch writes
 * nothing; a deleted record leaves its cluster.
 */
import { pino } from 'pino';
import { SourceSchema } from '../../../src/config/schema.js';
import { entityIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, nQuadLines, quad } from '../../../src/core/rdf.js';
import { OWL, PROV } from '../../../src/core/vocab.js';
import { deleteWrites, publishWrites } from '../../../src/pipeline/record-publisher.js';
import { MatchStep } from '../../../src/pipeline/steps/match.js';
import { encodeBatch, publishChanges } from '../../../src/pipeline/steps/publish.js';
import { decodeChanges, packChanges, unpackChanges } from '../../../src/store/encoded-graphs.js';
import { HubQueueSet } from '../../../src/queue/hub-queues.js';
import { batchJobId, QueueName, type PublishJobData } from '../../../src/queue/queues.js';
import { WorkerPool } from '../../../src/queue/worker-pool.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { IDENTIFIER, NAME, testMatcher, testMatching } from '../../helpers/test-matching.js';
import { configYaml, testConfig, uniquePrefix, waitFor } from './helpers.js';
import { describeWith, redisNeed } from '../../helpers/services.js';

const describeRedis = describeWith([await redisNeed()]);
const BASE = 'http://hub.test/';
const A1 = entityIri(BASE, 'plaats', 'a', 'a1');
const B1 = entityIri(BASE, 'plaats', 'b', 'b1');
const ctxOf = (id: string) => ({
  baseIri: BASE,
  source: SourceSchema.parse({ id, mapping: 'm.yml', shapes: ['s.ttl'], entityType: 'plaats', connector: { type: 'files' } }),
  runId: `run-${id}`,
  mapping: { id: 'm.yml', version: 'v1' },
  shapes: { id: 's.ttl', version: 'v1' },
  matcher: testMatcher,
});
const counts = (n: number) => ({ seen: n, published: n, unchanged: 0, rejected: 0, deleted: 0, errors: 0, warnings: 0, nonConforming: 0, organisations: {} });

/** A process job's batch: places of one source, published at `now`. */
function batch(sourceId: string, seq: number, places: { id: string; name: string; ids?: string[] }[], deletes: string[] = []): PublishJobData {
  const ctx = ctxOf(sourceId);
  const now = '2026-12-07T10:00:00Z';
  const put = places.flatMap((p) => {
    const s = namedNode(entityIri(BASE, 'plaats', sourceId, p.id));
    const quads = [quad(s, namedNode(NAME), literal(p.name)), ...(p.ids ?? []).map((i) => quad(s, namedNode(IDENTIFIER), namedNode(i)))];
    return publishWrites({ sourceId, recordId: p.id, mediaType: 'application/json', body: '{}' }, quads, true, ctx, now);
  });
  const gone = deletes.map((id) => deleteWrites(id, ctx, now));
  const encoded = encodeBatch({ put: [...put, ...gone.flatMap((d) => d.put)], drop: gone.flatMap((d) => d.drop) });
  return { sourceId, runId: ctx.runId, seq, changes: packChanges(encoded), checkpoint: { seq }, counts: counts(places.length), problems: [] };
}

describeRedis('Entity matching in distributed mode', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let pool: WorkerPool | undefined;
  let set: HubQueueSet | undefined;
  const store = new MemoryStore();

  afterAll(async () => {
    await pool?.close();
    for (const q of Object.values(set?.queues ?? {})) await q.obliterate({ force: true }).catch(() => undefined);
    await set?.close();
    await dir?.cleanup();
  });

  it('the publish job matches, rewrites stored records, skips unchanged ones and takes deleted ones out', async () => {
    dir = await tempDir();
    const config = testConfig(configYaml({ ldesUrl: 'http://127.0.0.1:9/unused', dataDir: dir.path, redisUrl: 'redis://127.0.0.1:6379', prefix: uniquePrefix() }));
    set = new HubQueueSet(config);
    pool = await WorkerPool.start(config, { roles: ['publish'], store, log: pino({ level: 'silent' }), matching: testMatching() });
    for (const id of ['a', 'b']) await set.state.startRun(`run-${id}`, { sourceId: id, startedAt: new Date().toISOString(), full: true });
    const apply = async (data: PublishJobData) => {
      await set!.queues.publish.add('publish', data, { jobId: batchJobId(QueueName.Publish, data.sourceId, data.runId, data.seq) });
      await waitFor(`${data.sourceId} seq ${data.seq} applied`, async () => ((await set!.state.position(data.sourceId)).seq === data.seq ? true : undefined));
    };
    const subjects = async (src: string, id: string) => [...new Set((await store.graph(recordGraphIri(BASE, src, id))).map((q) => q.subject.value))];

    const bPlaces = [
      { id: 'b1', name: 'Vooruit - Theaterzaal', ids: ['urn:venue:vooruit'] },
      { id: 'b2', name: 'Handelsbeurs' },
    ];
    await apply(batch('b', 1, bPlaces));
    expect(await subjects('b', 'b1')).toEqual([B1]);
    // a arrives later with a smaller IRI: b1, already stored, moves onto it.
    await apply(batch('a', 1, [{ id: 'a1', name: 'Vooruit', ids: ['urn:venue:vooruit'] }]));
    expect(await subjects('b', 'b1')).toEqual([A1]);
    expect((await store.graph(recordGraphIri(BASE, 'b', 'b1'))).some((q) => q.predicate.value === OWL('sameAs') && q.object.value === B1)).toBe(true);
    expect(await subjects('b', 'b2')).toEqual([entityIri(BASE, 'plaats', 'b', 'b2')]);
    expect((await store.graph(`${BASE}graph/links`)).filter((q) => q.predicate.value === OWL('sameAs')).map((q) => [q.subject.value, q.object.value])).toEqual([[A1, B1]]);

    // The same batch again: both records unchanged (their hash is taken before the rewrite).
    await apply(batch('b', 2, bPlaces));
    expect(await set.state.run('run-b')).toMatchObject({ published: 4, unchanged: 2 });

    // a1 deleted: b1 gets its own IRI back.
    await apply(batch('a', 2, [], ['a1']));
    expect(await subjects('b', 'b1')).toEqual([B1]);
    expect((await store.graph(`${BASE}graph/links`)).filter((q) => q.predicate.value === OWL('sameAs'))).toEqual([]);

    // The same batches as the embedded run commits them (quads, not text) leave the same graphs.
    const embedded = new MemoryStore();
    const step = new MatchStep(testMatching(), embedded, BASE);
    for (const data of [batch('b', 1, bPlaces), batch('a', 1, [{ id: 'a1', name: 'Vooruit', ids: ['urn:venue:vooruit'] }]), batch('b', 2, bPlaces), batch('a', 2, [], ['a1'])]) {
      await publishChanges(embedded, decodeChanges(unpackChanges(data.changes)), false, step);
    }
    // Every graph but the index generation, without publication times (each run has its own; the
    // publication node's IRI carries its batch time, so it is compared by what it says).
    const dump = async (s: MemoryStore) =>
      nQuadLines(
        (await s.select(`SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g != <${BASE}graph/match-state> && ?p != <${PROV('generatedAtTime')}> && ?p != <${PROV('endedAtTime')}>) }`)).map((r) =>
          quad(r.s as never, r.p as never, r.o as never, r.g as never),
        ),
      )
        .map((line) => line.replace(/\/published\/[^>]+>/g, '/published/*>'))
        .sort();
    const distributed = await dump(store);
    expect(distributed.length).toBeGreaterThan(20);
    expect(await dump(embedded)).toEqual(distributed);
  });
});
