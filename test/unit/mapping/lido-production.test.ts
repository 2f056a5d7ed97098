/** The LIDO mapping's production event: time-span (EDTF) and place, from what the record gives and nothing more. */
import { projectPath } from '../../../src/core/paths.js';
import { RmlRecordMapper } from '../../../src/mapping/rml/rml-record-mapper.js';
import type { Quad } from '../../../src/core/rdf.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const EDTF = 'http://id.loc.gov/datatypes/edtf/EDTF';
const OBJECT = 'http://hub.test/id/mensgemaaktobject/src/rec';
const PRODUCTION = `${OBJECT}#productie`;

let mapper: RmlRecordMapper;
beforeAll(async () => {
  mapper = await RmlRecordMapper.load(projectPath('mappings', 'lido-object.yml'));
});

function lido(event: string, type = 'Production'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<lido:lido xmlns:lido="http://www.lido-schema.org"><lido:lidoRecID>rec</lido:lidoRecID>
<lido:descriptiveMetadata xml:lang="nl"><lido:eventWrap><lido:eventSet><lido:event>
<lido:eventType><lido:term>${type}</lido:term></lido:eventType>${event}
</lido:event></lido:eventSet></lido:eventWrap></lido:descriptiveMetadata></lido:lido>`;
}

async function map(event: string, type?: string): Promise<Quad[]> {
  const out = await mapper.map({ sourceId: 'src', recordId: 'rec', mediaType: 'application/xml', body: lido(event, type) }, { baseIri: 'http://hub.test/', sourceId: 'src' });
  return out.quads;
}

const values = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === `${CRM}${p}`).map((q) => q.object);

async function timeSpans(event: string): Promise<string[]> {
  const spans = values(await map(event), PRODUCTION, 'P4_has_time-span');
  for (const span of spans) expect(span.termType === 'Literal' && span.datatype.value).toBe(EDTF);
  return spans.map((t) => t.value);
}

const date = (earliest?: string, latest?: string, display?: string) =>
  `<lido:eventDate>${display === undefined ? '' : `<lido:displayDate>${display}</lido:displayDate>`}<lido:date>${earliest ?? ''}${latest ?? ''}</lido:date></lido:eventDate>`;
const early = (v: string, circa = false) => `<lido:earliestDate${circa ? ' lido:type="circa"' : ''}>${v}</lido:earliestDate>`;
const late = (v: string, circa = false) => `<lido:latestDate${circa ? ' lido:type="circa"' : ''}>${v}</lido:latestDate>`;

describe('The LIDO production event', () => {
  it('points back to the object it produced (P108, and P31 which P108 specialises)', async () => {
    const quads = await map('');
    expect(values(quads, PRODUCTION, 'P108_has_produced').map((t) => t.value)).toEqual([OBJECT]);
    expect(values(quads, PRODUCTION, 'P31_has_modified').map((t) => t.value)).toEqual([OBJECT]);
    expect(values(quads, OBJECT, 'P108i_was_produced_by').map((t) => t.value)).toEqual([PRODUCTION]);
  });

  it('gets an EDTF interval from earliest and latest dates, "~" where they are circa', async () => {
    expect(await timeSpans(date(early('1601'), late('1620')))).toEqual(['1601/1620']);
    expect(await timeSpans(date(early('1601', true), late('1620', true)))).toEqual(['1601~/1620~']);
    expect(await timeSpans(date(early('1601', true), late('1620-05')))).toEqual(['1601~/1620-05']);
    expect(await timeSpans(date(early('1601-02-03'), late('1620', true)))).toEqual(['1601-02-03/1620~']);
  });

  it('gets one date when only the earliest is given or both agree', async () => {
    expect(await timeSpans(date(early('1888')))).toEqual(['1888']);
    expect(await timeSpans(date(early('1888'), late('1888')))).toEqual(['1888']);
    expect(await timeSpans(date(early('1888', true)))).toEqual(['1888~']);
  });

  it('falls back to an EDTF-shaped display date, and reads no free text', async () => {
    expect(await timeSpans(date(undefined, undefined, '1888'))).toEqual(['1888']);
    expect(await timeSpans(date(undefined, undefined, '1888-1890'))).toEqual(['1888/1890']);
    expect(await timeSpans(date(early('ca. 1601'), undefined, '1601/1620'))).toEqual(['1601/1620']);
    expect(await timeSpans(date(undefined, undefined, 'circa 1601 - circa 1620'))).toEqual([]);
    expect(await timeSpans('<lido:periodName><lido:term xml:lang="nl">17de eeuw</lido:term></lido:periodName>')).toEqual([]);
    // Structured dates win over the display text: never two time-spans.
    expect(await timeSpans(date(early('1601'), late('1620'), '1600'))).toEqual(['1601/1620']);
  });

  it('takes place at the named place (a prov:Location), or at the place\'s own IRI', async () => {
    const named = await map('<lido:eventPlace><lido:place><lido:namePlaceSet><lido:appellationValue lido:pref="preferred" xml:lang="nl">Gent</lido:appellationValue><lido:appellationValue lido:pref="alternate">Gand</lido:appellationValue></lido:namePlaceSet></lido:place></lido:eventPlace>');
    const place = 'http://hub.test/id/locatie/src/Gent';
    expect(values(named, PRODUCTION, 'P7_took_place_at').map((t) => t.value)).toEqual([place]);
    expect(named.some((q) => q.subject.value === place && q.object.value === 'http://www.w3.org/ns/prov#Location')).toBe(true);
    expect(named.find((q) => q.subject.value === place && q.predicate.value.endsWith('#label'))?.object).toMatchObject({ value: 'Gent', language: 'nl' });

    const tgn = 'http://vocab.getty.edu/tgn/7007836';
    const identified = await map(`<lido:eventPlace><lido:place><lido:placeID lido:type="URI">${tgn}</lido:placeID><lido:namePlaceSet><lido:appellationValue>Gent</lido:appellationValue></lido:namePlaceSet></lido:place></lido:eventPlace>`);
    expect(values(identified, PRODUCTION, 'P7_took_place_at').map((t) => t.value)).toEqual([tgn]);
    expect(identified.some((q) => q.subject.value === tgn && q.object.value === 'http://www.w3.org/ns/prov#Location')).toBe(true);
  });

  it('has no place when the record names none or leaves the name empty', async () => {
    expect(values(await map(''), PRODUCTION, 'P7_took_place_at')).toEqual([]);
    const empty = await map('<lido:eventPlace><lido:place><lido:namePlaceSet><lido:appellationValue lido:pref="preferred" xml:lang="nl"/></lido:namePlaceSet></lido:place></lido:eventPlace>');
    expect(values(empty, PRODUCTION, 'P7_took_place_at')).toEqual([]);
  });

  it('is only made for production events', async () => {
    const quads = await map(date(early('1700')), 'Acquisition');
    expect(quads.some((q) => q.subject.value === PRODUCTION)).toBe(false);
  });
});
