/**
 * A hub over a real OxigraphStore in a temporary dataDir, and records published the way the
 * pipeline publishes them (record graph + provenance graph, tombstones on delete).
 */
import type { Express } from 'express';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { ConfigSchema, SourceSchema, type HubConfigInput } from '../../../src/config/schema.js';
import { literal, namedNode, quad, type Quad } from '../../../src/core/rdf.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { deleteWrites, publishWrites, type PublishContext } from '../../../src/pipeline/record-publisher.js';
import { publishChanges } from '../../../src/pipeline/steps/publish.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { embeddedStore, type TestStore } from '../../helpers/test-stores.js';

export const BASE = 'http://hub.test/';

export interface TestHub {
  hub: Hub;
  app: Express;
  dataDir: string;
  close(): Promise<void>;
}

type SourceInput = { id: string; entityType: string; organisation?: string; name?: string; ownIriPrefixes?: string[]; europeana?: { defaultRights?: string } };

/**
 * `store`: the store to run on (test/helpers/test-stores.ts), the embedded one by default. On a
 * shared store the hub gets a base IRI of its own (`hub.config.hub.baseIri`), and close() drops its graphs.
 */
/** `matching: false`: no match step (a test that seeds the links graph itself, or counts on no ReclusterPort). */
export async function openTestHub(options: { hub?: HubConfigInput['hub']; sources?: SourceInput[]; store?: TestStore; matching?: false } = {}): Promise<TestHub> {
  const dir = await tempDir('hub-api-');
  const store = options.store ?? embeddedStore;
  const base = store === embeddedStore ? BASE : store.baseIri();
  const parsed = ConfigSchema.parse({
    hub: { baseIri: base, ...options.hub, dataDir: dir.path, sparql: { ...options.hub?.sparql }, store: { ...options.hub?.store, ...store.settings } },
    sources: (options.sources ?? []).map((s) => ({ mapping: 'none.yml', shapes: ['none.ttl'], connector: { type: 'files' }, ...s })),
  });
  const hub = await Hub.open({ ...parsed, baseDir: dir.path }, options.matching === false ? { matching: null } : {});
  const app = createApp({ ...hubPorts(hub), log: () => undefined });
  return {
    hub,
    app,
    dataDir: dir.path,
    close: async () => {
      await hub.close();
      await store.cleanup(hub.config.hub.baseIri);
      await dir.cleanup();
    },
  };
}

function context(hub: Hub, sourceId: string, runId = 'run-1'): PublishContext {
  const source = hub.config.sources.find((s) => s.id === sourceId) ?? SourceSchema.parse({ id: sourceId, mapping: 'x', shapes: ['x'], connector: { type: 'files' } });
  return { baseIri: hub.config.hub.baseIri, source, runId, mapping: { id: 'mappings/test.yml', version: 'v1' }, shapes: { id: 'shapes/test.ttl', version: 'v1' } };
}

/** Publishes records (quads about the hub IRI) as the pipeline does, in one commit. */
export async function publish(hub: Hub, sourceId: string, records: { recordId: string; quads: Quad[]; modified?: string; organisation?: string; link?: string }[], now = new Date().toISOString(), runId = 'run-1'): Promise<void> {
  const ctx = context(hub, sourceId, runId);
  const put = records.flatMap((r) =>
    publishWrites({ sourceId, recordId: r.recordId, mediaType: 'text/turtle', body: '', modified: r.modified, link: r.link, meta: r.organisation ? { organisation: r.organisation } : undefined }, r.quads, true, ctx, now),
  );
  await hub.store.commit({ put });
}

export async function unpublish(hub: Hub, sourceId: string, recordIds: string[], now = new Date().toISOString(), runId = 'run-2'): Promise<void> {
  const ctx = context(hub, sourceId, runId);
  const changes = recordIds.map((id) => deleteWrites(id, ctx, now));
  // As the pipeline commits a batch: its tombstones keep what the records described.
  await publishChanges(hub.store, { drop: changes.flatMap((c) => c.drop), put: changes.flatMap((c) => c.put) });
}

export const iri = namedNode;
export const t = (s: string, p: string, o: string | Quad['object']) => quad(namedNode(s), namedNode(p), typeof o === 'string' ? literal(o) : o);
