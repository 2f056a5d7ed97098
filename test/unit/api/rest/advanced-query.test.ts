/**
 * publiq's advanced query `q`: the syntax (Lucene's boolean semantics), the field mapping, and every
 * `q` example of publiq's documentation (docs/search-api_*.md in the UiTdatabank reference, copied
 * here verbatim as they appear after `?q=` and URL-decoded): each is either answered, as the filter
 * written out below, or refused with the reason.
 */
import { AdvancedQueryError, hasField, parseAdvancedQuery } from '../../../../src/api/rest/advanced-query.js';
import { QueryFieldError, supportedFields, toFilter } from '../../../../src/api/rest/query-fields.js';
import type { Filter } from '../../../../src/publication/search/search-contract.js';

const filter = (q: string, kind: 'activities' | 'heritage-objects' = 'activities'): Filter => toFilter(kind, parseAdvancedQuery(q));
const refusal = (q: string, kind: 'activities' | 'heritage-objects' = 'activities'): string => {
  try {
    filter(q, kind);
  } catch (e) {
    if (e instanceof QueryFieldError || e instanceof AdvancedQueryError) return e.message;
    throw e;
  }
  throw new Error(`${q} was accepted`);
};

const pc = (code: string): Filter => ({ field: 'postalCode', equals: code });
const term = (id: string): Filter => ({ field: 'termId', equals: id });
/** An age range covering the youngest and the oldest (the read model matches overlapping ranges). */
const ALL_AGES: Filter = { and: [{ field: 'age', from: 0, to: 0 }, { field: 'age', from: 150, to: 150 }] };

