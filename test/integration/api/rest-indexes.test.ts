/**
 * The REST API's list and text indexes over the embedded store: built once, then patched from the
 * store's commit feed; `q` answered from them gives what the SPARQL filter gives on the same data.
 */
import { jest } from '@jest/globals';
import N3 from 'n3';
import request from 'supertest';
import { entityIri } from '../../../src/core/identifiers.js';
import { blankNode, literal, namedNode, quad, type Quad } from '../../../src/core/rdf.js';
import { listEntities, type EntityFilters } from '../../../src/publication/indexes/entity-index.js';
import { ListPages } from '../../../src/publication/indexes/list-pages.js';
import type { Store } from '../../../src/store/store.js';
import { BASE, openTestHub, publish, t, unpublish, type TestHub } from './api-helpers.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DCT = 'http://purl.org/dc/terms/';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const OBJECTS = ['mensgemaaktobject'];

/** Full builds: the index queries over every graph (GRAPH ?var); patches name their graphs (GRAPH <iri> … BIND). */
const isListBuild = (q: string) => q.includes('?pg ?published') && q.includes('GRAPH ?pg');
const isTextBuild = (q: string) => q.includes('GROUP_CONCAT') && q.includes('GRAPH ?g');
const isListPatch = (q: string) => q.includes('?pg ?published') && q.includes('BIND(<');
const isTextPatch = (q: string) => q.includes('GROUP_CONCAT') && q.includes('BIND(<');

const subject = (source: string, id: string) => entityIri(BASE, 'mensgemaaktobject', source, id);
/** An object with a direct title, or a nested title node (crm:P102_has_title [ rdfs:label … ]), a description and a type. */
function object(source: string, id: string, title: Quad['object'], options: { nested?: boolean; description?: Quad['object']; type?: string; date?: string } = {}): Quad[] {
  const s = subject(source, id);
  const quads = [t(s, RDF_TYPE, namedNode(options.type ?? `${CRM}E22_Human-Made_Object`))];
  if (options.nested) {
    const node = blankNode(`title-${id}`);
    quads.push(t(s, `${CRM}P102_has_title`, node), quad(node, namedNode(RDFS_LABEL), title));
  } else quads.push(t(s, `${DCT}title`, title));
  if (options.description) quads.push(t(s, `${DCT}description`, options.description));
  if (options.date) quads.push(t(s, `${CRM}P82a_begin_of_the_begin`, literal(options.date, namedNode('http://www.w3.org/2001/XMLSchema#date'))));
  return quads;
}

const members = (body: string) => new N3.Parser().parse(body).filter((q) => q.predicate.value === `${HYDRA}member`).map((q) => q.object.value);

