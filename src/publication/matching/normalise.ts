/**
 * Text folding for matching (issue 16): what two sources write differently for the same thing
 * (case, accents, punctuation, articles, "Vooruit" vs "Vooruit - Theaterzaal", "Ensor, James" vs
 * "James Ensor", "Kouter 29 bus 3" vs "Kouter 29/3", "+01:00" vs "Z") folded to one form. Pure.
 */

/** Lower case, no diacritics, punctuation as spaces, one space between words. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`´]/g, ' ')
    .replace(/&/g, ' en ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Articles and linking words that carry nothing for matching (Dutch, French, English, German). */
const STOP = new Set([
  'de', 'het', 't', 'een', 'en', 'van', 'der', 'den', 'in', 'op', 'te', 'voor', 'met', 'aan',
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'd', 'et', 'a', 'au', 'aux', 'pour', 'par', 'sur',
  'the', 'of', 'and', 'an', 'at', 'on', 'for', 'with',
  'der', 'die', 'das', 'und', 'im',
]);

/** The folded words of a text without articles and linking words. */
export function tokens(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((t) => t.length > 0 && !STOP.has(t));
}

export function tokenSet(text: string): Set<string> {
  return new Set(tokens(text));
}

/** Sørensen–Dice over two sets. */
export function dice<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** Share of the smaller set found in the larger one. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  if (small.size === 0) return 0;
  let shared = 0;
  for (const x of small) if (large.has(x)) shared++;
  return shared / small.size;
}

function bigrams(s: string): Set<string> {
  const t = s.replace(/ /g, '');
  const out = new Set<string>();
  for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
  return out;
}

/** What `textSimilarity` needs of one text, computed once per distinct text (see `preparedText`). */
interface PreparedText {
  words: string;
  squashed: string;
  wordSet: Set<string>;
  pairs: Set<string>;
}

/**
 * Matching compares each label with many candidates (blocks of near-identical event titles), so
 * folding the same text again per pair was most of a harvest's matching time. Bounded: cleared
 * when full, since the texts of one batch are what repeats.
 */
const PREPARED_MAX = 20_000;
const prepared = new Map<string, PreparedText>();

function preparedText(text: string): PreparedText {
  let p = prepared.get(text);
  if (p) return p;
  const words = tokens(text).join(' ');
  p = { words, squashed: fold(text).replace(/ /g, ''), wordSet: new Set(words.split(' ')), pairs: bigrams(words) };
  if (prepared.size >= PREPARED_MAX) prepared.clear();
  prepared.set(text, p);
  return p;
}

/**
 * How alike two titles or names are, 0..1, symmetric: word overlap (Dice), a shorter title whose
 * every word is in the longer one ("Hamlet" / "Hamlet - Toneelhuis"), or letter pairs for typos.
 */
export function textSimilarity(a: string, b: string): number {
  const pa = preparedText(a);
  const pb = preparedText(b);
  const fa = pa.words;
  const fb = pb.words;
  if (fa.length === 0 || fb.length === 0) return 0;
  if (fa === fb) return 1;
  // "HETPALEIS" / "Het Paleis", "deSingel" / "De Singel": the same letters, spaced otherwise.
  const sa = pa.squashed;
  const sb = pb.squashed;
  if (sa === sb) return 1;
  const squashedPrefix = sa.length >= 6 && sb.length >= 6 && (sa.startsWith(sb) || sb.startsWith(sa) || sa.endsWith(sb) || sb.endsWith(sa)) ? 0.85 : 0;
  const ta = pa.wordSet;
  const tb = pb.wordSet;
  const small = Math.min(ta.size, tb.size);
  const shortest = [...(ta.size <= tb.size ? ta : tb)][0] ?? '';
  const contained = containment(ta, tb) === 1 ? (small >= 2 ? 0.9 : shortest.length >= 4 ? 0.85 : 0.8) : 0;
  const chars = dice(pa.pairs, pb.pairs);
  return Math.max(dice(ta, tb), contained, squashedPrefix, chars >= 0.9 ? chars * 0.97 : chars * 0.85);
}

/** Words that name the kind of venue, written out or abbreviated: folded to one form. */
const VENUE_WORDS: Record<string, string> = {
  cc: 'cultuurcentrum',
  gc: 'gemeenschapscentrum',
  kc: 'kunstencentrum',
  ksb: 'kunstencentrum',
  stadsschouwburg: 'schouwburg',
  bib: 'bibliotheek',
  openbare: '',
  kapel: 'kapel',
};

/** Words that say what kind of venue a name is; left out when the rest of the name says which one. */
export const GENERIC_VENUE_WORDS = new Set([
  'theater', 'cultuurcentrum', 'kunstencentrum', 'muziekcentrum', 'cultuurhuis', 'gemeenschapscentrum', 'zaal', 'club',
  'concertzaal', 'casino', 'internationale', 'kunstcampus',
]);

