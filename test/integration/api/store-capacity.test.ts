/**
 * How full the embedded store is (issue 19, item 3): its capacity in /health, /metrics and on the
 * sources page, with a warning from 80 % on, well before a commit past the ceiling is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { capacityOf, OxigraphStore } from '../../../src/store/oxigraph-store.js';
import type { StoreHealth } from '../../../src/store/store.js';
import { startLdesHub, type LdesHub } from '../../helpers/ldes-hub.js';

const quads = (n: number) => Array.from({ length: n }, (_, i) => quad(namedNode(`http://h/s${i}`), namedNode('http://h/p'), literal(`v${i}`)));

describe('The embedded store says how full it is', () => {
  it('warns from 80 % of its ceiling on, naming the way out', () => {
    expect(capacityOf(7_999, 10_000)).toEqual({ quads: 7_999, ceiling: 10_000, used: 0.7999 });
    const near = capacityOf(8_000, 10_000);
    expect(near.warning).toMatch(/holds 8,000 of the 10,000 quads it accepts \(80 %\); past that, commits are refused: move to a remote SPARQL store/);
  });

  it('reports its own count against maxQuads in health()', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'hub-capacity-health-'));
    const store = new OxigraphStore({ dataDir, maxQuads: 10 });
    try {
      await store.open();
      await store.commit({ put: [{ graph: 'http://h/g', quads: quads(9) }] });
      // The count behind /health is refreshed in the background at most every few seconds.
      let health: StoreHealth = await store.health();
      for (let i = 0; i < 80 && health.capacity?.quads !== 9; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = await store.health();
      }
      expect(health.capacity).toMatchObject({ quads: 9, ceiling: 10, used: 0.9 });
      expect(health.capacity?.warning).toContain('(90 %)');
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('over HTTP', () => {
    let h: LdesHub;
    afterAll(async () => h?.close());

    it('shows the capacity in /health, /metrics and /sources, and the warning when it is near', async () => {
      h = await startLdesHub();
      const app = createApp({ ...hubPorts(h.hub), log: () => undefined });
      const quiet = (await request(app).get('/health').expect(200)).body;
      expect(quiet.store.capacity).toEqual(expect.objectContaining({ ceiling: expect.any(Number), used: expect.any(Number) }));
      expect(quiet.warnings).toBeUndefined();
      expect((await request(app).get('/sources').set('accept', 'text/html').expect(200)).text).toMatch(/<p class="muted">Store: [\d,]+ of [\d,]+ quads \(\d+ %\)<\/p>/);

      // A store near its ceiling (its count as health() would give it).
      const real = h.hub.store.health.bind(h.hub.store);
      h.hub.store.health = async () => ({ ...(await real()), capacity: capacityOf(4_100_000, 5_000_000) });
      const near = (await request(app).get('/health').expect(200)).body;
      expect(near.status).toBe('ok');
      expect(near.warnings).toEqual([expect.stringContaining('(82 %)')]);
      const metrics = (await request(app).get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^hub_store_quads 4100000$/m);
      expect(metrics).toMatch(/^hub_store_quad_ceiling 5000000$/m);
      const sources = await request(app).get('/sources').set('accept', 'application/json').expect(200);
      expect(sources.body.store.capacity).toMatchObject({ quads: 4_100_000, ceiling: 5_000_000 });
      expect((await request(app).get('/sources').set('accept', 'text/html').expect(200)).text).toContain('role="alert">Store: 4,100,000 of 5,000,000 quads (82 %) — the embedded store holds');
    });
  });
});
