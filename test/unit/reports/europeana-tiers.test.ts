/**
 * The predicted Europeana Publishing Framework tiers, by the rules of Europeana's Metis
 * (metis-indexing `tiers`): content tier from edm:type, the media link or landing page and the
 * rights statement's reuse; metadata tier as the lowest of language, enabling elements and
 * qualifying contextual entities; and what the next tier needs.
 */
import { countTiers, edmFacts, predictTiers, rightsKind, type EdmFacts } from '../../../src/reports/europeana-tiers.js';
import { parseRdf } from '../../../src/core/rdf.js';

const facts = (over: Partial<EdmFacts>): EdmFacts => ({ mediaLink: false, iiif: false, pageLink: false, properties: 0, tagged: 0, enabling: [], groups: [], linkedClasses: [], ...over });
const CC_BY = 'http://creativecommons.org/licenses/by/4.0/';
const INC = 'http://rightsstatements.org/vocab/InC/1.0/';
const NC = 'http://creativecommons.org/licenses/by-nc/4.0/';
const FOUR_IN_TWO = { enabling: ['created', 'creator', 'medium', 'type'], groups: ['conceptual', 'personal', 'temporal'] as EdmFacts['groups'] };

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
  it('gives an image nothing without a media file, however good its page link', () => {
    expect(predictTiers(facts({ type: 'IMAGE', pageLink: true, rights: CC_BY })).content).toBe(0);
    expect(predictTiers(facts({ type: 'IMAGE', pageLink: true, rights: CC_BY })).nextContent.map((n) => n.key)).toEqual(['mediaLink']);
  });

  it('gives a text, sound or video tier 1 for a page on the organisation’s site', () => {
    expect(predictTiers(facts({ type: 'TEXT', pageLink: true, rights: INC })).content).toBe(1);
    expect(predictTiers(facts({ type: 'TEXT', pageLink: true, rights: INC })).nextContent.map((n) => n.key)).toEqual(['mediaLink']);
    expect(predictTiers(facts({ type: 'SOUND', rights: INC })).content).toBe(0);
    expect(predictTiers(facts({ type: 'SOUND', rights: INC })).nextContent.map((n) => n.key)).toEqual(['pageLink']);
  });

  it('caps a media file by the reuse its rights allow: in copyright 2, restricted 3, open 4', () => {
    expect(predictTiers(facts({ mediaLink: true, rights: INC })).content).toBe(2);
    expect(predictTiers(facts({ mediaLink: true, rights: INC })).nextContent.map((n) => n.key)).toEqual(['reuseRights']);
    expect(predictTiers(facts({ iiif: true, rights: NC })).content).toBe(3);
    expect(predictTiers(facts({ mediaLink: true, rights: CC_BY })).content).toBe(4);
    expect(predictTiers(facts({ mediaLink: true, rights: CC_BY })).nextContent).toEqual([]);
  });

  it('asks for the rights first when there is no statement Europeana accepts', () => {
    expect(predictTiers(facts({ mediaLink: true })).content).toBe(0);
    expect(predictTiers(facts({ mediaLink: true })).nextContent.map((n) => n.key)).toEqual(['rights']);
  });
});

describe('Metadata tier', () => {
  const good = { properties: 4, tagged: 4, ...FOUR_IN_TWO, linkedClasses: ['Agent', 'Concept'] };
  it('takes language from the share of property types with a language: A a quarter, B half, C three quarters', () => {
    expect(predictTiers(facts({ ...good, tagged: 0 })).metadata).toBe('0');
    expect(predictTiers(facts({ ...good, tagged: 1 })).metadata).toBe('A');
    expect(predictTiers(facts({ ...good, tagged: 2 })).metadata).toBe('B');
    expect(predictTiers(facts({ ...good, tagged: 3 })).metadata).toBe('C');
  });

  it('takes enabling elements in discovery groups: B three in two groups, C four in two groups', () => {
    expect(predictTiers(facts({ ...good, enabling: [], groups: [] })).metadata).toBe('0');
    expect(predictTiers(facts({ ...good, enabling: ['created', 'issued', 'temporal'], groups: ['temporal'] })).metadata).toBe('A');
    expect(predictTiers(facts({ ...good, enabling: ['created', 'creator', 'type'], groups: ['conceptual', 'personal', 'temporal'] })).metadata).toBe('B');
    expect(predictTiers(facts({ ...good, enabling: ['created', 'issued', 'medium', 'type'], groups: ['conceptual', 'temporal'] })).metadata).toBe('C');
  });

  it('takes contextual classes: A without, B with one kind, C with two', () => {
    expect(predictTiers(facts({ ...good, linkedClasses: [] })).metadata).toBe('A');
    expect(predictTiers(facts({ ...good, linkedClasses: ['Place'] })).metadata).toBe('B');
    expect(predictTiers(facts(good)).metadata).toBe('C');
  });

  it('says what the next tier needs, only the dimensions that fall short', () => {
    const p = predictTiers(facts({ properties: 10, tagged: 6, enabling: ['created', 'type', 'medium'], groups: ['conceptual', 'temporal'], linkedClasses: ['Concept'] }));
    expect(p.metadata).toBe('B');
    expect(p.nextMetadata).toEqual([
      { key: 'language', pct: 60, target: 75 },
      { key: 'enabling', target: 4 },
      { key: 'contextual', target: 2 },
    ]);
  });
});

