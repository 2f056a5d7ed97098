/**
 * The matcher (issue 16): blocking keys and a score per pair, per type, with evidence in plain
 * words. Pure and order-independent: score(a, b) equals score(b, a), field for field.
 *
 * Every type first compares identifiers: a shared one (UiTdatabank id, owl:sameAs target, ticketing
 * URL, VIAF, Wikidata, AAT, KBO, …) links the pair; two different ids of one authority (VIAF,
 * RKD, ULAN, Wikidata, ISNI, KBO, AAT) part it. Without either, each type weighs its own evidence
 * (docs/matching-quality.md gives the rules and the measured quality).
 */
import { defaultThresholds } from '../../config/matching.js';
import type { MatchEvidence, Matcher, MatchFeatures, MatchThresholds, MatchType, PairScore } from './contract.js';
import { entityFeatures } from './features.js';
import { authorityOf, distinctivePart, fold, haversineMetres, personName, streetsAlike, textSimilarity, tokens, venueName, yearOf } from './normalise.js';

export type Thresholds = Record<MatchType, MatchThresholds>;

/** Authorities whose ids name one thing each: two different ones mean two things. */
const EXCLUSIVE = new Set(['VIAF', 'RKD', 'ULAN', 'Wikidata', 'ISNI', 'KBO', 'AAT', 'TGN']);
const AUTHORITY_WORDS: Record<string, string> = { UiTdatabank: 'UiTdatabank id', Ticketmatic: 'Ticketmatic event' };

/** Minutes two start times may differ and still be one performance (sources round differently). */
const START_TOLERANCE_MINUTES = 10;

const round = (n: number) => Math.round(n * 1000) / 1000;
const clamp = (n: number) => Math.min(1, Math.max(0, n));
const pct = (n: number) => n.toFixed(2);

function shortId(id: string): string {
  const authority = authorityOf(id);
  const tail = id.replace(/^.*[/:]/, '');
  return authority ? `${AUTHORITY_WORDS[authority] ?? authority} ${tail}` : id;
}

interface IdentifierCheck {
  shared: string[];
  conflicts: { authority: string; a: string[]; b: string[] }[];
}

function compareIdentifiers(a: MatchFeatures, b: MatchFeatures): IdentifierCheck {
  const idsA = new Set([...a.identifiers, a.iri]);
  const idsB = new Set([...b.identifiers, b.iri]);
  const shared = [...idsA].filter((x) => idsB.has(x)).sort();
  const byAuthority = (ids: Set<string>) => {
    const m = new Map<string, string[]>();
    for (const id of ids) {
      const auth = authorityOf(id);
      if (auth && EXCLUSIVE.has(auth)) m.set(auth, [...(m.get(auth) ?? []), id].sort());
    }
    return m;
  };
  const authA = byAuthority(idsA);
  const authB = byAuthority(idsB);
  const conflicts: IdentifierCheck['conflicts'] = [];
  for (const [auth, list] of [...authA].sort(([x], [y]) => (x < y ? -1 : 1))) {
    const other = authB.get(auth);
    if (other && !list.some((x) => other.includes(x))) conflicts.push({ authority: auth, a: list, b: other });
  }
  return { shared, conflicts };
}

/** Best similarity over two label lists, comparing labels of one language (or without one). */
function bestLabelSimilarity(a: MatchFeatures, b: MatchFeatures, fn: (x: string, y: string) => number = textSimilarity): { sim: number; x?: string; y?: string } {
  let best: { sim: number; x?: string; y?: string } = { sim: 0 };
  for (const la of a.labels) {
    for (const lb of b.labels) {
      if (la.language && lb.language && la.language !== lb.language) continue;
      const sim = fn(la.value, lb.value);
      if (best.x === undefined || sim > best.sim || (sim === best.sim && `${la.value}\u0000${lb.value}` < `${best.x}\u0000${best.y}`)) best = { sim, x: la.value, y: lb.value };
    }
  }
  return best;
}

// ---------------------------------------------------------------- activiteit

function minuteGap(a: readonly string[], b: readonly string[]): { gap: number; x: string; y: string } | undefined {
  let best: { gap: number; x: string; y: string } | undefined;
  for (const x of a) {
    for (const y of b) {
      const gap = Math.abs(Date.parse(x) - Date.parse(y)) / 60_000;
      if (!best || gap < best.gap) best = { gap, x, y };
    }
  }
  return best;
}

