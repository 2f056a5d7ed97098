/**
 * publiq's calendar semantics: an activity matches a date range when one of its occurrences
 * does. single/multiple: an occurrence overlaps the range. periodic: the period overlaps it and,
 * with weekly opening hours, the activity is open at some moment of the overlap. permanent:
 * always, or with opening hours whenever open.
 */
import { DAY, localDayStart, localMinutes, localWeekday } from './brussels-time.js';
import type { CalendarType, Occurrence, OpeningHours } from './search-document.js';

export function matchesRange(type: CalendarType | undefined, occurrences: Occurrence[], hours: OpeningHours[], from: number, to: number): boolean {
  if (type === 'permanent' || occurrences.length === 0) return hours.length === 0 || openDuring(hours, from, to);
  for (const o of occurrences) {
    if (o.start > to || o.end < from) continue;
    if (hours.length === 0 || type !== 'periodic') return true;
    if (openDuring(hours, Math.max(o.start, from), Math.min(o.end, to))) return true;
  }
  return false;
}

/** Whether weekly hours are open at some moment of [from, to] (a week or more always holds every weekday). */
function openDuring(hours: OpeningHours[], from: number, to: number): boolean {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from >= 8 * DAY) return true;
  for (let day = localDayStart(from); day <= to; day += DAY) {
    const weekday = localWeekday(day + DAY / 2);
    for (const h of hours) {
      if (!h.days.includes(weekday)) continue;
      const opens = day + h.opens * 60_000;
      const closes = day + (h.closes <= h.opens ? h.closes + 24 * 60 : h.closes) * 60_000;
      if (opens <= to && closes >= from) return true;
    }
  }
  return false;
}

/**
 * Whether the activity starts (an occurrence's local start) or is open (weekly hours) within the
 * local time of day [fromMin, toMin]; an activity without times (permanent, periodic without hours)
 * is open all day.
 */
export function matchesLocalTime(type: CalendarType | undefined, occurrences: Occurrence[], hours: OpeningHours[], fromMin: number, toMin: number): boolean {
  if (hours.length > 0) return hours.some((h) => h.opens <= toMin && (h.closes <= h.opens ? 24 * 60 : h.closes) >= fromMin);
  if (type === 'permanent' || type === 'periodic' || occurrences.length === 0) return true;
  return occurrences.some((o) => {
    const m = localMinutes(o.start);
    return m >= fromMin && m <= toMin;
  });
}

/** The sort key `start`: the first occurrence ending at or after `from` (its start), else the first. */
export function startAfter(occurrences: Occurrence[], from: number | undefined): number | undefined {
  if (from === undefined) return occurrences[0]?.start;
  for (const o of occurrences) if (o.end >= from) return o.start;
  return undefined;
}
