import {
  fold, haversineMetres, kboUrn, normaliseAddress, normaliseHouseNumber, normaliseIdentifier, normaliseStreet, personName,
  streetsAlike, textSimilarity, utcInstant, uuidIdentifier, venueName, yearOf,
} from '../../../src/publication/matching/normalise.js';

describe('Text folding for matching', () => {
  it('folds case, diacritics, punctuation and spaces', () => {
    expect(fold('  Théâtre  de la  Monnaie! ')).toBe('theatre de la monnaie');
    expect(fold("B'Rock Orchestra: Händel & Purcell")).toBe('b rock orchestra handel en purcell');
  });

  it('finds titles alike despite case, subtitles and punctuation, and tells other titles apart', () => {
    expect(textSimilarity('HAMLET', 'Hamlet')).toBe(1);
    expect(textSimilarity('Rosas - Drumming', 'rosas – drumming!')).toBe(1);
    expect(textSimilarity('Eefje de Visser (album release)', 'Eefje de Visser')).toBeGreaterThanOrEqual(0.85);
    expect(textSimilarity('HETPALEIS', 'Het Paleis')).toBe(1);
    expect(textSimilarity('De Kersentuin', 'Koningin Lear')).toBeLessThan(0.3);
  });

  it('splits a venue into its name and its room, without the municipality or articles', () => {
    expect(venueName('Vooruit - Theaterzaal')).toEqual({ core: 'vooruit', part: 'theaterzaal' });
    expect(venueName('Concertgebouw Brugge')).toEqual({ core: 'concertgebouw', part: '' });
    expect(venueName('Concertgebouw')).toEqual({ core: 'concertgebouw', part: '' });
    expect(venueName('CC Strombeek', ['Grimbergen']).core).toBe('cultuurcentrum strombeek');
    // A name that is only a municipality stays what it is.
    expect(venueName('Gent').core).toBe('gent');
  });

  it('writes streets out: abbreviations, "St.-" forms, compound endings', () => {
    expect(normaliseStreet('St.-Pietersnieuwstr.')).toBe('sint pietersnieuwstraat');
    expect(normaliseStreet('Sint-Pietersnieuwstraat')).toBe('sint pietersnieuwstraat');
    expect(normaliseStreet('Kunstln.')).toBe('kunstlaan');
    expect(normaliseStreet('Theaterpl.')).toBe('theaterplein');
    expect(normaliseStreet('Brusselsestwg')).toBe('brusselsesteenweg');
    expect(streetsAlike(normaliseStreet('J. Kluyskensstraat'), normaliseStreet('Jozef Kluyskensstraat'))).toBe(true);
    expect(streetsAlike(normaliseStreet('Kouter'), normaliseStreet('Korenmarkt'))).toBe(false);
  });

  it('reads house numbers with box, letter or range', () => {
    expect(normaliseHouseNumber('29 bus 3')).toEqual({ number: '29', box: '3' });
    expect(normaliseHouseNumber('29/3')).toEqual({ number: '29', box: '3' });
    expect(normaliseHouseNumber('12A')).toEqual({ number: '12a' });
    expect(normaliseHouseNumber('29-31')).toEqual({ number: '29' });
    expect(normaliseAddress({ street: 'Sint-Pietersnieuwstraat 23 bus 1', postcode: '9000', municipality: 'Gent' })).toEqual({
      street: 'sint pietersnieuwstraat', number: '23', box: '1', postcode: '9000', municipality: 'gent',
    });
    expect(normaliseAddress({ street: "'t Zand 34", postcode: '8000' }).number).toBe('34');
  });

  it('puts instants in UTC: offsets applied, local time taken as Europe/Brussels', () => {
    expect(utcInstant('2026-03-01T20:30:00+01:00')).toBe('2026-03-01T19:30:00Z');
    expect(utcInstant('2026-03-01T19:30:00Z')).toBe('2026-03-01T19:30:00Z');
    expect(utcInstant('2026-03-01T20:30:00')).toBe('2026-03-01T19:30:00Z');
    expect(utcInstant('2026-07-10T20:30:00')).toBe('2026-07-10T18:30:00Z');
    expect(utcInstant('2026-10-10T20:30:00')).toBe('2026-10-10T18:30:00Z');
    expect(utcInstant('2026-10-30T20:30:00')).toBe('2026-10-30T19:30:00Z');
    expect(utcInstant('2026-07-10 18:30:00.000+0200')).toBe('2026-07-10T16:30:00Z');
    expect(utcInstant('2026-07-10')).toBeUndefined();
  });

  it('orders person names given-family and reads years', () => {
    expect(personName('Ensor, James')).toBe(personName('James Ensor'));
    expect(personName('Smet, Gustave de')).toBe('gustave de smet');
    expect(personName('Ensor, James (1860-1949)')).toBe('james ensor');
    expect(yearOf('1860-04-13')).toBe(1860);
    expect(yearOf('ca. 1860')).toBe(1860);
    expect(yearOf('onbekend')).toBeUndefined();
  });

  it('normalises authority and UiTdatabank IRIs to one form', () => {
    expect(normaliseIdentifier('http://vocab.getty.edu/page/ulan/500006090')).toBe('http://vocab.getty.edu/ulan/500006090');
    expect(normaliseIdentifier('https://www.wikidata.org/wiki/Q159606')).toBe('http://www.wikidata.org/entity/Q159606');
    expect(normaliseIdentifier('https://rkd.nl/en/explore/artists/26842')).toBe('https://rkd.nl/artists/26842');
    expect(normaliseIdentifier('https://io-test.uitdatabank.be/events/0A6F7B9C-1111-4222-8333-444455556666')).toBe('https://io.uitdatabank.be/event/0a6f7b9c-1111-4222-8333-444455556666');
    expect(normaliseIdentifier('http://org.belgif.be/id/CbeRegisteredEntity/0410542014')).toBe('urn:kbo:0410542014');
    expect(kboUrn('BE 0410.542.014')).toBe('urn:kbo:0410542014');
    expect(kboUrn('12345')).toBeUndefined();
    expect(uuidIdentifier('http://hub.test/id/activiteit/uit/0a6f7b9c-1111-4222-8333-444455556666')).toBe('urn:uuid:0a6f7b9c-1111-4222-8333-444455556666');
  });

  it('measures distances in metres', () => {
    const vooruit = { lat: 51.0478, long: 3.7275 };
    expect(haversineMetres(vooruit, vooruit)).toBe(0);
    expect(Math.round(haversineMetres(vooruit, { lat: 51.0487, long: 3.7275 }))).toBe(100);
  });
});
