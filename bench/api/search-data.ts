/**
 * The search benchmark's dataset: synthetic activities and heritage objects shaped as the demo's
 * mappings publish them (the same classes, properties and node layout as the records
 * mappings/ticketmatic-event.yml, mappings/uitdatabank-event.yml and mappings/lido-object.yml
 * produce from the fixtures), published as the pipeline publishes a record (publishWrites:
 * record graph + provenance graph, with the record's organisation), and written as the embedded
 * store's snapshot like bench-data.ts does.
 *
 * Activities: a title in Dutch and English, a description, a UiTdatabank event type and a theme,
 * an organiser, a venue described in the record (name, address, WGS84 point: 2,000 venues around
 * twelve Flemish and Brussels towns), one occurrence (85 %: a performance on one evening between
 * September 2026 and August 2027) or a run of weeks (15 %: an exhibition), a price (a fifth free)
 * and an offer that is in stock or sold out, an image.
 * Heritage objects: a title and a note, an AAT object type and material with their labels, a
 * production by one of 5,000 makers (labelled agents, as LIDO records carry them) with an EDTF
 * date, a keeper among 40 museums (also the record's organisation), an image for 60 %.
 * Everything derives from the index with a fixed pseudo-random sequence, so each run has the
 * same data.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { entityIri } from '../../src/core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../src/core/rdf.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { CP, CRM, DCT, PROV, RDF, RDFS, SCHEMA, SKOS, XSD } from '../../src/core/vocab.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';
import { graphsToNQuads } from '../../src/store/oxigraph/nquads.js';

export const SEARCH_NS = 'http://bench-search.hub.test/';
export const EVENTS_SOURCE = 'bench-events';
export const HERITAGE_SOURCE = 'bench-heritage';

const M8G = 'http://data.europa.eu/m8g/';
const LOCN = 'http://www.w3.org/ns/locn#';
const WGS = 'http://www.w3.org/2003/01/geo/wgs84_pos#';
const EDTF = 'http://id.loc.gov/datatypes/edtf/EDTF';
const AAT = 'http://vocab.getty.edu/aat/';
const UIT_TERMS = 'https://taxonomy.uitdatabank.be/terms/';

/** Towns the venues are spread around (town hall coordinates), with their postal code. */
export const TOWNS = [
  { name: 'Gent', postCode: '9000', lat: 51.0543, lon: 3.7174 },
  { name: 'Antwerpen', postCode: '2000', lat: 51.2211, lon: 4.3997 },
  { name: 'Brussel', postCode: '1000', lat: 50.8467, lon: 4.3525 },
  { name: 'Leuven', postCode: '3000', lat: 50.8789, lon: 4.7012 },
  { name: 'Brugge', postCode: '8000', lat: 51.2088, lon: 3.2247 },
  { name: 'Mechelen', postCode: '2800', lat: 51.0279, lon: 4.4803 },
  { name: 'Hasselt', postCode: '3500', lat: 50.9307, lon: 5.3378 },
  { name: 'Kortrijk', postCode: '8500', lat: 50.8279, lon: 3.2649 },
  { name: 'Oostende', postCode: '8400', lat: 51.2302, lon: 2.9196 },
  { name: 'Aalst', postCode: '9300', lat: 50.9378, lon: 4.0403 },
  { name: 'Sint-Niklaas', postCode: '9100', lat: 51.1655, lon: 4.1437 },
  { name: 'Genk', postCode: '3600', lat: 50.9654, lon: 5.5008 },
];

