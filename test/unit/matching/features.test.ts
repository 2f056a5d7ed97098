import { readFileSync } from 'node:fs';
import { parseRdf } from '../../../src/core/rdf.js';
import { projectPath } from '../../../src/core/paths.js';
import { entityFeatures, matchTypeOf } from '../../../src/publication/matching/features.js';

const expected = (name: string) => parseRdf(readFileSync(projectPath(`fixtures/mappings/expected/${name}`), 'utf8'), { format: 'application/n-quads' });
const BASE = 'http://localhost:3000/id';

describe('Match features from published descriptions', () => {
  it('reads a UiTdatabank event: titles per language, UTC start, UiTdatabank id, venue IRI', () => {
    const iri = `${BASE}/activiteit/uitdatabank-events/85b04295-479c-40f5-b3dd-469dfb4387b3`;
    const f = entityFeatures(expected('uitdatabank-event.nq'), iri, 'uitdatabank-events')!;
    expect(f.type).toBe('activiteit');
    expect(f.labels).toContainEqual({ value: 'Jazzconcert in de foyer', language: 'nl' });
    expect(f.starts).toEqual(['2021-05-17T22:00:00Z']);
    expect(f.identifiers).toContain('https://io.uitdatabank.be/event/85b04295-479c-40f5-b3dd-469dfb4387b3');
    expect(f.venues!.iris).toContain('https://io.uitdatabank.be/place/85b04295-479c-40f5-b3dd-469dfb4387b3');
  });

  it('reads a Ticketmatic event: the Ticketmatic event URL as identifier, the venue name', () => {
    const iri = `${BASE}/activiteit/ticketmatic-demo/10042`;
    const f = entityFeatures(expected('ticketmatic-event.nq'), iri, 'ticketmatic-demo')!;
    expect(f.identifiers).toContain('https://apps.ticketmatic.com/events/10042');
    expect(f.starts).toEqual(['2026-10-02T20:00:00Z']);
    expect(f.venues).toEqual({ iris: [`${BASE}/locatie/ticketmatic-demo/777702`], labels: ['Kleine zaal'] });
  });

  it('reads a UiTdatabank place: address folded, geometry, names', () => {
    const iri = `${BASE}/locatie/uitdatabank-places/85b04295-479c-40f5-b3dd-469dfb4387b3`;
    const f = entityFeatures(expected('uitdatabank-place.nq'), iri, 'uitdatabank-places')!;
    expect(f.type).toBe('plaats');
    expect(f.address).toEqual({ street: 'naamsestraat', number: '96', postcode: '3000', municipality: 'leuven', country: 'BE' });
    expect(f.geo).toEqual({ lat: 50.8816177, long: 4.7137986 });
    expect(f.labels.map((l) => l.value)).toContain('STUK Kunstencentrum');
  });

  it('reads an organizer as an organisation agent', () => {
    const quads = expected('uitdatabank-organizer.nq');
    const iri = quads.find((q) => q.subject.value.includes('/organisator/') && !q.subject.value.includes('#'))!.subject.value;
    const f = entityFeatures(quads, iri, 'uitdatabank-organizers')!;
    expect(f.type).toBe('agent');
    expect(f.roles).toContain('kind:organisation');
    expect(f.address?.postcode).toBe('3000');
  });

  it('reads LIDO makers with their authority ids and leaves the object out', () => {
    const quads = expected('lido-groeningemuseum-0000_GRO1561_I.nq');
    const f = entityFeatures(quads, `${BASE}/agent/arthub/20000199`, 'arthub')!;
    expect(f.type).toBe('agent');
    expect(f.labels).toEqual([{ value: 'Bruegel, Pieter I' }]);
    expect(f.identifiers).toEqual(expect.arrayContaining(['https://viaf.org/viaf/95761864', 'http://www.wikidata.org/entity/Q43270', 'https://rkd.nl/artists/13292']));
    const object = quads.find((q) => q.subject.value.includes('/mensgemaaktobject/'))!.subject.value.split('#')[0]!;
    expect(entityFeatures(quads, object, 'arthub')).toBeUndefined();
  });

  it('reads life dates from birth nodes and from the name, and a concept kind as its scheme', () => {
    const quads = parseRdf(`
      @prefix cidoc: <http://www.cidoc-crm.org/cidoc-crm/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
      <http://hub.test/id/agent/mskgent/1> a cidoc:E21_Person ; rdfs:label "Ensor, James (1860-1949)" ; cidoc:P100i_died_in <http://hub.test/id/agent/mskgent/1#dood> .
      <http://hub.test/id/agent/mskgent/1#dood> cidoc:P4_has_time-span "1949-11-19" .
      <http://hub.test/id/concept/mskgent/materiaal/olieverf> a skos:Concept ; skos:prefLabel "olieverf"@nl .
    `);
    const agent = entityFeatures(quads, 'http://hub.test/id/agent/mskgent/1', 'mskgent')!;
    expect([agent.birth, agent.death]).toEqual(['1860', '1949-11-19']);
    expect(agent.roles).toEqual(['kind:person']);
    const concept = entityFeatures(quads, 'http://hub.test/id/concept/mskgent/materiaal/olieverf', 'mskgent')!;
    expect(concept.schemes).toEqual(['urn:hub:concept-kind:materiaal']);
  });

  it('reads OSLO adres and schema.org addresses and WKT points', () => {
    const quads = parseRdf(`
      @prefix adres: <https://data.vlaanderen.be/ns/adres#> . @prefix locn: <http://www.w3.org/ns/locn#> . @prefix schema: <https://schema.org/> .
      <http://hub.test/id/locatie/a/1> a schema:Place ; schema:name "Handelsbeurs" ; locn:address <http://hub.test/id/locatie/a/1#adres> ;
        locn:geometry <http://hub.test/id/locatie/a/1#geo> .
      <http://hub.test/id/locatie/a/1#adres> adres:Adresvoorstelling.straatnaam "Kouter" ; adres:Adresvoorstelling.huisnummer "29" ;
        adres:Adresvoorstelling.busnummer "1" ; adres:Adresvoorstelling.postcode "9000" ; adres:Adresvoorstelling.gemeentenaam "Gent"@nl .
      <http://hub.test/id/locatie/a/1#geo> <http://www.opengis.net/ont/geosparql#asWKT> "POINT(3.7247 51.0507)" .
      <http://hub.test/id/locatie/b/2> a schema:Place ; schema:address <http://hub.test/id/locatie/b/2#adres> .
      <http://hub.test/id/locatie/b/2#adres> schema:streetAddress "Kouter 29 bus 1" ; schema:postalCode "9000" ; schema:addressLocality "Gent" .
    `);
    const a = entityFeatures(quads, 'http://hub.test/id/locatie/a/1', 'a')!;
    const b = entityFeatures(quads, 'http://hub.test/id/locatie/b/2', 'b')!;
    expect(a.address).toEqual({ street: 'kouter', number: '29', postcode: '9000', municipality: 'gent' });
    expect(b.address).toEqual(a.address);
    expect(a.geo).toEqual({ lat: 51.0507, long: 3.7247 });
  });

  it('types entities by class, organisations as agents, else by the hub IRI', () => {
    expect(matchTypeOf(['https://data.vlaanderen.be/ns/cultuurparticipatie#Organisator'], 'x')).toBe('agent');
    expect(matchTypeOf(['http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object'], 'http://hub.test/id/agent/a/1')).toBeUndefined();
    expect(matchTypeOf([], 'http://hub.test/id/locatie/ticketmatic-demo/777702')).toBe('plaats');
    expect(matchTypeOf([], 'http://hub.test/id/mensgemaaktobject/a/1')).toBeUndefined();
  });

  it('gives the same features whatever the order of the quads', () => {
    const quads = expected('uitdatabank-event.nq');
    const iri = `${BASE}/activiteit/uitdatabank-events/85b04295-479c-40f5-b3dd-469dfb4387b3`;
    expect(entityFeatures([...quads].reverse(), iri, 's')).toEqual(entityFeatures(quads, iri, 's'));
  });
});
