/**
 * The completeness rule (recommended = the main class's fields without sh:minCount ≥ 1, on the
 * class or its superclasses, mandatory paths left out) and the sector median.
 */
import { ShapeCatalogue } from '../../../src/reports/shape-catalogue.js';
import { combineCompleteness, completeness } from '../../../src/reports/completeness.js';
import { median } from '../../../src/reports/sector-median.js';
import { parseRdf } from '../../../src/core/rdf.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const SHAPES = `@prefix sh: <${SH}> . @prefix crm: <${CRM}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://ex/ObjectShape> a sh:NodeShape ; sh:targetClass crm:E22_Man-Made_Object ;
  sh:property [ sh:path crm:P45_consists_of ; sh:minCount 1 ] , [ sh:path crm:P3_has_note ; sh:maxCount 1 ] , [ sh:path crm:P43_has_dimension ; sh:minCount 0 ] .
<http://ex/ThingShape> a sh:NodeShape ; sh:targetClass crm:E18_Physical_Thing ;
  sh:property [ sh:path crm:P45_consists_of ] , [ sh:path crm:P62_depicts ] .
<http://ex/EventShape> a sh:NodeShape ; sh:targetClass crm:E5_Event ; sh:property [ sh:path crm:P4_has_time-span ] .
crm:E22_Man-Made_Object rdfs:subClassOf crm:E18_Physical_Thing .`;

describe('Recommended fields', () => {
  const catalogue = new ShapeCatalogue(parseRdf(SHAPES));

  it('are the fields of the record class and its superclasses that the shapes do not demand', () => {
    const paths = catalogue.recommendedFieldsOf([`${CRM}E22_Man-Made_Object`]).map((f) => f.path).sort();
    // P45 is mandatory on the object (though optional on E18): not recommended. E5's field is another class's.
    expect(paths).toEqual([`${CRM}P3_has_note`, `${CRM}P43_has_dimension`, `${CRM}P62_depicts`].sort());
  });

  it('score the share present per record and over the records, least complete first', () => {
    const recommended = catalogue.recommendedFieldsOf([`${CRM}E22_Man-Made_Object`]).map((f) => f.path);
    const c = completeness(
      [
        { recordId: 'a', properties: new Set([`${CRM}P3_has_note`, `${CRM}P62_depicts`, `${CRM}P45_consists_of`]) },
        { recordId: 'b', properties: new Set([`${CRM}P45_consists_of`]) },
      ],
      recommended,
    );
    expect(c).toMatchObject({ records: 2, fields: 3, present: 2, checked: 6, score: 33.3 });
    expect(c.perRecord).toEqual([
      { recordId: 'b', present: 0, of: 3 },
      { recordId: 'a', present: 2, of: 3 },
    ]);
    expect(completeness([], recommended).score).toBeNull();
    expect(combineCompleteness([c, completeness([{ recordId: 'x', properties: new Set(recommended) }], recommended)])).toMatchObject({ present: 5, checked: 9, score: 55.6, records: 3 });
  });
});

describe('Sector median', () => {
  it('is the middle of the known scores, the mean of the two middle ones for an even count', () => {
    expect(median([40, null, 10, 30])).toBe(30);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([null, undefined])).toBeNull();
  });
});