/** UiTdatabank event types (taxonomy.uitdatabank.be term ids) and their Dutch labels. */
const EVENT_TYPES: [string, string][] = [
  ['0.50.4.0.0', 'Concert'], ['0.55.0.0.0', 'Theatervoorstelling'], ['0.54.0.0.0', 'Dansvoorstelling'], ['0.0.0.0.0', 'Tentoonstelling'],
  ['0.50.6.0.0', 'Film'], ['0.3.1.0.0', 'Cursus met open sessies'], ['0.17.0.0.0', 'Route'], ['0.57.0.0.0', 'Festival'],
  ['0.28.0.0.0', 'Sportactiviteit'], ['0.7.0.0.0', 'Begeleide uitstap of rondleiding'], ['0.19.0.0.0', 'Spel of quiz'], ['0.6.0.0.0', 'Beurs'],
];
const THEMES = ['Klassieke muziek', 'Jazz en blues', 'Pop en rock', 'Humor', 'Erfgoed', 'Beeldende kunst', 'Natuur', 'Literatuur', 'Geschiedenis', 'Circus'];
const EVENT_WORDS = ['Jazz op zondag', 'Strijkkwartet', 'Familievoorstelling', 'Stand-up comedy', 'Dansvoorstelling', 'Filmconcert', 'Poëzie en piano', 'Orgelconcert', 'Wandeling door de stad', 'Rondleiding in het museum', 'Kinderatelier', 'Lezing over erfgoed', 'Quizavond', 'Boekvoorstelling', 'Koorconcert', 'Zomerfestival'];
const OBJECT_TYPES: [string, string][] = [
  ['300033618', 'schilderij'], ['300041273', 'prent'], ['300033973', 'tekening'], ['300047090', 'beeldhouwwerk'], ['300046300', 'foto'],
  ['300195535', 'schoteltje'], ['300038936', 'stoel'], ['300037680', 'kast'], ['300010896', 'vaas'], ['300047246', 'munt'],
  ['300028569', 'handschrift'], ['300046020', 'affiche'], ['300128359', 'glasraam'], ['300041325', 'wandtapijt'], ['300133025', 'kunstwerk'],
];
const MATERIALS: [string, string][] = [
  ['300012264', 'eikenhout'], ['300015050', 'olieverf'], ['300014078', 'doek'], ['300011914', 'papier'], ['300010900', 'brons'],
  ['300010662', 'porselein'], ['300010797', 'glas'], ['300011727', 'marmer'], ['300014063', 'wol'], ['300010360', 'zilver'],
];
const MOTIFS = ['landschap', 'portret van een vrouw', 'portret van een man', 'stilleven met bloemen', 'heilige familie', 'zeegezicht', 'stadsgezicht van Gent', 'boerenbruiloft', 'jachttafereel', 'kerkinterieur', 'winterlandschap', 'allegorie van de zomer', 'Johannes de Doper', 'molen aan de Schelde', 'marktplein'];
const SURNAMES = ['Brueghel', 'Rubens', 'Van Eyck', 'Memling', 'Ensor', 'Permeke', 'Van de Velde', 'Stockmans', 'De Smet', 'Claus', 'Jordaens', 'Van Dyck', 'Minne', 'Horta', 'Magritte', 'Delvaux', 'Servaes', 'Van Rysselberghe', 'Khnopff', 'Wouters'];
const GIVEN = ['Pieter', 'Jan', 'Anna', 'Maria', 'Frans', 'Jacob', 'Emile', 'Gustave', 'Clara', 'Hendrik', 'Rik', 'Lieve', 'Paul', 'Marthe'];
const MUSEUMS = Array.from({ length: 40 }, (_, k) => ['Museum voor Schone Kunsten Gent', 'Musea Brugge - Groeningemuseum', 'Design Museum Gent', 'KMSKA', 'M Leuven', 'Museum Plantin-Moretus', 'STAM', 'MAS', 'Mu.ZEE', 'Huis van Alijn'][k % 10]! + (k >= 10 ? ` (collectie ${Math.floor(k / 10) + 1})` : ''));

export const VENUES = 2000;
export const MAKERS = 5000;
const ORGANISERS = 500;

/** A deterministic pseudo-random number in [0, 1) for (index, salt) (mulberry32 of a mix). */
function rand(i: number, salt: number): number {
  let t = (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca77)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[], i: number, salt: number): T => list[Math.floor(rand(i, salt) * list.length)]!;