/**
 * How alike two venue names are: their main parts, those without generic words ("CC", "Theater"),
 * or a branch named alone ("Cultuurcentrum Brugge - Stadsschouwburg" / "Stadsschouwburg Brugge");
 * `partsDiffer` when both name a room or branch and they are other ones.
 */
export function venueSimilarity(x: string, y: string, municipalities: readonly string[] = []): { sim: number; partsDiffer: boolean } {
  let best = { sim: 0, partsDiffer: false };
  for (const ax of nameAlternatives(x)) {
    for (const ay of nameAlternatives(y)) {
      const nx = venueName(ax, municipalities);
      const ny = venueName(ay, municipalities);
      const coreSim = Math.max(nx.core === ny.core ? 1 : textSimilarity(nx.core, ny.core), textSimilarity(distinctivePart(nx.core), distinctivePart(ny.core)), acronymSimilarity(nx.core, ny.core));
      // A branch or hall named alone: "Cultuurcentrum Brugge - Stadsschouwburg" / "Stadsschouwburg Brugge".
      const branchSim = Math.max(nx.part ? textSimilarity(nx.part, ny.core) : 0, ny.part ? textSimilarity(ny.part, nx.core) : 0);
      const sim = Math.max(coreSim, branchSim);
      // Other rooms only count where the main names agree (not where one's room is the other's name).
      const partsDiffer = coreSim >= branchSim && nx.part !== '' && ny.part !== '' && textSimilarity(nx.part, ny.part) < 0.6;
      if (sim > best.sim || (sim === best.sim && best.partsDiffer && !partsDiffer)) best = { sim, partsDiffer };
    }
  }
  return best;
}

/** 0.9 when one name starts with the initials of the other's words ("AB Main Hall" / "Ancienne Belgique", "MSK" / "Museum Schone Kunsten"). */
function acronymSimilarity(x: string, y: string): number {
  const initials = (words: string) => words.split(' ').map((w) => w[0]).join('');
  const starts = (short: string, long: string) => long.includes(' ') && short.split(' ')[0] === initials(long) && initials(long).length >= 2;
  return starts(x, y) || starts(y, x) ? 0.9 : 0;
}

/** A name and, when it has them, the name without its brackets and what the brackets hold ("Ancienne Belgique (AB)"). */
function nameAlternatives(name: string): string[] {
  const inBrackets = [...name.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!.trim());
  if (inBrackets.length === 0) return [name];
  return [name.replace(/\s*\([^()]*\)\s*/g, ' ').trim(), ...inBrackets].filter(Boolean);
}

type VenueState = { state: 'same' | 'differ' | 'partial' | 'unknown'; detail: string };

function compareVenues(a: MatchFeatures, b: MatchFeatures): VenueState {
  const va = a.venues;
  const vb = b.venues;
  if (!va || !vb) return { state: 'unknown', detail: 'a venue is missing on one side' };
  const shared = va.iris.filter((x) => vb.iris.includes(x));
  if (shared.length > 0) return { state: 'same', detail: `same venue ${shared[0]}` };
  if (va.labels.length === 0 || vb.labels.length === 0) return { state: 'unknown', detail: 'venues named by IRIs of different sources, no names to compare' };
  let best = { sim: 0, x: '', y: '', partsDiffer: false };
  for (const x of va.labels) {
    for (const y of vb.labels) {
      const { sim, partsDiffer } = venueSimilarity(x, y);
      if (best.x === '' || sim > best.sim || (sim === best.sim && best.partsDiffer && !partsDiffer)) best = { sim, x, y, partsDiffer };
    }
  }
  if (best.sim >= 0.85 && !best.partsDiffer) return { state: 'same', detail: `venues "${best.x}" / "${best.y}" alike (${pct(best.sim)})` };
  if (best.sim >= 0.85) return { state: 'differ', detail: `venues "${best.x}" / "${best.y}": other rooms` };
  if (best.sim < 0.5) return { state: 'differ', detail: `venues differ: "${va.labels[0]}" / "${vb.labels[0]}"` };
  return { state: 'partial', detail: `venues "${best.x}" / "${best.y}" partly alike (${pct(best.sim)})` };
}

