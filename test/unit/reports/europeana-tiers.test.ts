/**
 * The predicted Europeana Publishing Framework tiers: content tier from the media link and the
 * rights statement, metadata tier as the lowest of language, enabling elements and contextual
 * entities, and what the next tier needs.
 */
import { countTiers, edmFacts, predictTiers, rightsKind, type EdmFacts } from '../../../src/reports/europeana-tiers.js';
import { parseRdf } from '../../../src/core/rdf.js';

const facts = (over: Partial<EdmFacts>): EdmFacts => ({ mediaLink: false, iiif: false, pageLink: false, literals: 0, tagged: 0, enabling: { when: 0, what: 0, who: 0, where: 0 }, linkedClasses: [], ...over });
const CC_BY = 'http://creativecommons.org/licenses/by/4.0/';
const INC = 'http://rightsstatements.org/vocab/InC/1.0/';
const NC = 'http://creativecommons.org/licenses/by-nc/4.0/';

describe('Rights for the content tier', () => {
  it('tells open licences from restricted reuse and in-copyright statements', () => {
    expect(rightsKind('http://creativecommons.org/publicdomain/mark/1.0/')).toBe('open');
    expect(rightsKind('https://creativecommons.org/licenses/by-sa/4.0/')).toBe('open');
    expect(rightsKind(NC)).toBe('restricted');
    expect(rightsKind('http://rightsstatements.org/vocab/InC-EDU/1.0/')).toBe('restricted');
    expect(rightsKind(INC)).toBe('in-copyright');
    expect(rightsKind(undefined)).toBe('none');
    // Not a statement Europeana accepts: no better than none.
    expect(rightsKind('http://museum.example/rightsReserved.html')).toBe('none');
  });
});

describe('Content tier', () => {
  it('climbs from a page link to a media link to reusable and open rights', () => {
    expect(predictTiers(facts({ rights: CC_BY })).content).toBe(0);
    expect(predictTiers(facts({ rights: CC_BY })).nextContent.map((n) => n.key)).toEqual(['pageLink']);
    expect(predictTiers(facts({ pageLink: true, rights: CC_BY })).content).toBe(1);
    expect(predictTiers(facts({ pageLink: true, rights: CC_BY })).nextContent.map((n) => n.key)).toEqual(['mediaLink']);
    // A media link without an accepted rights statement: the rights are what is missing.
    expect(predictTiers(facts({ mediaLink: true })).content).toBe(1);
    expect(predictTiers(facts({ mediaLink: true })).nextContent.map((n) => n.key)).toEqual(['rights']);
    expect(predictTiers(facts({ mediaLink: true, rights: INC })).content).toBe(2);
    expect(predictTiers(facts({ mediaLink: true, rights: INC })).nextContent.map((n) => n.key)).toEqual(['reuseRights']);
    expect(predictTiers(facts({ iiif: true, rights: NC })).content).toBe(3);
    expect(predictTiers(facts({ mediaLink: true, rights: CC_BY })).content).toBe(4);
    expect(predictTiers(facts({ mediaLink: true, rights: CC_BY })).nextContent).toEqual([]);
  });
});

describe('Metadata tier', () => {
  const all = { when: 1, what: 1, who: 1, where: 1 };
  it('is the lowest of language, enabling elements and contextual entities', () => {
    expect(predictTiers(facts({ literals: 4, tagged: 0, enabling: all, linkedClasses: ['Agent', 'Place'] })).metadata).toBe('0');
    expect(predictTiers(facts({ literals: 4, tagged: 1, enabling: all, linkedClasses: [] })).metadata).toBe('A');
    expect(predictTiers(facts({ literals: 4, tagged: 1, enabling: { when: 2, what: 1, who: 0, where: 0 }, linkedClasses: ['Concept'] })).metadata).toBe('B');
    expect(predictTiers(facts({ literals: 4, tagged: 2, enabling: all, linkedClasses: ['Agent', 'Concept'] })).metadata).toBe('C');
    // Only two groups of enabling elements: B, however good the rest.
    expect(predictTiers(facts({ literals: 4, tagged: 4, enabling: { when: 3, what: 3, who: 0, where: 0 }, linkedClasses: ['Agent', 'Concept'] })).metadata).toBe('B');
  });

  it('says what the next tier needs, only the dimensions that fall short', () => {
    const p = predictTiers(facts({ literals: 10, tagged: 3, enabling: { when: 1, what: 2, who: 0, where: 0 }, linkedClasses: ['Concept'] }));
    expect(p.metadata).toBe('B');
    expect(p.nextMetadata).toEqual([
      { key: 'language', pct: 30, target: 50 },
      { key: 'enabling', target: 4 },
      { key: 'contextual', target: 2 },
    ]);
  });
});