describe('The advanced query syntax', () => {
  it('reads field:value, phrases, groups with a field, and escaped characters', () => {
    expect(parseAdvancedQuery('labels:"ook voor kinderen"')).toEqual({ field: 'labels', value: 'ook voor kinderen', phrase: true, wildcard: false });
    expect(parseAdvancedQuery('address.\\*.postalCode:9000')).toEqual({ field: 'address.*.postalCode', value: '9000', phrase: false, wildcard: false });
    expect(parseAdvancedQuery('created:2023-01-01T00\\:00\\:00')).toMatchObject({ value: '2023-01-01T00:00:00' });
    expect(parseAdvancedQuery('terms.id:(a OR b)')).toEqual({ any: [expect.objectContaining({ field: 'terms.id', value: 'a' }), expect.objectContaining({ field: 'terms.id', value: 'b' })] });
  });

  it('reads inclusive, exclusive and open ranges, and comparisons', () => {
    expect(parseAdvancedQuery('price:[10 TO *]')).toEqual({ field: 'price', from: '10', to: undefined, fromExclusive: false, toExclusive: false });
    expect(parseAdvancedQuery('price:{10 TO 20]')).toEqual({ field: 'price', from: '10', to: '20', fromExclusive: true, toExclusive: false });
    expect(parseAdvancedQuery('price:<10')).toEqual({ field: 'price', to: '10', fromExclusive: false, toExclusive: true });
    expect(parseAdvancedQuery('completeness:>=50')).toEqual({ field: 'completeness', from: '50', fromExclusive: false, toExclusive: false });
  });

  it("gives a time zone's + back when it arrived as a space (an unencoded + in a URL)", () => {
    expect(parseAdvancedQuery('modified:[2024-09-03T18:31:00 02:00 TO 2024-09-10T09:21:00 02:00]')).toMatchObject({ from: '2024-09-03T18:31:00+02:00', to: '2024-09-10T09:21:00+02:00' });
  });

  it("follows Lucene: OR by default, AND requires both sides, NOT and - prohibit, + requires; optional clauses beside required ones do not filter", () => {
    expect(filter('postalCode:9000 postalCode:1000')).toEqual({ or: [pc('9000'), pc('1000')] });
    expect(filter('postalCode:9000 AND postalCode:1000')).toEqual({ and: [pc('9000'), pc('1000')] });
    expect(filter('postalCode:9000 && postalCode:1000 || postalCode:2000')).toEqual({ and: [pc('9000'), pc('1000')] });
    expect(filter('postalCode:9000 NOT postalCode:1000')).toEqual({ and: [pc('9000'), { not: pc('1000') }] });
    expect(filter('+postalCode:9000 -postalCode:1000 postalCode:2000')).toEqual({ and: [pc('9000'), { not: pc('1000') }] });
    expect(filter('!postalCode:9000')).toEqual({ not: pc('9000') });
    expect(filter('(postalCode:9000 OR postalCode:1000) AND NOT termId:x')).toEqual({ and: [{ or: [pc('9000'), pc('1000')] }, { not: term('x') }] });
  });

  it('treats a q without any field as free text, as the hub did before', () => {
    expect(hasField('stoel van Wegner')).toBe(false);
    expect(hasField('dijle (wandelen OR fietsen)')).toBe(false);
    expect(hasField('name.\\*:*Soulwax*')).toBe(true);
    expect(hasField('a AND -terms.id:x')).toBe(true);
    expect(filter('jazz terms.id:x')).toEqual({ or: [{ text: 'jazz' }, term('x')] });
  });

  it('says where the syntax is wrong', () => {
    expect(() => parseAdvancedQuery('terms.id:(a OR b')).toThrow('a "(" without its ")" (at character 10)');
    expect(() => parseAdvancedQuery('labels:"open')).toThrow('a quote without its closing quote');
    expect(() => parseAdvancedQuery('price:[1 2]')).toThrow('a range is [from TO to]');
    expect(() => parseAdvancedQuery('price:')).toThrow('a value after "price:"');
    expect(() => parseAdvancedQuery(')')).toThrow('unexpected ")"');
    expect(() => parseAdvancedQuery(`${'('.repeat(12)}a${')'.repeat(12)}`)).toThrow('nested parentheses');
    expect(() => parseAdvancedQuery(Array.from({ length: 101 }, (_, i) => `id:${i}`).join(' OR '))).toThrow('more than 100 clauses');
  });

  it('names an unknown field and lists the supported ones', () => {
    const reason = refusal('colour:red');
    expect(reason).toMatch(/^colour: is not a field this API searches on activities; the fields are /);
    for (const f of ['address.{language}.postalCode', 'terms.id', 'dateRange', 'regions', 'typicalAgeRange']) expect(reason).toContain(f);
    expect(refusal('dateRange:x', 'heritage-objects')).toMatch(/^dateRange: is not a field this API searches on heritage-objects/);
    expect(supportedFields('heritage-objects')).toEqual(expect.arrayContaining(['maker', 'material', 'period', 'rightsCategory', 'hasIiif']));
  });

  it('maps the hub field names on heritage objects', () => {
    expect(filter('maker:"http://vocab.getty.edu/ulan/500006348" AND period:[1880 TO 1920] AND hasIiif:true', 'heritage-objects')).toEqual({
      and: [{ field: 'maker', equals: 'http://vocab.getty.edu/ulan/500006348' }, { field: 'period', from: 1880, to: 1920 }, { field: 'hasIiif', equals: 'true' }],
    });
    expect(filter('title:stoel', 'heritage-objects')).toEqual({ text: 'stoel', field: 'title' });
  });
});

