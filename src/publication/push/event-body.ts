/**
 * One activity's public facts → the Entry API event-post body (models/event-post.json), with the
 * problems the house can act on. The body has no `location` / `organizer` yet: the push step sets
 * them by UiTdatabank id (withParticipants) once the place and organizer are found or created.
 * Only the fields listed here are ever written; each comes from PublicEvent (public-event.ts).
 */
import type { BookingAvailability, BuildOptions, DraftProblem, EntryDocument, EventStatus, GenreMap, ParticipantIds } from './contract.js';
import { genreKey } from './genre-map.js';
import { SOURCE_FIELDS, type LangText, type PublicEvent } from './public-event.js';

const LANGUAGES = ['nl', 'fr', 'de', 'en'] as const;
type Lang = (typeof LANGUAGES)[number];
/** event-name: at most 90 characters per language (common-name-localized.json). */
const NAME_MAX = 90;
const SCHEMA_ORG = 'https://schema.org/';
/** Images UiTdatabank imports (common-string-uri-image.json: jpeg, jpg, gif, png). */
const IMAGE_URL = /^https?:\/\/\S+\.(?:jpeg|jpg|gif|png)$/i;

export interface EventBody {
  body: EntryDocument;
  images: EntryDocument[];
  bookingAvailability: BookingAvailability;
  status: EventStatus;
  problems: DraftProblem[];
}

