/**
 * One activity's public facts → an event-post body: the problems a house can act on (which Entry
 * API field, which Ticketmatic field, what to change) instead of a guessed or silent default.
 */
import { termErrors } from '../../../../fixtures/uitdatabank/entry-documents.js';
import { projectPath } from '../../../../src/core/paths.js';
import { eventBody, loadGenreMap, loadPubliqTerms, parseGenreMap, type BuildOptions, type GenreMap } from '../../../../src/publication/push/index.js';
import type { PublicEvent } from '../../../../src/publication/push/public-event.js';

const GENRES = projectPath('mappings/uitdatabank-push/ticketmatic-genres.yml');
const TERMS = projectPath('mappings/uitdatabank-push/publiq-terms.yml');
let genres: GenreMap;
let options: BuildOptions;

beforeAll(async () => {
  genres = await loadGenreMap(GENRES);
  options = { sourceId: 'ticketmatic', baseIri: 'http://hub.test/', genres };
});

const event = (over: Partial<PublicEvent> = {}): PublicEvent => ({
  iri: 'http://hub.test/id/activiteit/ticketmatic/10005',
  titles: [{ value: 'Stand-up comedy avond', language: 'nl' }],
  descriptions: [],
  starts: ['2026-10-05T20:00:00Z'],
  ends: ['2026-10-05T22:00:00Z'],
  genres: ['Muziek'],
  images: [],
  prices: [],
  availability: [],
  eventStatus: [],
  ...over,
});

const errorsOf = (e: PublicEvent) => eventBody(e, '10005', options).problems.filter((p) => p.severity === 'error');

describe('eventBody problems', () => {
  it('reports an unmapped genre as an error on terms, naming the genre and the Ticketmatic field, and sends no made-up type', () => {
    const built = eventBody(event({ genres: ['Stand-up comedy'] }), '10005', options);
    expect(built.body.terms).toEqual([]);
    expect(built.problems.filter((p) => p.field === 'terms')).toEqual([expect.objectContaining({ sourceField: 'c_genre', severity: 'error', message: expect.stringContaining('"Stand-up comedy"') })]);
  });

  it('matches genres case-insensitively and adds the theme the map gives', () => {
    expect(eventBody(event({ genres: ['  jazz '] }), '10005', options).body.terms).toEqual([
      { id: '0.50.4.0.0', label: 'Concert', domain: 'eventtype' },
      { id: '1.8.2.0.0', label: 'Jazz en blues', domain: 'theme' },
    ]);
  });

  it('reports an event without genre, without start or with a name too long for UiTdatabank', () => {
    expect(errorsOf(event({ genres: [] })).map((p) => [p.field, p.sourceField])).toEqual([['terms', 'c_genre']]);
    expect(errorsOf(event({ starts: [], ends: [] })).map((p) => [p.field, p.sourceField])).toEqual([['calendar', 'startts / endts']]);
    expect(errorsOf(event({ titles: [{ value: 'x'.repeat(91), language: 'nl' }] })).map((p) => p.field)).toEqual(['name.nl']);
    expect(errorsOf(event({ titles: [{ value: 'Only English', language: 'en' }] })).map((p) => p.field)).toEqual(['name']);
    expect(errorsOf(event({ ends: ['2026-10-05T19:00:00Z'] })).map((p) => p.field)).toEqual(['calendar']);
  });

  it('sends an event without end time ending at its start, with a warning', () => {
    const built = eventBody(event({ ends: [] }), '10005', options);
    expect(built.body.subEvent).toEqual([{ startDate: '2026-10-05T20:00:00+00:00', endDate: '2026-10-05T20:00:00+00:00' }]);
    expect(built.problems).toContainEqual(expect.objectContaining({ field: 'calendar', severity: 'warning' }));
  });

  it('uses the configured price type names and base tariff, and imports only jpeg/png/gif images', () => {
    const named = { ...options, priceTypes: { '2': { name: { nl: 'Reductie' } }, '3': { base: true } } };
    const built = eventBody(
      event({
        prices: [
          { category: '2', amount: 30, currency: 'EUR' },
          { category: '3', amount: 20, currency: 'EUR' },
        ],
        images: ['https://img.example/a.webp', 'https://img.example/b.PNG'],
      }),
      '10005',
      named,
    );
    expect(built.body.priceInfo).toEqual([
      { category: 'base', price: 20, priceCurrency: 'EUR', name: { nl: 'Basistarief', fr: 'Tarif de base', de: 'Basisrate', en: 'Base tariff' } },
      { category: 'tariff', price: 30, priceCurrency: 'EUR', name: { nl: 'Reductie' } },
    ]);
    expect(built.images.map((i) => i.contentUrl)).toEqual(['https://img.example/b.PNG']);
    expect(built.problems.map((p) => p.field)).toEqual(['bookingInfo', 'image']);
  });

  it('maps a postponed event to TemporarilyUnavailable and a sold-out one to Unavailable', () => {
    const built = eventBody(event({ eventStatus: ['https://schema.org/EventPostponed'], availability: ['https://schema.org/SoldOut'] }), '10005', options);
    expect([built.status, built.body.status, built.bookingAvailability, built.body.bookingAvailability]).toEqual(['TemporarilyUnavailable', { type: 'TemporarilyUnavailable' }, 'Unavailable', { type: 'Unavailable' }]);
  });
});

describe('the genre map', () => {
  it('uses only term ids documented in publiq-terms.yml', async () => {
    const terms = await loadPubliqTerms(TERMS);
    for (const [genre, t] of Object.entries(genres)) {
      expect([genre, t.type.id in terms.eventtype]).toEqual([genre, true]);
      if (t.theme) expect([genre, t.theme.id in terms.theme]).toEqual([genre, true]);
    }
    expect(Object.keys(genres)).toContain('muziek');
  });

  it('uses terms the strict fixture Entry API knows, each in its domain (fixtures/uitdatabank/entry-api/terms.json)', async () => {
    for (const [genre, t] of Object.entries(genres)) {
      const terms = [{ id: t.type.id, domain: 'eventtype' }, ...(t.theme ? [{ id: t.theme.id, domain: 'theme' }] : [])];
      expect([genre, termErrors('events', terms)]).toEqual([genre, []]);
    }
    const places = await loadPubliqTerms(TERMS);
    for (const id of Object.keys(places.placetype)) expect([id, termErrors('places', [{ id, domain: 'eventtype' }])]).toEqual([id, []]);
  });

  it('refuses an undocumented term id, naming the file and the genre', async () => {
    const terms = await loadPubliqTerms(TERMS);
    expect(() => parseGenreMap({ Theater: { type: '0.55.0.0.0' } }, terms, 'override.yml')).toThrow(/override\.yml[\s\S]*genres\.Theater: event type 0\.55\.0\.0\.0 is not among the documented/);
    expect(() => parseGenreMap({ Jazz: { type: '0.50.4.0.0', theme: '9.9.9.9.9' } }, terms, 'override.yml')).toThrow(/genres\.Jazz: theme 9\.9\.9\.9\.9/);
    expect(() => parseGenreMap({ Jazz: { type: '0.50.4.0.0' }, jazz: { type: '0.50.4.0.0' } }, terms, 'override.yml')).toThrow(/listed twice/);
  });
});
