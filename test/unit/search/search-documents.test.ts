/**
 * Search documents extracted from records as the mappings publish them
 * (fixtures/mappings/expected: the mapping tests' expected output of real sample records).
 */
import { readFileSync } from 'node:fs';
import { parseRdf } from '../../../src/core/rdf.js';
import { projectPath } from '../../../src/core/paths.js';
import { activityDocument } from '../../../src/publication/search/activity-document.js';
import { heritageDocument } from '../../../src/publication/search/heritage-document.js';
import { placeInfo } from '../../../src/publication/search/place-info.js';
import { RecordGraph } from '../../../src/publication/search/record-graph.js';
import { edtfYears } from '../../../src/publication/search/edtf-years.js';
import { rightsCategory } from '../../../src/publication/search/rights-category.js';
import { provinceOf } from '../../../src/publication/search/regions.js';

const graph = (file: string) => new RecordGraph(parseRdf(readFileSync(projectPath('fixtures/mappings/expected', file), 'utf8'), { format: 'application/n-quads' }));
const record = (entity: string) => ({ entity, recordGraph: `${entity}#graph`, source: 'http://localhost:3000/source/test', organisations: ['stuk'] });
const H = 'http://localhost:3000/id/';

describe('An activity document', () => {
  const place = placeInfo(graph('uitdatabank-place.nq'), `${H}locatie/uitdatabank-places/85b04295-479c-40f5-b3dd-469dfb4387b3`);
  const doc = activityDocument(graph('uitdatabank-event.nq'), record(`${H}activiteit/uitdatabank-events/85b04295-479c-40f5-b3dd-469dfb4387b3`), (iri) => (place?.ref.aliases?.includes(iri) ? place : undefined));

  it('holds the titles and descriptions per language', () => {
    expect(doc.titles).toContainEqual({ lang: 'nl', text: 'Jazzconcert in de foyer' });
    expect(doc.titles).toHaveLength(4);
    expect(doc.languages.sort()).toEqual(['de', 'en', 'fr', 'nl']);
    expect(doc.mainLanguage).toBe('nl');
  });

  it('holds the occurrence, calendar type, terms, organizer, price and media', () => {
    expect(doc.occurrences).toEqual([{ start: Date.parse('2021-05-17T22:00:00Z'), end: Date.parse('2021-05-17T22:00:00Z') }]);
    expect(doc.calendarType).toBe('single');
    expect(doc.termIds).toEqual(['https://taxonomy.uitdatabank.be/terms/0.50.4.0.0', '0.50.4.0.0']);
    expect(doc.organizers.map((o) => o.id)).toEqual(['https://io-test.uitdatabank.be/organizers/5cf42d51-3a4f-46f0-a8af-1cf672be8c84']);
    expect(doc.prices).toEqual([10.5]);
    expect(doc.hasImage).toBe(true);
    expect(doc.created).toBe(Date.parse('2021-05-17T22:00:00Z'));
  });

  it('takes the address and point of its location from the place record, with province and municipality', () => {
    expect(doc.postalCodes).toEqual(['3000']);
    expect(doc.municipalities).toEqual(['Leuven']);
    expect(doc.regions.map((r) => r.id)).toEqual(['prv-vlaams-brabant', 'gem-leuven']);
    expect(doc.lat).toBeCloseTo(50.8816, 3);
    expect(doc.lon).toBeCloseTo(4.7138, 3);
  });

  it('reads a Ticketmatic event: HTML descriptions as plain text, a theme concept with its label', () => {
    const tm = activityDocument(graph('ticketmatic-event.nq'), record(`${H}activiteit/ticketmatic-demo/10042`));
    expect(tm.descriptions).toContainEqual({ lang: 'nl', text: 'Strijkkwartet in de foyer: een avond in Kleine zaal, Gent.' });
    expect(tm.themes).toEqual([expect.objectContaining({ id: `${H}concept/ticketmatic-demo/genre/Muziek`, label: 'Muziek' })]);
    expect(tm.prices.sort()).toEqual([12, 22]);
    expect(tm.places[0]).toMatchObject({ id: `${H}locatie/ticketmatic-demo/777702`, label: 'Kleine zaal' });
  });
});

