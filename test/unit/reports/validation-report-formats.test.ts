import jsonld from 'jsonld';
import { parseRdf } from '../../../src/core/rdf.js';
import { compareReports } from '../../../src/validation/report-compare.js';
import { reportToCsv } from '../../../src/reports/report-csv.js';
import { reportToHtml } from '../../../src/reports/validation-report-html.js';
import { reportToJsonLd } from '../../../src/reports/validation-report-jsonld.js';
import { readReport } from '../../../src/validation/report-rdf.js';
import { reportToText } from '../../../src/reports/validation-report-text.js';
import { namedNode } from '../../../src/core/rdf.js';
import { PREFIXES, validator } from '../validation/helpers.js';

const shapes = `
  ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ( ex:p [ sh:zeroOrMorePath ex:q ] ) ; sh:datatype xsd:integer ] ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "Naam ontbreekt"@nl, "Name missing"@en ] ;
    sh:property [ sh:path ex:other ; sh:minCount 1 ; sh:message "=1+1" ] .`;
const data = `${PREFIXES} ex:a a ex:C ; ex:p ex:b . ex:b ex:q "=HYPERLINK(\\"http://evil\\")", "<script>alert(1)</script>" .`;

describe('Report serialisers', () => {
  const v = validator(shapes);
  const rich = v.validateDetailed(parseRdf(data));
  const plain = v.validateSync(parseRdf(data));

  it('writes JSON-LD that expands to the same sh:ValidationReport', async () => {
    const doc = reportToJsonLd(plain, { 'http://purl.org/dc/terms/source': { '@id': 'urn:source:x' } });
    const nquads = (await jsonld.toRDF(doc as any, { format: 'application/n-quads' } as any)) as unknown as string;
    const quads = parseRdf(nquads, { format: 'N-Quads' });
    const reportNode = quads.find((q) => q.object.value === 'http://www.w3.org/ns/shacl#ValidationReport')?.subject;
    expect(reportNode).toBeDefined();
    expect(compareReports(readReport(quads, reportNode as never), rich).equal).toBe(true);
    expect(quads.some((q) => q.predicate.equals(namedNode('http://purl.org/dc/terms/source')))).toBe(true);
    const languages = quads.filter((q) => q.predicate.value.endsWith('resultMessage')).map((q) => (q.object as { language: string }).language);
    expect(languages).toEqual(expect.arrayContaining(['en', 'nl']));
  });

  it('writes CSV with one row per result, quoting and defusing formulas', () => {
    const csv = reportToCsv(plain, { columns: ['record'], values: () => ['r1'] });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('record,severity,focusNode,path,value,constraint,shape,message');
    expect(lines).toHaveLength(1 + plain.results.length);
    expect(csv).toContain(`,'=1+1\r\n`);
    expect(csv).toContain(`,"""=HYPERLINK(`);
    expect(csv).toContain('sh:MinCountConstraintComponent');
  });

  it('escapes harvested text in HTML', () => {
    const html = reportToHtml(plain);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('summarises in plain text', () => {
    const text = reportToText(plain);
    expect(text.split('\n')[0]).toBe('Does not conform: 4 violation(s), 1 warning(s), 0 info.');
    expect(text).toContain('sh:MinCount on http://example.org/a');
    expect(reportToText({ conforms: true, results: [] })).toBe('Conforms: no validation results.\n');
  });
});