function scoreActivity(a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]): number {
  const title = bestLabelSimilarity(a, b);
  const gap = a.starts && b.starts ? minuteGap(a.starts, b.starts) : undefined;
  const venue = compareVenues(a, b);
  const titleDetail = title.x === undefined ? 'no titles to compare' : `titles "${title.x}" / "${title.y}" ${pct(title.sim)} alike`;
  if (gap && gap.gap > START_TOLERANCE_MINUTES) {
    ev.push({ rule: 'title', weight: 0, detail: titleDetail });
    ev.push({ rule: 'start-time', weight: -1, detail: `starts differ: ${gap.x} / ${gap.y}` });
    return round(0.1 * title.sim);
  }
  let score: number;
  // "Voorstelling 1" / "Voorstelling 3": numbered parts, episodes or series members, not one event.
  const numbers = title.x === undefined ? undefined : differingNumbers(title.x, title.y!);
  if (numbers) {
    ev.push({ rule: 'title', weight: -0.5, detail: `${titleDetail}, but numbered differently: ${numbers}` });
    ev.push({ rule: 'start-time', weight: 0, detail: gap ? `starts ${Math.round(gap.gap)} min apart` : 'a start time is missing on one side' });
    return round(clamp(0.3 * title.sim));
  }
  const titleWeight = title.sim >= 0.95 ? 0.8 : title.sim >= 0.85 ? 0.78 : title.sim >= 0.8 ? 0.7 : title.sim >= 0.7 ? 0.62 : title.sim * 0.5;
  if (gap) {
    score = titleWeight;
    ev.push({ rule: 'title', weight: round(titleWeight), detail: titleDetail });
    ev.push({ rule: 'start-time', weight: 0, detail: gap.gap === 0 ? `same start ${gap.x}` : `starts ${Math.round(gap.gap)} min apart: ${gap.x} / ${gap.y}` });
  } else {
    score = titleWeight * 0.75;
    ev.push({ rule: 'title', weight: round(score), detail: titleDetail });
    ev.push({ rule: 'start-time', weight: 0, detail: 'a start time is missing on one side' });
  }
  const venueWeight = venue.state === 'same' ? 0.18 : venue.state === 'differ' ? -0.35 : venue.state === 'partial' ? 0 : 0.08;
  ev.push({ rule: 'venue', weight: venueWeight, detail: venue.detail });
  return round(clamp(score + venueWeight));
}

const ROMAN = new Map([['i', 1], ['ii', 2], ['iii', 3], ['iv', 4], ['v', 5], ['vi', 6], ['vii', 7], ['viii', 8], ['ix', 9], ['x', 10]]);

/** The numbers each title has and the other lacks ("1" / "3", "deel II" / "deel 3"), when both have one; else undefined. */
export function differingNumbers(x: string, y: string): string | undefined {
  const numbersOf = (text: string) => new Set(tokens(fold(text)).flatMap((w) => (/^\d+$/.test(w) ? [String(Number(w))] : ROMAN.has(w) ? [String(ROMAN.get(w))] : [])));
  const a = numbersOf(x);
  const b = numbersOf(y);
  const onlyA = [...a].filter((n) => !b.has(n));
  const onlyB = [...b].filter((n) => !a.has(n));
  return onlyA.length > 0 && onlyB.length > 0 ? `${onlyA.join(', ')} / ${onlyB.join(', ')}` : undefined;
}

// ---------------------------------------------------------------- plaats

function municipalitiesOf(f: MatchFeatures): string[] {
  return f.address?.municipality ? [f.address.municipality] : [];
}

