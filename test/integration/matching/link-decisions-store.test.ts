/**
 * Curator decisions on the embedded store: kept through its journal (they survive a reopen), refused
 * when they contradict a kept one, and the links graph read back for review with labels and sources.
 */
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { DecisionConflictError, decisionsGraphIri, loadDecisions, makeDecision, recordDecision, withdrawDecision } from '../../../src/publication/matching/decisions.js';
import { clusterOf, clusters, linksOf, reviewQueue } from '../../../src/publication/matching/links-read.js';
import { NotFoundError } from '../../../src/core/errors.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { linksGraphWrite } from '../../helpers/links-graph.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const place = (source: string, n: string) => `${BASE}id/plaats/${source}/${n}`;
const NAME = 'https://schema.org/name';
const PREF = 'http://www.w3.org/2004/02/skos/core#prefLabel';

let dir: { path: string; cleanup: () => Promise<void> };
let store: OxigraphStore;
const open = async () => {
  store = new OxigraphStore({ dataDir: dir.path, baseIri: BASE });
  await store.open();
};

beforeEach(async () => {
  dir = await tempDir();
  await open();
});
afterEach(async () => {
  await store.close();
  await dir.cleanup();
});

describe('link decisions on the embedded store', () => {
  it('records, withdraws and loads decisions, and keeps them across a reopen', async () => {
    const merge = makeDecision(BASE, { kind: 'merge', a: place('uit', '1'), b: place('tm', '1'), note: 'same hall', curator: 'Ann' });
    const split = makeDecision(BASE, { kind: 'split', a: place('uit', '9') });
    expect(await recordDecision(store, BASE, merge)).toEqual({ decision: merge, created: true });
    expect(await recordDecision(store, BASE, split)).toEqual({ decision: split, created: true });
    // The same decision again keeps the first one.
    const again = makeDecision(BASE, { kind: 'merge', a: place('tm', '1'), b: place('uit', '1'), note: 'other note' });
    expect(await recordDecision(store, BASE, again)).toEqual({ decision: merge, created: false });

    await store.close();
    await open();
    // Sorted by time, then id: two decisions of one millisecond come in id order.
    expect(await loadDecisions(store, BASE)).toEqual([merge, split].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : 1)));

    expect(await withdrawDecision(store, BASE, split.id)).toEqual(split);
    await expect(withdrawDecision(store, BASE, split.id)).rejects.toThrow(NotFoundError);
    await store.close();
    await open();
    expect(await loadDecisions(store, BASE)).toEqual([merge]);
    // Not record data: nothing of it in the entities graph.
    expect(await store.ask(`ASK { GRAPH <${BASE}graph/entities> { ?s <https://w3id.org/culture-lod-hub/ns#decision> ?k } }`)).toBe(false);

    await withdrawDecision(store, BASE, merge.id);
    expect(await store.graph(decisionsGraphIri(BASE))).toEqual([]);
  });

  it('refuses a never-merge of a merged pair until the merge is withdrawn, and the reverse', async () => {
    const merge = makeDecision(BASE, { kind: 'merge', a: place('uit', '1'), b: place('tm', '1') });
    const apart = makeDecision(BASE, { kind: 'never-merge', a: place('uit', '1'), b: place('tm', '1') });
    await recordDecision(store, BASE, merge);
    await expect(recordDecision(store, BASE, apart)).rejects.toThrow(DecisionConflictError);
    await expect(recordDecision(store, BASE, apart)).rejects.toThrow(`contradicts the kept decision(s) merge ${merge.id}`);
    await withdrawDecision(store, BASE, merge.id);
    await recordDecision(store, BASE, apart);
    await expect(recordDecision(store, BASE, merge)).rejects.toThrow(`never-merge ${apart.id}`);
    expect(await loadDecisions(store, BASE)).toEqual([apart]);
  });

  it('keeps every one of many decisions recorded at once', async () => {
    const decisions = Array.from({ length: 12 }, (_, i) => makeDecision(BASE, { kind: 'never-merge', a: place('uit', `${i}`), b: place('tm', `${i}`) }));
    await Promise.all(decisions.map((d) => recordDecision(store, BASE, d)));
    expect((await loadDecisions(store, BASE)).map((d) => d.id).sort()).toEqual(decisions.map((d) => d.id).sort());
  });
});

