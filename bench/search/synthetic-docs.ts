/**
 * Synthetic search documents for the search benchmark: activities spread over Belgium (postal
 * codes, points, regions), with one to three occurrences in a year (a tenth periodic with weekly
 * hours, a twentieth permanent), publiq-like terms, organizers, prices and ages, and Dutch and
 * French titles and descriptions drawn from a Zipf-distributed vocabulary. Seeded: the same `n` gives the
 * same documents.
 */
import { emptyDoc, type SearchDoc } from '../../src/publication/search/search-document.js';
import { municipalityRegion, provinceOf } from '../../src/publication/search/regions.js';

const TOWNS: [string, string, number, number][] = [
  ['9000', 'Gent', 51.0543, 3.7174], ['2000', 'Antwerpen', 51.2194, 4.4025], ['3000', 'Leuven', 50.8798, 4.7005], ['1000', 'Brussel', 50.8503, 4.3517],
  ['8000', 'Brugge', 51.2093, 3.2247], ['3500', 'Hasselt', 50.9307, 5.3325], ['2800', 'Mechelen', 51.0259, 4.4776], ['8500', 'Kortrijk', 50.8279, 3.2649],
  ['9300', 'Aalst', 50.9378, 4.0403], ['2300', 'Turnhout', 51.3227, 4.9447], ['4000', 'Liège', 50.6326, 5.5797], ['5000', 'Namur', 50.4674, 4.8718],
  ['7000', 'Mons', 50.4542, 3.9523], ['6700', 'Arlon', 49.6833, 5.8167], ['1300', 'Wavre', 50.7167, 4.6], ['8400', 'Oostende', 51.2154, 2.9286],
];
/** Real words, placed at ranks of a Zipf-distributed vocabulary (the rest is filler): frequent ones match many records, rare ones few, as in real texts. */
const REAL = ['concert', 'jazz', 'theater', 'voorstelling', 'expo', 'tentoonstelling', 'fietsen', 'wandeling', 'kinderen', 'workshop', 'dans', 'film', 'lezing', 'markt', 'festival', 'museum', 'erfgoed', 'muziek', 'koor', 'orgel', 'zomer', 'winter', 'avond', 'familie', 'rondleiding', 'stad', 'natuur', 'kunst', 'schilderij', 'fotografie'];
const VOCABULARY = 5000;
const RANKS = REAL.map((_, i) => 2 + i * i * 3);
const WORDS = Array.from({ length: VOCABULARY }, (_, r) => {
  const real = RANKS.indexOf(r);
  return real >= 0 ? REAL[real]! : `w${r.toString(36)}`;
});
/** The `k` most frequent words of the descriptions. */
export const frequentWords = (k: number) => WORDS.slice(0, k);

/** Cumulative Zipf weights (1/rank) over the vocabulary. */
const ZIPF = (() => {
  const out = new Float64Array(VOCABULARY);
  let sum = 0;
  for (let r = 0; r < VOCABULARY; r++) out[r] = sum += 1 / (r + 1);
  return out.map((v) => v / sum);
})();
const FR = ['spectacle', 'exposition', 'promenade', 'enfants', 'danse', 'cinéma', 'conférence', 'marché', 'musée', 'patrimoine', 'musique', 'soirée'];
const TYPES = Array.from({ length: 20 }, (_, i) => `https://taxonomy.uitdatabank.be/terms/0.${50 + i}.0.0.0`);
const THEMES = Array.from({ length: 30 }, (_, i) => `https://taxonomy.uitdatabank.be/terms/1.${i}.0.0.0`);
const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');

/** Mulberry32: a small seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function* syntheticActivities(n: number, seed = 42): Generator<SearchDoc> {
  const r = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const zipf = () => {
    const x = r();
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ZIPF[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[lo]!;
  };
  const words = (k: number, list?: readonly string[]) => Array.from({ length: k }, () => (list ? pick(list) : zipf())).join(' ');
  for (let i = 0; i < n; i++) {
    const id = `e${i.toString(36).padStart(6, '0')}`;
    const doc = emptyDoc('activities', `http://hub.test/id/activiteit/synthetic/${id}`, `http://hub.test/graph/synthetic/${id}`, `http://hub.test/source/synthetic-${i % 5}`);
    const [postalCode, town, lat, lon] = pick(TOWNS);
    doc.titles = [{ lang: 'nl', text: `${words(3)} ${town}` }, { lang: 'fr', text: words(3, FR) }];
    doc.descriptions = [{ lang: 'nl', text: words(20) }];
    doc.languages = ['nl', 'fr'];
    doc.mainLanguage = 'nl';
    doc.organisations = [`organisatie ${i % 40}`];
    doc.created = YEAR_START - Math.floor(r() * 365) * DAY;
    doc.modified = doc.created + Math.floor(r() * 200) * DAY;
    doc.places = [{ id: `http://hub.test/id/locatie/synthetic/${i % 3000}`, label: `Zaal ${i % 3000}` }];
    doc.postalCodes = [postalCode];
    doc.municipalities = [town];
    doc.regions = [provinceOf(postalCode)!, municipalityRegion(town)];
    doc.countries = ['BE'];
    doc.lat = lat + (r() - 0.5) * 0.2;
    doc.lon = lon + (r() - 0.5) * 0.3;
    const shape = r();
    if (shape < 0.05) doc.calendarType = 'permanent';
    else if (shape < 0.15) {
      const start = YEAR_START + Math.floor(r() * 300) * DAY;
      doc.occurrences = [{ start, end: start + (30 + Math.floor(r() * 90)) * DAY }];
      doc.openingHours = [{ days: [0, 6], opens: 600, closes: 1020 }, { days: [3], opens: 780, closes: 1260 }];
      doc.calendarType = 'periodic';
    } else {
      const count = 1 + Math.floor(r() * 3);
      for (let k = 0; k < count; k++) {
        const start = YEAR_START + Math.floor(r() * 365) * DAY + (18 + Math.floor(r() * 4)) * 3600_000;
        doc.occurrences.push({ start, end: start + 2 * 3600_000 });
      }
      doc.occurrences.sort((a, b) => a.start - b.start);
      doc.calendarType = count > 1 ? 'multiple' : 'single';
    }
    const type = pick(TYPES);
    const theme = pick(THEMES);
    doc.types = [{ id: type, label: `Type ${type.split('.')[1]}` }];
    doc.themes = [{ id: theme, label: `Thema ${theme.split('.')[1]}` }];
    doc.termIds = [type, type.split('/').pop()!, theme, theme.split('/').pop()!];
    doc.organizers = [{ id: `http://hub.test/id/organisator/synthetic/${i % 500}`, label: `Organisator ${i % 500}` }];
    doc.prices = r() < 0.2 ? [0] : [5 + Math.floor(r() * 40), 3];
    if (r() < 0.3) [doc.ageMin, doc.ageMax] = [Math.floor(r() * 12), 12 + Math.floor(r() * 10)];
    doc.availability = r() < 0.1 ? 'unavailable' : 'available';
    doc.uitpas = r() < 0.25;
    doc.hasImage = r() < 0.7;
    doc.hasVideo = r() < 0.05;
    doc.status = 'Available';
    yield doc;
  }
}
