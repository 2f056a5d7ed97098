/**
 * The public facts of one published activity, read from its record graph through an explicit
 * allowlist of predicates (PUBLIC_PREDICATES). Nothing else of the graph is read, so whatever a
 * mapping might add later (a contact, an order, a ticket holder) cannot reach UiTdatabank
 * without a change here. Each fact keeps the Ticketmatic field it comes from (SOURCE_FIELDS), so
 * a problem can tell the house what to change where.
 */
import type { Quad } from '../../core/rdf.js';
import { CP, CRM, DCT, RDF, SCHEMA, SKOS } from '../../core/vocab.js';

const LOCN = (local: string) => `http://www.w3.org/ns/locn#${local}`;
const GEO = (local: string) => `http://www.w3.org/2003/01/geo/wgs84_pos#${local}`;
const M8G = (local: string) => `http://data.europa.eu/m8g/${local}`;

/** Every predicate the push reads; a test asserts no body holds anything else. */
export const PUBLIC_PREDICATES: readonly string[] = [
  DCT('title'),
  DCT('description'),
  CRM('P4_has_time-span'),
  M8G('startTime'),
  M8G('endTime'),
  CP('thema'),
  SKOS('prefLabel'),
  SKOS('notation'),
  SCHEMA('image'),
  'http://www.w3.org/ns/prov#atLocation',
  LOCN('locatorName'),
  LOCN('address'),
  LOCN('thoroughfare'),
  LOCN('postCode'),
  LOCN('postName'),
  LOCN('adminUnitL1'),
  LOCN('geometry'),
  GEO('lat'),
  GEO('long'),
  CP('Activiteit.prijs'),
  CP('Prijs.prijscategorie'),
  SCHEMA('price'),
  SCHEMA('value'),
  SCHEMA('currency'),
  SCHEMA('offers'),
  SCHEMA('availability'),
  SCHEMA('eventStatus'),
  RDF('type'),
];

/** The Ticketmatic field behind each Entry API field (ticketmatic-event.yml, the connector). */
export const SOURCE_FIELDS = {
  name: 'name (translations.nameen, translations.namefr)',
  description: 'description (translations.descriptionen)',
  calendar: 'startts / endts',
  terms: 'c_genre',
  location: 'locationid (event location: name, street1, zip, city, countrycode)',
  priceInfo: 'prices.contingents[].pricetypes[] (pricetypeid, price)',
  bookingAvailability: 'availability (free tickets per contingent)',
  bookingInfo: 'the push settings of the source (bookingInfo)',
  status: 'currentstatus',
  image: 'image',
} as const;

export interface LangText {
  value: string;
  language: string;
}

export interface PublicPlace {
  iri: string;
  names: LangText[];
  street?: string;
  postalCode?: string;
  locality?: string;
  country?: string;
  geo?: { lat: number; long: number };
}

export interface PublicPrice {
  /** The price type's notation (Ticketmatic pricetypeid), or the last segment of its IRI. */
  category: string;
  amount: number;
  currency: string;
}

export interface PublicEvent {
  iri: string;
  titles: LangText[];
  descriptions: LangText[];
  /** ISO 8601 instants as the record writes them. */
  starts: string[];
  ends: string[];
  genres: string[];
  images: string[];
  place?: PublicPlace;
  prices: PublicPrice[];
  /** schema.org availability IRIs of the activity's offers (SoldOut, InStock, …). */
  availability: string[];
  /** schema.org event status IRIs (EventCancelled, EventPostponed, …), when a mapping states one. */
  eventStatus: string[];
}

/** The subject → predicate → objects index of one graph, limited to the allowlist. */
class Allowed {
  private readonly index = new Map<string, Map<string, Quad['object'][]>>();

  constructor(quads: readonly Quad[]) {
    const allowed = new Set(PUBLIC_PREDICATES);
    for (const q of quads) {
      if (!allowed.has(q.predicate.value)) continue;
      let bySubject = this.index.get(q.subject.value);
      if (!bySubject) this.index.set(q.subject.value, (bySubject = new Map()));
      const list = bySubject.get(q.predicate.value) ?? [];
      list.push(q.object);
      bySubject.set(q.predicate.value, list);
    }
  }

  objects(subject: string, predicate: string): Quad['object'][] {
    return this.index.get(subject)?.get(predicate) ?? [];
  }

