// "This weekend" in the reader's own time zone, and the ISO 8601 instants the API is sent
// (with the local offset, e.g. 2026-10-03T00:00:00+02:00, so the API needs no time zone).

const pad = (n) => String(n).padStart(2, '0');

/** YYYY-MM-DD of a local date (what <input type="date"> holds). */
export const dayString = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** Saturday and Sunday of this weekend: the coming one on a weekday, today and Sunday on a Saturday, today on a Sunday. */
export function thisWeekend(now = new Date()) {
  const day = now.getDay(); // 0 = Sunday … 6 = Saturday
  const saturday = new Date(now.getFullYear(), now.getMonth(), now.getDate() + (day === 0 ? -1 : 6 - day));
  const sunday = new Date(saturday.getFullYear(), saturday.getMonth(), saturday.getDate() + 1);
  return { from: day === 0 ? now : saturday, to: sunday };
}

/** The local instant `day` (YYYY-MM-DD) at `time` (HH:MM:SS) as ISO 8601 with the local offset. */
export function localInstant(day, time) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm, ss] = time.split(':').map(Number);
  const instant = new Date(y, m - 1, d, hh, mm, ss);
  const offset = -instant.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${day}T${time}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

/** "Sat 3 Oct, 22:00" in the reader's language and time zone; the text as given when it is not a date. */
export function formatWhen(iso, language) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  return new Intl.DateTimeFormat(language, dateOnly ? { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' } : { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
}