function scorePlace(a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]): number {
  let score = 0.15;
  const aa = a.address;
  const ab = b.address;
  if (aa?.street && ab?.street) {
    const streetSim = streetsAlike(aa.street, ab.street) ? 1 : textSimilarity(aa.street, ab.street);
    const postcodeDiffers = aa.postcode && ab.postcode && aa.postcode !== ab.postcode;
    const numbersKnown = aa.number !== undefined && ab.number !== undefined;
    if (postcodeDiffers || streetSim < 0.9) {
      score -= 0.4;
      ev.push({ rule: 'address', weight: -0.4, detail: `addresses differ: ${addressText(aa)} / ${addressText(ab)}` });
    } else if (numbersKnown && aa.number !== ab.number) {
      score -= 0.3;
      ev.push({ rule: 'address', weight: -0.3, detail: `same street, other numbers: ${aa.number} / ${ab.number}` });
    } else if (numbersKnown) {
      score += 0.45;
      ev.push({ rule: 'address', weight: 0.45, detail: `same address: ${addressText(aa)}` });
    } else {
      score += 0.15;
      ev.push({ rule: 'address', weight: 0.15, detail: `same street, a number missing: ${addressText(aa)} / ${addressText(ab)}` });
    }
  } else if (aa?.postcode && ab?.postcode && aa.postcode !== ab.postcode) {
    score -= 0.3;
    ev.push({ rule: 'address', weight: -0.3, detail: `postcodes differ: ${aa.postcode} / ${ab.postcode}` });
  }
  if (a.geo && b.geo) {
    const d = haversineMetres(a.geo, b.geo);
    const w = d < 50 ? 0.35 : d < 150 ? 0.25 : d < 500 ? 0.05 : d < 1000 ? -0.1 : -0.4;
    score += w;
    ev.push({ rule: 'geo-distance', weight: w, detail: `${Math.round(d)} m apart` });
  }
  const places = [...municipalitiesOf(a), ...municipalitiesOf(b)];
  let best = { sim: 0, x: '', y: '', partsDiffer: false };
  for (const la of a.labels) {
    for (const lb of b.labels) {
      if (la.language && lb.language && la.language !== lb.language) continue;
      const { sim, partsDiffer } = venueSimilarity(la.value, lb.value, places);
      if (best.x === '' || sim > best.sim || (sim === best.sim && !partsDiffer && best.partsDiffer)) best = { sim, x: la.value, y: lb.value, partsDiffer };
    }
  }
  const located = (f: MatchFeatures) => f.geo !== undefined || f.address?.street !== undefined;
  // "Grote zaal" / "Kleine zaal", "STUK Kunstencentrum 1" / "… 2": words that set halls apart.
  if (best.x !== '' && !best.partsDiffer && contrasting(best.x, best.y)) best.partsDiffer = true;
  if (best.x === '') {
    ev.push({ rule: 'name', weight: 0, detail: 'no names to compare' });
  } else if (!best.partsDiffer && best.sim >= 0.9 && (!located(a) || !located(b))) {
    // A venue known by its name only (a Ticketmatic event's location): a curator decides.
    score += 0.5;
    ev.push({ rule: 'name', weight: 0.5, detail: `names "${best.x}" / "${best.y}" ${pct(best.sim)} alike; no address or location on one side` });
  } else if (best.partsDiffer) {
    score -= 0.4;
    ev.push({ rule: 'name', weight: -0.4, detail: `same venue, other room or branch: "${best.x}" / "${best.y}"` });
  } else {
    // Names that have little in common at one address are halls of one building ("Grote zaal" /
    // "Kleine zaal", Kouter 29): never linked on the address alone, a curator decides.
    const w = best.sim >= 0.9 ? 0.35 : best.sim >= 0.8 ? 0.3 : best.sim >= 0.7 ? 0.2 : best.sim >= 0.4 ? 0 : -0.3;
    score += w;
    ev.push({ rule: 'name', weight: w, detail: `names "${best.x}" / "${best.y}" ${pct(best.sim)} alike` });
  }
  return round(clamp(score));
}

/** Words that tell two halls, floors or wings of one building apart. */
const CONTRASTS = new Set(['grote', 'groot', 'kleine', 'klein', 'oude', 'oud', 'nieuwe', 'nieuw', 'boven', 'beneden', 'noord', 'zuid', 'oost', 'west', 'rode', 'blauwe', 'witte', 'zwarte', 'grande', 'petite', 'petit', 'main', 'small', 'big', 'upper', 'lower', 'studio', 'foyer', 'bar', 'cafe', 'tuin', 'zolder', 'kelder']);
const contrastWord = (w: string) => CONTRASTS.has(w) || /^\d+$/.test(w) || /^[a-z]$/.test(w) || /^(i|ii|iii|iv|v)$/.test(w);