describe('A heritage object document', () => {
  it('reads a LIDO record: title, AAT types with labels, makers, place, period', () => {
    const doc = heritageDocument(graph('lido-mskgent-310000001.nq'), record(`${H}mensgemaaktobject/mskgent/310000001`));
    expect(doc.titles).toEqual([{ lang: 'nl', text: 'Het Manna' }]);
    expect(doc.types).toEqual([expect.objectContaining({ id: 'http://vocab.getty.edu/aat/300033799', label: 'olieverfschilderij' })]);
    expect(doc.makers).toEqual([expect.objectContaining({ id: `${H}agent/mskgent/310048210`, label: 'Anonieme meester, Gent, eind 17de eeuw' })]);
    expect(doc.places.map((p) => p.label)).toEqual(['Zuidelijke Nederlanden']);
  });

  it('reads EDTF production periods, materials and representations', () => {
    const doc = heritageDocument(graph('lido-groeningemuseum-0000_GRO1561_I.nq'), record(`${H}mensgemaaktobject/arthub/groeningemuseum%3A0000_GRO1561_I`), 'http://rightsstatements.org/vocab/CNE/1.0/');
    expect([doc.periodFrom, doc.periodTo]).toEqual([1601, 1620]);
    expect(doc.makers).toHaveLength(3);
    expect(doc.materials.map((m) => m.id).sort()).toEqual([`${H}concept/arthub/materiaal/olieverf`, 'http://vocab.getty.edu/aat/300012264']);
    expect(doc.hasImage).toBe(true);
    // No rights in the record: the source's declared default, restricted (not evaluated).
    expect(doc.rights).toEqual(['http://rightsstatements.org/vocab/CNE/1.0/']);
    expect(doc.rightsCategory).toBe('restricted');
  });

  it('reads a meemoo record: keeper with its label', () => {
    const doc = heritageDocument(graph('meemoo-mets-record.nq'), record(`${H}mensgemaaktobject/meemoo/umid%3Aaa7e5487751b441acad0a1a9cb212d390660082e630d4f543755f5dd164a0a8e308ddb84c28fc7f034c6`));
    expect(doc.keepers).toEqual([expect.objectContaining({ id: `${H}organisatie/meemoo/tvbxl`, label: 'tvbxl' })]);
  });
});

describe('Extraction helpers', () => {
  it('reads EDTF dates and intervals as years', () => {
    expect(edtfYears('1888')).toEqual([1888, 1888]);
    expect(edtfYears('1601~/1620~')).toEqual([1601, 1620]);
    expect(edtfYears('1601-03/1620')).toEqual([1601, 1620]);
    expect(edtfYears('../1700')).toEqual([1700, 1700]);
    expect(edtfYears('195X')).toEqual([1950, 1959]);
    expect(edtfYears('-0500/-0400')).toEqual([-500, -400]);
    expect(edtfYears('17de eeuw')).toBeUndefined();
  });

  it('sorts rights statements into reuse categories', () => {
    expect(rightsCategory('http://creativecommons.org/publicdomain/zero/1.0/')).toBe('open');
    expect(rightsCategory('https://creativecommons.org/licenses/by-sa/4.0/')).toBe('attribution');
    expect(rightsCategory('http://creativecommons.org/licenses/by-nc/4.0/')).toBe('restricted');
    expect(rightsCategory('http://rightsstatements.org/vocab/InC/1.0/')).toBe('restricted');
    expect(rightsCategory('http://example.org/own-licence')).toBeUndefined();
  });

  it('finds the province of a Belgian postal code', () => {
    expect(provinceOf('1000')?.id).toBe('nis-01000');
    expect(provinceOf('3000')?.id).toBe('prv-vlaams-brabant');
    expect(provinceOf('1500')?.id).toBe('prv-vlaams-brabant');
    expect(provinceOf('6700')?.labels?.en).toBe('Luxembourg');
    expect(provinceOf('9000')?.label).toBe('Oost-Vlaanderen');
    expect(provinceOf('75001')).toBeUndefined();
  });
});
