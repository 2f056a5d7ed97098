/**
 * Date ranges and local times over the four calendar types: an activity matches when one of its
 * occurrences does (single, multiple), when it is open during the range (periodic with weekly
 * hours), or always (permanent without hours). Times are Europe/Brussels.
 */
import { SearchIndex } from '../../../src/publication/search/search-index.js';
import type { Filter } from '../../../src/publication/search/search-contract.js';
import { activity, ms } from './search-docs.js';

const index = new SearchIndex('activities');
// 2026-10-01 is a Thursday; Brussels is at UTC+2 until 25 October.
index.put(activity('single', { calendarType: 'single', occurrences: [{ start: ms('2026-10-01T18:00:00Z'), end: ms('2026-10-01T20:00:00Z') }] }));
index.put(activity('multiple', { calendarType: 'multiple', occurrences: [{ start: ms('2026-09-01T08:00:00Z'), end: ms('2026-09-01T10:00:00Z') }, { start: ms('2026-11-15T12:00:00Z'), end: ms('2026-11-15T14:00:00Z') }] }));
// Open on Saturdays and Sundays 10:00-17:00 through October.
index.put(activity('periodic', { calendarType: 'periodic', occurrences: [{ start: ms('2026-10-01T00:00:00+02:00'), end: ms('2026-10-31T23:59:00+01:00') }], openingHours: [{ days: [0, 6], opens: 600, closes: 1020 }] }));
index.put(activity('permanent', { calendarType: 'permanent' }));

const ids = (filter: Filter) => index.search({ kind: 'activities', filter, sort: [], limit: 10, facets: [] }).items.map((h) => h.entity.split('/').pop()).sort();
const between = (from: string, to: string): Filter => ({ field: 'occurrence', from, to });

describe('Date ranges over calendars', () => {
  it('single: the occurrence overlaps the range', () => {
    expect(ids(between('2026-10-01', '2026-10-01'))).toContain('single');
    expect(ids(between('2026-10-02', '2026-10-03'))).not.toContain('single');
    expect(ids(between('2026-10-01T19:30:00Z', '2026-10-01T21:00:00Z'))).toContain('single');
  });

  it('multiple: any one occurrence overlaps, not the gap between them', () => {
    expect(ids(between('2026-11-15', '2026-11-15'))).toContain('multiple');
    expect(ids(between('2026-09-01', '2026-09-01'))).toContain('multiple');
    expect(ids(between('2026-10-05', '2026-10-20'))).not.toContain('multiple');
  });

  it('periodic with hours: only a range in which it is open', () => {
    // Thursday 1 and Friday 2 October: closed.
    expect(ids(between('2026-10-01', '2026-10-02'))).not.toContain('periodic');
    // Saturday 3 October.
    expect(ids(between('2026-10-03', '2026-10-03'))).toContain('periodic');
    // Saturday evening after closing time.
    expect(ids(between('2026-10-03T18:00:00+02:00', '2026-10-03T22:00:00+02:00'))).not.toContain('periodic');
    // After the period.
    expect(ids(between('2026-11-07', '2026-11-08'))).not.toContain('periodic');
  });

  it('permanent: every range', () => {
    expect(ids(between('1999-01-01', '1999-01-02'))).toContain('permanent');
    expect(ids(between('2026-10-01', '2026-10-01'))).toEqual(['permanent', 'single']);
  });

  it('local time: occurrences starting within it, or opening hours overlapping it', () => {
    // single starts 20:00 Brussels time (18:00 UTC); multiple at 10:00 and 13:00.
    expect(ids({ field: 'localTime', from: '19:00', to: '21:00' })).toEqual(['permanent', 'single']);
    expect(ids({ field: 'localTime', from: '0900', to: '1030' })).toEqual(['multiple', 'periodic', 'permanent']);
    expect(ids({ field: 'localTime', from: '18:00', to: '19:00' })).toEqual(['permanent']);
  });
});