/** A folded venue core without its generic words ("cultuurcentrum de spil" → "spil"); the core itself when nothing else is left. */
export function distinctivePart(core: string): string {
  const rest = core.split(' ').filter((w) => !GENERIC_VENUE_WORDS.has(w));
  return rest.length > 0 ? rest.join(' ') : core;
}

/** Flemish and Brussels municipalities often written after a venue's name ("Concertgebouw Brugge"). */
export const MUNICIPALITIES = new Set(
  [
    'gent', 'antwerpen', 'brugge', 'leuven', 'brussel', 'bruxelles', 'brussels', 'kortrijk', 'hasselt', 'mechelen', 'oostende',
    'genk', 'aalst', 'sint niklaas', 'roeselare', 'turnhout', 'lier', 'ieper', 'deinze', 'dendermonde', 'lokeren', 'ninove',
    'geel', 'mol', 'tienen', 'diest', 'waregem', 'knokke heist', 'vilvoorde', 'halle', 'zottegem', 'oudenaarde', 'tongeren',
    'sint truiden', 'beveren', 'heist op den berg', 'bornem', 'eeklo', 'poperinge', 'menen', 'tielt', 'torhout', 'diksmuide',
    'veurne', 'de panne', 'koksijde', 'nieuwpoort', 'blankenberge', 'damme', 'wetteren', 'merelbeke', 'lochristi', 'maasmechelen',
    'lommel', 'neerpelt', 'bree', 'maaseik', 'herentals', 'mortsel', 'schoten', 'brasschaat', 'kapellen', 'edegem', 'boom', 'zaventem',
    'grimbergen', 'asse', 'dilbeek', 'luik', 'liege', 'namen', 'namur', 'aarschot', 'tielt', 'vorst', 'elsene',
  ].map(fold),
);

/** A venue name's main part and its room or branch ("Vooruit - Theaterzaal" → vooruit / theaterzaal). */
export interface VenueName {
  core: string;
  /** The room, hall or branch after a dash, colon, slash or in brackets; '' when none. */
  part: string;
}

/**
 * Folds a venue or place name: articles, municipality names (given ones and the common ones) and
 * venue words ("CC" = "cultuurcentrum") folded away, the part after " - " kept apart.
 */
export function venueName(name: string, municipalities: Iterable<string> = []): VenueName {
  const places = new Set([...MUNICIPALITIES, ...[...municipalities].map(fold)]);
  const split = name.split(/\s+[-–—|/:]\s+|\s*[([]|[)\]]\s*|\s*:\s+/);
  const clean = (text: string): string => {
    let f = ` ${tokens(text).map((t) => VENUE_WORDS[t] ?? t).filter(Boolean).join(' ')} `;
    for (const p of places) f = f.replace(` ${p} `, ' ');
    const out = f.trim().replace(/\s+/g, ' ');
    // A name that is only a municipality ("Gent") stays what it is.
    return out.length > 0 ? out : tokens(text).join(' ');
  };
  const core = clean(split[0] ?? name);
  const part = split.slice(1).map(clean).filter(Boolean).join(' ');
  return { core, part };
}

/** Street words written short or long, and the "Sint-" forms. */
const STREET_WORDS: [RegExp, string][] = [
  [/\bstr\b\.?/g, 'straat'],
  [/\bstwg\b\.?/g, 'steenweg'],
  [/\bstw\b\.?/g, 'steenweg'],
  [/\bln\b\.?/g, 'laan'],
  [/\bpl\b\.?/g, 'plein'],
  [/\bav\b\.?/g, 'avenue'],
  [/\bbd\b\.?/g, 'boulevard'],
  [/\bbvd\b\.?/g, 'boulevard'],
  [/\bsteenw\b\.?/g, 'steenweg'],
];

/** "St.-Pietersnieuwstraat", "Sint Pietersnieuwstr." → "sint pietersnieuwstraat". */
export function normaliseStreet(street: string): string {
  let s = street.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  s = s.replace(/\bst\.?\s*-\s*/g, 'sint ').replace(/\bst\.\s*/g, 'sint ').replace(/\bste\.?\s*-\s*/g, 'sinte ');
  // Abbreviated endings of compound street names: "Vlamingstr.", "Kunstln.", "Theaterpl.", "Brusselsestwg.".
  s = s.replace(/(\p{L}{2})str\.?(?=\s|$|,)/gu, '$1straat');
  s = s.replace(/(\p{L}{2})stwg\.?(?=\s|$|,)/gu, '$1steenweg');
  s = s.replace(/(\p{L}{3})ln\.?(?=\s|$|,)/gu, '$1laan');
  s = s.replace(/(\p{L}{3})pl\.?(?=\s|$|,)/gu, '$1plein');
  s = s.replace(/\bkon\.?\s/g, 'koning ');
  for (const [re, long] of STREET_WORDS) s = s.replace(re, long);
  return fold(s);
}