describe('Facts from an EDM record', () => {
  const BASE = 'http://hub.test/';
  const edm = `@prefix edm: <http://www.europeana.eu/schemas/edm/> . @prefix ore: <http://www.openarchives.org/ore/terms/> .
@prefix dc: <http://purl.org/dc/elements/1.1/> . @prefix dcterms: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
<${BASE}id/o/1> a edm:ProvidedCHO ; dc:title "Portret"@nl , "Portrait" ; dc:identifier "S-40" ; dc:creator <${BASE}id/agent/1> ; dc:subject <http://vocab.getty.edu/aat/300015637> ; dcterms:created "1520" .
<${BASE}agg/1> a ore:Aggregation ; edm:rights <${INC}> ; edm:isShownAt <https://museum.example/o/1> .
<${BASE}id/agent/1> a edm:Agent ; skos:prefLabel "Memling"@nl ; owl:sameAs <http://www.wikidata.org/entity/Q312609> .
<http://vocab.getty.edu/aat/300015637> a skos:Concept ; skos:prefLabel "portret"@nl .
<${BASE}id/place/1> a edm:Place ; skos:prefLabel "Brugge" .`;
  it('counts tagged descriptions, enabling groups and labelled contextual entities linked to a vocabulary', () => {
    const f = edmFacts(parseRdf(edm), BASE);
    // Two titles and three labels (the identifier and the date need no language); the place links to no vocabulary.
    expect(f).toMatchObject({ rights: INC, mediaLink: false, pageLink: true, literals: 5, tagged: 3, enabling: { when: 1, what: 1, who: 1, where: 0 }, linkedClasses: ['Agent', 'Concept'] });
    // Language (60 %) and contextual entities reach C; three enabling elements in three groups only B.
    expect(predictTiers(f)).toMatchObject({ content: 1, metadata: 'B', nextMetadata: [{ key: 'enabling', target: 4 }] });
  });

  it('counts a field pointing at a vocabulary Europeana dereferences as a linked contextual entity, not a local one', () => {
    const f = edmFacts(
      parseRdf(`@prefix edm: <http://www.europeana.eu/schemas/edm/> . @prefix dc: <http://purl.org/dc/elements/1.1/> . @prefix dcterms: <http://purl.org/dc/terms/> .
<${BASE}id/o/2> a edm:ProvidedCHO ; dc:type <http://vocab.getty.edu/aat/300033618> ; dcterms:spatial <http://sws.geonames.org/2800931/> ; dc:creator <${BASE}id/agent/2> .`),
      BASE,
    );
    expect(f.linkedClasses).toEqual(['Concept', 'Place']);
  });

  it('counts records per tier and per next-tier need, most needed first', () => {
    const a = predictTiers(facts({ pageLink: true, rights: INC, literals: 1, tagged: 1, enabling: { when: 1, what: 0, who: 0, where: 0 } }));
    const b = predictTiers(facts({ mediaLink: true, rights: CC_BY, literals: 1, tagged: 0 }));
    const c = countTiers([{ recordId: 'a', tiers: a }, { recordId: 'b', tiers: b }, { recordId: 'c', tiers: a }]);
    expect(c.content).toEqual({ 0: 0, 1: 2, 2: 0, 3: 0, 4: 1 });
    expect(c.metadata).toEqual({ '0': 1, A: 2, B: 0, C: 0 });
    // Every record lacks enabling elements for its next metadata tier; a and c lack a media link.
    expect(c.needs[0]).toEqual({ need: 'enabling', kind: 'metadata', records: 3, example: 'a' });
    expect(c.needs).toContainEqual({ need: 'mediaLink', kind: 'content', records: 2, example: 'a' });
    expect(c.needs).toContainEqual({ need: 'language', kind: 'metadata', records: 1, example: 'b' });
  });
});
