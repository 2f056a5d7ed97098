import { readFileSync } from 'node:fs';
import { projectPath } from '../../../../src/core/paths.js';
import { checkSchematron, loadSchematronRules } from '../../../../src/export/edm/schematron-rules.js';
import { edmSchemaSet, validateWithXsd } from '../../../../src/export/edm/xsd-validator.js';

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