export interface HouseNumber {
  /** The number with its letter ("29", "12a"). */
  number: string;
  /** Box (bus) when given. */
  box?: string;
}

/** "29 bus 3", "29/3", "29 b3", "29-31", "12A" → number and box. */
export function normaliseHouseNumber(text: string): HouseNumber | undefined {
  const m = /^\s*(\d+)\s*(.*)$/.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const rest = m[2]!.trim();
  const box = /^(?:bus|bte|boite|boîte|box|b)\.?\s*(\w+)|^\/\s*(\w+)/.exec(rest);
  if (box) return { number: m[1]!, box: box[1] ?? box[2]! };
  // A letter after the number belongs to it ("12A"); a range ("29-31") is named by its first number.
  const letter = /^([a-z])(?![a-z])/.exec(rest);
  return { number: `${m[1]}${letter ? letter[1] : ''}` };
}

export interface NormalAddress {
  street?: string;
  number?: string;
  box?: string;
  postcode?: string;
  municipality?: string;
}

/**
 * Splits a thoroughfare that carries its number ("Sint-Pietersnieuwstraat 23 bus 1") and folds
 * each part; a separate number wins over one found in the street.
 */
export function normaliseAddress(a: { street?: string; number?: string; postcode?: string; municipality?: string }): NormalAddress {
  const out: NormalAddress = {};
  let street = a.street?.trim();
  let number = a.number?.trim();
  if (street) {
    const m = /^(.*?\D)\s*,?\s+(\d+\s*[a-zA-Z]?(?:\s*(?:bus|bte|box|b)\.?\s*\w+|\s*\/\s*\w+|-\d+)?)\s*$/.exec(street);
    if (m) {
      street = m[1]!.replace(/,\s*$/, '');
      number = number ?? m[2];
    }
    const s = normaliseStreet(street);
    if (s) out.street = s;
  }
  if (number) {
    const n = normaliseHouseNumber(number);
    if (n) {
      out.number = n.number;
      if (n.box) out.box = n.box;
    }
  }
  const pc = a.postcode?.replace(/\D/g, '');
  if (pc) out.postcode = pc;
  if (a.municipality) out.municipality = fold(a.municipality.replace(/\(.*?\)/g, ''));
  return out;
}

/**
 * A person's name in "given family" order, folded: "Ensor, James" and "James Ensor" → "james
 * ensor"; "De Smet, Gustave" → "gustave de smet". Dates in the name ("Ensor, James (1860-1949)") go.
 */
export function personName(name: string): string {
  const bare = name.replace(/\(.*?\)/g, ' ').replace(/\d{3,4}\s*-\s*\d{0,4}/g, ' ').trim();
  const comma = bare.indexOf(',');
  const ordered = comma > 0 ? `${bare.slice(comma + 1)} ${bare.slice(0, comma)}` : bare;
  return fold(ordered);
}

/** Years in dates as sources write them: "1860", "1860-04-13", "13/04/1860", "ca. 1860", "1860~". */
export function yearOf(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const m = /(^|\D)(\d{4})(?=\D|$)/.exec(date);
  return m ? Number(m[2]) : undefined;
}

/** Offset of Europe/Brussels from UTC at an instant, minutes (CET +60, CEST +120). */
function brusselsOffsetMinutes(utcMillis: number): number {
  const year = new Date(utcMillis).getUTCFullYear();
  // EU summer time: last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.getTime();
  };
  return utcMillis >= lastSunday(2) && utcMillis < lastSunday(9) ? 120 : 60;
}

/**
 * An instant as ISO 8601 UTC (`2026-03-01T19:30:00Z`): an offset is applied, a local time without
 * one is taken as Europe/Brussels, a bare date is left out (it names a day, not an instant).
 */
export function utcInstant(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  let utc: number;
  if (zone === 'Z') utc = local;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    utc = local - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  } else {
    // Local Brussels time: the offset of the instant it names (the guess is right outside the switch hour).
    utc = local - brusselsOffsetMinutes(local - 60 * 60_000) * 60_000;
  }
  if (Number.isNaN(utc)) return undefined;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/**
 * Whether two normalised street names are one: equal, or word for word equal where one side
 * writes a first name or title short ("J. Kluyskensstraat" / "Jozef Kluyskensstraat").
 */
export function streetsAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const ta = a.split(' ');
  const tb = b.split(' ');
  if (ta.length !== tb.length || ta.at(-1) !== tb.at(-1)) return false;
  return ta.every((w, i) => {
    const v = tb[i]!;
    return w === v || (w.length <= 3 && v.startsWith(w)) || (v.length <= 3 && w.startsWith(v));
  });
}

