import { literal, namedNode, quad } from '../../../../src/core/rdf.js';
import { DC, EDM, ORE, RDF } from '../../../../src/core/vocab.js';
import { inSet, listSets, setSpecsOf, slug } from '../../../../src/publication/edm/record-sets.js';
import { writeEdmRdfXml } from '../../../../src/publication/edm/rdf-xml-writer.js';
import { escapeAttribute, escapeText } from '../../../../src/publication/edm/xml-text.js';
import { parseOaiDate, toDatestamp } from '../../../../src/publication/oai-pmh/oai-dates.js';
import { oaiIdentifier, parseOaiIdentifier, repositoryIdentifier } from '../../../../src/publication/oai-pmh/oai-identifiers.js';
import { decodeToken, encodeToken, type TokenState } from '../../../../src/publication/oai-pmh/resumption-token.js';

describe('OAI dates', () => {
  it('accept both granularities and make day bounds inclusive', () => {
    expect(parseOaiDate('2026-11-21', 'from')).toEqual({ seconds: Date.UTC(2026, 10, 21) / 1000, granularity: 'day' });
    expect(parseOaiDate('2026-11-21', 'until')).toEqual({ seconds: Date.UTC(2026, 10, 21, 23, 59, 59) / 1000, granularity: 'day' });
    expect(parseOaiDate('2026-11-21T10:11:12Z', 'from')?.granularity).toBe('seconds');
  });
  it('refuse other forms and impossible dates', () => {
    for (const bad of ['2026-11-21T10:11Z', '2026-11-21T10:11:12.5Z', '2026-11-21T10:11:12+01:00', '2026-02-30', '2026-11-21T24:00:00Z', 'junk']) expect(parseOaiDate(bad, 'from')).toBeUndefined();
  });
  it('write datestamps in seconds, UTC', () => {
    expect(toDatestamp('2026-11-21T10:11:12.987Z')).toBe('2026-11-21T10:11:12Z');
    expect(toDatestamp('2026-11-21T11:11:12+01:00')).toBe('2026-11-21T10:11:12Z');
  });
});

describe('OAI identifiers', () => {
  it('round-trip record ids with slashes, colons and spaces', () => {
    const id = oaiIdentifier('hub.example.be', 'ghent-dmg', 'a/b:c d');
    expect(id).toBe('oai:hub.example.be:ghent-dmg:a%2Fb%3Ac%20d');
    expect(parseOaiIdentifier('hub.example.be', id)).toEqual({ sourceId: 'ghent-dmg', recordId: 'a/b:c d' });
    expect(parseOaiIdentifier('other', id)).toBeUndefined();
    expect(repositoryIdentifier('http://localhost:3000/')).toBe('localhost');
  });
});

describe('Resumption tokens', () => {
  const state: TokenState = { verb: 'ListRecords', metadataPrefix: 'edm', until: 100, afterTime: 5, afterGraph: 'g', cursor: 50, expires: 1000 };
  it('decode what they encode, before expiry and with the same secret only', () => {
    const token = encodeToken(state, 's1');
    expect(decodeToken(token, 999, 's1')).toEqual({ ok: true, state });
    expect(decodeToken(token, 1001, 's1')).toMatchObject({ ok: false, reason: expect.stringMatching(/expired/) });
    expect(decodeToken(token, 999, 's2')).toMatchObject({ ok: false, reason: expect.stringMatching(/signature/) });
    expect(decodeToken('abc', 999, 's1').ok).toBe(false);
  });
});

describe('Sets', () => {
  const records = [
    { sourceId: 'ghent-dmg', organisation: 'Design Museum Gent' },
    { sourceId: 'mskgent', organisation: 'Museum voor Schone Kunsten Gent' },
    { sourceId: 'loose' },
  ];
  it('name organisations by a setSpec-safe slug', () => {
    expect(slug('Musée d’Art & Histoire (Brussel)')).toBe('musee-d-art-histoire-brussel');
    expect(setSpecsOf(records[0]!)).toEqual(['org:design-museum-gent', 'source:ghent-dmg']);
  });
  it('contain the records of their children', () => {
    expect(inSet(records[0]!, 'org')).toBe(true);
    expect(inSet(records[2]!, 'org')).toBe(false);
    expect(inSet(records[1]!, 'source:mskgent')).toBe(true);
    expect(inSet(records[1]!, 'source:msk')).toBe(false);
  });
  it('list parents before children', () => {
    expect(listSets(records as any).map((s) => s.spec)).toEqual(['org', 'org:design-museum-gent', 'org:museum-voor-schone-kunsten-gent', 'source', 'source:ghent-dmg', 'source:loose', 'source:mskgent']);
  });
});

describe('The EDM RDF/XML writer', () => {
  it('escapes harvested text and drops characters XML cannot carry', () => {
    expect(escapeText('a < b & c > d\u0001')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttribute('x"y\nz')).toBe('x&quot;y&#10;z');
  });

  it('keeps the XSD order, one value where only one is allowed, and leaves out what EDM has no place for', () => {
    const cho = namedNode('http://h/cho');
    const agg = namedNode('http://h/cho#agg');
    const { xml, dropped } = writeEdmRdfXml([
      quad(cho, namedNode(RDF('type')), namedNode(EDM('ProvidedCHO'))),
      quad(cho, namedNode(EDM('type')), literal('IMAGE')),
      quad(cho, namedNode(DC('title')), literal('<Titel>', 'nl')),
      quad(cho, namedNode('http://example.org/unknown'), literal('x')),
      quad(agg, namedNode(RDF('type')), namedNode(ORE('Aggregation'))),
      quad(agg, namedNode(EDM('provider')), literal('Hub')),
      quad(agg, namedNode(EDM('aggregatedCHO')), cho),
      quad(agg, namedNode(EDM('isShownAt')), namedNode('http://b/page')),
      quad(agg, namedNode(EDM('isShownAt')), namedNode('http://a/page')),
    ]);
    expect(xml).toMatch(/<dc:title xml:lang="nl">&lt;Titel&gt;<\/dc:title>\s*<edm:type>IMAGE<\/edm:type>/);
    expect(xml).toMatch(/<edm:aggregatedCHO rdf:resource="http:\/\/h\/cho"\/>\s*<edm:isShownAt rdf:resource="http:\/\/a\/page"\/>\s*<edm:provider>Hub<\/edm:provider>/);
    expect(xml).not.toContain('http://b/page');
    expect(xml.indexOf('edm:ProvidedCHO')).toBeLessThan(xml.indexOf('ore:Aggregation'));
    expect(dropped).toEqual(expect.arrayContaining(['http://h/cho http://example.org/unknown', `http://h/cho#agg ${EDM('isShownAt')} (more than one value)`]));
  });
});