  iris(subject: string, predicate: string): string[] {
    return unique(this.objects(subject, predicate).filter((o) => o.termType === 'NamedNode' || o.termType === 'BlankNode').map((o) => o.value));
  }

  literals(subject: string, predicate: string): LangText[] {
    const out: LangText[] = [];
    for (const o of this.objects(subject, predicate)) {
      if (o.termType !== 'Literal') continue;
      const language = (o as { language?: string }).language ?? '';
      if (!out.some((t) => t.value === o.value && t.language === language)) out.push({ value: o.value, language });
    }
    return out.sort((a, b) => a.language.localeCompare(b.language) || a.value.localeCompare(b.value));
  }

  first(subject: string, predicate: string): string | undefined {
    return this.literals(subject, predicate)[0]?.value;
  }
}

const unique = <T>(values: T[]) => [...new Set(values)].sort();

/** The public facts of `entity` as its record graph states them. */
export function readPublicEvent(quads: readonly Quad[], entity: string): PublicEvent {
  const g = new Allowed(quads);
  const spans = g.iris(entity, CRM('P4_has_time-span'));
  const genres = g.iris(entity, CP('thema')).flatMap((c) => {
    const labels = g.literals(c, SKOS('prefLabel'));
    // A concept without a label: its IRI's last segment is the genre as the source wrote it.
    return labels.length ? labels.map((l) => l.value) : [decodeURIComponent(c.split('/').pop() ?? c)];
  });
  const prices: PublicPrice[] = [];
  for (const spec of g.iris(entity, CP('Activiteit.prijs'))) {
    const category = g.iris(spec, CP('Prijs.prijscategorie'))[0];
    const notation = category ? g.first(category, SKOS('notation')) : undefined;
    for (const amountNode of g.iris(spec, SCHEMA('price'))) {
      const value = Number(g.first(amountNode, SCHEMA('value')));
      if (!Number.isFinite(value)) continue;
      prices.push({ category: notation ?? decodeURIComponent((category ?? spec).split(/[/#]/).pop() ?? ''), amount: value, currency: g.first(amountNode, SCHEMA('currency')) ?? 'EUR' });
    }
    // A price stated as a plain number on the specification.
    for (const lit of g.literals(spec, SCHEMA('price'))) {
      const value = Number(lit.value);
      if (Number.isFinite(value)) prices.push({ category: notation ?? spec, amount: value, currency: g.first(spec, SCHEMA('currency')) ?? 'EUR' });
    }
  }
  const placeIri = g.iris(entity, 'http://www.w3.org/ns/prov#atLocation')[0];
  return {
    iri: entity,
    titles: g.literals(entity, DCT('title')),
    descriptions: g.literals(entity, DCT('description')),
    starts: unique(spans.flatMap((s) => g.literals(s, M8G('startTime')).map((l) => l.value))),
    ends: unique(spans.flatMap((s) => g.literals(s, M8G('endTime')).map((l) => l.value))),
    genres: unique(genres),
    images: unique(g.iris(entity, SCHEMA('image'))),
    place: placeIri ? readPlace(g, placeIri) : undefined,
    prices: prices.sort((a, b) => b.amount - a.amount || a.category.localeCompare(b.category)),
    availability: unique(g.iris(entity, SCHEMA('offers')).flatMap((o) => g.iris(o, SCHEMA('availability')))),
    eventStatus: g.iris(entity, SCHEMA('eventStatus')),
  };
}

function readPlace(g: Allowed, iri: string): PublicPlace {
  const address = g.iris(iri, LOCN('address'))[0];
  const geometry = g.iris(iri, LOCN('geometry'))[0];
  const lat = geometry ? Number(g.first(geometry, GEO('lat'))) : NaN;
  const long = geometry ? Number(g.first(geometry, GEO('long'))) : NaN;
  return {
    iri,
    names: g.literals(iri, LOCN('locatorName')),
    street: address ? g.first(address, LOCN('thoroughfare')) : undefined,
    postalCode: address ? g.first(address, LOCN('postCode')) : undefined,
    locality: address ? g.first(address, LOCN('postName')) : undefined,
    country: address ? g.first(address, LOCN('adminUnitL1')) : undefined,
    geo: Number.isFinite(lat) && Number.isFinite(long) ? { lat, long } : undefined,
  };
}
