/**
 * What an entity's published description offers to matching (issue 16): its labels, identifiers,
 * start times and venue, address and geometry, life dates and roles, concept schemes. Reads the
 * hub's published vocabulary as the mappings produce it (mappings/*.yml after the entity-IRI step):
 * the entity's own triples, its hash IRIs (`H#periode`, `H#adres`, `H#identificator`, …) and the
 * nodes they point to. Pure.
 */
import { entityTypeOfClasses } from '../../core/entity-classes.js';
import type { Quad, Term } from '../../core/rdf.js';
import { CP, CRM, DC, DCT, FOAF, OWL, RDF, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';
import type { MatchFeatures, MatchLabel, MatchType } from './contract.js';
import { kboUrn, normaliseAddress, normaliseIdentifier, utcInstant, uuidIdentifier } from './normalise.js';

const LOCN = (l: string) => `http://www.w3.org/ns/locn#${l}`;
const GEO = (l: string) => `http://www.w3.org/2003/01/geo/wgs84_pos#${l}`;
const M8G = (l: string) => `http://data.europa.eu/m8g/${l}`;
const ADMS = (l: string) => `http://www.w3.org/ns/adms#${l}`;
const GENERIEK = (l: string) => `https://data.vlaanderen.be/ns/generiek#${l}`;
const PERSOON = (l: string) => `https://data.vlaanderen.be/ns/persoon#${l}`;
const PROV = (l: string) => `http://www.w3.org/ns/prov#${l}`;
const GEOSPARQL = (l: string) => `http://www.opengis.net/ont/geosparql#${l}`;

const LABEL_PREDICATES = [
  DCT('title'), DC('title'), SKOS('prefLabel'), SKOS('altLabel'), RDFS('label'), LOCN('locatorName'),
  CP('Realisator.naam'), FOAF('name'), SCHEMA('name'), SCHEMA('alternateName'), PERSOON('volledigeNaam'),
];
const VENUE_PREDICATES = [PROV('atLocation'), SCHEMA('location'), CRM('P7_took_place_at'), DCT('spatial')];
const IDENTITY_PREDICATES = [OWL('sameAs'), SKOS('exactMatch'), SCHEMA('sameAs')];

/** Hub IRI path segments (`{base}id/{segment}/…`) and the matched type they name. */
const PATH_TYPES: Record<string, MatchType> = {
  activiteit: 'activiteit',
  locatie: 'plaats',
  plaats: 'plaats',
  agent: 'agent',
  organisator: 'agent',
  organisatie: 'agent',
  persoon: 'agent',
  concept: 'concept',
};
const ORGANISATION_CLASSES = new Set([
  CP('Organisator'), FOAF('Organization'), PROV('Organization'), SCHEMA('Organization'), 'http://www.w3.org/ns/org#Organization', CRM('E74_Group'),
]);
const PERSON_CLASSES = new Set([CRM('E21_Person'), FOAF('Person'), PROV('Person'), SCHEMA('Person'), 'http://www.w3.org/ns/person#Person']);

/** The matched type of an entity from its classes, else from its hub IRI's type segment; undefined for objects and the rest. */
export function matchTypeOf(classes: readonly string[], iri: string): MatchType | undefined {
  if (classes.some((c) => ORGANISATION_CLASSES.has(c))) return 'agent';
  const byClass = entityTypeOfClasses(classes);
  if (byClass === 'mensgemaaktobject') return undefined;
  if (byClass && byClass in PATH_TYPES) return PATH_TYPES[byClass];
  const segment = /\/id\/([a-z-]+)\/[^/]+\/[^/]/.exec(iri)?.[1];
  return segment ? PATH_TYPES[segment] : undefined;
}

/** The quads of one description, by subject. */
class Graph {
  private readonly bySubject = new Map<string, Quad[]>();
  constructor(quads: readonly Quad[]) {
    for (const q of quads) {
      const list = this.bySubject.get(q.subject.value);
      if (list) list.push(q);
      else this.bySubject.set(q.subject.value, [q]);
    }
  }
  has(subject: string): boolean {
    return this.bySubject.has(subject);
  }
  objects(subject: string, predicates: readonly string[]): Term[] {
    return (this.bySubject.get(subject) ?? []).filter((q) => predicates.includes(q.predicate.value)).map((q) => q.object);
  }
  values(subject: string, predicates: readonly string[]): string[] {
    return this.objects(subject, predicates).map((o) => o.value);
  }
  all(subject: string): Quad[] {
    return this.bySubject.get(subject) ?? [];
  }
}

function labelsOf(g: Graph, subject: string): MatchLabel[] {
  const out: MatchLabel[] = [];
  for (const o of g.objects(subject, LABEL_PREDICATES)) {
    if (o.termType !== 'Literal' || o.value.trim() === '') continue;
    const language = o.language ? o.language.toLowerCase() : undefined;
    out.push(language && language !== 'und' ? { value: o.value.trim(), language } : { value: o.value.trim() });
  }
  const given = g.values(subject, [FOAF('givenName'), SCHEMA('givenName'), PERSOON('voornaam')])[0];
  const family = g.values(subject, [FOAF('familyName'), SCHEMA('familyName'), PERSOON('achternaam')])[0];
  if (given && family) out.push({ value: `${given} ${family}` });
  // Sorted and unique, so the features do not depend on the order of the quads.
  const seen = new Set<string>();
  return out
    .filter((l) => {
      const key = `${l.language ?? ''}\u0000${l.value}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : (x.language ?? '') < (y.language ?? '') ? -1 : (x.language ?? '') > (y.language ?? '') ? 1 : 0));
}

/** The first literal at or under a node (two levels) that names a year: life dates written as nodes (crm:P98i_was_born → time-span). */
function dateUnder(g: Graph, term: Term, depth = 0): string | undefined {
  if (term.termType === 'Literal') return /\d{4}/.test(term.value) ? term.value : undefined;
  if (depth > 2 || term.termType !== 'NamedNode') return undefined;
  for (const q of g.all(term.value)) {
    if (q.predicate.value === RDF('type')) continue;
    const found = dateUnder(g, q.object, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A ticketing URL that names one event (a path or query with a number of three digits or more), normalised. */
function ticketingIdentifier(url: string): string | undefined {
  const tm = /^https?:\/\/apps\.ticketmatic\.com\/.*?(?:events\/|[?&]event=)(\d+)/i.exec(url);
  if (tm) return `https://apps.ticketmatic.com/events/${tm[1]}`;
  if (!/^https?:\/\/[^/]+\/.*\d{3,}/.test(url)) return undefined;
  return normaliseIdentifier(url.split('#')[0]!);
}

function identifiersOf(g: Graph, iri: string, nodes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const o of g.objects(iri, IDENTITY_PREDICATES)) if (o.termType === 'NamedNode') out.add(normaliseIdentifier(o.value));
  // adms:identifier nodes: an IRI notation (UiTdatabank, Ticketmatic) or a KBO number.
  for (const id of g.objects(iri, [ADMS('identifier')])) {
    if (id.termType !== 'NamedNode') continue;
    const context = [...g.values(id.value, [DCT('type'), DCT('creator'), ADMS('schemaAgency')])];
    for (const s of g.values(id.value, [GENERIEK('gestructureerdeIdentificator')])) context.push(...g.values(s, [GENERIEK('naamruimte')]));
    const isKbo = context.some((c) => /kbo|ondernemingsnummer|crossroads/i.test(c));
    for (const notation of g.values(id.value, [SKOS('notation')])) {
      if (/^https?:\/\//.test(notation)) out.add(ticketingIdentifier(notation) ?? normaliseIdentifier(notation));
      else if (isKbo) {
        const kbo = kboUrn(notation);
        if (kbo) out.add(kbo);
      }
    }
  }
  // Ticketing URLs: on the entity, its booking info and the contact point of that.
  for (const node of nodes) {
    for (const url of g.values(node, [SCHEMA('url')])) {
      const t = node === iri || /boeking|offer|ticket/i.test(node) ? ticketingIdentifier(url) : undefined;
      if (t) out.add(t);
    }
  }
  // An entity that is itself an authority's IRI (an AAT concept a record uses).
  const own = normaliseIdentifier(iri);
  if (/^(http:\/\/vocab\.getty\.edu|http:\/\/www\.wikidata\.org|https:\/\/viaf\.org)\//.test(own)) out.add(own);
  // A UUID (a UiTdatabank id) in the entity's own IRI or in an identifier names the same record everywhere.
  for (const id of [iri, ...out]) {
    const u = uuidIdentifier(id);
    if (u) out.add(u);
  }
  return [...out].sort();
}

/** The IRIs a description reaches from the entity: its hash IRIs and the nodes it points to (three steps). */
function reachable(g: Graph, iri: string): string[] {
  const seen = new Set([iri]);
  let frontier = [iri];
  for (let depth = 0; depth < 3; depth++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (const q of g.all(s)) {
        const o = q.object;
        if (o.termType !== 'NamedNode' || seen.has(o.value) || q.predicate.value === RDF('type')) continue;
        if (!g.has(o.value)) continue;
        // Only the entity's own parts: its hash IRIs; other entities are followed for venue names only.
        if (!o.value.startsWith(`${iri}#`)) continue;
        seen.add(o.value);
        next.push(o.value);
      }
    }
    frontier = next;
  }
  return [...seen];
}

function preferred(values: { value: string; language?: string }[]): string | undefined {
  return (values.find((v) => v.language === 'nl') ?? values.find((v) => !v.language) ?? values[0])?.value;
}

/** Address parts by their predicates' local names: locn, schema.org and OSLO adres (Adresvoorstelling.huisnummer, …). */
const ADDRESS_PARTS: Record<'street' | 'number' | 'box' | 'postcode' | 'municipality' | 'country', RegExp> = {
  street: /^(thoroughfare|streetAddress|fullAddress|straatnaam|Adresvoorstelling\.straatnaam)$/i,
  number: /^(locatorDesignator|huisnummer|Adresvoorstelling\.huisnummer)$/i,
  box: /^(busnummer|Adresvoorstelling\.busnummer)$/i,
  postcode: /^(postCode|postalCode|postcode|Adresvoorstelling\.postcode)$/i,
  municipality: /^(postName|addressLocality|adminUnitL2|gemeentenaam|Adresvoorstelling\.gemeentenaam)$/i,
  country: /^(adminUnitL1|addressCountry|land|Adresvoorstelling\.land)$/i,
};

function addressOf(g: Graph, iri: string): MatchFeatures['address'] {
  const node = g.objects(iri, [LOCN('address'), SCHEMA('address'), 'https://data.vlaanderen.be/ns/adres#Adres', 'https://data.vlaanderen.be/ns/adres#adres']).find((o) => o.termType === 'NamedNode');
  if (!node) return undefined;
  const part = (name: keyof typeof ADDRESS_PARTS) =>
    preferred(
      g
        .all(node.value)
        .filter((q) => q.object.termType === 'Literal' && ADDRESS_PARTS[name].test(q.predicate.value.replace(/^.*[#/]/, '')))
        .map((q) => ({ value: q.object.value, language: (q.object as { language?: string }).language || undefined })),
    );
  const a = normaliseAddress({ street: part('street'), number: part('number'), postcode: part('postcode'), municipality: part('municipality') });
  const country = part('country');
  const out: NonNullable<MatchFeatures['address']> = {};
  if (a.street) out.street = a.street;
  if (a.number) out.number = a.number;
  if (a.postcode) out.postcode = a.postcode;
  if (a.municipality) out.municipality = a.municipality;
  if (country) out.country = country.trim().toUpperCase();
  return Object.keys(out).length > 0 ? out : undefined;
}

function geoOf(g: Graph, iri: string): MatchFeatures['geo'] {
  const nodes = [iri, ...g.values(iri, [LOCN('geometry'), SCHEMA('geo')])];
  for (const n of nodes) {
    const lat = Number(g.values(n, [GEO('lat'), SCHEMA('latitude')])[0]);
    const long = Number(g.values(n, [GEO('long'), SCHEMA('longitude')])[0]);
    if (Number.isFinite(lat) && Number.isFinite(long) && (lat !== 0 || long !== 0)) return { lat, long };
    const wkt = g.values(n, [GEOSPARQL('asWKT'), LOCN('asWKT')])[0];
    const point = wkt ? /POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(wkt) : null;
    if (point) return { lat: Number(point[2]), long: Number(point[1]) };
  }
  return undefined;
}

/** Life dates: any predicate of the entity whose name says birth or death (schema:birthDate, persoon:geboortedatum, crm:P98i_was_born, …). */
function lifeDate(g: Graph, iri: string, pattern: RegExp): string | undefined {
  for (const q of g.all(iri)) {
    const local = q.predicate.value.replace(/^.*[#/]/, '');
    if (!pattern.test(local)) continue;
    const found = dateUnder(g, q.object);
    if (found) return found.trim();
  }
  return undefined;
}

export function entityFeatures(description: readonly Quad[], iri: string, source: string): MatchFeatures | undefined {
  const g = new Graph(description);
  const classes = g.values(iri, [RDF('type')]);
  const type = matchTypeOf(classes, iri);
  if (!type) return undefined;
  const nodes = reachable(g, iri);
  const features: MatchFeatures = {
    iri,
    type,
    sources: [source],
    labels: labelsOf(g, iri),
    identifiers: identifiersOf(g, iri, nodes),
  };
  if (type === 'activiteit') {
    const starts = new Set<string>();
    for (const n of nodes) {
      for (const v of g.values(n, [M8G('startTime'), SCHEMA('startDate'), CRM('P82a_begin_of_the_begin'), PROV('startedAtTime')])) {
        const utc = utcInstant(v);
        if (utc) starts.add(utc);
      }
    }
    if (starts.size > 0) features.starts = [...starts].sort();
    const venueIris = new Set<string>();
    const venueLabels = new Set<string>();
    for (const v of g.objects(iri, VENUE_PREDICATES)) {
      if (v.termType === 'Literal') venueLabels.add(v.value.trim());
      if (v.termType !== 'NamedNode') continue;
      venueIris.add(v.value);
      for (const same of g.values(v.value, IDENTITY_PREDICATES)) venueIris.add(normaliseIdentifier(same));
      for (const x of [...venueIris]) {
        const u = uuidIdentifier(x);
        if (u) venueIris.add(u);
      }
      if (/uitdatabank\.be\//.test(v.value)) venueIris.add(normaliseIdentifier(v.value));
      for (const l of labelsOf(g, v.value)) venueLabels.add(l.value);
    }
    if (venueIris.size > 0 || venueLabels.size > 0) features.venues = { iris: [...venueIris].sort(), labels: [...venueLabels].sort() };
  }
  if (type === 'plaats' || type === 'agent') {
    const address = addressOf(g, iri);
    if (address) features.address = address;
    const geo = geoOf(g, iri);
    if (geo) features.geo = geo;
  }
  if (type === 'agent') {
    const birth = lifeDate(g, iri, /birth|born|geboorte|geboren|P98i/i);
    const death = lifeDate(g, iri, /death|died|overlijden|overleden|sterf|P100i/i);
    // Life dates written in the name: "Ensor, James (1860-1949)".
    const inName = features.labels.map((l) => /\((?:[^()]*?\s)?(\d{4})\s*[-–]\s*(\d{4})?\s*\)/.exec(l.value)).find(Boolean);
    if (birth ?? inName?.[1]) features.birth = (birth ?? inName?.[1])!;
    if (death ?? inName?.[2]) features.death = (death ?? inName?.[2])!;
    const roles = new Set<string>();
    if (classes.some((c) => ORGANISATION_CLASSES.has(c))) roles.add('kind:organisation');
    if (classes.some((c) => PERSON_CLASSES.has(c))) roles.add('kind:person');
    for (const r of g.objects(iri, [SCHEMA('jobTitle'), SCHEMA('hasOccupation'), CRM('P2_has_type'), 'http://www.w3.org/ns/person#occupation'])) roles.add(r.value);
    if (roles.size > 0) features.roles = [...roles].sort();
  }
  if (type === 'concept') {
    const schemes = new Set(g.values(iri, [SKOS('inScheme'), SKOS('topConceptOf')]));
    // Hub concepts the mappings mint name their kind in the IRI: id/concept/{source}/{kind}/{term}.
    const kind = /\/id\/concept\/[^/]+\/([^/]+)\/[^/]+$/.exec(iri)?.[1];
    if (schemes.size === 0 && kind) schemes.add(`urn:hub:concept-kind:${kind}`);
    if (schemes.size > 0) features.schemes = [...schemes].sort();
  }
  return features;
}
