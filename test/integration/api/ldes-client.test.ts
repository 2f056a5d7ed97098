/**
 * The hub's LDES streams read by an independent client: rdf-connect's ldes-client (npm), which
 * extracts members as the TREE spec says (CBD of the member IRI, the named graph named by it, the
 * tree:shape's paths). Every latest member it emits, materialised (version IRI → entity IRI),
 * must be the entity exactly as its IRI serves it (GET, N-Triples), plus the version's
 * prov:generatedAtTime, which the client keeps; deletes are as:Delete members of entities gone.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { createApp } from '../../../src/api/app.js';
import { projectPath } from '../../../src/core/paths.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { startLdesHub, type LdesHub } from '../../helpers/ldes-hub.js';

const PROV_TIME = 'http://www.w3.org/ns/prov#generatedAtTime';
const AS_DELETE = 'https://www.w3.org/ns/activitystreams#Delete';
const run = promisify(execFile);

interface ClientMember {
  id: string;
  isVersionOf?: string;
  timestamp?: string;
  quads: string;
}

/** Runs the client over a stream; the members it emitted. */
async function ldesClient(url: string, ...flags: string[]): Promise<ClientMember[]> {
  const { stdout } = await run(process.execPath, [projectPath('test/helpers/ldes-client-members.mjs'), url, ...flags], { cwd: projectPath('.'), maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ClientMember);
}

/** Triples only (the client keeps a member's named graph; the entity is served as triples). */
const triples = (text: string, format = 'N-Quads') => new N3.Parser({ format }).parse(text).map((q) => N3.DataFactory.quad(q.subject, q.predicate, q.object));

describe('An independent LDES client (rdf-connect ldes-client)', () => {
  let h: LdesHub;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const holder: { app?: ReturnType<typeof createApp> } = {};
    server = createServer((req, res) => holder.app!(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // Entity IRIs under the server's own address, so that they dereference here.
    h = await startLdesHub({ baseIri: url, fixture: { objects: 8, pageSize: 5 } });
    holder.app = createApp({ ...hubPorts(h.hub), log: () => undefined });
    await h.hub.harvest('ghent-dmg');
    // The server's version log takes the versions the store holds when it is read.
    expect((await fetch(`${url}ldes/heritage-objects/page/0`)).status).toBe(200);
    // A second run: one changed object (a second version) and one deleted.
    h.fixture.addVersion('530000003', { title: 'Nieuwe titel', extraProductions: 1 });
    h.fixture.deleteObject('530000005');
    await h.hub.harvest('ghent-dmg');
    // The log syncs at most every 2 s.
    await new Promise((resolve) => setTimeout(resolve, 2100));
  }, 120_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  it('gives, for every member, materialised, exactly the entity its IRI serves (plus the version time)', async () => {
    const members = await ldesClient(`${url}ldes/heritage-objects`, '--materialize');
    // 8 first versions, 1 changed version, 1 delete.
    expect(members).toHaveLength(10);
    const isDelete = (m: ClientMember) => triples(m.quads).some((q) => q.subject.value === m.id && q.object.value === AS_DELETE);
    // A delete's time is the source's (older than the hub's versions): deleted entities are those with a delete member.
    const deleted = new Set(members.filter(isDelete).map((m) => m.isVersionOf!));
    expect(deleted.size).toBe(1);
    for (const entity of deleted) expect((await fetch(entity, { headers: { accept: 'application/n-triples' } })).status).toBe(410);
    const latest = new Map<string, ClientMember>();
    for (const m of members.filter((x) => !deleted.has(x.isVersionOf!))) if (!latest.has(m.isVersionOf!) || latest.get(m.isVersionOf!)!.timestamp! < m.timestamp!) latest.set(m.isVersionOf!, m);
    expect(latest.size).toBe(7);
    let compared = 0;
    for (const [entity, m] of latest) {
      // Materialised: the member's id is the entity, its triples are about the entity.
      expect(m.id).toBe(entity);
      const got = triples(m.quads);
      const response = await fetch(entity, { headers: { accept: 'application/n-triples' } });
      expect(response.status).toBe(200);
      // The version's time, which the client keeps on the materialised entity (the entity may have one of its own).
      const times = got.filter((q) => q.subject.value === entity && q.predicate.value === PROV_TIME && Date.parse(q.object.value) === Date.parse(m.timestamp!));
      expect(times).toHaveLength(1);
      const member = got.filter((q) => !times.includes(q));
      const served = triples(await response.text(), 'N-Triples');
      expect(served.length).toBeGreaterThan(5);
      if (!isomorphic(member, served)) {
        const line = (q: N3.Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.value}`;
        // Shown when they differ: what one side has and the other lacks.
        expect({ entity, onlyInMember: member.map(line).filter((l) => !served.map(line).includes(l)), onlyServed: served.map(line).filter((l) => !member.map(line).includes(l)) }).toEqual({ entity, onlyInMember: [], onlyServed: [] });
      }
      compared++;
    }
    expect(compared).toBe(7);
  }, 180_000);

  it('reads members whole without the shape too (--no-shape: CBD and the member graph only)', async () => {
    const withShape = await ldesClient(`${url}ldes/heritage-objects`);
    const without = await ldesClient(`${url}ldes/heritage-objects`, '--no-shape');
    const byId = (ms: ClientMember[]) => new Map(ms.map((m) => [m.id, triples(m.quads)]));
    const a = byId(withShape);
    const b = byId(without);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [id, quads] of a) expect(isomorphic(quads, b.get(id)!)).toBe(true);
  }, 180_000);
});