export const eventIri = (i: number) => entityIri(SEARCH_NS, 'activiteit', EVENTS_SOURCE, `ev-${i}`);
export const objectIri = (i: number) => entityIri(SEARCH_NS, 'mensgemaaktobject', HERITAGE_SOURCE, `obj-${i}`);
export const makerIri = (m: number) => entityIri(SEARCH_NS, 'agent', HERITAGE_SOURCE, `maker-${m}`);

/** Venue v: a town and a point within about 8 km of its centre. */
export function venue(v: number) {
  const town = TOWNS[v % TOWNS.length]!;
  return { town, lat: town.lat + (rand(v, 1) - 0.5) * 0.14, lon: town.lon + (rand(v, 2) - 0.5) * 0.22, name: `${pick(['Zaal', 'Cultuurcentrum', 'Schouwburg', 'Bibliotheek', 'Museum', 'Kerk'], v, 3)} ${v}` };
}

const dt = (d: Date) => literal(d.toISOString().replace('.000Z', 'Z'), namedNode(XSD('dateTime')));
const DAY = 86_400_000;
const SEASON_START = Date.parse('2026-09-01T00:00:00Z');

export function eventQuads(i: number): Quad[] {
  const s = namedNode(eventIri(i));
  const p = namedNode;
  const t = (suffix: string) => namedNode(`${s.value}#${suffix}`);
  const v = Math.floor(rand(i, 10) * VENUES);
  const place = venue(v);
  const location = namedNode(entityIri(SEARCH_NS, 'locatie', EVENTS_SOURCE, `venue-${v}`));
  const [typeId, typeLabel] = pick(EVENT_TYPES, i, 11);
  const title = `${pick(EVENT_WORDS, i, 12)} ${i}`;
  const exhibition = rand(i, 13) < 0.15;
  const start = new Date(SEASON_START + Math.floor(rand(i, 14) * 365) * DAY + (exhibition ? 10 : 17 + Math.floor(rand(i, 15) * 5)) * 3_600_000);
  const end = new Date(start.getTime() + (exhibition ? (30 + Math.floor(rand(i, 16) * 90)) * DAY : 2 * 3_600_000));
  const free = rand(i, 17) < 0.2;
  const created = new Date(Date.parse('2025-01-01T00:00:00Z') + Math.floor(rand(i, 18) * 600) * DAY);
  return [
    quad(s, p(RDF('type')), p(CRM('E7_Activity'))),
    quad(s, p(DCT('title')), literal(title, 'nl')),
    quad(s, p(DCT('title')), literal(`${title} (EN)`, 'en')),
    quad(s, p(DCT('description')), literal(`${typeLabel}: ${title} in ${place.name}, ${place.town.name}. ${pick(THEMES, i, 19)} voor jong en oud.`, 'nl')),
    quad(s, p(DCT('created')), dt(created)),
    quad(s, p(DCT('modified')), dt(new Date(created.getTime() + Math.floor(rand(i, 20) * 60) * DAY))),
    quad(s, p(DCT('type')), p(`${UIT_TERMS}${typeId}`)),
    quad(s, p(CP('thema')), p(entityIri(SEARCH_NS, 'concept', EVENTS_SOURCE, `thema/${THEMES.indexOf(pick(THEMES, i, 19))}`))),
    quad(s, p(CRM('P14_carried_out_by')), p(entityIri(SEARCH_NS, 'organisator', EVENTS_SOURCE, `org-${i % ORGANISERS}`))),
    quad(s, p(SCHEMA('image')), p(`https://images.bench.example/events/${i}.jpg`)),
    quad(s, p(CRM('P4_has_time-span')), t('periode')),
    quad(t('periode'), p(RDF('type')), p(`${M8G}PeriodOfTime`)),
    quad(t('periode'), p(`${M8G}startTime`), dt(start)),
    quad(t('periode'), p(`${M8G}endTime`), dt(end)),
    quad(s, p(PROV('atLocation')), location),
    quad(location, p(`${LOCN}locatorName`), literal(place.name, 'nl')),
    quad(location, p(`${LOCN}geometry`), namedNode(`${location.value}#geometrie`)),
    quad(location, p(`${LOCN}address`), namedNode(`${location.value}#adres`)),
    quad(namedNode(`${location.value}#geometrie`), p(RDF('type')), p(`${LOCN}Geometry`)),
    quad(namedNode(`${location.value}#geometrie`), p(`${WGS}lat`), literal(place.lat.toFixed(5), namedNode(XSD('decimal')))),
    quad(namedNode(`${location.value}#geometrie`), p(`${WGS}long`), literal(place.lon.toFixed(5), namedNode(XSD('decimal')))),
    quad(namedNode(`${location.value}#adres`), p(RDF('type')), p(`${LOCN}Address`)),
    quad(namedNode(`${location.value}#adres`), p(`${LOCN}thoroughfare`), literal(`Kerkstraat ${1 + (v % 120)}`, 'nl')),
    quad(namedNode(`${location.value}#adres`), p(`${LOCN}postName`), literal(place.town.name, 'nl')),
    quad(namedNode(`${location.value}#adres`), p(`${LOCN}postCode`), literal(place.town.postCode)),
    quad(namedNode(`${location.value}#adres`), p(`${LOCN}adminUnitL1`), literal('BE')),
    quad(s, p(CP('Activiteit.prijs')), t('prijs-1')),
    quad(t('prijs-1'), p(RDF('type')), p(SCHEMA('PriceSpecification'))),
    quad(t('prijs-1'), p(CP('Prijs.prijscategorie')), p('https://data.cultuurparticipatie.be/id/concept/PrijsCategorieType/base')),
    quad(t('prijs-1'), p(SCHEMA('price')), t('prijs-1-bedrag')),
    quad(t('prijs-1-bedrag'), p(RDF('type')), p(SCHEMA('MonetaryAmount'))),
    quad(t('prijs-1-bedrag'), p(SCHEMA('value')), literal(free ? '0' : String(5 + Math.floor(rand(i, 21) * 30)), namedNode(XSD('decimal')))),
    quad(t('prijs-1-bedrag'), p(SCHEMA('currency')), literal('EUR')),
    quad(s, p(SCHEMA('offers')), t('aanbod')),
    quad(t('aanbod'), p(RDF('type')), p(SCHEMA('Offer'))),
    quad(t('aanbod'), p(SCHEMA('availability')), p(SCHEMA(rand(i, 22) < 0.1 ? 'SoldOut' : 'InStock'))),
  ];
}