/** Each name has a contrasting word the other lacks (a number, a size, a side): other halls of one place. */
function contrasting(x: string, y: string): boolean {
  const a = new Set(tokens(fold(x)));
  const b = new Set(tokens(fold(y)));
  const onlyA = [...a].filter((w) => !b.has(w) && contrastWord(w));
  const onlyB = [...b].filter((w) => !a.has(w) && contrastWord(w));
  return onlyA.length > 0 && onlyB.length > 0;
}

function addressText(a: NonNullable<MatchFeatures['address']>): string {
  return [a.street, a.number, a.postcode, a.municipality].filter(Boolean).join(' ');
}

// ---------------------------------------------------------------- agent

/** Names that say nobody is known: never evidence. */
const ANONYMOUS = /^(anoniem|anonieme?|onbekende?|unknown|anonymous|anonyme|inconnue?|niet gekend|nn|n n|x)( |$)/;
/** Name particles, left out so "Jan van Eyck" and "Eyck, Jan van" compare word for word. */
const PARTICLES = new Set(['de', 'van', 'der', 'den', 'von', 'le', 'la', 'du', 'des', 'd', 't', 'ten', 'ter', 'het', 'vander', 'vanden']);
/** Legal forms written after an organisation's name. */
const LEGAL = new Set(['vzw', 'asbl', 'nv', 'bv', 'bvba', 'cvba', 'cv', 'sa', 'srl', 'ivzw', 'aisbl', 'ebvba']);

/** Words that say which of a family's generations: "Pieter I" / "Pieter II", "de Oude" / "de Jonge". */
const GENERATIONS: Record<string, number> = {
  i: 1, oude: 1, elder: 1, sr: 1, senior: 1, ancien: 1, vader: 1,
  ii: 2, jonge: 2, younger: 2, jr: 2, junior: 2, jeune: 2, zoon: 2,
  iii: 3, iv: 4,
};

/** The generation a name states (a roman numeral after the given name, "de Oude", "Jr."), if any. */
export function generationOf(name: string): number | undefined {
  const words = personName(name).split(' ');
  for (let i = 1; i < words.length; i++) if (GENERATIONS[words[i]!] !== undefined) return GENERATIONS[words[i]!];
  return undefined;
}

function agentTokens(name: string): string[] {
  // Dutch "ij" and "y" are one letter in names ("Woestyne" / "Woestijne").
  return personName(name)
    .replace(/ij/g, 'y')
    .split(' ')
    .filter((t, i) => t.length > 0 && !PARTICLES.has(t) && !LEGAL.has(t) && !(i > 0 && GENERATIONS[t] !== undefined));
}

/** Given names that may be one: equal, an initial ("J." / "James"), or one the other's longer form ("George" / "Georges"). */
function givenCompatible(w: string, v: string): boolean {
  return w === v || (w.length === 1 && v.startsWith(w)) || (v.length === 1 && w.startsWith(v)) || (Math.min(w.length, v.length) >= 4 && (w.startsWith(v) || v.startsWith(w)));
}

/**
 * Person names word for word, family name (last word) equal: 1 when every word is equal, 0.95
 * when one side has middle names more ("James Ensor" / "James Sidney Ensor"), 0.8 when given
 * names are initials or longer forms of each other, else letter similarity.
 */
function nameSimilarity(x: string, y: string): number {
  const tx = agentTokens(x);
  const ty = agentTokens(y);
  if (tx.length === 0 || ty.length === 0) return 0;
  const sx = new Set(tx);
  const sy = new Set(ty);
  if (sx.size === sy.size && [...sx].every((t) => sy.has(t))) return tx.length >= 2 ? 1 : 0.7;
  if (tx.length >= 2 && ty.length >= 2 && tx.at(-1) === ty.at(-1)) {
    const [short, long] = tx.length <= ty.length ? [tx, ty] : [ty, tx];
    if (short.length < long.length && short[0] === long[0] && short.slice(1, -1).every((w) => long.slice(1, -1).includes(w))) return 0.95;
    if (short.length === long.length && short.slice(0, -1).every((w, i) => givenCompatible(w, long[i]!))) return 0.8;
  }
  return textSimilarity(tx.join(' '), ty.join(' ')) * (Math.min(sx.size, sy.size) >= 2 ? 1 : 0.8);
}

