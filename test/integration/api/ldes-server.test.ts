import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jsonld from 'jsonld';
import N3 from 'n3';
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { errorHandler } from '../../../src/api/http-errors.js';
import { createLdesRouter } from '../../../src/api/routes/ldes.js';
import { LdesConnector } from '../../../src/connectors/ldes/ldes-connector.js';
import type { LdesState } from '../../../src/connectors/ldes/config.js';
import { LdesConfigSchema } from '../../../src/connectors/ldes/config.js';
import { entityIri, recordGraphIri } from '../../../src/core/identifiers.js';
import { literal, namedNode, type Quad } from '../../../src/core/rdf.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

const DCT = 'http://purl.org/dc/terms/';
const PROV = 'http://www.w3.org/ns/prov#';
let th: TestHub;
let server: Server;
let url: string;
let app: express.Express;

const activity = (base: string, id: string, title: string): Quad[] => {
  const s = entityIri(base, 'activiteit', 'uit', id);
  return [
    t(s, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', namedNode('http://www.cidoc-crm.org/cidoc-crm/E7_Activity')),
    t(s, `${DCT}title`, literal(title, 'nl')),
    t(s, 'http://www.cidoc-crm.org/cidoc-crm/P7_took_place_at', namedNode(`${s}#place`)),
    t(`${s}#place`, 'http://www.w3.org/2000/01/rdf-schema#label', `Zaal ${id}`),
  ];
};

const ntLine = (q: Quad) => new N3.Writer({ format: 'N-Triples' }).quadToString(q.subject, q.predicate, q.object);

/** Replays connector messages into record id → triples (version subjects back to the entity). */
async function replicate(state: LdesState | undefined, replica: Map<string, Set<string>>, start = `${url}ldes/activities/page/0`): Promise<LdesState | undefined> {
  const config = LdesConfigSchema.parse({ type: 'ldes', url: start, maxAttempts: 1 });
  let last = state;
  for await (const message of new LdesConnector().read(config, state, 'replica')) {
    if (message.type === 'checkpoint') last = message.state;
    if (message.type === 'delete') replica.delete(message.recordId);
    if (message.type === 'error') throw new Error(message.message);
    if (message.type === 'record') {
      const nquads = (await jsonld.toRDF(JSON.parse(message.record.body), { format: 'application/n-quads' })) as unknown as string;
      const quads = new N3.Parser({ format: 'N-Quads' }).parse(nquads) as Quad[];
      const version = message.record.meta!.version!;
      const entity = message.record.link!;
      const triples = quads
        .filter((q) => !(q.subject.value === version && [`${DCT}isVersionOf`, `${PROV}generatedAtTime`].includes(q.predicate.value)))
        .map((q) => ntLine({ ...q, subject: q.subject.value === version ? namedNode(entity) : q.subject, predicate: q.predicate, object: q.object } as Quad));
      replica.set(message.record.recordId, new Set(triples));
    }
  }
  return last;
}

/** What the hub publishes now: record id → the record graph's triples. */
async function published(ids: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const id of ids) {
    const quads = await th.hub.store.graph(recordGraphIri(url, 'uit', id));
    if (quads.length) out.set(id, new Set(quads.map(ntLine)));
  }
  return out;
}

