import { parseRdf } from '../../../src/core/rdf.js';
import { compareReports } from '../../../src/validation/report-compare.js';
import { readReport, reportToQuads, reportToTurtle } from '../../../src/validation/report-rdf.js';
import { parsePathText, pathToText } from '../../../src/validation/shacl/property-path.js';
import { PREFIXES, validator } from './helpers.js';

const shapes = `
  ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ( ex:p [ sh:inversePath ex:q ] ) ; sh:class ex:D ] ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "Naam ontbreekt"@nl ] .`;
const data = `${PREFIXES} ex:a a ex:C ; ex:p ex:b . ex:x ex:q ex:b .`;

describe('Validation reports as RDF', () => {
  it('round-trips a report through sh:ValidationReport quads, from rich and from plain results', () => {
    const v = validator(shapes);
    const rich = v.validateDetailed(parseRdf(data));
    expect(rich.results).toHaveLength(2);
    for (const report of [rich, v.validateSync(parseRdf(data))]) {
      const { quads, node } = reportToQuads(report);
      const back = readReport(quads, node);
      expect(compareReports(back, rich)).toMatchObject({ equal: true });
    }
  });

  it('notices a missing or an extra result', () => {
    const v = validator(shapes);
    const rich = v.validateDetailed(parseRdf(data));
    const fewer = { conforms: false, results: rich.results.slice(1) };
    const diff = compareReports(fewer, rich);
    expect(diff.equal).toBe(false);
    expect(diff.missing).toHaveLength(1);
    expect(compareReports(rich, fewer).unexpected).toHaveLength(1);
  });

  it('writes Turtle with language-tagged messages', async () => {
    const text = await reportToTurtle(validator(shapes).validateDetailed(parseRdf(data)));
    expect(text).toContain('sh:ValidationReport');
    expect(text).toContain('"Naam ontbreekt"@nl');
    const reparsed = parseRdf(text);
    expect(reparsed.some((q) => q.predicate.value.endsWith('#resultPath'))).toBe(true);
  });

  it('prints and parses SPARQL path text', () => {
    for (const text of ['<a:p>', '^<a:p>', '<a:p>/<a:q>', '<a:p>|^<a:q>', '(<a:p>/<a:q>)*', '<a:p>+/(<a:q>|<a:r>)?', '^(<a:p>/<a:q>)']) {
      expect(pathToText(parsePathText(text))).toBe(text);
    }
    expect(() => parsePathText('<a:p> junk')).toThrow(/cannot parse property path/);
  });
});