describe('REST collection pages after commits (list and text indexes patched, not rebuilt)', () => {
  let th: TestHub;
  let queries: string[];
  beforeAll(async () => {
    th = await openTestHub({ hub: { api: { pageSize: 50, anonymousPerMinute: 100000 } }, sources: [{ id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent' }] });
    await publish(th.hub, 'dmg', [
      { recordId: 'chair-1', quads: object('dmg', 'chair-1', literal('Stoel in eik', 'nl')) },
      { recordId: 'vase-2', quads: object('dmg', 'vase-2', literal('Vaas', 'nl')) },
      { recordId: 'lamp-3', quads: object('dmg', 'lamp-3', literal('Lamp', 'nl')) },
      { recordId: 'table-4', quads: object('dmg', 'table-4', literal('Tafel in eik', 'nl')) },
    ]);
    const select = th.hub.store.select.bind(th.hub.store);
    queries = [];
    jest.spyOn(th.hub.store, 'select').mockImplementation((q, o) => {
      queries.push(q);
      return select(q, o);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await th.close();
  });

  const list = async (query: string) => {
    const r = await request(th.app).get(`/api/v1/heritage-objects${query}`).set('accept', 'text/turtle');
    expect(r.status).toBe(200);
    return members(r.text).sort();
  };

  it('reflects added, changed and deleted records exactly, with one build of each index', async () => {
    expect(await list('')).toEqual(['chair-1', 'lamp-3', 'table-4', 'vase-2'].map((id) => subject('dmg', id)));
    expect(await list('?q=eik')).toEqual([subject('dmg', 'chair-1'), subject('dmg', 'table-4')]);
    expect(queries.filter(isListBuild)).toHaveLength(1);
    expect(queries.filter(isTextBuild)).toHaveLength(1);

    // One commit adds a record; another changes one (new title, another organisation) and deletes one.
    await publish(th.hub, 'dmg', [{ recordId: 'bench-5', quads: object('dmg', 'bench-5', literal('Bank in eik', 'nl')) }], undefined, 'run-2');
    await publish(th.hub, 'dmg', [{ recordId: 'table-4', quads: object('dmg', 'table-4', literal('Tafel in beuk', 'nl')), organisation: 'MSK Gent' }], undefined, 'run-3');
    await unpublish(th.hub, 'dmg', ['lamp-3'], undefined, 'run-3');

    expect(await list('')).toEqual(['bench-5', 'chair-1', 'table-4', 'vase-2'].map((id) => subject('dmg', id)));
    expect(await list('?q=eik')).toEqual([subject('dmg', 'bench-5'), subject('dmg', 'chair-1')]);
    expect(await list('?q=beuk')).toEqual([subject('dmg', 'table-4')]);
    expect(await list('?q=lamp')).toEqual([]);
    expect(await list('?organisation=msk%20gent')).toEqual([subject('dmg', 'table-4')]);
    expect(await list('?organisation=Design%20Museum%20Gent&q=in')).toEqual([subject('dmg', 'bench-5'), subject('dmg', 'chair-1')]);
    expect(queries.filter(isListBuild)).toHaveLength(1);
    expect(queries.filter(isTextBuild)).toHaveLength(1);
    expect(queries.filter(isListPatch).length).toBeGreaterThan(0);
    expect(queries.filter(isTextPatch).length).toBeGreaterThan(0);
  });
});

describe('A ListPages over the embedded store', () => {
  let th: TestHub;
  let store: Store;
  const SOURCES = [
    { id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent' },
    { id: 'msk', entityType: 'mensgemaaktobject', organisation: 'MSK Gent' },
  ];
  beforeAll(async () => {
    th = await openTestHub({ sources: SOURCES });
    store = th.hub.store;
    // Mixed case, accents (precomposed and decomposed), several languages and scripts, nested title nodes, descriptions.
    await publish(th.hub, 'dmg', [
      { recordId: 'a1', quads: object('dmg', 'a1', literal('Stoel in EIK', 'nl'), { description: literal('A chair in OAK, Ghent', 'en'), date: '1851-03-01' }) },
      { recordId: 'a2', quads: object('dmg', 'a2', literal('Église Saint-Nicolas', 'fr'), { nested: true, description: literal('Kerk van Sint-Niklaas', 'nl') }) },
      { recordId: 'a3', quads: object('dmg', 'a3', literal('ÉCOLE de Gand', 'fr'), { type: `${CRM}E24_Physical_Human-Made_Thing` }) },
      { recordId: 'a4', quads: object('dmg', 'a4', literal('Straße nach Köln', 'de'), { date: '1920-01-01' }) },
      { recordId: 'a5', quads: object('dmg', 'a5', literal('STRASSE', 'de'), { nested: true }) },
      { recordId: 'a6', quads: object('dmg', 'a6', literal('ΟΔΟΣ Ἀθῆναι', 'el')) },
      { recordId: 'a7', quads: object('dmg', 'a7', literal('İstanbul halısı', 'tr'), { description: literal('Tapijt uit Istanbul') }) },
      { recordId: 'a8', quads: object('dmg', 'a8', literal('Cafe\u0301 Vooruit', 'nl')) },
    ]);
    await publish(th.hub, 'msk', [
      { recordId: 'b1', quads: object('msk', 'b1', literal('De Gentse Eik', 'nl'), { description: literal('Schilderij, olieverf op doek') }) },
      { recordId: 'b2', quads: object('msk', 'b2', literal('Café Vooruit', 'nl'), { type: `${CRM}E24_Physical_Human-Made_Thing`, date: '1913-05-01' }) },
      { recordId: 'b3', quads: object('msk', 'b3', literal('L’ÉCOLE', 'fr'), { nested: true, description: literal('Une école', 'fr') }) },
      { recordId: 'b4', quads: object('msk', 'b4', literal('zonder tekst', 'nl')) },
    ]);
    await unpublish(th.hub, 'msk', ['b4']);
  });
  afterAll(() => th.close());

  const WORDS = ['eik', 'EIK', 'oak', 'stoel eik', 'église', 'eglise', 'ÉCOLE', 'école', 'ecole', 'straße', 'strasse', 'STRASSE', 'οδος', 'οδοσ', 'ΟΔΟΣ', 'ἀθῆναι', 'istanbul', 'i̇stanbul', 'İSTANBUL', 'café', 'cafe\u0301', 'vooruit', 'é', 'e', 'gent', 'sint-niklaas', 'l’école', 'zonder', 'nothing-here', 'in eik chair'];
  const FILTERS: Omit<EntityFilters, 'entityTypes' | 'q'>[] = [
    {},
    { organisation: 'msk gent' },
    { source: 'dmg' },
    { modifiedSince: '2000-01-01T00:00:00Z' },
    { type: `${CRM}E24_Physical_Human-Made_Thing` },
    { from: '1850', to: '1915' },
    { source: 'msk', type: `${CRM}E22_Human-Made_Object` },
  ];

  it('answers every q (with every filter) exactly as the SPARQL filter does', async () => {
    const pages = new ListPages(store);
    let nonEmpty = 0;
    for (const word of WORDS) {
      for (const rest of FILTERS) {
        const filters: EntityFilters = { entityTypes: OBJECTS, q: word, ...rest };
        const viaSparql = (await listEntities(store, filters, BASE, undefined, 1000)).map((r) => r.entity);
        const viaIndex = (await pages.page(filters, BASE, undefined, 1000)).map((r) => r.entity);
        expect({ word, rest, entities: viaIndex }).toEqual({ word, rest, entities: viaSparql });
        if (viaSparql.length > 0) nonEmpty++;
      }
    }
    // Not vacuous: most combinations find something, and the indexes (not SPARQL) answered q.
    expect(nonEmpty).toBeGreaterThan(60);
    expect(pages.text.builds).toBe(1);
    expect((await pages.page({ entityTypes: OBJECTS, q: 'straße' }, BASE, undefined, 10)).map((r) => r.entity)).toEqual([subject('dmg', 'a4')]);
    expect((await pages.page({ entityTypes: OBJECTS, q: 'école' }, BASE, undefined, 10)).map((r) => r.entity)).toEqual([subject('dmg', 'a3'), subject('msk', 'b3')]);
    pages.close();
  });

  it('pages through a q= result with a cursor, every match once', async () => {
    const pages = new ListPages(store);
    for (const [word, rest] of [['e', {}], ['e', { type: `${CRM}E22_Human-Made_Object` }], ['o', { organisation: 'design museum gent' }]] as const) {
      const filters: EntityFilters = { entityTypes: OBJECTS, q: word, ...rest };
      const all = (await listEntities(store, filters, BASE, undefined, 1000)).map((r) => r.entity);
      expect(all.length).toBeGreaterThan(3);
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await pages.page(filters, BASE, after, 2);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((r) => r.entity));
        after = page[page.length - 1]!.entity;
      }
      expect(seen).toEqual(all);
    }
    pages.close();
  });

  it('does not lose a commit that lands while the first build runs', async () => {
    const select = store.select.bind(store);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const builds: string[] = [];
    const spy = jest.spyOn(store, 'select').mockImplementation(async (q, o) => {
      const rows = await select(q, o);
      if (isListBuild(q) || isTextBuild(q)) {
        builds.push(q);
        await gate;
      }
      return rows;
    });
    try {
      const pages = new ListPages(store);
      const first = pages.page({ entityTypes: OBJECTS, q: 'nieuw' }, BASE, undefined, 100);
      // The builds' queries are answered (without it) before this commit is applied; their results are held until then.
      await publish(th.hub, 'msk', [{ recordId: 'c1', quads: object('msk', 'c1', literal('Nieuw werk', 'nl')) }], undefined, 'run-9');
      await unpublish(th.hub, 'dmg', ['a8'], undefined, 'run-9');
      release();
      expect((await first).map((r) => r.entity)).toEqual([subject('msk', 'c1')]);
      const everything = (await pages.page({ entityTypes: OBJECTS }, BASE, undefined, 100)).map((r) => r.entity);
      expect(everything).toContain(subject('msk', 'c1'));
      expect(everything).not.toContain(subject('dmg', 'a8'));
      expect(builds).toHaveLength(2);
      expect(pages.list.builds + pages.text.builds).toBe(2);
      expect(pages.list.patches).toBeGreaterThan(0);
      pages.close();
    } finally {
      spy.mockRestore();
    }
  });
});