export function objectQuads(i: number): { quads: Quad[]; organisation: string } {
  const s = namedNode(objectIri(i));
  const p = namedNode;
  const production = namedNode(`${s.value}#productie`);
  const m = Math.floor(rand(i, 30) ** 2 * MAKERS); // a few makers with many works, many with few
  const maker = namedNode(makerIri(m));
  const [typeId, typeLabel] = pick(OBJECT_TYPES, i, 31);
  const [materialId, materialLabel] = pick(MATERIALS, i, 32);
  const museum = Math.floor(rand(i, 33) * MUSEUMS.length);
  const year = 1450 + Math.floor(rand(i, 34) * 570);
  const title = `${typeLabel[0]!.toUpperCase()}${typeLabel.slice(1)} met ${pick(MOTIFS, i, 35)}`;
  const quads = [
    quad(s, p(RDF('type')), p(CRM('E22_Man-Made_Object'))),
    quad(s, p(RDF('type')), p(CRM('E22_Human-Made_Object'))),
    quad(s, p(CRM('P102_has_title')), literal(title, 'nl')),
    quad(s, p(CRM('P3_has_note')), literal(`${title}, ${materialLabel}, uit de collectie van ${MUSEUMS[museum]}. Inventarisnummer ${i}.`, 'nl')),
    quad(s, p(CRM('P2_has_type')), p(`${AAT}${typeId}`)),
    quad(p(`${AAT}${typeId}`), p(RDF('type')), p(SKOS('Concept'))),
    quad(p(`${AAT}${typeId}`), p(SKOS('prefLabel')), literal(typeLabel, 'nl')),
    quad(s, p(CRM('P45_consists_of')), p(`${AAT}${materialId}`)),
    quad(p(`${AAT}${materialId}`), p(RDF('type')), p(SKOS('Concept'))),
    quad(p(`${AAT}${materialId}`), p(SKOS('prefLabel')), literal(materialLabel, 'nl')),
    quad(s, p(CRM('P50_has_current_keeper')), p(entityIri(SEARCH_NS, 'organisatie', HERITAGE_SOURCE, `museum-${museum}`))),
    quad(s, p(CRM('P108i_was_produced_by')), production),
    quad(production, p(RDF('type')), p(CRM('E12_Production'))),
    quad(production, p(CRM('P108_has_produced')), s),
    quad(production, p(CRM('P14_carried_out_by')), maker),
    quad(production, p(CRM('P4_has_time-span')), literal(rand(i, 36) < 0.5 ? `${year}` : `${year}~/${year + 10}~`, namedNode(EDTF))),
    quad(maker, p(RDF('type')), p(CRM('E39_Actor'))),
    quad(maker, p(RDFS('label')), literal(`${pick(SURNAMES, m, 37)}, ${pick(GIVEN, m, 38)} ${m}`)),
  ];
  if (rand(i, 39) < 0.6) quads.push(quad(s, p(CRM('P138i_has_representation')), p(`https://images.bench.example/objects/${i}.jpg`)));
  return { quads, organisation: MUSEUMS[museum]! };
}

