/** meemoo SIP production: made from a maker or a creation date, the date only when it is EDTF. */
import { projectPath } from '../../../src/core/paths.js';
import { RmlRecordMapper } from '../../../src/mapping/rml/rml-record-mapper.js';
import type { Quad } from '../../../src/core/rdf.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const OBJECT = 'http://hub.test/id/mensgemaaktobject/src/rec';
const PRODUCTION = `${OBJECT}#productie`;

let mapper: RmlRecordMapper;
beforeAll(async () => {
  mapper = await RmlRecordMapper.load(projectPath('mappings', 'meemoo-object.yml'));
});

async function map(inner: string): Promise<Quad[]> {
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<metadata xmlns="https://data.hetarchief.be/id/sip/1.1/material-artwork" xmlns:dcterms="http://purl.org/dc/terms/"
  xmlns:schema="https://schema.org/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dcterms:title xml:lang="nl">T</dcterms:title>${inner}</metadata>`;
  return (await mapper.map({ sourceId: 'src', recordId: 'rec', mediaType: 'application/xml', body }, { baseIri: 'http://hub.test/', sourceId: 'src' })).quads;
}

const values = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === `${CRM}${p}`).map((q) => q.object.value);

describe('The meemoo SIP production', () => {
  it('exists with a creation date alone, pointing back to the object, with the EDTF date', async () => {
    const quads = await map('<dcterms:created xsi:type="edtf:EDTF-level1">1628/1629</dcterms:created>');
    expect(values(quads, OBJECT, 'P108i_was_produced_by')).toEqual([PRODUCTION]);
    expect(values(quads, PRODUCTION, 'P108_has_produced')).toEqual([OBJECT]);
    expect(values(quads, PRODUCTION, 'P31_has_modified')).toEqual([OBJECT]);
    expect(values(quads, PRODUCTION, 'P4_has_time-span')).toEqual(['1628/1629']);
    expect(values(quads, PRODUCTION, 'P14_carried_out_by')).toEqual([]);
  });

  it('takes an untyped date only when it is date-shaped, and only the first', async () => {
    expect(values(await map('<dcterms:created>1629-03</dcterms:created><dcterms:created>1630</dcterms:created>'), PRODUCTION, 'P4_has_time-span')).toEqual(['1629-03']);
    const text = await map('<dcterms:created>rond 1629</dcterms:created>');
    expect(values(text, PRODUCTION, 'P4_has_time-span')).toEqual([]);
    expect(values(text, OBJECT, 'P108i_was_produced_by')).toEqual([PRODUCTION]);
  });

  it('is absent when the record names neither maker nor date', async () => {
    const quads = await map('<dcterms:created> </dcterms:created>');
    expect(quads.some((q) => q.subject.value === PRODUCTION)).toBe(false);
    expect(values(quads, OBJECT, 'P108i_was_produced_by')).toEqual([]);
  });
});
