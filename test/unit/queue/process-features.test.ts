/**
 * The process job extracts match features where the record is mapped (as the embedded run does)
 * and hands them on in the encoded provenance graph; a source with `matching: false` hands on none.
 */
import { pino } from 'pino';
import { ConfigSchema } from '../../../src/config/schema.js';
import { literal, namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import { RDF } from '../../../src/core/vocab.js';
import { featuresOfWrite } from '../../../src/pipeline/matching/match-features.js';
import type { SourceRuntime } from '../../../src/pipeline/source-runtime.js';
import type { PublishJobData } from '../../../src/queue/queues.js';
import { unpackChanges } from '../../../src/store/encoded-graphs.js';
import type { WorkerContext } from '../../../src/queue/worker-context.js';
import { processProcessor } from '../../../src/queue/workers/process.worker.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { NAME, testMatcher } from '../../helpers/test-matching.js';

const BASE = 'http://hub.test/';
const config = ConfigSchema.parse({
  hub: { baseIri: BASE, dataDir: '/tmp/unused' },
  sources: ['a', 'c'].map((id) => ({ id, entityType: 'plaats', mapping: 'm.yml', shapes: ['s.ttl'], connector: { type: 'files' }, ...(id === 'c' ? { matching: false } : {}) })),
});

async function processed(sourceId: string): Promise<PublishJobData> {
  const added: PublishJobData[] = [];
  const runtime: SourceRuntime = {
    source: config.sources.find((s) => s.id === sourceId)!,
    connector: { type: 'fake', check: async () => ({ ok: true, message: 'ok' }), async *read() {} },
    connectorConfig: {},
    mapper: {
      id: 'm',
      version: '1',
      map: async (r) => ({ quads: [quad(namedNode(`https://x.example/${r.recordId}`), namedNode(RDF('type')), namedNode('https://schema.org/Place')), quad(namedNode(`https://x.example/${r.recordId}`), namedNode(NAME), literal('Vooruit'))] }),
    },
    validator: new ShaclValidator(parseRdf('<urn:x> <urn:y> <urn:z> .'), { id: 's', version: '1' }),
  };
  const ctx = {
    config: { ...config, baseDir: '/tmp' },
    log: pino({ level: 'silent' }),
    runtime: async () => runtime,
    matching: { matcher: testMatcher },
    set: { queues: { publish: { add: async (_name: string, data: PublishJobData) => void added.push(data) } } },
  } as unknown as WorkerContext;
  await processProcessor(ctx)({ id: 'j1', data: { sourceId, runId: 'r1', seq: 1, items: [{ type: 'record', record: { sourceId, recordId: '1', mediaType: 'application/json', body: '{}' } }], checkpoint: {} } } as never);
  return added[0]!;
}

describe('The process job', () => {
  it("puts the record's match features into the encoded provenance graph", async () => {
    const data = await processed('a');
    const found = (unpackChanges(data.changes).put ?? []).map(featuresOfWrite).find((f) => f !== undefined);
    expect(found).toEqual({ recordGraph: `${BASE}graph/a/1`, features: [{ iri: `${BASE}id/plaats/a/1`, type: 'plaats', sources: ['a'], labels: [{ value: 'Vooruit' }], identifiers: [] }] });
  });

  it('hands on no features for a source that opts out (matching: false)', async () => {
    const data = await processed('c');
    expect((unpackChanges(data.changes).put ?? []).map(featuresOfWrite).find((f) => f !== undefined)).toEqual({ recordGraph: `${BASE}graph/c/1`, features: [] });
  });
});
