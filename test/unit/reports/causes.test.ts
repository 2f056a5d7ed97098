import { ShapeCatalogue } from '../../../src/reports/shape-catalogue.js';
import { SourceFieldIndex } from '../../../src/reports/source-fields.js';
import { causesOf, causeText, explainRow, shapeOffset, warnedOnly, type SourceKnowledge } from '../../../src/reports/causes.js';
import { fixText } from '../../../src/reports/fix-text.js';
import { fmtPct } from '../../../src/api/pages/report-parts.js';
import { combineScores, mandatoryScore } from '../../../src/reports/quality-score.js';
import { parseRdf } from '../../../src/core/rdf.js';
import type { ReportRow } from '../../../src/reports/report-model.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const SHAPES = `@prefix sh: <${SH}> . @prefix crm: <${CRM}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://ex/MensgemaaktObjectShape> a sh:NodeShape ; sh:targetClass crm:E22_Man-Made_Object ;
  sh:property [ sh:path crm:P108i_was_produced_by ; sh:class crm:E12_Production ; sh:name "productie" ; sh:minCount 1 ] ,
              [ sh:path crm:P45_consists_of ; sh:minCount 1 ; sh:name "materiaal" ; sh:description "Materiaal waaruit het object bestaat."@nl , "What the object is made of."@en ] .
<http://ex/GebeurtenisShape> a sh:NodeShape ; sh:targetClass crm:E5_Event ;
  sh:property [ sh:path crm:P4_has_time-span ; sh:minCount 1 ; sh:name "tijdspanne" ] .
crm:E12_Production rdfs:subClassOf crm:E5_Event .`;

const MAPPING = {
  prefixes: { crm: CRM },
  mappings: {
    object: { sources: [['lido.xml~xpath', '//lido:lido']], s: 'id/o/$(hub_sourceId)/$(hub_recordId)', po: [['a', 'crm:E22_Man-Made_Object']] },
    materiaal: { sources: [['lido.xml~xpath', "//lido:termMaterialsTech[lido:term!='']"]], s: 'id/o/$(hub_sourceId)/$(hub_recordId)', po: [['crm:P45_consists_of', '$(lido:term)']] },
    productieDatum: { sources: [['lido.xml~xpath', "//lido:event[lido:eventType='production']/lido:eventDate"]], s: 'id/o/$(hub_sourceId)/$(hub_recordId)#productie', po: [['crm:P4_has_time-span', '$(lido:date/lido:earliestDate)']] },
  },
};

function knowledge(): SourceKnowledge {
  const catalogue = new ShapeCatalogue(parseRdf(SHAPES));
  const fields = SourceFieldIndex.fromYarrrml(MAPPING, 'mappings/lido.yml');
  return { catalogue, fields, roots: fields.rootClasses() };
}

const row = (recordId: string, over: Partial<ReportRow>): ReportRow => ({
  sourceId: 's',
  runId: 'r',
  recordId,
  rejected: false,
  stage: 'validation',
  severity: 'Violation',
  messages: ['Less than 1 values (found 0)'],
  constraint: `${SH}MinCountConstraintComponent`,
  ...over,
});

describe('Causes of a report', () => {
  const know = knowledge();
  const time = (id: string, rejected = false) => row(id, { rejected, focusNode: '_:n3-900', path: `<${CRM}P4_has_time-span>`, rule: 'mappings/lido.yml#productie' });
  const material = (id: string) => row(id, { focusNode: `http://x/id/o/s/${id}`, path: `<${CRM}P45_consists_of>`, rule: 'mappings/lido.yml#object' });

  it('groups results by cause and counts distinct records, kept-out records first', () => {
    const causes = causesOf([material('a'), material('b'), material('c'), time('a', true), time('a', true)], () => know);
    expect(causes.map((c) => [c.kind, c.path, c.records, c.rejected, c.results])).toEqual([
      ['MinCount', `<${CRM}P4_has_time-span>`, 1, 1, 2],
      ['MinCount', `<${CRM}P45_consists_of>`, 3, 0, 3],
    ]);
  });

  it('counts how many records are free of violations once the causes above are fixed', () => {
    const causes = causesOf([material('a'), material('b'), time('a')], () => know);
    expect(causes.map((c) => c.freedAfter)).toEqual([1, 2]);
  });

  it('names the field, the way from the record and the source field, never a blank node', () => {
    const [cause] = causesOf([time('a')], () => know);
    const nl = causeText(cause!, know, 'nl');
    expect(nl.where).toBe('Mensgemaakt object › productie');
    expect(nl.field).toBe('tijdspanne');
    expect(cause!.sourceFields.map((f) => f.field)).toEqual(['lido:event/lido:eventDate/lido:date/lido:earliestDate']);
    expect(nl.fix).toContain('lido:event/lido:eventDate/lido:date/lido:earliestDate');
    expect(JSON.stringify(nl)).not.toMatch(/_:n3/);
    const explained = explainRow(row('a', { focusNode: '_:n3-1', path: `<${CRM}P108i_was_produced_by>`, constraint: `${SH}ClassConstraintComponent`, value: '_:n3-2', messages: ['Value _:n3-2 is not an instance of x'] }), know, undefined, 'en');
    expect(explained.message).not.toMatch(/_:/);
  });

  it('gives the shape’s meaning in the page’s language when the shape has it', () => {
    const [cause] = causesOf([material('a')], () => know);
    expect(causeText(cause!, know, 'en').meaning).toBe('What the object is made of.');
    expect(causeText(cause!, know, 'nl').meaning).toBe('Materiaal waaruit het object bestaat.');
  });

  it('finds the exact property shape of blank shape labels by their offset', () => {
    const catalogue = new ShapeCatalogue(parseRdf(SHAPES));
    const ids = ['P45_consists_of', 'P4_has_time-span'].map((p) => catalogue.fieldsOn(`<${CRM}${p}>`)[0]!.id);
    const shifted = (id: string) => `_:n3-${Number(id.slice(3)) + 1000}`;
    const rows = [row('a', { path: `<${CRM}P45_consists_of>`, shape: shifted(ids[0]!) }), row('a', { path: `<${CRM}P4_has_time-span>`, shape: shifted(ids[1]!) })];
    expect(shapeOffset(rows, catalogue)).toBe(1000);
  });

  it('names the record root element’s field without the root, and the rules that would write a missing field', () => {
    const meemoo = SourceFieldIndex.fromYarrrml(
      { prefixes: { crm: CRM }, mappings: { materiaal: { sources: [['record.xml~xpath', "/*/schema:artMedium[@xml:lang='nl']"]], s: 'id/o/$(hub_recordId)', po: [['crm:P45_consists_of', 'id/concept/materiaal/$(.)~iri']] } } },
      'mappings/meemoo.yml',
    );
    expect(meemoo.fieldsFor(`<${CRM}P45_consists_of>`).map((f) => f.field)).toEqual(['schema:artMedium']);
    const [cause] = causesOf([row('a', { focusNode: 'http://x/id/o/s/a', path: `<${CRM}P45_consists_of>`, rule: 'mappings/lido.yml#jsonld/@type' })], () => know);
    expect(cause!.rules).toEqual(['mappings/lido.yml#materiaal']);
  });

  it('scores the share of the objects’ mandatory fields filled, nested nodes left out', () => {
    // Two mandatory fields on the object (productie, materiaal) × 4 records; a and b lack materiaal.
    const score = mandatoryScore([material('a'), material('b'), material('b'), time('a')], 4, know);
    expect(score).toEqual({ checked: 8, missing: 2, score: 75 });
    expect(mandatoryScore([], 4, know).score).toBe(100);
    expect(combineScores([score, { checked: 2, missing: 2, score: 0 }])).toEqual({ checked: 10, missing: 4, score: 60 });
  });

  it('counts records with warnings only', () => {
    expect(warnedOnly([material('a'), row('b', { severity: 'Warning' }), row('c', { severity: 'Warning' }), row('c', {})])).toBe(1);
  });
});

