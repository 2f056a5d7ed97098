/**
 * The search read model over the embedded store: built once, then patched from the commit feed.
 * A record put, changed or dropped changes the results; a place record published after the
 * activity that names it gives that activity its address; nothing is rebuilt for it.
 */
import { literal } from '../../../src/core/rdf.js';
import { entityIri } from '../../../src/core/identifiers.js';
import { StoreSearchReadModel } from '../../../src/publication/search/search-read-model.js';
import type { SearchQuery } from '../../../src/publication/search/search-contract.js';
import { BASE, iri, openTestHub, publish, t, unpublish, type TestHub } from '../api/api-helpers.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const DCT = 'http://purl.org/dc/terms/';
const OWL_SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';
const LOCN = 'http://www.w3.org/ns/locn#';
const M8G = 'http://data.europa.eu/m8g/';
const UIT_PLACE = 'https://io.uitdatabank.be/places/p1';
const dateTime = (v: string) => literal(v, iri('http://www.w3.org/2001/XMLSchema#dateTime'));

const objectIri = (id: string) => entityIri(BASE, 'mensgemaaktobject', 'dmg', id);
const eventIri = (id: string) => entityIri(BASE, 'activiteit', 'uit', id);
const placeIri = (id: string) => entityIri(BASE, 'locatie', 'places', id);

const object = (id: string, title: string) => [t(objectIri(id), `${CRM}P102_has_title`, literal(title, 'nl')), t(objectIri(id), 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', iri(`${CRM}E22_Human-Made_Object`))];
const event = (id: string, title: string) => {
  const e = eventIri(id);
  return [
    t(e, `${DCT}title`, literal(title, 'nl')),
    t(e, 'http://www.w3.org/ns/prov#atLocation', iri(UIT_PLACE)),
    t(e, `${CRM}P4_has_time-span`, iri(`${e}#periode`)),
    t(`${e}#periode`, `${M8G}startTime`, dateTime('2026-10-01T20:00:00+02:00')),
    t(`${e}#periode`, `${M8G}endTime`, dateTime('2026-10-01T22:00:00+02:00')),
  ];
};
const place = (id: string, postCode: string, city: string) => {
  const p = placeIri(id);
  return [t(p, OWL_SAME_AS, iri(UIT_PLACE)), t(p, `${LOCN}address`, iri(`${p}#adres`)), t(`${p}#adres`, `${LOCN}postCode`, postCode), t(`${p}#adres`, `${LOCN}postName`, literal(city, 'nl'))];
};

describe('The search read model over the commit feed', () => {
  let th: TestHub;
  let model: StoreSearchReadModel;
  beforeAll(async () => {
    th = await openTestHub({ sources: [{ id: 'dmg', entityType: 'mensgemaaktobject', organisation: 'Design Museum Gent' }, { id: 'uit', entityType: 'activiteit', organisation: 'publiq' }, { id: 'places', entityType: 'locatie' }] });
    await publish(th.hub, 'dmg', [
      { recordId: 'stoel', quads: object('stoel', 'Stoel in eik'), organisation: 'Design Museum Gent' },
      { recordId: 'vaas', quads: object('vaas', 'Vaas met bloemen'), organisation: 'Design Museum Gent' },
    ]);
    await publish(th.hub, 'uit', [{ recordId: 'concert', quads: event('concert', 'Concert in de foyer') }]);
    model = new StoreSearchReadModel(th.hub.store, BASE);
  });
  afterAll(async () => {
    model.close();
    await th.close();
  });

  const objects = async (text?: string) => (await model.search({ kind: 'heritage-objects', text, sort: [], limit: 10, facets: [] })).items.map((h) => h.entity);
  const events = async (filter: SearchQuery['filter']) => (await model.search({ kind: 'activities', filter, sort: [], limit: 10, facets: [] })).items.map((h) => h.entity);

  it('indexes the published records once', async () => {
    expect(await model.size()).toEqual({ activities: 1, 'heritage-objects': 2 });
    expect(await objects('eik')).toEqual([objectIri('stoel')]);
    expect(model.builds).toBe(1);
  });

  it('follows a record put, changed and dropped, by patches', async () => {
    await publish(th.hub, 'dmg', [{ recordId: 'tafel', quads: object('tafel', 'Tafel in eik') }], undefined, 'run-2');
    expect((await objects('eik')).sort()).toEqual([objectIri('stoel'), objectIri('tafel')]);
    await publish(th.hub, 'dmg', [{ recordId: 'stoel', quads: object('stoel', 'Stoel in beuk') }], undefined, 'run-3');
    expect(await objects('eik')).toEqual([objectIri('tafel')]);
    expect(await objects('beuk')).toEqual([objectIri('stoel')]);
    await unpublish(th.hub, 'dmg', ['tafel'], undefined, 'run-4');
    expect(await objects('eik')).toEqual([]);
    expect((await objects()).sort()).toEqual([objectIri('stoel'), objectIri('vaas')]);
    expect(model.builds).toBe(1);
    expect(model.patches).toBeGreaterThanOrEqual(3);
  });

  it('gives an activity the address of a place record published after it, and follows that record', async () => {
    expect(await events({ field: 'postalCode', equals: '9000' })).toEqual([]);
    await publish(th.hub, 'places', [{ recordId: 'p1', quads: place('p1', '9000', 'Gent') }], undefined, 'run-5');
    expect(await events({ field: 'postalCode', equals: '9000' })).toEqual([eventIri('concert')]);
    expect(await events({ field: 'region', equals: 'prv-oost-vlaanderen' })).toEqual([eventIri('concert')]);
    await publish(th.hub, 'places', [{ recordId: 'p1', quads: place('p1', '2000', 'Antwerpen') }], undefined, 'run-6');
    expect(await events({ field: 'postalCode', equals: '9000' })).toEqual([]);
    expect(await events({ field: 'region', equals: 'prv-antwerpen' })).toEqual([eventIri('concert')]);
    expect(await events({ field: 'occurrence', from: '2026-10-01', to: '2026-10-01' })).toEqual([eventIri('concert')]);
    expect(model.builds).toBe(1);
  });
});