/** An IRI without scheme differences, trailing slash or fragment-less noise, for comparing identifiers. */
export function normaliseIdentifier(iri: string): string {
  let s = iri.trim();
  const uit = /^https?:\/\/(?:[a-z0-9-]+\.)*uitdatabank\.be\/(events?|places?|organi[sz]ers?)\/([0-9a-f-]{36})/i.exec(s);
  if (uit) {
    const kind = uit[1]!.toLowerCase().startsWith('event') ? 'event' : uit[1]!.toLowerCase().startsWith('place') ? 'place' : 'organizers';
    return `https://io.uitdatabank.be/${kind}/${uit[2]!.toLowerCase()}`;
  }
  const wd = /^https?:\/\/(?:www\.)?wikidata\.org\/(?:entity|wiki)\/(Q\d+)/i.exec(s);
  if (wd) return `http://www.wikidata.org/entity/${wd[1]!.toUpperCase()}`;
  const viaf = /^https?:\/\/(?:www\.)?viaf\.org\/viaf\/(\d+)/i.exec(s);
  if (viaf) return `https://viaf.org/viaf/${viaf[1]}`;
  const getty = /^https?:\/\/vocab\.getty\.edu\/(?:page\/)?(ulan|aat|tgn)\/(\d+)/i.exec(s);
  if (getty) return `http://vocab.getty.edu/${getty[1]!.toLowerCase()}/${getty[2]}`;
  const rkd = /^https?:\/\/(?:www\.)?rkd\.nl\/(?:[a-z]{2}\/)?(?:explore\/)?artists\/(\d+)/i.exec(s);
  if (rkd) return `https://rkd.nl/artists/${rkd[1]}`;
  const isni = /^https?:\/\/(?:www\.)?isni\.org\/(?:isni\/)?([0-9 X]{16,19})/i.exec(s);
  if (isni) return `https://isni.org/isni/${isni[1]!.replace(/\s/g, '').toUpperCase()}`;
  const kbo = /^(?:urn:kbo:|https?:\/\/kbopub\.economie\.fgov\.be\/.*?[?&](?:ondernemingsnummer|nummer)=|https?:\/\/org\.belgif\.be\/id\/CbeRegisteredEntity\/)(\d[\d.]*)/i.exec(s);
  if (kbo) return kboUrn(kbo[1]!) ?? s;
  s = s.replace(/^http:\/\//i, 'https://').replace(/\/+$/, '');
  const url = /^(https:\/\/)([^/]+)(.*)$/.exec(s);
  return url ? `${url[1]}${url[2]!.toLowerCase().replace(/^www\./, '')}${url[3]}` : s;
}

/** A KBO (Belgian enterprise) number as `urn:kbo:0123456789`; undefined when it is not ten digits. */
export function kboUrn(text: string): string | undefined {
  const digits = text.replace(/^BE/i, '').replace(/\D/g, '');
  const ten = digits.length === 9 ? `0${digits}` : digits;
  return /^[01]\d{9}$/.test(ten) ? `urn:kbo:${ten}` : undefined;
}

/** `urn:uuid:{uuid}` for an IRI whose last path segment is a UUID (UiTdatabank ids travel in many IRIs: io.uitdatabank.be, uitinvlaanderen.be, hub IRIs). */
export function uuidIdentifier(iri: string): string | undefined {
  const m = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?(?:[?#].*)?$/i.exec(iri);
  return m ? `urn:uuid:${m[1]!.toLowerCase()}` : undefined;
}

/** The authority an identifier belongs to (for conflicting-id checks), or undefined. */
export function authorityOf(identifier: string): string | undefined {
  if (identifier.startsWith('http://www.wikidata.org/entity/')) return 'Wikidata';
  if (identifier.startsWith('https://viaf.org/viaf/')) return 'VIAF';
  if (identifier.startsWith('http://vocab.getty.edu/ulan/')) return 'ULAN';
  if (identifier.startsWith('http://vocab.getty.edu/aat/')) return 'AAT';
  if (identifier.startsWith('http://vocab.getty.edu/tgn/')) return 'TGN';
  if (identifier.startsWith('https://rkd.nl/artists/')) return 'RKD';
  if (identifier.startsWith('https://isni.org/isni/')) return 'ISNI';
  if (identifier.startsWith('urn:kbo:')) return 'KBO';
  if (identifier.startsWith('https://io.uitdatabank.be/')) return 'UiTdatabank';
  if (identifier.startsWith('https://apps.ticketmatic.com/') || identifier.startsWith('urn:ticketmatic:')) return 'Ticketmatic';
  return undefined;
}

/** Great-circle distance in metres. */
export function haversineMetres(a: { lat: number; long: number }, b: { lat: number; long: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLong = (b.long - a.long) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLong / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
