import { parseRdf } from '../../../src/core/rdf.js';
import type { MatchFeatures, MatchType } from '../../../src/publication/matching/contract.js';
import { entityFeatures } from '../../../src/publication/matching/features.js';
import { blockingKeys, createMatcher, scorePair } from '../../../src/publication/matching/matcher.js';
import { defaultThresholds } from '../../../src/config/matching.js';
import { loadPairs } from '../../../bench/matching/evaluate.js';
import { projectPath } from '../../../src/core/paths.js';

const P = `@prefix cidoc: <http://www.cidoc-crm.org/cidoc-crm/> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix m8g: <http://data.europa.eu/m8g/> . @prefix prov: <http://www.w3.org/ns/prov#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix locn: <http://www.w3.org/ns/locn#> . @prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix schema: <https://schema.org/> . @prefix adms: <http://www.w3.org/ns/adms#> .
@prefix cp: <https://data.vlaanderen.be/ns/cultuurparticipatie#> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
`;
function features(iri: string, turtle: string): MatchFeatures {
  const f = entityFeatures(parseRdf(P + turtle), iri, iri.split('/')[5]!);
  if (!f) throw new Error(`no features for ${iri}`);
  return f;
}
const H = 'http://hub.test/id';

function event(id: string, title: string, start: string, venue: string, extra = ''): MatchFeatures {
  const iri = `${H}/activiteit/${id}`;
  return features(iri, `<${iri}> a cidoc:E7_Activity ; dcterms:title "${title}"@nl ; prov:atLocation <${iri}-venue> ; cidoc:P4_has_time-span <${iri}#periode> ${extra}.
    <${iri}#periode> m8g:startTime "${start}" . <${iri}-venue> locn:locatorName "${venue}"@nl .`);
}
function place(id: string, name: string, street: string, postcode: string, city: string, geo?: [number, number]): MatchFeatures {
  const iri = `${H}/locatie/${id}`;
  return features(iri, `<${iri}> a dcterms:Location ; locn:locatorName "${name}"@nl ; locn:address <${iri}#adres> ${geo ? `; locn:geometry <${iri}#geo>` : ''} .
    <${iri}#adres> locn:thoroughfare "${street}" ; locn:postCode "${postcode}" ; locn:postName "${city}" .
    ${geo ? `<${iri}#geo> geo:lat ${geo[0]} ; geo:long ${geo[1]} .` : ''}`);
}
function maker(id: string, name: string, extra = ''): MatchFeatures {
  const iri = `${H}/agent/${id}`;
  return features(iri, `<${iri}> a cidoc:E39_Actor ; rdfs:label "${name}" ${extra}.`);
}
function concept(id: string, label: string, extra = ''): MatchFeatures {
  const iri = `${H}/concept/${id}`;
  return features(iri, `<${iri}> a skos:Concept ; skos:prefLabel "${label}"@nl ${extra}.`);
}
const verdict = (a: MatchFeatures, b: MatchFeatures) => scorePair(a, b).verdict;

describe('The matcher', () => {
  describe('activities', () => {
    it('links one performance across time zones and "Vooruit" / "Vooruit - Theaterzaal"', () => {
      const a = event('uit/1', 'Sylvie Kreusch', '2026-03-01T20:30:00+01:00', 'Vooruit');
      const b = event('tm/2', 'SYLVIE KREUSCH', '2026-03-01T19:30:00Z', 'Vooruit - Theaterzaal');
      const c = event('agenda/3', 'Sylvie Kreusch!', '2026-03-01T20:30:00', 'Kunstencentrum Vooruit');
      expect(verdict(a, b)).toBe('match');
      expect(verdict(b, c)).toBe('match');
      expect(scorePair(a, b).evidence.map((e) => e.rule)).toEqual(['title', 'start-time', 'venue']);
      const ab = event('tm/9', 'TAMINO - Sahar tour', '2026-11-14T19:00:00Z', 'AB Main Hall');
      expect(verdict(ab, event('uit/9', 'Tamino', '2026-11-14T20:00:00+01:00', 'Ancienne Belgique'))).toBe('match');
    });

    it('links on a shared Ticketmatic event whatever the titles', () => {
      const a = event('uit/1', 'Sylvie Kreusch - Montbray tour', '2026-03-01T20:30:00+01:00', 'Vooruit', '; cp:Activiteit.boeking <http://hub.test/id/activiteit/uit/1#boeking> ');
      const withUrl = features(a.iri, `<${a.iri}> a cidoc:E7_Activity ; dcterms:title "x"@nl ; cp:Activiteit.boeking <${a.iri}#boekingsinfo> .
        <${a.iri}#boekingsinfo> schema:contactPoint <${a.iri}#boekingsinfo-contactpunt> .
        <${a.iri}#boekingsinfo-contactpunt> schema:url "https://apps.ticketmatic.com/widgets/vooruit/addtickets?event=10042&l=nl" .`);
      const tm = features(`${H}/activiteit/tm/10042`, `<${H}/activiteit/tm/10042> a cidoc:E7_Activity ; dcterms:title "Sylvie"@nl ; adms:identifier <${H}/activiteit/tm/10042#identificator> .
        <${H}/activiteit/tm/10042#identificator> skos:notation "https://apps.ticketmatic.com/events/10042" .`);
      const s = scorePair(withUrl, tm);
      expect(s).toMatchObject({ score: 1, verdict: 'match' });
      expect(s.evidence[0]).toEqual({ rule: 'shared-identifier', weight: 1, detail: 'same Ticketmatic event 10042' });
    });

    it('keeps apart the same show on another date or hour, and another show at the same venue and time', () => {
      const a = event('uit/1', 'Hamlet', '2026-03-01T20:00:00+01:00', 'Bourla');
      expect(verdict(a, event('tm/2', 'Hamlet', '2026-03-02T19:00:00Z', 'Bourla'))).toBe('distinct');
      expect(verdict(a, event('tm/3', 'Hamlet', '2026-03-01T14:00:00Z', 'Bourla'))).toBe('distinct');
      expect(verdict(a, event('tm/4', 'De Kersentuin', '2026-03-01T19:00:00Z', 'Bourla'))).toBe('distinct');
      expect(verdict(a, event('tm/5', 'Hamlet', '2026-03-01T19:00:00Z', 'De Roma'))).toBe('distinct');
      expect(verdict(event('x/1', 'Goose', '2026-03-01T19:00:00Z', 'Vooruit - Balzaal'), event('y/1', 'Goose', '2026-03-01T19:00:00Z', 'Vooruit - Domzaal'))).not.toBe('match');
    });

    it('keeps apart numbered parts at one venue and time ("… 1" / "… 3", "deel II" / "deel 3") but not one part written two ways (a curator decides II / 2)', () => {
      const start = '2026-03-01T19:00:00Z';
      expect(verdict(event('uit/1', 'Kamermuziek 1', start, 'Bourla'), event('uit/3', 'Kamermuziek 3', start, 'Bourla'))).toBe('distinct');
      expect(verdict(event('uit/4', 'Ring deel II', start, 'Bourla'), event('tm/4', 'Ring - deel 3', start, 'Bourla'))).toBe('distinct');
      expect(scorePair(event('uit/1', 'Kamermuziek 1', start, 'Bourla'), event('uit/3', 'Kamermuziek 3', start, 'Bourla')).evidence[0]!.detail).toContain('numbered differently: 1 / 3');
      expect(verdict(event('uit/5', 'Ring deel II', start, 'Bourla'), event('tm/5', 'RING - Deel 2', start, 'Bourla'))).not.toBe('distinct');
      expect(verdict(event('uit/6', 'Symfonie nr. 9', start, 'Bourla'), event('tm/6', 'Symfonie 9', start, 'Bourla'))).toBe('match');
    });
  });

  describe('places', () => {
    it('links one venue written differently: abbreviations, box numbers, the city in the name, 60 m apart', () => {
      const a = place('uit/1', 'Concertgebouw Brugge', "'t Zand 34", '8000', 'Brugge', [51.2035, 3.2188]);
      const b = place('tm/1', 'Concertgebouw - Concertzaal', "'t Zand 34 bus 2", '8000', 'BRUGGE', [51.2040, 3.2190]);
      expect(verdict(a, b)).toBe('match');
      const c = place('uit/2', 'Vooruit', 'Sint-Pietersnieuwstraat 23', '9000', 'Gent');
      const d = place('city/2', 'Kunstencentrum Vooruit', 'St.-Pietersnieuwstr. 23', '9000', 'Gent');
      expect(verdict(c, d)).toBe('match');
      expect(scorePair(c, d).evidence.find((e) => e.rule === 'address')!.detail).toBe('same address: sint pietersnieuwstraat 23 9000 gent');
    });

    it('keeps apart branches of one library, other rooms of one building, one generic name in two towns', () => {
      const krook = place('uit/1', 'Bibliotheek Gent - De Krook', 'Miriam Makebaplein 1', '9000', 'Gent', [51.0485, 3.7279]);
      const ledeberg = place('uit/2', 'Bibliotheek Gent - Ledeberg', 'Ledebergplein 38', '9050', 'Gent', [51.0388, 3.7393]);
      expect(verdict(krook, ledeberg)).toBe('distinct');
      const balzaal = place('uit/3', 'Vooruit - Balzaal', 'Sint-Pietersnieuwstraat 23', '9000', 'Gent');
      const domzaal = place('tm/3', 'Vooruit - Domzaal', 'Sint-Pietersnieuwstraat 23', '9000', 'Gent');
      expect(verdict(balzaal, domzaal)).toBe('distinct');
      const a = place('uit/4', 'Stadsschouwburg', 'Vlamingstraat 29', '8000', 'Brugge');
      const b = place('tm/4', 'Stadsschouwburg', 'Theaterplein 1', '2000', 'Antwerpen');
      expect(verdict(a, b)).toBe('distinct');
    });
  });

  describe('agents', () => {
    it('links on an authority id in another form, and on "Family, Given" vs "Given Family"', () => {
      const a = maker('mskgent/1', 'Ensor, James', '; owl:sameAs <http://vocab.getty.edu/page/ulan/500006090> ');
      const b = maker('muzee/2', 'James Ensor', '; owl:sameAs <http://vocab.getty.edu/ulan/500006090> ');
      expect(scorePair(a, b)).toMatchObject({ score: 1, verdict: 'match' });
      expect(verdict(maker('a/1', 'Permeke, Constant'), maker('b/1', 'Constant Permeke'))).toBe('match');
      expect(verdict(maker('a/1', 'Smet, Gustave de'), maker('b/1', 'Gustave De Smet'))).toBe('match');
      expect(verdict(maker('a/1', 'Ensor, James Sidney'), maker('b/1', 'James Ensor'))).toBe('match');
      expect(verdict(maker('a/1', 'Gustave van de Woestyne'), maker('b/1', 'Van de Woestijne, Gustave'))).toBe('match');
    });

    it('needs more than an initial or another form of the given name: a life date', () => {
      expect(verdict(maker('a/1', 'J. Ensor'), maker('b/1', 'James Ensor'))).toBe('review');
      expect(verdict(maker('a/1', 'Georges Minne', '; schema:birthDate "1866" '), maker('b/1', 'George Minne', '; schema:birthDate "1866-08-30" '))).toBe('match');
    });

    it('keeps apart conflicting authority ids, namesakes with other life dates, brothers, generations, anonymous makers', () => {
      const a = maker('a/1', 'James Ensor', '; owl:sameAs <https://rkd.nl/explore/artists/26842> ');
      const b = maker('b/1', 'James Ensor', '; owl:sameAs <https://rkd.nl/explore/artists/99999> ');
      expect(scorePair(a, b)).toMatchObject({ verdict: 'distinct' });
      expect(scorePair(a, b).evidence[0]!.detail).toBe('different RKD ids: RKD 26842 / RKD 99999');
      const ensor = maker('a/2', 'Ensor, James', '; schema:birthDate "1860-04-13" ');
      const namesake = maker('b/2', 'James Ensor', '; schema:birthDate "1901" ');
      expect(verdict(ensor, namesake)).toBe('distinct');
      expect(scorePair(ensor, namesake).evidence.at(-1)!.detail).toBe('births differ: 1860 / 1901 (namesakes)');
      expect(verdict(maker('a/3', 'Gustave De Smet'), maker('b/3', 'Léon De Smet'))).toBe('distinct');
      expect(verdict(maker('a/4', 'Bruegel, Pieter I'), maker('b/4', 'Bruegel, Pieter II'))).toBe('distinct');
      expect(verdict(maker('a/5', 'Anoniem'), maker('b/5', 'Anoniem'))).toBe('distinct');
    });

    it('links an organisation across the legal form and keeps a person apart from an organisation', () => {
      const uit = features(`${H}/organisator/uit/1`, `<${H}/organisator/uit/1> a cp:Organisator ; cp:Realisator.naam "Rosas vzw"@nl ; locn:address <${H}/organisator/uit/1#adres> .
        <${H}/organisator/uit/1#adres> locn:thoroughfare "Van Volxemlaan 164" ; locn:postCode "1190" .`);
      const reg = features(`${H}/organisatie/reg/2`, `<${H}/organisatie/reg/2> a foaf:Organization ; foaf:name "Rosas" ; locn:address <${H}/organisatie/reg/2#adres> .
        <${H}/organisatie/reg/2#adres> locn:thoroughfare "Van Volxemlaan" ; locn:locatorDesignator "164" ; locn:postCode "1190" .`);
      expect(verdict(uit, reg)).toBe('match');
      const person = features(`${H}/agent/x/1`, `<${H}/agent/x/1> a foaf:Person ; foaf:name "Rosas" .`);
      expect(verdict(reg, person)).toBe('distinct');
    });
  });

  describe('concepts', () => {
    it('links on one AAT id and on one label within one scheme', () => {
      const a = concept('mskgent/materiaal/olieverf', 'olieverf', '; owl:sameAs <http://vocab.getty.edu/page/aat/300015050> ');
      const b = concept('kmska/12', 'oil paint', '; skos:exactMatch <http://vocab.getty.edu/aat/300015050> ');
      expect(verdict(a, b)).toBe('match');
      expect(verdict(concept('mskgent/materiaal/doek', 'Doek'), concept('muzee/materiaal/doek', 'doek'))).toBe('match');
    });

    it('keeps apart other AAT ids and leaves one label in two schemes to a curator', () => {
      const a = concept('a/objectnaam/kraan', 'kraan', '; owl:sameAs <http://vocab.getty.edu/aat/300024526> ');
      const b = concept('b/onderwerp/kraan', 'kraan', '; owl:sameAs <http://vocab.getty.edu/aat/300266431> ');
      expect(verdict(a, b)).toBe('distinct');
      expect(verdict(concept('a/materiaal/lood', 'lood'), concept('b/objectnaam/lood', 'lood'))).toBe('review');
      expect(verdict(concept('a/materiaal/olieverf', 'olieverf'), concept('b/materiaal/acrylverf', 'acrylverf'))).toBe('distinct');
    });
  });

  it('reads its thresholds from the configuration', () => {
    const a = concept('a/materiaal/lood', 'lood');
    const b = concept('b/objectnaam/lood', 'lood');
    const strict = createMatcher({ ...defaultThresholds, concept: { match: 0.99, review: 0.9 } });
    const lenient = createMatcher({ ...defaultThresholds, concept: { match: 0.5, review: 0.3 } });
    expect(strict.score(a, b).verdict).toBe('distinct');
    expect(lenient.score(a, b).verdict).toBe('match');
  });

  describe('over the labelled pairs', () => {
    const sets = loadPairs(projectPath('test/fixtures/matching/pairs'));
    const all = [...sets.entries()].flatMap(([type, pairs]) => pairs.map((p) => ({ type, p })));
    const feat = (s: { iri: string; source: string; turtle: string }, reverse = false) => {
      const quads = parseRdf(s.turtle);
      return entityFeatures(reverse ? quads.reverse() : quads, s.iri, s.source)!;
    };

    it('scores every pair the same in both orders and whatever the order of the quads', () => {
      for (const { p } of all) {
        const ab = scorePair(feat(p.a), feat(p.b));
        expect({ id: p.id, s: scorePair(feat(p.b), feat(p.a)) }).toEqual({ id: p.id, s: ab });
        expect({ id: p.id, s: scorePair(feat(p.b, true), feat(p.a, true)) }).toEqual({ id: p.id, s: ab });
      }
    });

    it('finds every true match through a shared blocking key', () => {
      const missed: string[] = [];
      for (const { p } of all.filter(({ p }) => p.match)) {
        const ka = new Set(blockingKeys(feat(p.a)));
        if (!blockingKeys(feat(p.b)).some((k) => ka.has(k))) missed.push(p.id);
      }
      expect(missed).toEqual([]);
    });

    it('types each side as the file it is in', () => {
      for (const { type, p } of all) expect([p.id, feat(p.a).type, feat(p.b).type]).toEqual([p.id, type as MatchType, type]);
    });
  });
});
