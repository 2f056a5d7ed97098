/**
 * Deterministic synthetic UiTdatabank events for the pipeline benchmark: the shape of
 * fixtures/uitdatabank/samples/event-read-example2.json (Search API v3, embedded JSON-LD), with
 * values varied by index. Event i was last modified at BASE + i seconds, so a modification-date
 * window is an index range and the fixture needs no memory per document.
 */
import { createHash } from 'node:crypto';

export const BASE_MODIFIED_MS = Date.parse('2020-01-01T00:00:00Z');
const IO = 'https://io.uitdatabank.be';
const TITLES = ['Concert', 'Voorstelling', 'Workshop', 'Rondleiding', 'Lezing', 'Tentoonstelling', 'Festival', 'Film'];
const TOWNS = ['Gent', 'Antwerpen', 'Brugge', 'Leuven', 'Mechelen', 'Hasselt', 'Kortrijk', 'Oostende'];

/** A uuid-shaped id derived from the index (stable across runs). */
export function eventUuid(i: number): string {
  const h = createHash('sha1').update(`bench-event:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** ISO 8601 with an explicit offset, as UiTdatabank writes dates. */
export const uitIso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function syntheticEvent(i: number): Record<string, unknown> {
  const modified = BASE_MODIFIED_MS + i * 1000;
  const start = Date.parse('2026-01-01T18:00:00Z') + (i % 365) * 86_400_000;
  const title = `${TITLES[i % TITLES.length]} ${i + 1} in ${TOWNS[(i >> 3) % TOWNS.length]}`;
  return {
    '@id': `${IO}/events/${eventUuid(i)}`,
    mainLanguage: 'nl',
    name: { nl: title },
    description: { nl: `Activiteit ${i + 1}` },
    calendarType: 'single',
    startDate: uitIso(start),
    endDate: uitIso(start + 2 * 3_600_000),
    location: { '@id': `${IO}/places/${eventUuid(1_000_000_000 + (i % 5000))}` },
    organizer: { '@id': `${IO}/organizers/${eventUuid(2_000_000_000 + (i % 2000))}` },
    terms: [{ id: '0.3.1.0.0', label: 'Lessenreeks', domain: 'eventtype' }],
    audience: { audienceType: 'everyone' },
    created: uitIso(modified - 86_400_000),
    modified: uitIso(modified),
    workflowStatus: 'APPROVED',
    languages: ['nl'],
  };
}
