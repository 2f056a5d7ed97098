import { readFileSync } from 'node:fs';
import { projectPath } from '../../../../src/core/paths.js';
import { checkSchematron, loadSchematronRules } from '../../../../src/publication/edm/schematron-rules.js';
import { edmSchemaSet, validateWithXsd } from '../../../../src/publication/edm/xsd-validator.js';

const example = (name: string) => readFileSync(projectPath('fixtures/edm', name), 'utf8');
const skara = example('edm-external-example-3d-skara-brae.xml');
const allFields = example('edm-external-example-Item_35834473-allfields.xml');

const rules = (xml: string) => [...new Set(checkSchematron(xml).map((f) => f.rule))].sort();

describe('The Metis Schematron rules', () => {
  it('are the 25 assertions of the TSV', () => {
    expect(loadSchematronRules()).toHaveLength(25);
  });

  it('pass the Skara Brae 3D example', () => {
    expect(checkSchematron(skara)).toEqual([]);
  });

  it('fail the all-fields example only on its edm:rights, which is not a rights statement URI', () => {
    const failures = checkSchematron(allFields);
    expect(rules(allFields)).toEqual(['schematron:M24']);
    expect(failures.find((f) => f.rule === 'schematron:M24')?.message).toMatch(/Invalid Rights Statements/);
  });

  it.each([
    ['a second ProvidedCHO', (x: string) => x.replace('<ore:Aggregation', '<edm:ProvidedCHO rdf:about="#x"><edm:type>3D</edm:type><dc:type>t</dc:type></edm:ProvidedCHO><ore:Aggregation'), 'schematron:M45'],
    ['an empty rdf:resource', (x: string) => x.replace('<edm:isShownAt rdf:resource="', '<edm:isShownAt rdf:resource="" x="'), 'schematron:M15'],
    ['an empty xml:lang', (x: string) => x.replace('<dc:rights xml:lang="en">', '<dc:rights xml:lang="">'), 'schematron:M25'],
    ['a resource with text', (x: string) => x.replace(/<edm:isShownAt rdf:resource="([^"]*)"\/>/, '<edm:isShownAt rdf:resource="$1">text</edm:isShownAt>'), 'schematron:M16'],
    ['no landing page nor media', (x: string) => x.replace(/<edm:isShownAt[^>]*\/>/, '').replace(/<edm:isShownBy[^>]*\/>/, ''), 'schematron:M18'],
    ['an unaccepted edm:rights', (x: string) => x.replace(/(<ore:Aggregation[\s\S]*?<edm:rights rdf:resource=")[^"]*/, '$1http://rightsstatements.org/vocab/NoC-US/1.0/'), 'schematron:M24'],
    ['no dataProvider', (x: string) => x.replace(/<edm:dataProvider[\s\S]*?<\/edm:dataProvider>/, ''), 'schematron:M19'],
    ['TEXT without language', (x: string) => x.replace('<edm:type>3D</edm:type>', '<edm:type>TEXT</edm:type>').replace(/<dc:language[^>]*>[^<]*<\/dc:language>/g, ''), 'schematron:M35'],
  ])('catch %s', (_what, breakIt, rule) => {
    const broken = breakIt(skara);
    expect(broken).not.toBe(skara);
    expect(rules(broken)).toContain(rule);
  });

  describe('each fail on a record made to break that assertion', () => {
    /** An ore:Proxy (an EDM-internal context the M17 assertions check) put before the aggregation. */
    const proxy = (inner: string) => (x: string) => x.replace('<ore:Aggregation', `<ore:Proxy rdf:about="#proxy">${inner}</ore:Proxy><ore:Aggregation`);
    const inWebResource = (element: string) => (x: string) => x.replace('<rdfs:seeAlso rdf:resource="linkToOtherWebResourceExample"/>', `$&${element}`);
    const inAggregation = (find: RegExp, replace: string) => (x: string) => x.replace(/<ore:Aggregation[\s\S]*<\/ore:Aggregation>/, (agg) => agg.replace(find, replace));
    const withoutCategories = (x: string) =>
      x.replace(/<(dc:subject|dc:type|dcterms:temporal|dcterms:spatial)\b[^>]*\/>/g, '').replace(/<(dc:subject|dc:type|dcterms:temporal|dcterms:spatial)\b[^>]*>[^<]*<\/\1>/g, '');
    /** Keyed by the assertion's line in the TSV (0 = the first assertion). */
    const breakers: Record<number, (x: string) => string> = {
      0: (x) => x.replace('<edm:isShownAt rdf:resource="', '<edm:isShownAt rdf:resource="" x="'),
      1: (x) => x.replace(/<edm:isShownAt rdf:resource="([^"]*)"\/>/, '<edm:isShownAt rdf:resource="$1">text</edm:isShownAt>'),
      2: proxy('<dc:title>t</dc:title><edm:type>IMAGE</edm:type>'),
      3: proxy('<dc:title>t</dc:title><dc:type> </dc:type><edm:type>IMAGE</edm:type>'),
      4: proxy('<dc:type>t</dc:type><edm:type>IMAGE</edm:type>'),
      5: proxy('<dc:title> </dc:title><dc:type>t</dc:type><edm:type>IMAGE</edm:type>'),
      6: proxy('<dc:title>t</dc:title><dc:type>t</dc:type><edm:type>TEXT</edm:type>'),
      7: proxy('<dc:title>t</dc:title><dc:type>t</dc:type>'),
      8: proxy('<dc:title>t</dc:title><dc:type>t</dc:type><edm:type>IMAGE</edm:type><edm:europeanaProxy>true</edm:europeanaProxy>'),
      9: (x) => x.replace(/<edm:isShownAt[^>]*\/>/, '').replace(/<edm:isShownBy[^>]*\/>/, ''),
      10: (x) => x.replace(/<edm:dataProvider[\s\S]*?<\/edm:dataProvider>/, ''),
      11: (x) => x.replace('<edm:provider>CARARE</edm:provider>', ''),
      12: inAggregation(/<edm:rights [^>]*\/>/, ''),
      13: (x) => x.replace('<edm:provider>CARARE</edm:provider>', '<edm:provider> </edm:provider>'),
      14: (x) => x.replace(/<edm:dataProvider xml:lang="en">[^<]*</, '<edm:dataProvider xml:lang="en"> <'),
      15: inAggregation(/<edm:rights rdf:resource="[^"]*"/, '<edm:rights rdf:resource="http://rightsstatements.org/vocab/NoC-US/1.0/"'),
      16: (x) => x.replace('<dc:rights xml:lang="en">', '<dc:rights xml:lang="">'),
      17: (x) => x.replace(/(<edm:WebResource[\s\S]*?<edm:rights rdf:resource=")[^"]*/, '$1http://rightsstatements.org/vocab/NoC-US/1.0/'),
      18: inWebResource('<dcterms:hasPart>a part</dcterms:hasPart>'),
      19: withoutCategories,
      20: (x) => x.replace('<edm:type>3D</edm:type>', '<edm:type>TEXT</edm:type>').replace(/<dc:language[^>]*>[^<]*<\/dc:language>/g, ''),
      21: (x) => x.replace('<ore:Aggregation', '<edm:ProvidedCHO rdf:about="#x"><edm:type>3D</edm:type><dc:type>t</dc:type></edm:ProvidedCHO><ore:Aggregation'),
      22: (x) =>
        x.replace(
          '</rdf:RDF>',
          '<ore:Aggregation rdf:about="#second"><edm:aggregatedCHO rdf:resource="CMC_HA/936"/><edm:dataProvider>d</edm:dataProvider><edm:isShownAt rdf:resource="http://example.org/"/><edm:provider>p</edm:provider><edm:rights rdf:resource="http://rightsstatements.org/vocab/InC/1.0/"/></ore:Aggregation></rdf:RDF>',
        ),
      23: inWebResource('<schema:digitalSourceType rdf:resource="https://cv.iptc.org/newscodes/digitalsourcetype/somethingElse"/>'),
      24: inWebResource('<edm:intendedUsage rdf:resource="http://data.europeana.eu/vocabulary/usageArea/Nowhere"/>'),
    };

    it('(a breaker for every assertion of the TSV)', () => {
      expect(Object.keys(breakers).map(Number)).toEqual(loadSchematronRules().map((_, i) => i));
    });

    it.each(loadSchematronRules().map((rule, i) => [`${rule.pattern} #${i}: ${rule.message.slice(0, 60)}`, i] as const))('%s', (_name, i) => {
      const rule = loadSchematronRules()[i]!;
      const broken = breakers[i]!(skara);
      expect(broken).not.toBe(skara);
      const failures = checkSchematron(broken);
      // That very assertion (rule and message), not only another one of its pattern.
      expect(failures.filter((f) => f.rule === `schematron:${rule.pattern}` && f.message.startsWith(rule.message) && !f.message.includes('could not be evaluated'))).not.toEqual([]);
    });
  });

  it('report a document that is not well-formed', () => {
    expect(rules('<rdf:RDF')).toEqual(['schematron:well-formed']);
  });

  it('never resolve external entities', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">&x;</rdf:RDF>`;
    expect(JSON.stringify(checkSchematron(xxe))).not.toMatch(/root:/);
  });
});

describe('The EDM XSD validation', () => {
  it('accepts both Europeana examples and reports a broken one with its line, in one xmllint run', async () => {
    const noType = skara.replace('<edm:type>3D</edm:type>', '');
    const [a, b, c] = await validateWithXsd([skara, allFields, noType], edmSchemaSet());
    expect(a).toEqual([]);
    expect(b).toEqual([]);
    expect(c!.length).toBeGreaterThan(0);
    expect(c![0]!.message).toMatch(/ProvidedCHO/);
    expect(c![0]!.line).toBeGreaterThan(0);
  });
});