export interface SearchDatasetSize {
  activities: number;
  heritageObjects: number;
  quads: number;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes `entities` records, half activities and half heritage objects, as the embedded store's
 * snapshot (`# seq 0` and N-Quads).
 */
export async function writeSearchDataset(entities: number, sources: { events: SourceConfig; heritage: SourceConfig }, snapshotPath: string): Promise<SearchDatasetSize> {
  const ctx = (source: SourceConfig) => ({ baseIri: SEARCH_NS, source, runId: 'bench', mapping: { id: 'bench', version: '1' }, shapes: { id: 'bench', version: '1' } });
  const events = ctx(sources.events);
  const heritage = ctx(sources.heritage);
  const snapshot = createWriteStream(snapshotPath);
  await write(snapshot, '# seq 0\n');
  const size: SearchDatasetSize = { activities: Math.ceil(entities / 2), heritageObjects: Math.floor(entities / 2), quads: 0 };
  const now = new Date('2026-12-01T00:00:00Z').toISOString();
  for (let start = 0; start < entities; start += 1000) {
    const puts = [];
    for (let k = start; k < Math.min(entities, start + 1000); k++) {
      const i = k >> 1;
      const writes =
        k % 2 === 0
          ? publishWrites({ sourceId: EVENTS_SOURCE, recordId: `ev-${i}`, mediaType: 'application/json', body: '' }, eventQuads(i), true, events, now)
          : (() => {
              const { quads, organisation } = objectQuads(i);
              return publishWrites({ sourceId: HERITAGE_SOURCE, recordId: `obj-${i}`, mediaType: 'application/xml', body: '', meta: { organisation } }, quads, true, heritage, now);
            })();
      puts.push(...writes);
      size.quads += writes.reduce((n, w) => n + w.quads.length, 0);
    }
    await write(snapshot, graphsToNQuads(puts, 0));
  }
  snapshot.end();
  await once(snapshot, 'finish');
  return size;
}