describe('Facts from an EDM record', () => {
  const BASE = 'http://hub.test/';
  const prefixes = `@prefix edm: <http://www.europeana.eu/schemas/edm/> . @prefix ore: <http://www.openarchives.org/ore/terms/> . @prefix wgs84: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix dc: <http://purl.org/dc/elements/1.1/> . @prefix dcterms: <http://purl.org/dc/terms/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .`;
  const edm = `${prefixes}
<${BASE}id/o/1> a edm:ProvidedCHO ; edm:type "IMAGE" ; dc:title "Portret"@nl , "Portrait" ; dc:description "Een man" ; dc:identifier "S-40" ; dc:creator <${BASE}id/agent/1> ;
  dc:subject <http://vocab.getty.edu/aat/300015637>, "portret" ; dcterms:created "1520" ; dcterms:spatial <${BASE}id/place/1> .
<${BASE}agg/1> a ore:Aggregation ; edm:rights <${INC}> ; edm:isShownAt <https://museum.example/o/1> .
<${BASE}id/agent/1> a edm:Agent ; skos:prefLabel "Memling"@nl ; owl:sameAs <http://www.wikidata.org/entity/Q312609> .
<http://vocab.getty.edu/aat/300015637> a skos:Concept ; skos:prefLabel "portret"@nl ; skos:broader <http://vocab.getty.edu/aat/300015636> .
<${BASE}id/place/1> a edm:Place ; skos:prefLabel "Brugge" ; wgs84:lat "51.2" ; wgs84:long "3.2" .`;

  it('counts property types with a language, enabling elements per group and qualifying contextual entities', () => {
    const f = edmFacts(parseRdf(edm), BASE);
    // title (tagged), description (untagged), subject (a concept with a tagged label), spatial (a place without a tagged label).
    expect(f).toMatchObject({ rights: INC, type: 'IMAGE', mediaLink: false, pageLink: true, properties: 4, tagged: 2 });
    // dc:subject counts as a link to a concept; the literal "portret" would not.
    expect(f.enabling).toEqual(['created', 'creator', 'spatial', 'subject']);
    expect(f.groups).toEqual(['conceptual', 'geographical', 'personal', 'temporal']);
    // The agent has no dates or occupation (owl:sameAs is no qualifier); the concept has a broader term, the place coordinates.
    expect(f.linkedClasses).toEqual(['Concept', 'Place']);
    // Language 50 % → B, enabling C, contextual C; an image without a media file is content tier 0.
    expect(predictTiers(f)).toMatchObject({ content: 0, metadata: 'B', nextMetadata: [{ key: 'language', pct: 50, target: 75 }], nextContent: [{ key: 'mediaLink' }] });
  });

  it('counts a field pointing at a vocabulary Europeana dereferences as a qualifying contextual entity', () => {
    const f = edmFacts(
      parseRdf(`${prefixes}
<${BASE}id/o/2> a edm:ProvidedCHO ; dc:type <http://vocab.getty.edu/aat/300033618> ; dcterms:spatial <http://sws.geonames.org/2800931/> ; dc:creator <${BASE}id/agent/2> .`),
      BASE,
    );
    expect(f.linkedClasses).toEqual(['Concept', 'Place']);
    expect(f.tagged).toBe(2);
  });

  it('counts records per tier and per next-tier need, most needed first', () => {
    const a = predictTiers(facts({ type: 'TEXT', pageLink: true, rights: INC, properties: 1, tagged: 1, enabling: ['created'], groups: ['temporal'] }));
    const b = predictTiers(facts({ mediaLink: true, rights: CC_BY, properties: 1, tagged: 0 }));
    const c = countTiers([{ recordId: 'a', tiers: a }, { recordId: 'b', tiers: b }, { recordId: 'c', tiers: a }]);
    expect(c.content).toEqual({ 0: 0, 1: 2, 2: 0, 3: 0, 4: 1 });
    expect(c.metadata).toEqual({ '0': 1, A: 2, B: 0, C: 0 });
    // Every record lacks enabling elements for its next metadata tier; a and c lack a media link.
    expect(c.needs[0]).toEqual({ need: 'enabling', kind: 'metadata', records: 3, example: 'a' });
    expect(c.needs).toContainEqual({ need: 'mediaLink', kind: 'content', records: 2, example: 'a' });
    expect(c.needs).toContainEqual({ need: 'language', kind: 'metadata', records: 1, example: 'b' });
  });
});
