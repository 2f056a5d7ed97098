/**
 * Local time in Europe/Brussels (CET, CEST from the last Sunday of March to the last Sunday of
 * October, 01:00 UTC both), computed directly: calendar filters ask it for every occurrence, where
 * Intl formatting would cost microseconds each.
 */
const HOUR = 3600_000;
export const DAY = 24 * HOUR;

const lastSunday = (year: number, month: number) => {
  const last = Date.UTC(year, month + 1, 0);
  return last - new Date(last).getUTCDay() * DAY;
};

const summer = new Map<number, [number, number]>();

/** Offset of Brussels time from UTC at instant `t` (ms). */
export function brusselsOffset(t: number): number {
  const year = new Date(t).getUTCFullYear();
  let range = summer.get(year);
  if (!range) summer.set(year, (range = [lastSunday(year, 2) + HOUR, lastSunday(year, 9) + HOUR]));
  return t >= range[0] && t < range[1] ? 2 * HOUR : HOUR;
}

/** Minutes after local midnight. */
export function localMinutes(t: number): number {
  const local = t + brusselsOffset(t);
  return Math.floor((((local % DAY) + DAY) % DAY) / 60_000);
}

/** The UTC instant of local midnight of the local day `t` falls in. */
export function localDayStart(t: number): number {
  const local = t + brusselsOffset(t);
  const midnightLocal = local - (((local % DAY) + DAY) % DAY);
  return midnightLocal - brusselsOffset(midnightLocal - HOUR * 2);
}

/** Local day of the week, 0 = Sunday. */
export function localWeekday(t: number): number {
  return new Date(t + brusselsOffset(t)).getUTCDay();
}

/**
 * An ISO date or date-time as an instant; a date alone is local midnight in Brussels (its start,
 * or with `endOfDay` its last millisecond), as publiq reads dateFrom/dateTo.
 */
export function parseInstant(value: string, endOfDay = false): number | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const utcMidnight = Date.parse(`${value}T00:00:00Z`);
    const start = utcMidnight - brusselsOffset(utcMidnight);
    return endOfDay ? start + DAY - 1 : start;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}