describe('The fix in plain words', () => {
  const base = { field: 'titel', sourceFields: ['lido:titleSet/lido:appellationValue'] };
  it.each([
    ['MinCount', {}, 'ontbreekt', 'is missing'],
    ['MaxCount', { maxCount: 1 }, 'hoogstens 1', 'at most 1'],
    ['Datatype', { datatype: 'http://www.w3.org/2001/XMLSchema#date' }, 'een datum (JJJJ-MM-DD)', 'a date (YYYY-MM-DD)'],
    ['Class', { expectedClass: 'Concept' }, 'verwijzen naar een “Concept”', 'point to a “Concept”'],
    ['Pattern', { pattern: '^[0-9]+$' }, 'vereiste vorm (^[0-9]+$)', 'required form (^[0-9]+$)'],
    ['In', { allowed: ['http://ex/a', 'http://ex/b'] }, 'toegelaten waarden zijn: “a”, “b”', 'allowed values: “a”, “b”'],
    ['NodeKind', { nodeKind: `${SH}IRI` }, 'een link (IRI)', 'a link (IRI)'],
  ])('says what to do for %s in Dutch and English', (kind, extra, nl, en) => {
    expect(fixText({ kind, ...base, ...extra }, 'nl')).toContain(nl);
    expect(fixText({ kind, ...base, ...extra }, 'en')).toContain(en);
    expect(fixText({ kind, ...base, ...extra }, 'en')).toContain('lido:titleSet/lido:appellationValue');
  });

  it('says when no field of the source feeds the property', () => {
    expect(fixText({ kind: 'MinCount', field: 'creatie', sourceFields: [] }, 'en')).toContain('No field of your system fills this');
  });
});

describe('Report number formats', () => {
  it('writes percentages as nl-BE and English readers do', () => {
    expect(fmtPct(12.5, 'nl')).toBe('12,5\u00a0%');
    expect(fmtPct(12.5, 'en')).toBe('12.5%');
    expect(fmtPct(null, 'nl')).toBe('—');
  });
});
