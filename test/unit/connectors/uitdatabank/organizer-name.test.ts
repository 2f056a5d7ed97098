import { organizerName } from '../../../../src/connectors/uitdatabank/uitdatabank-connector.js';

describe('organizerName', () => {
  it('prefers the Dutch name of the embedded organizer', () => {
    expect(organizerName({ organizer: { name: { fr: 'Théâtre', nl: ' Schouwburg Kortrijk ' } } })).toBe('Schouwburg Kortrijk');
  });

  it('falls back to the organizer\'s main language, then the offer\'s, then any', () => {
    expect(organizerName({ organizer: { mainLanguage: 'fr', name: { en: 'Theatre', fr: 'Théâtre' } } })).toBe('Théâtre');
    expect(organizerName({ mainLanguage: 'en', organizer: { name: { de: 'Theater', en: 'Theatre' } } })).toBe('Theatre');
    expect(organizerName({ organizer: { name: { de: 'Theater' } } })).toBe('Theater');
  });

  it('takes a plain string name (older documents)', () => {
    expect(organizerName({ organizer: { name: 'CC Hasselt' } })).toBe('CC Hasselt');
  });

  it('gives nothing for an organizer without a name, an empty name, or no organizer', () => {
    expect(organizerName({ organizer: { '@id': 'https://io.uitdatabank.be/organizers/x' } })).toBeUndefined();
    expect(organizerName({ organizer: { name: { nl: '  ' } } })).toBeUndefined();
    expect(organizerName({ organizer: 'https://io.uitdatabank.be/organizers/x' })).toBeUndefined();
    expect(organizerName({})).toBeUndefined();
  });
});