/** Every q of publiq's docs that names a field /events or /offers has (organizers' fields excluded: the hub has no organizer search). */
const ANSWERED: [string, Filter][] = [
  ['address.\\*.postalCode:(9000 OR 3000) AND terms.id:(0.0.0.0.0 OR 0.50.4.0.0)', { and: [{ or: [pc('9000'), pc('3000')] }, { or: [term('0.0.0.0.0'), term('0.50.4.0.0')] }] }],
  ['address.\\*.postalCode:(3600 OR 3700)', { or: [pc('3600'), pc('3700')] }],
  ['address.\\*.postalCode:(9000 OR 1000 OR 2000 OR 3000)', { or: [pc('9000'), pc('1000'), pc('2000'), pc('3000')] }],
  ['address.\\*.postalCode:90*', { or: Array.from({ length: 100 }, (_, i) => pc(`90${String(i).padStart(2, '0')}`)) }],
  ['address.\\*.postalCode:9000', pc('9000')],
  ['address.\\*.postalCode:9000 AND price:0', { and: [pc('9000'), { field: 'isFree', equals: 'true' }] }],
  ['address.\\*.postalCode:9000 NOT price:0', { and: [pc('9000'), { not: { field: 'isFree', equals: 'true' } }] }],
  ['address.\\*.postalCode:9000 OR address.\\*.postalCode:1000 OR address.\\*.postalCode:2000 OR address.\\*.postalCode:3000', { or: [pc('9000'), pc('1000'), pc('2000'), pc('3000')] }],
  ['address.\\*.postalCode:9000 OR price:0', { or: [pc('9000'), { field: 'isFree', equals: 'true' }] }],
  ['audienceType:members', { field: 'audienceType', equals: 'members' }],
  ['availableRange:[2023-01-01T00\\:00\\:00+01\\:00 TO 2023-03-31T23\\:59\\:59+01\\:00]', { field: 'occurrence', from: '2023-01-01T00:00:00+01:00', to: '2023-03-31T23:59:59+01:00' }],
  ['bookingAvailability:available', { field: 'availability', equals: 'available' }],
  ['dateRange:[2020-01-01T00\\:00\\:00+01\\:00 TO 2021-12-31T23\\:59\\:59+01\\:00]', { field: 'occurrence', from: '2020-01-01T00:00:00+01:00', to: '2021-12-31T23:59:59+01:00' }],
  ['dateRange:[2022-01-01T00:00:00+01:00 TO 2022-12-31T23:59:59+01:00]', { field: 'occurrence', from: '2022-01-01T00:00:00+01:00', to: '2022-12-31T23:59:59+01:00' }],
  [
    'dateRange:[2025-07-01T00\\:00\\:00+02\\:00 TO 2025-08-31T23\\:59\\:59+02\\:00] NOT dateRange:[* TO 2025-06-30T23\\:59\\:59+02\\:00] NOT dateRange:[2025-09-01T00\\:00\\:00+02\\:0 TO *]',
    { and: [{ field: 'occurrence', from: '2025-07-01T00:00:00+02:00', to: '2025-08-31T23:59:59+02:00' }, { not: { field: 'occurrence', to: '2025-06-30T23:59:59+02:00' } }, { not: { field: 'occurrence', from: '2025-09-01T00:00:00+02:00' } }] },
  ],
  ['labels:"ook voor kinderen"', { field: 'label', equals: 'ook voor kinderen' }],
  ['localTimeRange:[0000 TO 0559]', { field: 'localTime', from: '00:00', to: '05:59' }],
  ['localTimeRange:[0600 TO 1159] NOT localTimeRange:[0000 TO 0559]', { and: [{ field: 'localTime', from: '06:00', to: '11:59' }, { not: { field: 'localTime', from: '00:00', to: '05:59' } }] }],
  ['localTimeRange:[1700 TO 2359]', { field: 'localTime', from: '17:00', to: '23:59' }],
  ['location.id:787d7420-c06f-4935-b3c5-5cd5a1276796', { field: 'location', equals: '787d7420-c06f-4935-b3c5-5cd5a1276796' }],
  ['location.name.\\*:"ancienne belgique"', { text: 'ancienne belgique', field: 'place' }],
  ['mainLanguage:fr', { field: 'mainLanguage', equals: 'fr' }],
  ['modified:[2024-09-03T18:31:00+02:00 TO 2024-09-10T09:21:00+02:00]', { field: 'modified', from: '2024-09-03T18:31:00+02:00', to: '2024-09-10T09:21:00+02:00' }],
  ['name.\\*:*Soulwax*', { text: 'Soulwax', field: 'title' }],
  ['organizer.name.\\*:"ancienne belgique"', { field: 'organisation', equals: 'ancienne belgique' }],
  ['price:6.66', { field: 'price', from: 6.66, to: 6.66 }],
  ['price:<10', { field: 'price', to: 10 }],
  ['priceRange:[50 TO *]', { field: 'price', from: 50 }],
  ['status:Available', { field: 'status', equals: 'Available' }],
  ['terms.id:(0.50.4.0.0 AND 1.8.3.3.0)', { and: [term('0.50.4.0.0'), term('1.8.3.3.0')] }],
  ['terms.id:0.50.4.0.0', term('0.50.4.0.0')],
  ['terms.id:0.50.4.0.0 NOT terms.id:1.8.2.0.0', { and: [term('0.50.4.0.0'), { not: term('1.8.2.0.0') }] }],
  ['typicalAgeRange:[0 TO 12]', { field: 'age', from: 0, to: 12 }],
  ['typicalAgeRange:[0 TO 12] NOT typicalAgeRange:[12 TO *]', { and: [{ field: 'age', from: 0, to: 12 }, { not: { field: 'age', from: 12 } }] }],
  ['allAges:*', { and: [] }],
  ['allAges:false', { not: ALL_AGES }],
  ['allAges:true', ALL_AGES],
  ['calendarType:permanent', { field: 'calendarType', equals: 'permanent' }],
  ['created:[2022-01-01T00\\:00\\:00+01\\:00 TO *]', { field: 'created', from: '2022-01-01T00:00:00+01:00' }],
  ['id:75573a64-ddc8-4fd0-8b07-d258939dd74f', { field: 'id', equals: '75573a64-ddc8-4fd0-8b07-d258939dd74f' }],
  ['languages:("fr" OR "de")', { or: [{ field: 'language', equals: 'fr' }, { field: 'language', equals: 'de' }] }],
  ['videosCount:>=1', { field: 'hasVideo', equals: 'true' }],
  ['mediaObjectsCount:>=1', { field: 'hasImage', equals: 'true' }],
  ['address.\\*.addressCountry:BE', { field: 'country', equals: 'BE' }],
  ['address.nl.addressCountry:NL', { field: 'country', equals: 'NL' }],
  ['address.fr.addressLocality:Bruxelles', { field: 'municipality', equals: 'Bruxelles' }],
  ['bookingAvailability:unavailable', { field: 'availability', equals: 'unavailable' }],
  ['regions:nis-01000', { field: 'region', equals: 'nis-01000' }],
  ['status:Unavailable', { field: 'status', equals: 'Unavailable' }],
];