/** Organisation names: legal forms out, then as venue names ("Kunstencentrum Vooruit" / "Vooruit vzw"), or an acronym of the other. */
function organisationNameSimilarity(x: string, y: string): number {
  const clean = (n: string) => venueName(tokens(n).filter((t) => !LEGAL.has(t)).join(' ')).core;
  const cx = clean(x);
  const cy = clean(y);
  if (!cx || !cy) return 0;
  // "MSK Gent" / "Museum voor Schone Kunsten Gent": one name the initials of the other.
  const acronymOf = (words: string) => words.split(' ').map((w) => w[0]).join('');
  const isAcronym = (short: string, long: string) => short.length >= 3 && !short.includes(' ') && long.includes(' ') && acronymOf(long) === short;
  if (isAcronym(cx, cy) || isAcronym(cy, cx)) return 0.9;
  return venueSimilarity(cx, cy).sim;
}

function isOrganisation(f: MatchFeatures): boolean {
  return (f.roles ?? []).includes('kind:organisation') || /\/id\/(organisator|organisatie)\//.test(f.iri);
}

function sameSeat(a: MatchFeatures, b: MatchFeatures): 'same' | 'differ' | 'unknown' {
  const x = a.address;
  const y = b.address;
  if (!x?.street || !y?.street) return x?.postcode && y?.postcode && x.postcode !== y.postcode ? 'differ' : 'unknown';
  if (x.postcode && y.postcode && x.postcode !== y.postcode) return 'differ';
  if (!streetsAlike(x.street, y.street)) return 'differ';
  return x.number && y.number && x.number !== y.number ? 'differ' : 'same';
}

function scoreOrganisation(a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]): number {
  const name = bestLabelSimilarity(a, b, organisationNameSimilarity);
  let score = name.sim >= 0.9 ? 0.7 : name.sim >= 0.8 ? 0.62 : name.sim * 0.5;
  ev.push({ rule: 'name', weight: round(score), detail: name.x === undefined ? 'no names to compare' : `names "${name.x}" / "${name.y}" ${pct(name.sim)} alike` });
  const seat = sameSeat(a, b);
  if (seat === 'same') {
    score += 0.2;
    ev.push({ rule: 'address', weight: 0.2, detail: `same address: ${addressText(a.address!)}` });
  } else if (seat === 'differ') {
    score -= 0.3;
    ev.push({ rule: 'address', weight: -0.3, detail: `addresses differ: ${addressText(a.address!)} / ${addressText(b.address!)}` });
  }
  return round(clamp(score));
}

