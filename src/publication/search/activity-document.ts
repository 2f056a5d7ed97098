/**
 * The search document of an activity record, from what the event mappings produce
 * (mappings/uitdatabank-event.yml, ticketmatic-event.yml): titles and descriptions per language,
 * occurrences (crm:P4_has_time-span periods, also of sub-events) and weekly opening hours,
 * location (own description or a place record's, see place-info.ts), organizer, type and theme
 * terms, audience and age range, prices, availability (schema:Offer), status, media, dates.
 */
import { CP, CRM, DCT, FOAF, SCHEMA } from '../../core/vocab.js';
import { addPlace, placeInfo, type PlaceLookup } from './place-info.js';
import type { RecordGraph } from './record-graph.js';
import { emptyDoc, type CalendarType, type OpeningHours, type SearchDoc } from './search-document.js';
import { texts, time } from './document-texts.js';

const M8G = (l: string) => `http://data.europa.eu/m8g/${l}`;
const PUBLIQ_TERMS = 'https://taxonomy.uitdatabank.be/terms/';
const DAY = 24 * 3600_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export interface RecordInfo {
  entity: string;
  recordGraph: string;
  source: string;
  organisations: string[];
  /** When the hub published the record (ISO): `modified` when the record states none. */
  published?: string;
}

export function activityDocument(graph: RecordGraph, record: RecordInfo, places: PlaceLookup = () => undefined): SearchDoc {
  const e = record.entity;
  const doc = emptyDoc('activities', e, record.recordGraph, record.source);
  doc.organisations = record.organisations;
  doc.aliases = graph.aliases(e);
  const isLocal = (iri: string) => iri.startsWith(`${e}#`);
  texts(doc, graph, e, [DCT('title'), SCHEMA('name')], [DCT('description'), SCHEMA('description')]);
  doc.created = time(graph.first(e, DCT('created'), SCHEMA('dateCreated')));
  doc.modified = time(graph.first(e, DCT('modified'), SCHEMA('dateModified'))) ?? time(record.published);

  // Calendar: the activity's periods and those of its sub-events; weekly hours on either.
  const events = [e, ...graph.nodes(e, SCHEMA('subEvent'), CP('Activiteit.subActiviteit'))];
  for (const ev of events) {
    for (const span of [ev, ...graph.nodes(ev, CRM('P4_has_time-span'))]) {
      const start = time(graph.first(span, M8G('startTime'), SCHEMA('startDate'), CRM('P82a_begin_of_the_begin')));
      const end = time(graph.first(span, M8G('endTime'), SCHEMA('endDate'), CRM('P82b_end_of_the_end')));
      if (start !== undefined || end !== undefined) doc.occurrences.push({ start: start ?? end!, end: Math.max(end ?? start!, start ?? end!) });
      for (const spec of graph.nodes(span, SCHEMA('openingHoursSpecification'))) {
        const hours = openingHours(graph, spec);
        if (hours) doc.openingHours.push(hours);
      }
    }
  }
  doc.occurrences.sort((a, b) => a.start - b.start || a.end - b.end);
  doc.calendarType = calendarType(doc);

  for (const node of graph.nodes(e, 'http://www.w3.org/ns/prov#atLocation', SCHEMA('location'), CP('Activiteit.locatie'))) {
    const place = placeInfo(graph, node, isLocal) ?? places(node) ?? { ref: graph.ref(node, isLocal) };
    addPlace(doc, place);
  }
  doc.organizers = graph.nodes(e, CRM('P14_carried_out_by'), SCHEMA('organizer'), CP('Activiteit.organisator')).map((n) => graph.ref(n, isLocal));
  doc.types = graph.nodes(e, DCT('type')).map((n) => graph.ref(n, isLocal));
  doc.themes = graph.nodes(e, CP('thema')).map((n) => graph.ref(n, isLocal));
  for (const t of [...doc.types, ...doc.themes]) {
    doc.termIds.push(t.id);
    if (t.id.startsWith(PUBLIQ_TERMS)) doc.termIds.push(t.id.slice(PUBLIQ_TERMS.length));
  }
  doc.labels = graph.texts(e, SCHEMA('keywords'), 'https://data.uitwisselingsplatform.be/ns/platform#label').map((t) => t.text);
  doc.uitpas = [...doc.labels, ...doc.themes.map((t) => t.label ?? ''), ...doc.types.map((t) => t.label ?? '')].some((l) => /uitpas/i.test(l));

  for (const audience of graph.nodes(e, SCHEMA('audience'))) doc.audienceTypes.push(...graph.texts(audience, SCHEMA('audienceType')).map((t) => t.text.toLowerCase()));
  const ages = /^(\d+)?\s*-\s*(\d+)?$/.exec(graph.first(e, SCHEMA('typicalAgeRange'))?.trim() ?? '');
  if (ages) [doc.ageMin, doc.ageMax] = [ages[1] === undefined ? 0 : Number(ages[1]), ages[2] === undefined ? undefined : Number(ages[2])];

  const priceNodes = [...graph.nodes(e, CP('Activiteit.prijs')), ...graph.nodes(e, SCHEMA('offers'))];
  for (const p of priceNodes) {
    for (const price of graph.objects(p, SCHEMA('price'))) {
      const value = price.termType === 'Literal' ? price.value : graph.first(price.value, SCHEMA('value'));
      if (value !== undefined && Number.isFinite(Number(value))) doc.prices.push(Number(value));
    }
  }
  const availability = graph.nodes(e, SCHEMA('offers')).flatMap((o) => graph.nodes(o, SCHEMA('availability')));
  if (availability.length > 0) doc.availability = availability.every((a) => /SoldOut|OutOfStock|Discontinued/.test(a)) ? 'unavailable' : 'available';
  const status = graph.first(e, SCHEMA('eventStatus')) ?? '';
  doc.status = /Cancelled/.test(status) ? 'Unavailable' : /Postponed|Rescheduled/.test(status) ? 'TemporarilyUnavailable' : 'Available';
  doc.hasImage = graph.nodes(e, SCHEMA('image'), FOAF('depiction')).length > 0;
  doc.hasVideo = graph.nodes(e, SCHEMA('video')).length > 0;
  return doc;
}

/**
 * single: one occurrence within a day; multiple: several; periodic: one longer period or weekly
 * hours; permanent: no period at all.
 */
function calendarType(doc: SearchDoc): CalendarType {
  if (doc.occurrences.length === 0) return 'permanent';
  if (doc.occurrences.length > 1) return 'multiple';
  const only = doc.occurrences[0]!;
  return doc.openingHours.length > 0 || only.end - only.start > DAY ? 'periodic' : 'single';
}

function openingHours(graph: RecordGraph, spec: string): OpeningHours | undefined {
  const days = graph.objects(spec, SCHEMA('dayOfWeek')).map((d) => WEEKDAYS.findIndex((w) => d.value.toLowerCase().endsWith(w.toLowerCase()))).filter((d) => d >= 0);
  const opens = minutes(graph.first(spec, SCHEMA('opens')));
  const closes = minutes(graph.first(spec, SCHEMA('closes')));
  if (days.length === 0 || opens === undefined || closes === undefined) return undefined;
  return { days, opens, closes };
}

function minutes(hhmm: string | undefined): number | undefined {
  const m = /^(\d{1,2}):(\d{2})/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}