/** The documented queries the hub refuses, and the words of the refusal. */
const REFUSED: [string, string][] = [
  ['_exists_:description.nl', 'field existence is not indexed'],
  ['attendanceMode:(online OR mixed)', 'attendanceMode: is not supported by this hub'],
  ['birthdateRange:[2020-01-01 TO 2020-12-31]', 'use typicalAgeRange'],
  ['departurePlaces:a0368d10-ded0-4925-b94a-2835f73e255e OR departurePlaces:f3c8a2d1-7b4e-49f6-b2c8-5e3b1d9f7a4c', 'departurePlaces: is not supported'],
  ['location.labels:"internationaal"', 'location.labels: is not supported'],
  ['location.terms.id:8.70.0.0.0', 'location.terms.id: is not supported'],
  ['mediaObjectsCount:[5 TO 10]', 'the hub keeps whether there is one, not how many'],
  ['organizer.labels:"Erkend_SCVW"', 'organizer.labels: is not supported'],
  ['price:[O TO 10]', 'price: expected a number, not "O"'],
  ['terms.label:concert', 'term labels change; use terms.id'],
  ['workflowStatus:APPROVED', 'no workflow status to filter on'],
  ['completeness:>=50', 'completeness: is not supported'],
  ['creator:86a02c65-696d-5b12-a9b1-9e3bc8e6303c', 'creator: is not supported'],
  ['videosCount:1', 'not how many'],
  ['videosCount:[5 TO 10]', 'not how many'],
  ['address.nl.streetAddress:"Henegouwenkaai 41-43"', 'street addresses are not indexed'],
  ['completedLanguages:en', 'use languages'],
  ['imagesCount:>=1', 'organizers only'],
];

describe("publiq's documented advanced queries", () => {
  it.each(ANSWERED)('%s', (q, expected) => {
    expect(filter(q)).toEqual(expected);
  });
  it.each(REFUSED)('%s is refused: %s', (q, reason) => {
    expect(refusal(q)).toContain(reason);
  });
});