describe.each(testStores())('On the %s store,', (_name, store) => {
  beforeAll(async () => {
    const holder: { app?: express.Express } = {};
    server = createServer((req, res) => holder.app!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    th = await openTestHub({ store, hub: { baseIri: url }, sources: [{ id: 'uit', entityType: 'activiteit' }] });
    app = express().use(createLdesRouter(hubPorts(th.hub), { pageSize: 7 })).use(errorHandler(() => undefined));
    holder.app = app;
    const ids = Array.from({ length: 20 }, (_, i) => `ev${String(i).padStart(2, '0')}`);
    await publish(th.hub, 'uit', ids.map((id) => ({ recordId: id, quads: activity(url, id, `Activiteit ${id}`) })), '2026-11-01T10:00:00.000Z');
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await th.close();
  });

  describe('The LDES server', () => {
    it('describes the stream: versions, timestamp, delete marking, shape, first view', async () => {
      const r = await request(app).get('/ldes/activities').set('accept', 'text/turtle');
      expect(r.status).toBe(200);
      const quads = new N3.Parser().parse(r.text);
      const about = (p: string) => quads.find((q) => q.subject.value === `${url}ldes/activities` && q.predicate.value === p)?.object.value;
      expect(about('http://www.w3.org/1999/02/22-rdf-syntax-ns#type')).toBe('https://w3id.org/ldes#EventStream');
      expect(about('https://w3id.org/ldes#timestampPath')).toBe(`${PROV}generatedAtTime`);
      expect(about('https://w3id.org/ldes#versionOfPath')).toBe(`${DCT}isVersionOf`);
      expect(about('https://w3id.org/ldes#versionDeleteObject')).toBe('https://www.w3.org/ns/activitystreams#Delete');
      expect(about('https://w3id.org/tree#shape')).toBe(`${url}ldes/activities/shape`);
      expect(about('https://w3id.org/tree#view')).toBe(`${url}ldes/activities/page/0`);
      expect((await request(app).get('/ldes/nothing')).status).toBe(404);
    });

    it('serves full pages immutable, with GreaterThanOrEqualTo relations on prov:generatedAtTime', async () => {
      const first = await request(app).get('/ldes/activities/page/0');
      expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const doc = JSON.parse(first.text);
      expect(doc['@included']).toHaveLength(7);
      expect(doc['tree:relation'][0]).toMatchObject({ '@type': 'tree:GreaterThanOrEqualToRelation', 'tree:node': { '@id': `${url}ldes/activities/page/1` } });
      const last = await request(app).get('/ldes/activities/page/2');
      expect(last.headers['cache-control']).toMatch(/max-age=10$/);
      expect(JSON.parse(last.text)['tree:relation']).toEqual([]);
      expect((await request(app).get('/ldes/activities/page/3')).status).toBe(404);
    });

    it("carries each member's entity description in the named graph of its version (N-Quads, TriG, JSON-LD)", async () => {
      const entity = entityIri(url, 'activiteit', 'uit', 'ev00');
      for (const type of ['application/n-quads', 'application/trig', 'application/ld+json']) {
        const r = await request(app).get('/ldes/activities/page/0').set('accept', type);
        expect(r.headers['content-type']).toContain(type);
        const nquads = type === 'application/ld+json' ? ((await jsonld.toRDF(JSON.parse(r.text), { format: 'application/n-quads' })) as unknown as string) : r.text;
        const quads = new N3.Parser({ format: type === 'application/trig' ? 'TriG' : 'N-Quads' }).parse(nquads);
        const version = quads.find((q) => q.predicate.value === `${DCT}isVersionOf` && q.object.value === entity)!.subject.value;
        // The version node says what the stream declares; the entity and its #place are in the version's graph.
        expect(quads.filter((q) => q.subject.value === version).map((q) => `${q.predicate.value} ${q.graph.termType}`).sort()).toEqual([`${DCT}isVersionOf DefaultGraph`, `${PROV}generatedAtTime DefaultGraph`]);
        const member = quads.filter((q) => q.graph.value === version).map(ntLine).sort();
        expect(member).toEqual(activity(url, 'ev00', 'Activiteit ev00').map(ntLine).sort());
      }
      // Turtle and N-Triples carry triples only: the same triples, no graph.
      const ttl = await request(app).get('/ldes/activities/page/0').set('accept', 'text/turtle');
      expect(new N3.Parser({ format: 'text/turtle' }).parse(ttl.text).some((q) => q.subject.value === `${entity}#place`)).toBe(true);
    });

    it("is replicated exactly by the hub's own LDES client, changes and deletes included", async () => {
      const ids = Array.from({ length: 24 }, (_, i) => `ev${String(i).padStart(2, '0')}`);
      const replica = new Map<string, Set<string>>();
      const state = await replicate(undefined, replica);
      expect(replica).toEqual(await published(ids));
      expect(replica.size).toBe(20);

      // A later run changes five, deletes three and adds four.
      await publish(th.hub, 'uit', ['ev01', 'ev02', 'ev03', 'ev04', 'ev05'].map((id) => ({ recordId: id, quads: activity(url, id, `Gewijzigd ${id}`) })), '2026-11-02T10:00:00.000Z', 'run-2');
      await unpublish(th.hub, 'uit', ['ev06', 'ev07', 'ev08'], '2026-11-02T11:00:00.000Z', 'run-2');
      await publish(th.hub, 'uit', ['ev20', 'ev21', 'ev22', 'ev23'].map((id) => ({ recordId: id, quads: activity(url, id, `Nieuw ${id}`) })), '2026-11-02T12:00:00.000Z', 'run-2');
      // Let the server's version log see the new state (it syncs at most every 2 s).
      await new Promise((resolve) => setTimeout(resolve, 2100));
      await replicate(state, replica);
      const now = await published(ids);
      expect(now.size).toBe(21);
      expect(replica).toEqual(now);
      expect([...replica.get('ev03')!].some((l) => l.includes('Gewijzigd ev03'))).toBe(true);
    }, 30000);

    it('is replicated as exactly when the client starts at the ldes:EventStream IRI (following tree:view)', async () => {
      const ids = Array.from({ length: 24 }, (_, i) => `ev${String(i).padStart(2, '0')}`);
      const replica = new Map<string, Set<string>>();
      await replicate(undefined, replica, `${url}ldes/activities`);
      expect(replica.size).toBe(21);
      expect(replica).toEqual(await published(ids));
    });

    it('keeps every version as an immutable member, across a restart of the log', async () => {
      const fresh = express().use(createLdesRouter(hubPorts(th.hub), { pageSize: 7 })).use(errorHandler(() => undefined));
      const members: any[] = [];
      for (let n = 0; ; n++) {
        const r = await request(fresh).get(`/ldes/activities/page/${n}`);
        if (r.status === 404) break;
        members.push(...JSON.parse(r.text)['@included']);
      }
      // 20 first versions, 5 changed versions, 3 deletes, 4 new.
      expect(members).toHaveLength(32);
      const ev03 = members.filter((m) => m[`${DCT}isVersionOf`][0]['@id'] === entityIri(url, 'activiteit', 'uit', 'ev03'));
      expect(ev03.map((m) => m[`${PROV}generatedAtTime`][0]['@value'])).toEqual(['2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z']);
      const deletes = members.filter((m) => (m['@type'] ?? []).includes('https://www.w3.org/ns/activitystreams#Delete'));
      expect(deletes.map((m) => m[`${DCT}isVersionOf`][0]['@id'].split('/').pop())).toEqual(['ev06', 'ev07', 'ev08']);
    });
  });
});