describe('reading the links graph', () => {
  const vooruit = place('tm', 'v1');
  const vooruitUit = place('uit', 'v2');
  const hall = place('uit', 'h1');
  const hallTm = place('tm', 'h2');
  const far = place('uit', 'f1');
  const farTm = place('tm', 'f2');

  beforeEach(async () => {
    const label = (s: string, p: string, value: string, language?: string) => quad(namedNode(s), namedNode(p), literal(value, language));
    await store.commit({
      put: [
        { graph: `${BASE}graph/tm/v1`, entity: true, quads: [label(vooruit, NAME, 'Vooruit'), label(vooruit, PREF, 'Vooruit Gent', 'en')] },
        { graph: `${BASE}graph/uit/v2`, entity: true, quads: [label(vooruitUit, NAME, 'Vooruit - Theaterzaal', 'nl')] },
        { graph: `${BASE}graph/uit/h1`, entity: true, quads: [label(hall, NAME, 'Zaal <b>1</b>')] },
        { graph: `${BASE}graph/tm/h2`, entity: true, quads: [label(hallTm, NAME, 'Zaal 1')] },
        linksGraphWrite(
          BASE,
          [
            { a: vooruit, b: vooruitUit, type: 'plaats', score: 0.82, verdict: 'review', evidence: [{ rule: 'title', weight: 0.5, detail: 'names 0.82 alike' }] },
            { a: hallTm, b: hall, type: 'plaats', score: 0.91, verdict: 'review', evidence: [{ rule: 'address', weight: 0.6, detail: 'same address' }, { rule: 'geo-distance', weight: -0.1, detail: '300 m apart' }] },
            { a: farTm, b: far, type: 'plaats', score: 0.7, verdict: 'review', evidence: [] },
            { a: place('tm', 'm1'), b: place('uit', 'm2'), type: 'plaats', score: 0.99, verdict: 'match', evidence: [] },
          ],
          [{ iri: place('tm', 'm1'), members: [place('tm', 'm1'), place('uit', 'm2')] }],
        ),
      ],
    });
  });

  it('lists the pairs to review, best score first, paged, with labels and sources', async () => {
    const page = await reviewQueue(store, BASE, { limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((l) => [l.a.iri, l.b.iri, l.score])).toEqual([
      [hallTm, hall, 0.91],
      [vooruit, vooruitUit, 0.82],
    ]);
    const [first, second] = page.items;
    expect(first!.evidence).toEqual([{ rule: 'address', weight: 0.6, detail: 'same address' }, { rule: 'geo-distance', weight: -0.1, detail: '300 m apart' }]);
    expect(first!.summary).toBe('same address; 300 m apart');
    expect(first!.b).toEqual({ iri: hall, label: 'Zaal <b>1</b>', labels: [{ value: 'Zaal <b>1</b>' }], records: [{ graph: `${BASE}graph/uit/h1`, source: 'uit' }] });
    // English before a plain literal; Dutch would come first.
    expect(second!.a.label).toBe('Vooruit Gent');
    expect(second!.b.label).toBe('Vooruit - Theaterzaal');
    const rest = await reviewQueue(store, BASE, { limit: 2, offset: 2 });
    expect(rest.items.map((l) => l.a.iri)).toEqual([farTm]);
    expect(rest.items[0]!.a).toEqual({ iri: farTm, labels: [], records: [] });
  });

  it('leaves out the pairs a curator decided', async () => {
    await recordDecision(store, BASE, makeDecision(BASE, { kind: 'never-merge', a: hall, b: hallTm }));
    const page = await reviewQueue(store, BASE);
    expect(page.total).toBe(2);
    expect(page.items.map((l) => l.a.iri)).toEqual([vooruit, farTm]);
  });

  it('reads the links of one entity and the clusters', async () => {
    expect((await linksOf(store, BASE, hall)).map((l) => [l.a.iri, l.b.iri, l.verdict])).toEqual([[hallTm, hall, 'review']]);
    const cluster = await clusterOf(store, BASE, place('uit', 'm2'));
    expect(cluster.iri).toBe(place('tm', 'm1'));
    expect(cluster.members.map((m) => m.iri)).toEqual([place('tm', 'm1'), place('uit', 'm2')]);
    expect((await clusterOf(store, BASE, hall)).members.map((m) => m.iri)).toEqual([hall]);
    expect(await clusters(store, BASE)).toEqual({ total: 1, offset: 0, limit: 50, items: [{ iri: place('tm', 'm1'), members: [place('tm', 'm1'), place('uit', 'm2')] }] });
  });
});