function scoreAgent(a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]): number {
  const anonymous = (f: MatchFeatures) => f.labels.length > 0 && f.labels.every((l) => ANONYMOUS.test(personName(l.value)));
  if (anonymous(a) || anonymous(b)) {
    ev.push({ rule: 'name', weight: -1, detail: 'an anonymous or unknown maker is no evidence' });
    return 0;
  }
  const kindA = a.roles?.find((r) => r.startsWith('kind:'));
  const kindB = b.roles?.find((r) => r.startsWith('kind:'));
  if (kindA && kindB && kindA !== kindB) {
    ev.push({ rule: 'role', weight: -1, detail: 'a person and an organisation' });
    return 0;
  }
  if (isOrganisation(a) || isOrganisation(b)) return scoreOrganisation(a, b, ev);
  const generations = (f: MatchFeatures) => new Set(f.labels.map((l) => generationOf(l.value)).filter((g) => g !== undefined));
  const [ga, gb] = [generations(a), generations(b)];
  if (ga.size > 0 && gb.size > 0 && ![...ga].some((g) => gb.has(g))) {
    ev.push({ rule: 'name', weight: -1, detail: `other generations of one family: ${a.labels[0]?.value} / ${b.labels[0]?.value}` });
    return 0.05;
  }
  const name = bestLabelSimilarity(a, b, nameSimilarity);
  let score = name.sim >= 1 ? 0.86 : name.sim >= 0.95 ? 0.85 : name.sim >= 0.9 ? 0.78 : name.sim >= 0.8 ? 0.7 : name.sim * 0.6;
  ev.push({ rule: 'name', weight: round(score), detail: name.x === undefined ? 'no names to compare' : `names "${name.x}" / "${name.y}" ${pct(name.sim)} alike` });
  const [ba, bb, da, db] = [yearOf(a.birth), yearOf(b.birth), yearOf(a.death), yearOf(b.death)];
  if ((ba !== undefined && bb !== undefined && ba !== bb) || (da !== undefined && db !== undefined && da !== db)) {
    const parts = [];
    if (ba !== bb && ba !== undefined && bb !== undefined) parts.push(`births differ: ${ba} / ${bb}`);
    if (da !== db && da !== undefined && db !== undefined) parts.push(`deaths differ: ${da} / ${db}`);
    ev.push({ rule: 'life-dates', weight: -1, detail: `${parts.join('; ')} (namesakes)` });
    return round(Math.min(score, 0.05));
  }
  if (ba !== undefined && ba === bb) {
    score += 0.15;
    ev.push({ rule: 'life-dates', weight: 0.15, detail: `same birth year ${ba}` });
  }
  if (da !== undefined && da === db) {
    score += 0.08;
    ev.push({ rule: 'life-dates', weight: 0.08, detail: `same death year ${da}` });
  }
  const sharedRoles = (a.roles ?? []).filter((r) => !r.startsWith('kind:') && (b.roles ?? []).some((x) => fold(x) === fold(r)));
  if (sharedRoles.length > 0) {
    score += 0.03;
    ev.push({ rule: 'role', weight: 0.03, detail: `same role: ${sharedRoles[0]}` });
  }
  return round(clamp(score));
}

// ---------------------------------------------------------------- concept

function scoreConcept(a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]): number {
  const sa = a.schemes ?? [];
  const sb = b.schemes ?? [];
  const sameScheme = sa.some((s) => sb.includes(s));
  const label = bestLabelSimilarity(a, b, (x, y) => (fold(x) === fold(y) ? 1 : textSimilarity(x, y)));
  const labelDetail = label.x === undefined ? 'no labels in one language to compare' : `labels "${label.x}" / "${label.y}" ${pct(label.sim)} alike`;
  let score = label.sim >= 1 ? 0.72 : label.sim >= 0.9 ? 0.55 : label.sim * 0.4;
  ev.push({ rule: 'label', weight: round(score), detail: labelDetail });
  if (sa.length > 0 && sb.length > 0) {
    if (sameScheme) {
      score += 0.2;
      ev.push({ rule: 'scheme', weight: 0.2, detail: `same scheme ${sa.find((s) => sb.includes(s))}` });
    } else {
      // Same label, other schemes: homonyms as often as one concept, so a curator decides.
      score -= 0.1;
      ev.push({ rule: 'scheme', weight: -0.1, detail: `other schemes: ${sa[0]} / ${sb[0]} (a homonym or one concept: a curator decides)` });
    }
  } else if (sa.length === 0 && sb.length === 0 && label.sim >= 1 && sameLanguage(a, b, label.x!, label.y!)) {
    // Neither side names a scheme: one label in one stated language is taken as one list's term.
    score += 0.14;
    ev.push({ rule: 'scheme', weight: 0.14, detail: 'no scheme on either side; one label in one language' });
  } else {
    ev.push({ rule: 'scheme', weight: 0, detail: 'a scheme is missing on one side' });
  }
  return round(clamp(score));
}

/** Whether two labels are stated in one language (not only compatible because one has none). */
function sameLanguage(a: MatchFeatures, b: MatchFeatures, x: string, y: string): boolean {
  const la = a.labels.filter((l) => l.value === x).map((l) => l.language);
  const lb = b.labels.filter((l) => l.value === y).map((l) => l.language);
  return la.some((l) => l !== undefined && lb.includes(l));
}

// ---------------------------------------------------------------- the matcher

const SCORERS: Record<MatchType, (a: MatchFeatures, b: MatchFeatures, ev: MatchEvidence[]) => number> = {
  activiteit: scoreActivity,
  plaats: scorePlace,
  agent: scoreAgent,
  concept: scoreConcept,
};