/** An instant as the Entry API writes it: ISO 8601 with an offset (`2026-10-01T20:00:00+00:00`). */
export function entryDate(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** Texts per Entry API language (the first of each; untagged text counts as the main language). */
function perLanguage(texts: LangText[], main: Lang): Partial<Record<Lang, string>> {
  const out: Partial<Record<Lang, string>> = {};
  for (const t of texts) {
    const lang = (t.language.toLowerCase().split('-')[0] || main) as Lang;
    const value = t.value.trim();
    if (LANGUAGES.includes(lang) && value && out[lang] === undefined) out[lang] = value;
  }
  return out;
}

/** The event-post body of one activity. */
export function eventBody(event: PublicEvent, recordId: string, options: BuildOptions): EventBody {
  const main = options.mainLanguage ?? 'nl';
  const problems: DraftProblem[] = [];
  const problem = (field: keyof typeof SOURCE_FIELDS | string, message: string, severity: DraftProblem['severity'] = 'error') =>
    problems.push({ field, sourceField: SOURCE_FIELDS[field.split('.')[0] as keyof typeof SOURCE_FIELDS] ?? field, message, severity });
  const body: EntryDocument = { mainLanguage: main };

  const name = perLanguage(event.titles, main);
  if (name[main] === undefined) problem('name', `The event has no name in ${main} (the main language): give it a name in Ticketmatic.`);
  for (const [lang, value] of Object.entries(name)) {
    if (value.length > NAME_MAX) problem(`name.${lang}`, `The ${lang} name is ${value.length} characters long; UiTdatabank takes at most ${NAME_MAX}: shorten it in Ticketmatic.`);
  }
  body.name = name;
  const description = perLanguage(event.descriptions, main);
  if (Object.keys(description).length > 0) body.description = description;

  body.terms = terms(event.genres, options.genres, problem);

  const start = event.starts.map(entryDate).filter((d): d is string => d !== undefined)[0];
  let end = event.ends.map(entryDate).filter((d): d is string => d !== undefined).at(-1);
  if (start === undefined) problem('calendar', 'The event has no start time: set its start in Ticketmatic.');
  else {
    if (end === undefined) {
      problem('calendar', 'The event has no end time; it is sent ending when it starts: set its end in Ticketmatic.', 'warning');
      end = start;
    } else if (Date.parse(end) < Date.parse(start)) {
      problem('calendar', `The event ends (${end}) before it starts (${start}): correct its times in Ticketmatic.`);
    }
    body.calendarType = 'single';
    body.subEvent = [{ startDate: start, endDate: end }];
  }

  const prices = priceInfo(event, options, problem);
  if (prices) body.priceInfo = prices;

  const booking = bookingInfo(recordId, options);
  if (booking) body.bookingInfo = booking;
  else problem('bookingInfo', 'No public ticket link, phone or e-mail is set for this house: add bookingInfo to the source’s push settings.', 'warning');

  const bookingAvailability: BookingAvailability = event.availability.includes(`${SCHEMA_ORG}SoldOut`) && !event.availability.includes(`${SCHEMA_ORG}InStock`) ? 'Unavailable' : 'Available';
  body.bookingAvailability = { type: bookingAvailability };
  const status = eventStatus(event.eventStatus);
  body.status = { type: status };
  if (options.audienceType && options.audienceType !== 'everyone') body.audience = { audienceType: options.audienceType };

  const images: EntryDocument[] = [];
  for (const url of event.images) {
    if (!IMAGE_URL.test(url)) {
      problem('image', `The image ${url} is no jpeg, png or gif URL, which UiTdatabank cannot import: use such an image in Ticketmatic.`, 'warning');
      continue;
    }
    images.push({ contentUrl: url, description: name[main] ?? recordId, copyrightHolder: options.copyrightHolder ?? options.organizer?.name ?? options.sourceId, inLanguage: main });
  }
  return { body, images, bookingAvailability, status, problems };
}

function terms(genres: string[], map: GenreMap, problem: (field: string, message: string, severity?: DraftProblem['severity']) => void): EntryDocument[] {
  if (genres.length === 0) {
    problem('terms', 'The event has no genre, so it gets no UiTdatabank event type: set its genre (c_genre) in Ticketmatic.');
    return [];
  }
  const mapped = genres.map((g) => ({ genre: g, terms: map[genreKey(g)] }));
  for (const m of mapped.filter((x) => x.terms === undefined)) {
    problem(
      'terms',
      `The genre "${m.genre}" (Ticketmatic field c_genre) has no UiTdatabank event type: add it to the genre map (mappings/uitdatabank-push/ticketmatic-genres.yml, or the source's push settings) or choose a mapped genre in Ticketmatic.`,
    );
  }
  const known = mapped.filter((x) => x.terms !== undefined);
  if (known.length === 0) return [];
  const types = [...new Set(known.map((k) => k.terms!.type.id))];
  if (types.length > 1) problem('terms', `The genres ${known.map((k) => `"${k.genre}"`).join(', ')} give different event types; the first (${known[0]!.terms!.type.label}) is sent: keep one genre in Ticketmatic.`, 'warning');
  const first = known[0]!.terms!;
  const out: EntryDocument[] = [{ id: first.type.id, label: first.type.label, domain: 'eventtype' }];
  const theme = known.find((k) => k.terms!.type.id === first.type.id && k.terms!.theme)?.terms!.theme;
  if (theme) out.push({ id: theme.id, label: theme.label, domain: 'theme' });
  return out;
}

function priceInfo(event: PublicEvent, options: BuildOptions, problem: (field: string, message: string, severity?: DraftProblem['severity']) => void): EntryDocument[] | undefined {
  const byCategory = new Map<string, number>();
  for (const p of event.prices) {
    if (p.currency !== 'EUR') {
      problem('priceInfo', `Price type ${p.category} is in ${p.currency}; UiTdatabank takes euro only: it is left out.`, 'warning');
      continue;
    }
    if (p.amount < 0) continue;
    // Prices come highest first: a price type sold in several contingents keeps its highest price.
    if (!byCategory.has(p.category)) byCategory.set(p.category, p.amount);
  }
  if (byCategory.size === 0) return undefined;
  const configured = options.priceTypes ?? {};
  const base = [...byCategory.keys()].find((c) => configured[c]?.base) ?? [...byCategory.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const unnamed: string[] = [];
  const out: EntryDocument[] = [{ category: 'base', price: byCategory.get(base)!, priceCurrency: 'EUR', name: { nl: 'Basistarief', fr: 'Tarif de base', de: 'Basisrate', en: 'Base tariff' } }];
  for (const [category, price] of byCategory) {
    if (category === base) continue;
    const names = Object.fromEntries(Object.entries(configured[category]?.name ?? {}).filter(([, v]) => typeof v === 'string' && v.trim()));
    if (Object.keys(names).length === 0) unnamed.push(category);
    out.push({ category: 'tariff', price, priceCurrency: 'EUR', name: Object.keys(names).length ? names : { nl: `Tarief ${category}` } });
  }
  if (unnamed.length) {
    problem('priceInfo', `Price type${unnamed.length > 1 ? 's' : ''} ${unnamed.join(', ')} ha${unnamed.length > 1 ? 've' : 's'} no name for UiTdatabank (Ticketmatic sends ids only): name ${unnamed.length > 1 ? 'them' : 'it'} in the source’s push settings (priceTypes).`, 'warning');
  }
  return out;
}

function bookingInfo(recordId: string, options: BuildOptions): EntryDocument | undefined {
  const b = options.booking;
  if (!b) return undefined;
  const out: EntryDocument = {};
  if (b.phone?.trim()) out.phone = b.phone.trim();
  if (b.email?.trim()) out.email = b.email.trim();
  if (b.urlTemplate?.trim()) {
    out.url = b.urlTemplate.trim().replaceAll('{eventId}', encodeURIComponent(recordId));
    out.urlLabel = { nl: b.urlLabel?.trim() || 'Koop tickets' };
  }
  return Object.keys(out).length ? out : undefined;
}

/** schema.org event status → UiTdatabank status: cancelled is Unavailable, postponed TemporarilyUnavailable. */
function eventStatus(statuses: string[]): EventStatus {
  if (statuses.includes(`${SCHEMA_ORG}EventCancelled`)) return 'Unavailable';
  if (statuses.includes(`${SCHEMA_ORG}EventPostponed`)) return 'TemporarilyUnavailable';
  return 'Available';
}

/** The body with `location` / `organizer` by UiTdatabank id, as the push step sends it. */
export function withParticipants(body: EntryDocument, ids: ParticipantIds): EntryDocument {
  const io = (ids.ioBase ?? 'https://io.uitdatabank.be').replace(/\/+$/, '');
  const out: EntryDocument = { ...body };
  if (ids.placeId) out.location = { '@id': `${io}/places/${ids.placeId}` };
  if (ids.organizerId) out.organizer = { '@id': `${io}/organizers/${ids.organizerId}` };
  return out;
}