function verdictOf(score: number, t: MatchThresholds): PairScore['verdict'] {
  return score >= t.match ? 'match' : score >= t.review ? 'review' : 'distinct';
}

/** Scores a pair; the two sides are put in IRI order first, so the evidence reads the same both ways. */
export function scorePair(x: MatchFeatures, y: MatchFeatures, thresholds: Thresholds = defaultThresholds): PairScore {
  const [a, b] = x.iri <= y.iri ? [x, y] : [y, x];
  const t = thresholds[a.type];
  if (a.type !== b.type) return { score: 0, verdict: 'distinct', evidence: [{ rule: 'type', weight: -1, detail: `a ${a.type} and a ${b.type}` }] };
  const ids = compareIdentifiers(a, b);
  const evidence: MatchEvidence[] = [];
  for (const c of ids.conflicts) {
    evidence.push({ rule: 'conflicting-identifier', weight: -1, detail: `different ${c.authority} ids: ${c.a.map(shortId).join(', ')} / ${c.b.map(shortId).join(', ')}` });
  }
  if (ids.shared.length > 0) {
    evidence.unshift({ rule: 'shared-identifier', weight: 1, detail: `same ${ids.shared.map(shortId).join(', ')}` });
    const score = ids.conflicts.length > 0 ? Math.max(t.review, 0.6) : 1;
    return { score, verdict: verdictOf(score, t), evidence };
  }
  if (ids.conflicts.length > 0) return { score: 0, verdict: 'distinct', evidence };
  const score = SCORERS[a.type](a, b, evidence);
  return { score, verdict: verdictOf(score, t), evidence };
}

const unique = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Blocking keys: a pair is scored when its sides share one (the same function on both sides, so symmetric). */
export function blockingKeys(f: MatchFeatures): string[] {
  const keys = [...f.identifiers, f.iri].map((id) => `id:${id}`);
  switch (f.type) {
    case 'activiteit': {
      const days = new Set<string>();
      for (const s of f.starts ?? []) {
        const t = Date.parse(s);
        for (const shift of [-START_TOLERANCE_MINUTES, 0, START_TOLERANCE_MINUTES]) days.add(new Date(t + shift * 60_000).toISOString().slice(0, 10));
      }
      const words = unique(f.labels.flatMap((l) => tokens(l.value)).filter((w) => w.length >= 3)).slice(0, 12);
      for (const d of days.size > 0 ? days : ['undated']) for (const w of words) keys.push(`activiteit:${d}:${w}`);
      break;
    }
    case 'plaats': {
      if (f.address?.street && (f.address.postcode || f.address.municipality)) keys.push(`plaats:street:${f.address.postcode ?? f.address.municipality}:${f.address.street}`);
      if (f.geo) {
        // The 0.01° cell and its neighbours: two points within ~700 m always share one.
        const la = Math.floor(f.geo.lat * 100);
        const lo = Math.floor(f.geo.long * 100);
        for (const dl of [-1, 0, 1]) for (const dg of [-1, 0, 1]) keys.push(`plaats:geo:${la + dl}:${lo + dg}`);
      }
      for (const l of f.labels) for (const w of venueName(l.value, municipalitiesOf(f)).core.split(' ')) if (w.length >= 4) keys.push(`plaats:name:${w}`);
      break;
    }
    case 'agent':
      for (const l of f.labels) for (const w of agentTokens(l.value)) if (w.length >= 3) keys.push(`agent:name:${w}`);
      // Organisations are also found at their seat (a name may be an acronym of the other).
      if (f.address?.street && f.address.postcode) keys.push(`agent:seat:${f.address.postcode}:${f.address.street}`);
      break;
    case 'concept':
      for (const l of f.labels) keys.push(`concept:label:${fold(l.value)}`);
      break;
  }
  return unique(keys);
}

/** The matcher with thresholds per type (hub.matching in the configuration, defaults otherwise). */
export function createMatcher(thresholds: Thresholds = defaultThresholds): Matcher {
  return {
    features: entityFeatures,
    blockingKeys,
    score: (a, b) => scorePair(a, b, thresholds),
  };
}

/** The matcher with the default thresholds (tests and tools; the hub passes `hub.matching`). */
export const defaultMatcher: Matcher = createMatcher();
