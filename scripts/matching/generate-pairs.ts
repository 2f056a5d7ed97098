/**
 * Writes the labelled pairs of entity matching (issue 16): test/fixtures/matching/pairs/{type}.json
 * (the set the matcher is tuned on) and test/fixtures/matching/pairs-holdout/{type}.json (drawn from
 * other venues, shows, makers and concepts, never tuned on). The JSON files are the data and are
 * checked in; this script only shows how they were made and can make them again, byte for byte.
 *
 *   npm run build --silent && node dist/scripts/matching/generate-pairs.js
 *
 * Every side is a small Turtle description in the hub's published vocabulary, as the mappings
 * (mappings/uitdatabank-*.yml, ticketmatic-event.yml, lido-object.yml, ghent-ldes.yml) and the
 * entity-IRI step produce it, under http://hub.test/id/{type}/{source}/{id}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Side {
  source: string;
  iri: string;
  turtle: string;
}
interface Pair {
  id: string;
  a: Side;
  b: Side;
  match: boolean;
  note: string;
}

const PREFIXES = `@prefix cidoc: <http://www.cidoc-crm.org/cidoc-crm/> .
@prefix cp: <https://data.vlaanderen.be/ns/cultuurparticipatie#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix m8g: <http://data.europa.eu/m8g/> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix locn: <http://www.w3.org/ns/locn#> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix persoon: <https://data.vlaanderen.be/ns/persoon#> .
@prefix generiek: <https://data.vlaanderen.be/ns/generiek#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
`;
const HUB = 'http://hub.test/id';

// ------------------------------------------------------------------ randomness (seeded)

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = rng(16);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
function uuid(): string {
  const hex = () => Math.floor(rand() * 16).toString(16);
  const n = (k: number) => Array.from({ length: k }, hex).join('');
  return `${n(8)}-${n(4)}-4${n(3)}-${pick(['8', '9', 'a', 'b'])}${n(3)}-${n(12)}`;
}
const lit = (s: string, lang?: string) => `${JSON.stringify(s)}${lang ? `@${lang}` : ''}`;

// ------------------------------------------------------------------ base data

interface Venue {
  name: string;
  /** Other ways sources write the name. */
  aliases: string[];
  rooms: string[];
  street: string;
  /** Other ways to write the street (abbreviations). */
  streetAlt: string[];
  number: string;
  postcode: string;
  city: string;
  lat: number;
  long: number;
}
const V = (name: string, aliases: string[], rooms: string[], street: string, streetAlt: string[], number: string, postcode: string, city: string, lat: number, long: number): Venue => ({
  name, aliases, rooms, street, streetAlt, number, postcode, city, lat, long,
});
const VENUES: Venue[] = [
  V('Vooruit', ['Kunstencentrum Vooruit', 'VOORUIT', 'Viernulvier (Vooruit)'], ['Theaterzaal', 'Balzaal', 'Domzaal', 'Concertzaal'], 'Sint-Pietersnieuwstraat', ['St.-Pietersnieuwstraat', 'Sint-Pietersnieuwstr.', 'Sint Pietersnieuwstraat'], '23', '9000', 'Gent', 51.0478, 3.7275),
  V('Concertgebouw Brugge', ['Concertgebouw', 'Concertgebouw Brugge vzw'], ['Concertzaal', 'Kamermuziekzaal'], "'t Zand", ['Het Zand', 't Zand'], '34', '8000', 'Brugge', 51.2035, 3.2188),
  V('deSingel', ['De Singel', 'deSingel Internationale Kunstcampus'], ['Blauwe Zaal', 'Rode Zaal', 'Theaterstudio'], 'Desguinlei', ['Desguinlei'], '25', '2018', 'Antwerpen', 51.1929, 4.4086),
  V('Handelsbeurs Concertzaal', ['Handelsbeurs', 'Handelsbeurs Gent'], ['Concertzaal', 'Foyer'], 'Kouter', ['Kouter'], '29', '9000', 'Gent', 51.0507, 3.7247),
  V('STUK Kunstencentrum', ['STUK', 'Stuk Leuven'], ['Labozaal', 'Soetezaal', 'Oude Zaal'], 'Naamsestraat', ['Naamsestr.'], '96', '3000', 'Leuven', 50.8816, 4.7138),
  V('Ancienne Belgique', ['Ancienne Belgique (AB)', 'ancienne belgique'], ['Main Hall', 'Club'], 'Anspachlaan', ['Anspachln.', 'Anspachlaan'], '110', '1000', 'Brussel', 50.8483, 4.349),
  V('Het Depot', ['Depot Leuven', 'het depot'], ['Zaal', 'Club'], 'Martelarenplein', ['Martelarenpl.'], '12', '3000', 'Leuven', 50.8817, 4.7159),
  V('De Roma', ['Roma', 'De Roma Borgerhout'], ['Grote zaal', 'Foyer'], 'Turnhoutsebaan', ['Turnhoutsebaan'], '327', '2140', 'Borgerhout', 51.2147, 4.4412),
  V('Cultuurcentrum Hasselt', ['CCHA', 'CC Hasselt'], ['Grote zaal', 'Kleine zaal'], 'Kunstlaan', ['Kunstln.'], '5', '3500', 'Hasselt', 50.9337, 5.3442),
  V('Schouwburg Kortrijk', ['Stadsschouwburg Kortrijk', 'Schouwburg'], ['Grote zaal', 'Arenatheater'], 'Schouwburgplein', ['Schouwburgpl.'], '14', '8500', 'Kortrijk', 50.8281, 3.265),
  V('Kursaal Oostende', ['Kursaal', 'Casino Kursaal Oostende'], ['Zaal Rubens', 'Zaal Ensor'], 'Westhelling', ['Westhelling'], '12', '8400', 'Oostende', 51.2337, 2.9155),
  V('NTGent Schouwburg', ['NTGent', 'Schouwburg NTGent'], ['Grote zaal', 'Arca'], 'Sint-Baafsplein', ['St.-Baafsplein', 'Sint Baafsplein'], '17', '9000', 'Gent', 51.0535, 3.7259),
  V('Bourla', ['Bourlaschouwburg', 'Toneelhuis Bourla'], ['Grote zaal', 'Kleine Bourla'], 'Komedieplaats', ['Komedieplaats'], '18', '2000', 'Antwerpen', 51.2164, 4.4072),
  V('Cultuurcentrum Mechelen', ['CC Mechelen', 'cultuurcentrum mechelen'], ['Stadsschouwburg', 'Minderbroederszaal'], 'Minderbroedersgang', ['Minderbroedersgang'], '5', '2800', 'Mechelen', 51.0268, 4.4796),
  V('CC Strombeek', ['Cultuurcentrum Strombeek', 'CC Strombeek-Bever'], ['Grote zaal', 'Foyer'], 'Gemeenteplein', ['Gemeentepl.'], '1', '1853', 'Grimbergen', 50.9052, 4.354),
  V('De Warande', ['Cultuurhuis De Warande', 'Warande Turnhout'], ['Grote zaal', 'Kleine zaal'], 'Warandestraat', ['Warandestr.'], '42', '2300', 'Turnhout', 51.3245, 4.9455),
  V('Zuiderpershuis', ['Zuiderpershuis Antwerpen', 'zuiderpershuis'], ['Theaterzaal', 'Zaal 1'], 'Waalsekaai', ['Waalsekaai'], '14', '2000', 'Antwerpen', 51.2125, 4.393),
  V('De Grote Post', ['Grote Post', 'Cultuurhuis De Grote Post'], ['Theaterzaal', 'Zaal Studio'], 'Hendrik Baelskaai', ['H. Baelskaai', 'Hendrik Baelskaai'], '24', '8400', 'Oostende', 51.2276, 2.9266),
  V('Muziekodroom', ['Muziekodroom Hasselt', 'MOD'], ['Zaal', 'Club'], 'Bootstraat', ['Bootstr.'], '9', '3500', 'Hasselt', 50.9355, 5.3377),
  V('Trix', ['Trix Muziekcentrum', 'TRIX'], ['Zaal', 'Club', 'Bar'], 'Noordersingel', ['Noordersingel'], '28', '2140', 'Borgerhout', 51.2257, 4.4383),
  V('Stadsschouwburg Brugge', ['Schouwburg Brugge', 'Cultuurcentrum Brugge - Stadsschouwburg'], ['Grote zaal', 'Foyer'], 'Vlamingstraat', ['Vlamingstr.'], '29', '8000', 'Brugge', 51.2097, 3.2243),
  V('Stadsschouwburg Antwerpen', ['Stadsschouwburg', 'Theater Stadsschouwburg Antwerpen'], ['Grote zaal'], 'Theaterplein', ['Theaterpl.'], '1', '2000', 'Antwerpen', 51.2152, 4.4125),
  V('Capitole Gent', ['Capitole', 'Capitole Gent'], ['Grote zaal'], 'Graaf van Vlaanderenplein', ['Graaf Van Vlaanderenpl.'], '5', '9000', 'Gent', 51.0467, 3.7308),
  V('Minard', ['Minardschouwburg', 'Theater Minard'], ['Grote zaal', 'Foyer'], 'Walpoortstraat', ['Walpoortstr.'], '15', '9000', 'Gent', 51.0484, 3.7264),
  V('De Bijloke', ['Muziekcentrum De Bijloke', 'Bijloke Muziekcentrum'], ['Concertzaal', 'Kraakhuis'], 'Jozef Kluyskensstraat', ['J. Kluyskensstraat', 'Jozef Kluyskensstr.'], '2', '9000', 'Gent', 51.0445, 3.7145),
  V('Nona', ['Kunstencentrum Nona', 'NONA'], ['Zaal', 'Foyer'], 'Begijnenstraat', ['Begijnenstr.'], '19', '2800', 'Mechelen', 51.0303, 4.4816),
  V('De Spil', ['CC De Spil', 'Cultuurcentrum De Spil'], ['Theaterzaal', 'Studio'], 'Spilleboutdreef', ['Spilleboutdreef'], '1', '8800', 'Roeselare', 50.9427, 3.1306),
  V('Arenberg', ['Arenbergschouwburg', 'Theater Arenberg'], ['Grote zaal', 'Studio'], 'Arenbergstraat', ['Arenbergstr.'], '28', '2000', 'Antwerpen', 51.217, 4.408),
  V('De Kreun', ['Kreun', 'De Kreun Kortrijk'], ['Zaal', 'Club'], 'Conservatoriumplein', ['Conservatoriumpl.'], '1', '8500', 'Kortrijk', 50.8232, 3.2599),
  V('Cactus Muziekcentrum', ['Cactus', 'Cactus Club'], ['MaZ', 'Zaal'], 'Magdalenastraat', ['Magdalenastr.'], '27', '8200', 'Brugge', 51.1967, 3.2045),
  V('Het Paleis', ['Theater Het Paleis', 'HETPALEIS'], ['Grote zaal', 'Kleine zaal'], 'Meistraat', ['Meistr.'], '2', '2000', 'Antwerpen', 51.2158, 4.4095),
  V('CC Westrand', ['Cultuurcentrum Westrand', 'Westrand Dilbeek'], ['Theaterzaal', 'Foyer'], 'Kamerijklaan', ['Kamerijkln.'], '1', '1700', 'Dilbeek', 50.8485, 4.2592),
  V('Theater Malpertuis', ['Malpertuis', 'Malpertuis Tielt'], ['Zaal', 'Studio'], 'Kortrijkstraat', ['Kortrijkstr.'], '22', '8700', 'Tielt', 50.998, 3.3266),
  V('CC Gildhof', ['Cultuurcentrum Gildhof', 'Gildhof Tielt'], ['Theaterzaal'], 'Sint-Michielsplein', ['St.-Michielsplein'], '1', '8700', 'Tielt', 51.0002, 3.3276),
  V('CC Het Gasthuis', ['Cultuurcentrum Het Gasthuis', 'Het Gasthuis Aarschot'], ['Zaal'], 'Gasthuisstraat', ['Gasthuisstr.'], '20', '3200', 'Aarschot', 50.9855, 4.8353),
  V('Het Bos', ['Het Bos Antwerpen', 'HET BOS'], ['Zaal', 'Tuin'], 'Van Daelstraat', ['Van Daelstr.'], '35', '2140', 'Borgerhout', 51.2158, 4.4385),
];

/** Library branches: hard non-matches among themselves (same network, other address). */
const BRANCHES: Venue[] = [
  V('Bibliotheek Gent - De Krook', ['De Krook'], [], 'Miriam Makebaplein', ['Miriam Makebapl.'], '1', '9000', 'Gent', 51.0485, 3.7279),
  V('Bibliotheek Gent - Ledeberg', ['Bibliotheek Ledeberg'], [], 'Ledebergplein', ['Ledebergpl.'], '38', '9050', 'Gent', 51.0388, 3.7393),
  V('Bibliotheek Gent - Gentbrugge', ['Bibliotheek Gentbrugge'], [], 'Jos Smolderenstraat', ['J. Smolderenstraat'], '2', '9050', 'Gent', 51.0393, 3.7588),
  V('Bibliotheek Gent - Sint-Amandsberg', ['Bibliotheek Sint-Amandsberg'], [], 'Hoveniersberg', ['Hoveniersberg'], '6', '9040', 'Gent', 51.0617, 3.7495),
  V('Openbare Bibliotheek Brugge - Biekorf', ['Biekorf'], [], 'Kuipersstraat', ['Kuipersstr.'], '3', '8000', 'Brugge', 51.2101, 3.2221),
  V('Openbare Bibliotheek Brugge - Sint-Andries', ['Bibliotheek Sint-Andries'], [], 'Lange Molenstraat', ['Lange Molenstr.'], '62', '8200', 'Brugge', 51.1969, 3.1869),
  V('Openbare Bibliotheek Brugge - Assebroek', ['Bibliotheek Assebroek'], [], 'Dries', ['Dries'], '30', '8310', 'Brugge', 51.1956, 3.2588),
  V('Bibliotheek Antwerpen - Permeke', ['Permeke bibliotheek'], [], 'De Coninckplein', ['De Coninckpl.'], '25', '2060', 'Antwerpen', 51.2219, 4.4217),
  V('Bibliotheek Antwerpen - Berchem', ['Bibliotheek Berchem'], [], 'Driekoningenstraat', ['Driekoningenstr.'], '126', '2600', 'Berchem', 51.1998, 4.4258),
  V('Bibliotheek Leuven - Tweebronnen', ['Tweebronnen'], [], 'Rijschoolstraat', ['Rijschoolstr.'], '4', '3000', 'Leuven', 50.8772, 4.7007),
  V('Bibliotheek Leuven - Kessel-Lo', ['Bibliotheek Kessel-Lo'], [], 'Koning Albertlaan', ['Kon. Albertlaan'], '101', '3010', 'Leuven', 50.8882, 4.7311),
  V('Bibliotheek Kortrijk - Hoofdbibliotheek', ['Stadsbibliotheek Kortrijk'], [], 'Leiestraat', ['Leiestr.'], '30', '8500', 'Kortrijk', 50.8302, 3.2671),
];

const SHOWS = [
  'Sylvie Kreusch', 'Hamlet', 'De Kersentuin', 'Brussels Philharmonic: Mahler 5', 'Rosas - Drumming', 'Jef Neve Trio',
  'Flat Earth Society', 'Zwangere Guy', 'Bazart', 'Goose', 'Warhaus', 'Selah Sue', 'Lady Linn', 'Het Zesde Metaal', 'Balthazar',
  'Triggerfinger', 'Admiral Freebee', 'De Mens', 'Koningin Lear', 'FC Bergman - Het Land Nod', 'Peeping Tom - Triptych',
  'Kommil Foo', 'Alex Agnew: Wake Up Call', 'Philippe Geubels - Stand-up', 'Collegium Vocale Gent - Matthäus-Passion',
  "B'Rock Orchestra: Händel & Purcell", 'Casco Phil - Nieuwjaarsconcert', 'Antwerp Symphony Orchestra - Beethoven 9', 'Spinvis',
  'Eefje de Visser', 'Stef Bos - Tijd', 'Ictus: Steve Reich', 'Il Gardellino', 'Vlaams Radiokoor - Requiem', 'Anima Eterna Brugge',
  'Raymond van het Groenewoud', 'Arno - A Tribute', 'Daan', 'Tourist LeMC', 'Wim Opbrouck: Dikke Freddy', 'Geike Arnaert',
  'Hooverphonic', 'Oscar and the Wolf', 'Tamino', 'Whispering Sons', 'Brihang', 'Slongs Dievanongs', 'Camille', 'Meskerem Mees',
  'Bram Vermeulen herdacht', 'De Nieuwe Snaar', 'Nicole & Hugo', 'Urbanus: Vollevol', 'Jan Decleir leest Boon', 'Bart Moeyaert',
  'Ballet Vlaanderen - Giselle', 'Opera Ballet Vlaanderen: La Bohème', 'Olla Vogala', 'BRUSK', 'Kapitein Winokio',
];
const SUBTITLES = ['try-out', 'première', 'Europese tournee', 'album release', 'nieuwe show', 'extra voorstelling', 'met gasten', 'Uitverkocht'];

// ------------------------------------------------------------------ text variations

function accentsOff(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '');
}
function titleVariant(title: string): string {
  const options = [
    () => title.toUpperCase(),
    () => title.toLowerCase(),
    () => `${title} - ${pick(SUBTITLES)}`,
    () => `${title} (${pick(SUBTITLES)})`,
    () => accentsOff(title),
    () => title.replace(/ - |: /g, ' – '),
    () => title.replace(/&/g, 'en'),
    () => `${title}!`,
    () => title.replace(/:/g, ''),
    () => `  ${title}  `,
    () => title,
  ];
  return pick(options)();
}
/** How a source names a venue: its name or an alias, with the room (when the show has one) or not. */
function venueLabel(v: Venue, room?: string): string {
  const withRoom = room !== undefined && chance(0.5) ? ` - ${room}` : '';
  return `${chance(0.5) ? v.name : pick(v.aliases)}${withRoom}`;
}
function streetOf(v: Venue): string {
  return chance(0.5) ? v.street : pick(v.streetAlt);
}
function numberVariant(n: string): string {
  return pick([n, n, `${n} bus ${int(1, 4)}`, `${n}/${int(1, 3)}`, n]);
}

// ------------------------------------------------------------------ time

/** Whether a UTC instant falls in Brussels summer time (last Sunday of March to last Sunday of October, 01:00 UTC). */
function summerTime(utc: number): boolean {
  const year = new Date(utc).getUTCFullYear();
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0, 1));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.getTime();
  };
  return utc >= lastSunday(2) && utc < lastSunday(9);
}
/** A Brussels evening (or matinee) in 2026, as a UTC Date; the sources write it in their own ways. */
function eveningUtc(): Date {
  const local = Date.UTC(2026, int(0, 11), int(1, 28), pick([15, 19, 20, 20, 20, 21]), pick([0, 0, 30, 15]));
  return new Date(local - (summerTime(local - 2 * 3600_000) ? 2 : 1) * 3600_000);
}
function offsetOf(d: Date): number {
  return summerTime(d.getTime()) ? 2 : 1;
}
const pad = (n: number) => String(n).padStart(2, '0');
function asUtc(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
function asOffset(d: Date): string {
  const o = offsetOf(d);
  const l = new Date(d.getTime() + o * 3600_000);
  return `${l.getUTCFullYear()}-${pad(l.getUTCMonth() + 1)}-${pad(l.getUTCDate())}T${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:00+0${o}:00`;
}
function asLocal(d: Date): string {
  return asOffset(d).slice(0, 19);
}

// ------------------------------------------------------------------ activiteit sides

interface Show {
  title: string;
  start: Date;
  venue: Venue;
  /** The room the performance is in, when the venue has rooms (sources name it or not). */
  room?: string;
  uit: string;
  tm: number;
}

function uitEvent(s: Show, opts: { title?: string; withVenueName?: boolean; bookingTm?: boolean; start?: string; source?: string } = {}): Side {
  const source = opts.source ?? 'uitdatabank-events';
  const iri = `${HUB}/activiteit/${source}/${s.uit}`;
  const place = `https://io.uitdatabank.be/place/${placeId(s.venue)}`;
  let t = `${PREFIXES}
<${iri}> a cidoc:E7_Activity ;
  owl:sameAs <https://io.uitdatabank.be/event/${s.uit}> ;
  dcterms:title ${lit(opts.title ?? s.title, 'nl')} ;
  prov:atLocation <${place}> ;
  adms:identifier <${iri}#identificator> ;
  cidoc:P4_has_time-span <${iri}#periode>${opts.bookingTm ? ` ;\n  cp:Activiteit.boeking <${iri}#boekingsinfo>` : ''} .
<${iri}#identificator> a adms:Identifier ;
  skos:notation "https://io.uitdatabank.be/event/${s.uit}"^^xsd:anyURI .
<${iri}#periode> a m8g:PeriodOfTime ;
  m8g:startTime "${opts.start ?? asOffset(s.start)}"^^xsd:dateTime .
`;
  if (opts.withVenueName) t += `<${place}> locn:locatorName ${lit(venueLabel(s.venue, s.room), 'nl')} .\n`;
  if (opts.bookingTm) {
    t += `<${iri}#boekingsinfo> a cp:Boekingsinfo ;\n  schema:contactPoint <${iri}#boekingsinfo-contactpunt> .\n`;
    t += `<${iri}#boekingsinfo-contactpunt> a schema:ContactPoint ;\n  schema:url "https://apps.ticketmatic.com/widgets/${tmAccount(s.venue)}/addtickets?event=${s.tm}&l=nl" .\n`;
  }
  return { source, iri, turtle: t };
}

function tmEvent(s: Show, opts: { title?: string; venueName?: string; start?: string } = {}): Side {
  const source = `ticketmatic-${tmAccount(s.venue)}`;
  const iri = `${HUB}/activiteit/${source}/${s.tm}`;
  const loc = `${HUB}/locatie/${source}/${7000 + VENUES.indexOf(s.venue)}`;
  const t = `${PREFIXES}
<${iri}> a cidoc:E7_Activity ;
  dcterms:title ${lit(opts.title ?? s.title, 'nl')} ;
  prov:atLocation <${loc}> ;
  adms:identifier <${iri}#identificator> ;
  cidoc:P4_has_time-span <${iri}#periode> .
<${iri}#identificator> a adms:Identifier ;
  skos:notation "https://apps.ticketmatic.com/events/${s.tm}"^^xsd:anyURI ;
  generiek:gestructureerdeIdentificator <${iri}#gestructureerde-identificator> .
<${iri}#gestructureerde-identificator> a generiek:GestructureerdeIdentificator ;
  generiek:naamruimte "https://apps.ticketmatic.com/events/" ;
  generiek:lokaleIdentificator "${s.tm}" .
<${iri}#periode> a m8g:PeriodOfTime ;
  m8g:startTime "${opts.start ?? asUtc(s.start)}"^^xsd:dateTime .
<${loc}> locn:locatorName ${lit(opts.venueName ?? venueLabel(s.venue, s.room), 'nl')} .
`;
  return { source, iri, turtle: t };
}

/** A city agenda (files connector, CSV): local Brussels time without offset, venue by name. */
function agendaEvent(s: Show, opts: { title?: string; venueName?: string; start?: string } = {}): Side {
  const city = accentsOff(s.venue.city).toLowerCase();
  const source = `agenda-${city}`;
  const id = `${s.start.getUTCFullYear()}${pad(s.start.getUTCMonth() + 1)}${pad(s.start.getUTCDate())}-${(s.tm * 7) % 9973}`;
  const iri = `${HUB}/activiteit/${source}/${id}`;
  const loc = `${HUB}/locatie/${source}/${accentsOff(s.venue.name).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const t = `${PREFIXES}
<${iri}> a cidoc:E7_Activity ;
  dcterms:title ${lit(opts.title ?? s.title, 'nl')} ;
  prov:atLocation <${loc}> ;
  cidoc:P4_has_time-span <${iri}#periode> .
<${iri}#periode> a m8g:PeriodOfTime ;
  m8g:startTime "${opts.start ?? asLocal(s.start)}"^^xsd:dateTime .
<${loc}> a dcterms:Location ;
  locn:locatorName ${lit(opts.venueName ?? venueLabel(s.venue, s.room), 'nl')} .
`;
  return { source, iri, turtle: t };
}

const placeIds = new Map<Venue, string>();
function placeId(v: Venue): string {
  if (!placeIds.has(v)) placeIds.set(v, uuid());
  return placeIds.get(v)!;
}
function tmAccount(v: Venue): string {
  return accentsOff(v.name.split(' ')[0]!).toLowerCase().replace(/[^a-z]/g, '');
}

function newShow(venues: Venue[], titles: string[]): Show {
  const venue = pick(venues);
  return { title: pick(titles), start: eveningUtc(), venue, room: venue.rooms.length > 0 ? pick(venue.rooms) : undefined, uit: uuid(), tm: int(10000, 99999) };
}

function activityPairs(n: number, venues: Venue[], titles: string[], prefix: string): Pair[] {
  const out: Pair[] = [];
  const add = (a: Side, b: Side, match: boolean, note: string) => out.push({ id: `${prefix}-${String(out.length + 1).padStart(3, '0')}`, a, b, match, note });
  while (out.length < n) {
    const s = newShow(venues, titles);
    const kind = int(0, 11);
    switch (kind) {
      case 0:
      case 1:
        add(uitEvent(s, { withVenueName: chance(0.6) }), tmEvent(s, { title: titleVariant(s.title) }), true, 'UiTdatabank and Ticketmatic list one performance: offset vs UTC time, title written differently');
        break;
      case 2:
        add(tmEvent(s), agendaEvent(s, { title: titleVariant(s.title) }), true, 'Ticketmatic (UTC) and a city agenda (Brussels local time without offset), venue names differ in form');
        break;
      case 3:
        add(uitEvent(s, { bookingTm: true, title: `${s.title} - ${pick(SUBTITLES)}` }), tmEvent(s, { title: s.title.toUpperCase(), start: asUtc(new Date(s.start.getTime() + 30 * 60_000)) }), true, 'UiTdatabank books through the Ticketmatic event: shared ticketing id (Ticketmatic gives the doors time)');
        break;
      case 4:
        add(uitEvent(s, { withVenueName: true }), uitEvent(s, { source: 'uit-in-gent', title: titleVariant(s.title), withVenueName: chance(0.5) }), true, 'two feeds of the same UiTdatabank event: same UiTdatabank id');
        break;
      case 5:
        add(uitEvent(s, { withVenueName: true }), agendaEvent(s, { title: titleVariant(s.title) }), true, 'UiTdatabank and a city agenda: one performance, time zone and venue written differently');
        break;
      case 6: {
        // Same title, another date: a tour or a series.
        const other: Show = { ...s, start: new Date(s.start.getTime() + int(1, 60) * 86400_000), uit: uuid(), tm: s.tm + int(1, 50) };
        add(uitEvent(s, { withVenueName: true }), tmEvent(other, { title: titleVariant(s.title) }), false, 'same show at the same venue on another date');
        break;
      }
      case 7: {
        const rooms = s.venue.rooms.filter((r) => r !== s.room);
        const other: Show = { ...newShow([s.venue], titles.filter((t) => t !== s.title)), start: s.start, room: rooms.length > 0 ? pick(rooms) : s.room };
        add(tmEvent(s), agendaEvent(other), false, 'same venue and start time, another show (in another room when the venue has one)');
        break;
      }
      case 8: {
        const other: Show = { ...s, start: new Date(s.start.getTime() - pick([4, 5, 24]) * 3600_000), uit: uuid(), tm: s.tm + 1 };
        add(tmEvent(s), uitEvent(other, { withVenueName: true, title: titleVariant(s.title) }), false, 'same title and venue, another performance (matinee or the day before)');
        break;
      }
      case 9: {
        const otherVenue = pick(venues.filter((v) => v.city !== s.venue.city));
        const other: Show = { ...s, venue: otherVenue, room: otherVenue.rooms[0], uit: uuid(), tm: s.tm + 3 };
        add(tmEvent(s), agendaEvent(other, { title: titleVariant(s.title) }), false, 'same title and evening in another city (two companies, or the listing is of another venue)');
        break;
      }
      case 10: {
        const other: Show = { ...newShow([s.venue], titles.filter((t) => t !== s.title)), start: s.start };
        add(uitEvent(s, { withVenueName: chance(0.5) }), uitEvent(other, { source: 'uit-in-gent', withVenueName: chance(0.5) }), false, 'same venue, same start, another show, both from UiTdatabank feeds');
        break;
      }
      case 11:
        add(tmEvent(s, { venueName: s.venue.name }), agendaEvent(s, { venueName: chance(0.5) ? s.venue.name : `${s.venue.name} ${s.venue.city}` }), true, 'Ticketmatic and a city agenda: one performance, venue with or without the city');
        break;
    }
  }
  return out;
}

// ------------------------------------------------------------------ plaats sides

function jitter(v: Venue, metres: number): { lat: number; long: number } {
  const angle = rand() * 2 * Math.PI;
  const d = rand() * metres;
  return { lat: Number((v.lat + (d * Math.cos(angle)) / 111_320).toFixed(7)), long: Number((v.long + (d * Math.sin(angle)) / (111_320 * Math.cos((v.lat * Math.PI) / 180))).toFixed(7)) };
}

interface PlaceOpts {
  name?: string;
  geo?: boolean;
  geoJitter?: number;
  street?: string;
  number?: string;
  address?: boolean;
  withCityInPostName?: string;
}

function uitPlace(v: Venue, o: PlaceOpts = {}): Side {
  const id = uuid();
  const iri = `${HUB}/locatie/uitdatabank-places/${id}`;
  const p = jitter(v, o.geoJitter ?? 15);
  let t = `${PREFIXES}
<${iri}> a dcterms:Location ;
  owl:sameAs <https://io.uitdatabank.be/place/${id}> ;
  locn:locatorName ${lit(o.name ?? v.name, 'nl')} ;
  adms:identifier <${iri}#identificator>`;
  if (o.address !== false) t += ` ;\n  locn:address <${iri}#adres>`;
  if (o.geo !== false) t += ` ;\n  locn:geometry <${iri}#geometrie>`;
  t += ` .\n<${iri}#identificator> a adms:Identifier ;\n  skos:notation "https://io.uitdatabank.be/place/${id}"^^xsd:anyURI .\n`;
  if (o.address !== false) {
    t += `<${iri}#adres> a locn:Address ;\n  locn:thoroughfare ${lit(`${o.street ?? v.street} ${o.number ?? v.number}`, 'nl')} ;\n  locn:postCode "${v.postcode}" ;\n  locn:postName ${lit(o.withCityInPostName ?? v.city, 'nl')} ;\n  locn:adminUnitL1 "BE" .\n`;
  }
  if (o.geo !== false) t += `<${iri}#geometrie> a locn:Geometry ;\n  geo:lat "${p.lat}"^^xsd:decimal ;\n  geo:long "${p.long}"^^xsd:decimal .\n`;
  return { source: 'uitdatabank-places', iri, turtle: t };
}

/** A Ticketmatic event location: name, street with number, zip and city; no geometry. */
function tmPlace(v: Venue, o: PlaceOpts = {}): Side {
  const source = `ticketmatic-${tmAccount(v)}`;
  const iri = `${HUB}/locatie/${source}/${int(700, 799)}`;
  let t = `${PREFIXES}
<${iri}> a dcterms:Location ;
  locn:locatorName ${lit(o.name ?? venueLabel(v, v.rooms.length > 0 ? pick(v.rooms) : undefined), 'nl')}`;
  if (o.address !== false) t += ` ;\n  locn:address <${iri}#adres>`;
  t += ' .\n';
  if (o.address !== false) {
    t += `<${iri}#adres> a locn:Address ;\n  locn:thoroughfare ${lit(`${o.street ?? streetOf(v)} ${o.number ?? numberVariant(v.number)}`, 'nl')} ;\n  locn:postCode "${v.postcode}" ;\n  locn:postName ${lit(o.withCityInPostName ?? v.city.toUpperCase(), 'nl')} .\n`;
  }
  return { source, iri, turtle: t };
}

/** An Erfgoedkaart / city open-data record: name, separate house number, WKT geometry. */
function cityPlace(v: Venue, o: PlaceOpts = {}): Side {
  const source = `opendata-${accentsOff(v.city).toLowerCase()}`;
  const iri = `${HUB}/locatie/${source}/${int(1000, 9999)}`;
  const p = jitter(v, o.geoJitter ?? 60);
  let t = `${PREFIXES}
<${iri}> a dcterms:Location ;
  rdfs:label ${lit(o.name ?? pick([v.name, ...v.aliases]))}`;
  if (o.address !== false) t += ` ;\n  locn:address <${iri}#adres>`;
  if (o.geo !== false) t += ` ;\n  locn:geometry <${iri}#geometrie>`;
  t += ' .\n';
  if (o.address !== false) {
    t += `<${iri}#adres> a locn:Address ;\n  locn:thoroughfare ${lit(o.street ?? streetOf(v))} ;\n  locn:locatorDesignator ${lit(o.number ?? numberVariant(v.number))} ;\n  locn:postCode "${v.postcode}" ;\n  locn:postName ${lit(o.withCityInPostName ?? v.city)} .\n`;
  }
  if (o.geo !== false) t += `<${iri}#geometrie> a locn:Geometry ;\n  <http://www.opengis.net/ont/geosparql#asWKT> "POINT(${p.long} ${p.lat})" .\n`;
  return { source, iri, turtle: t };
}

function placePairs(n: number, venues: Venue[], branches: Venue[], prefix: string): Pair[] {
  const out: Pair[] = [];
  const add = (a: Side, b: Side, match: boolean, note: string) => out.push({ id: `${prefix}-${String(out.length + 1).padStart(3, '0')}`, a, b, match, note });
  while (out.length < n) {
    const v = pick(venues);
    const kind = int(0, 10);
    switch (kind) {
      case 0:
      case 1:
        add(uitPlace(v), tmPlace(v), true, 'UiTdatabank place and the Ticketmatic venue: name with or without room, street abbreviated, box number');
        break;
      case 2:
        add(uitPlace(v), cityPlace(v, { geoJitter: 120 }), true, 'UiTdatabank and city open data: geometry up to 120 m apart, name variant');
        break;
      case 3:
        add(tmPlace(v), cityPlace(v), true, 'Ticketmatic venue and city open data: address written differently, no geometry on one side');
        break;
      case 4:
        add(uitPlace(v, { name: `${v.name} ${v.city}` }), cityPlace(v, { address: chance(0.5), name: v.name }), true, 'name with and without the municipality; address missing on one side');
        break;
      case 5: {
        if (v.rooms.length < 2) break;
        const [r1, r2] = [v.rooms[0]!, v.rooms[1]!];
        add(uitPlace(v, { name: `${v.name} - ${r1}` }), tmPlace(v, { name: `${v.name} - ${r2}` }), false, 'same building, other rooms');
        break;
      }
      case 6: {
        const list = branches.filter((b) => b !== v);
        const b1 = pick(branches);
        const b2 = pick(list.filter((x) => x !== b1 && x.city === b1.city).concat(list.filter((x) => x !== b1)).slice(0, 3));
        add(uitPlace(b1), pick([tmPlace, cityPlace])(b2), false, 'another branch of the same library network');
        break;
      }
      case 7: {
        const b = pick(branches);
        add(uitPlace(b, { name: pick([b.name, ...b.aliases]) }), cityPlace(b, { geoJitter: 40 }), true, 'one library branch: name with or without the network');
        break;
      }
      case 8: {
        // Neighbours: another venue in the same city, within a few hundred metres or not.
        const other = pick(venues.filter((x) => x !== v && x.city === v.city).concat(venues.filter((x) => x !== v)).slice(0, 4));
        add(uitPlace(v), pick([tmPlace, cityPlace])(other), false, 'another venue in the same city');
        break;
      }
      case 9: {
        // Same generic name in another town ("Stadsschouwburg", "Cultuurcentrum").
        const other = pick(venues.filter((x) => x.city !== v.city));
        const generic = pick(['Stadsschouwburg', 'Cultuurcentrum', 'Schouwburg', 'Stadsbibliotheek', 'Muziekcentrum']);
        add(uitPlace(v, { name: generic }), tmPlace(other, { name: generic }), false, 'same generic name in another town');
        break;
      }
      case 10:
        add(uitPlace(v, { geo: true }), uitPlace(v, { name: pick(v.aliases), street: pick(v.streetAlt), geoJitter: 30 }), true, 'UiTdatabank duplicate place: alias name, abbreviated street');
        break;
    }
  }
  return out;
}

// ------------------------------------------------------------------ agent sides

interface Maker {
  given: string;
  family: string;
  /** Other written forms of the whole name. */
  forms: string[];
  birth: number;
  death: number;
  ulan?: string;
  wikidata?: string;
  rkd?: string;
  viaf?: string;
  role: string;
}
const M = (given: string, family: string, forms: string[], birth: number, death: number, ids: { ulan?: string; wikidata?: string; rkd?: string; viaf?: string }, role = 'schilder'): Maker => ({ given, family, forms, birth, death, role, ...ids });
const MAKERS: Maker[] = [
  M('James', 'Ensor', ['J. Ensor', 'James Sidney Ensor'], 1860, 1949, { ulan: '500006090', wikidata: 'Q159606', rkd: '26842', viaf: '39393223' }),
  M('Constant', 'Permeke', ['C. Permeke'], 1886, 1952, { ulan: '500016349', wikidata: 'Q451452', rkd: '63222' }),
  M('Jan', 'van Eyck', ['J. van Eyck', 'Johannes van Eyck'], 1390, 1441, { ulan: '500002904', wikidata: 'Q102272', rkd: '27212', viaf: '95152233' }),
  M('George', 'Minne', ['G. Minne', 'Georges Minne'], 1866, 1941, { ulan: '500014548', wikidata: 'Q435766', rkd: '56972' }, 'beeldhouwer'),
  M('Emile', 'Claus', ['E. Claus', 'Émile Claus'], 1849, 1924, { ulan: '500008493', wikidata: 'Q1334346', rkd: '17641' }),
  M('Gustave', 'De Smet', ['Gust De Smet', 'G. De Smet'], 1877, 1943, { ulan: '500014863', wikidata: 'Q1374399', rkd: '73376' }),
  M('Léon', 'De Smet', ['Leon De Smet', 'L. De Smet'], 1881, 1966, { ulan: '500018302', wikidata: 'Q2159735', rkd: '73378' }),
  M('Rik', 'Wouters', ['Henri Wouters', 'R. Wouters'], 1882, 1916, { ulan: '500017440', wikidata: 'Q1349668', rkd: '95185' }),
  M('Théo', 'van Rysselberghe', ['Theo van Rysselberghe', 'Théophile van Rysselberghe'], 1862, 1926, { ulan: '500016546', wikidata: 'Q352504', rkd: '82311' }),
  M('Frits', 'Van den Berghe', ['F. Van den Berghe', 'Frits Vandenberghe'], 1883, 1939, { ulan: '500011848', wikidata: 'Q2057413', rkd: '79768' }),
  M('Léon', 'Spilliaert', ['Leon Spilliaert', 'L. Spilliaert'], 1881, 1946, { ulan: '500020007', wikidata: 'Q1368025', rkd: '73860' }),
  M('Jacob', 'Jordaens', ['J. Jordaens', 'Jacques Jordaens'], 1593, 1678, { ulan: '500007238', wikidata: 'Q270658', rkd: '42658' }),
  M('Peter Paul', 'Rubens', ['P.P. Rubens', 'Pieter Paul Rubens'], 1577, 1640, { ulan: '500014035', wikidata: 'Q5599', rkd: '68705', viaf: '2467883' }),
  M('Hans', 'Memling', ['H. Memling', 'Hans Memlinc'], 1430, 1494, { ulan: '500002988', wikidata: 'Q158062', rkd: '55752' }),
  M('Hugo', 'van der Goes', ['H. van der Goes'], 1440, 1482, { ulan: '500011542', wikidata: 'Q318195', rkd: '33215' }),
  M('Dieric', 'Bouts', ['Dirk Bouts', 'D. Bouts'], 1415, 1475, { ulan: '500007019', wikidata: 'Q360898', rkd: '11745' }),
  M('Anthony', 'van Dyck', ['Antoon van Dyck', 'A. van Dyck', 'Anthonie van Dyck'], 1599, 1641, { ulan: '500001300', wikidata: 'Q150679', rkd: '27150' }),
  M('Jean', 'Brusselmans', ['J. Brusselmans'], 1884, 1953, { ulan: '500012398', wikidata: 'Q2093556', rkd: '13880' }),
  M('Valerius', 'De Saedeleer', ['Valerius de Saedeleer', 'V. De Saedeleer'], 1867, 1941, { ulan: '500020130', wikidata: 'Q2291802', rkd: '72260' }),
  M('Albert', 'Servaes', ['A. Servaes'], 1883, 1966, { ulan: '500013867', wikidata: 'Q1983567', rkd: '71780' }),
  M('Edgard', 'Tytgat', ['Edgar Tytgat', 'E. Tytgat'], 1879, 1957, { ulan: '500019245', wikidata: 'Q1287906', rkd: '78851' }),
  M('Frans', 'Masereel', ['F. Masereel'], 1889, 1972, { ulan: '500018981', wikidata: 'Q443680', rkd: '53750' }, 'graficus'),
  M('Fernand', 'Khnopff', ['F. Khnopff'], 1858, 1921, { ulan: '500011853', wikidata: 'Q349228', rkd: '45421' }),
  M('Gustave', 'Van de Woestyne', ['Gustave Van de Woestijne', 'Gust. Van de Woestyne'], 1881, 1947, { ulan: '500003456', wikidata: 'Q1356233', rkd: '79841' }),
  M('Jules', 'Schmalzigaug', ['J. Schmalzigaug'], 1882, 1917, { ulan: '500064012', wikidata: 'Q1605567', rkd: '70526' }),
  M('Prosper', 'De Troyer', ['P. De Troyer', 'Prosper de Troyer'], 1880, 1961, { ulan: '500092871', wikidata: 'Q2108896', rkd: '22580' }),
  M('Jozef', 'Peeters', ['Joseph Peeters', 'J. Peeters'], 1895, 1960, { ulan: '500027302', wikidata: 'Q2632014', rkd: '62794' }),
  M('Roger', 'Raveel', ['R. Raveel'], 1921, 2013, { ulan: '500032948', wikidata: 'Q1333585', rkd: '65493' }),
  M('Raoul', 'De Keyser', ['R. De Keyser', 'Raoul de Keyser'], 1930, 2012, { ulan: '500115783', wikidata: 'Q2128012', rkd: '22040' }),
  M('Henri', 'Evenepoel', ['Henry Evenepoel', 'H. Evenepoel'], 1872, 1899, { ulan: '500015614', wikidata: 'Q1346427', rkd: '27004' }),
  M('Hippolyte', 'Daeye', ['H. Daeye'], 1873, 1952, { ulan: '500069893', wikidata: 'Q2381516', rkd: '20054' }),
  M('Anna', 'Boch', ['A. Boch'], 1848, 1936, { ulan: '500019506', wikidata: 'Q464397', rkd: '9726' }),
  M('Jenny', 'Montigny', ['J. Montigny'], 1875, 1937, { ulan: '500068915', wikidata: 'Q3177646', rkd: '57357' }),
  M('Anna', 'De Weert', ['A. De Weert', 'Anna de Weert'], 1867, 1950, { ulan: '500120815', wikidata: 'Q2849026', rkd: '23112' }),
  M('Pieter', 'Pourbus', ['P. Pourbus'], 1523, 1584, { ulan: '500021015', wikidata: 'Q1340683', rkd: '64232' }),
  M('Gerard', 'David', ['G. David', 'Gheeraert David'], 1460, 1523, { ulan: '500007027', wikidata: 'Q333380', rkd: '20657' }),
  M('Michaël', 'Borremans', ['Michael Borremans', 'M. Borremans'], 1963, 0, { ulan: '500355124', wikidata: 'Q1388306', rkd: '255234' }),
  M('Berlinde', 'De Bruyckere', ['B. De Bruyckere', 'Berlinde de Bruyckere'], 1964, 0, { ulan: '500333015', wikidata: 'Q460018', rkd: '234113' }, 'beeldhouwer'),
];
/** Namesakes and relatives: same family name (or whole name) and other life dates or given names. */
const NAMESAKES: [Maker, Maker, string][] = [
  [MAKERS[4]!, M('Hugo', 'Claus', ['H. Claus'], 1929, 2008, { wikidata: 'Q336150', ulan: '500118933' }, 'schrijver'), 'Emile Claus, painter, and Hugo Claus, writer'],
  [MAKERS[3]!, M('Joris', 'Minne', ['J. Minne'], 1897, 1988, { wikidata: 'Q2360785', rkd: '56973' }, 'graficus'), 'George Minne and his son Joris'],
  [MAKERS[1]!, M('Paul', 'Permeke', ['P. Permeke'], 1918, 1990, { wikidata: 'Q2062546', rkd: '63223' }), 'Constant Permeke and his son Paul'],
  [MAKERS[5]!, MAKERS[6]!, 'the De Smet brothers'],
  [MAKERS[2]!, M('Hubert', 'van Eyck', ['H. van Eyck'], 1366, 1426, { wikidata: 'Q312616', rkd: '27211' }), 'the van Eyck brothers'],
  [MAKERS[7]!, M('Rik', 'Wouters', ['R. Wouters'], 1942, 2017, {}, 'fotograaf'), 'Rik Wouters the painter and a later namesake'],
  [MAKERS[0]!, M('James', 'Ensor', ['J. Ensor'], 1901, 1975, {}, 'ontwerper'), 'James Ensor and a namesake with other life dates'],
  [MAKERS[11]!, M('Hans', 'Jordaens', ['H. Jordaens'], 1595, 1643, { wikidata: 'Q1584773', rkd: '42657' }), 'Jacob and Hans Jordaens'],
  [MAKERS[34]!, M('Frans', 'Pourbus', ['F. Pourbus'], 1545, 1581, { wikidata: 'Q1338916', rkd: '64229' }), 'Pieter Pourbus and his son Frans'],
  [MAKERS[26]!, M('Jozef', 'Peeters', ['J. Peeters'], 1820, 1876, {}, 'beeldhouwer'), 'two Jozef Peeters, other life dates'],
  [MAKERS[13]!, M('Hans', 'Memling', ['H. Memling'], 1953, 0, {}, 'fotograaf'), 'a modern namesake of Memling'],
  [MAKERS[19]!, M('Albert', 'Servaes', ['A. Servaes'], 1910, 1987, {}, 'architect'), 'Albert Servaes the painter and an architect namesake'],
  [MAKERS[23]!, M('Karel', 'van de Woestijne', ['K. van de Woestijne'], 1878, 1929, { wikidata: 'Q1396389' }, 'schrijver'), 'the van de Woestyne brothers'],
];
const ANONYMOUS = ['Anoniem', 'onbekend', 'Anonieme meester', 'Onbekende maker', 'Anoniem, Gent, eind 17de eeuw'];
const MUSEUMS = ['mskgent', 'kmska', 'muzee', 'groeningemuseum', 'mleuven', 'dmg', 'stam', 'hva', 'kbr-prenten', 'letterenhuis'];

function nameForm(m: Maker): string {
  const full = `${m.given} ${m.family}`;
  return pick([full, `${m.family}, ${m.given}`, `${m.family}, ${m.given}`, pick(m.forms), full.toUpperCase(), accentsOff(full), `${m.family.toUpperCase()}, ${m.given}`]);
}

interface AgentOpts {
  name?: string;
  ids?: ('ulan' | 'wikidata' | 'rkd' | 'viaf')[];
  dates?: 'schema' | 'crm' | 'none' | 'in-name';
  role?: boolean;
}
function lidoAgent(m: Maker, o: AgentOpts = {}, museum = pick(MUSEUMS)): Side {
  const iri = `${HUB}/agent/${museum}/${int(100000, 999999)}`;
  let name = o.name ?? nameForm(m);
  if (o.dates === 'in-name') name = `${name} (${m.birth}-${m.death || ''})`;
  const same: string[] = [];
  for (const k of o.ids ?? []) {
    const v = m[k];
    if (!v) continue;
    if (k === 'ulan') same.push(pick([`http://vocab.getty.edu/ulan/${v}`, `http://vocab.getty.edu/page/ulan/${v}`]));
    if (k === 'wikidata') same.push(pick([`http://www.wikidata.org/entity/${v}`, `https://www.wikidata.org/wiki/${v}`]));
    if (k === 'rkd') same.push(pick([`https://rkd.nl/explore/artists/${v}`, `https://rkd.nl/en/explore/artists/${v}`]));
    if (k === 'viaf') same.push(`http://viaf.org/viaf/${v}`);
  }
  let t = `${PREFIXES}\n<${iri}> a cidoc:E39_Actor ;\n  rdfs:label ${lit(name)}`;
  for (const s of same) t += ` ;\n  owl:sameAs <${s}>`;
  if (o.role) t += ` ;\n  schema:jobTitle ${lit(m.role, 'nl')}`;
  if (o.dates === 'schema') {
    t += ` ;\n  schema:birthDate ${lit(String(m.birth))}`;
    if (m.death) t += ` ;\n  schema:deathDate ${lit(String(m.death))}`;
  }
  if (o.dates === 'crm') t += ` ;\n  cidoc:P98i_was_born <${iri}#geboorte>`;
  t += ' .\n';
  if (o.dates === 'crm') t += `<${iri}#geboorte> a cidoc:E67_Birth ;\n  cidoc:P4_has_time-span "${m.birth}-${pad(int(1, 12))}-${pad(int(1, 28))}"^^xsd:date .\n`;
  return { source: museum, iri, turtle: t };
}

/** A Ghent LDES person (adlib2eventstream): full name, own IRI as owl:sameAs, Wikidata attribution. */
function ghentAgent(m: Maker, o: AgentOpts = {}): Side {
  const source = pick(['dmg', 'industriemuseum', 'archiefgent', 'hva']);
  const local = int(470000000, 470099999);
  const iri = `${HUB}/agent/${source}/${local}`;
  let t = `${PREFIXES}\n<${iri}> a cidoc:E21_Person ;\n  owl:sameAs <https://stad.gent/id/agent/${local}> ;\n  persoon:volledigeNaam ${lit(o.name ?? nameForm(m))}`;
  for (const k of o.ids ?? []) if (k === 'wikidata' && m.wikidata) t += ` ;\n  owl:sameAs <http://www.wikidata.org/entity/${m.wikidata}>`;
  for (const k of o.ids ?? []) if (k === 'ulan' && m.ulan) t += ` ;\n  owl:sameAs <http://vocab.getty.edu/page/ulan/${m.ulan}>`;
  if (o.dates === 'schema' || o.dates === 'crm') {
    t += ` ;\n  persoon:geboortedatum ${lit(`${m.birth}-${pad(int(1, 12))}-${pad(int(1, 28))}`)}`;
    if (m.death) t += ` ;\n  persoon:overlijdensdatum ${lit(String(m.death))}`;
  }
  t += ' .\n';
  return { source, iri, turtle: t };
}

interface Org {
  names: string[];
  kbo: string;
  street: string;
  number: string;
  postcode: string;
  city: string;
}
const ORGS: Org[] = [
  { names: ['Vooruit vzw', 'Kunstencentrum Vooruit', 'VIERNULVIER vzw'], kbo: '0410.542.014', street: 'Sint-Pietersnieuwstraat', number: '23', postcode: '9000', city: 'Gent' },
  { names: ['Concertgebouw Brugge vzw', 'Concertgebouw Brugge'], kbo: '0466.714.913', street: "'t Zand", number: '34', postcode: '8000', city: 'Brugge' },
  { names: ['deSingel Internationale Kunstcampus', 'deSingel'], kbo: '0243.861.431', street: 'Desguinlei', number: '25', postcode: '2018', city: 'Antwerpen' },
  { names: ['STUK vzw', 'STUK Kunstencentrum'], kbo: '0418.112.633', street: 'Naamsestraat', number: '96', postcode: '3000', city: 'Leuven' },
  { names: ['Ancienne Belgique vzw', 'Ancienne Belgique'], kbo: '0448.322.919', street: 'Anspachlaan', number: '110', postcode: '1000', city: 'Brussel' },
  { names: ['Toneelhuis vzw', 'Toneelhuis'], kbo: '0464.914.115', street: 'Komedieplaats', number: '18', postcode: '2000', city: 'Antwerpen' },
  { names: ['NTGent vzw', 'NTGent', 'Nederlands Toneel Gent'], kbo: '0419.383.418', street: 'Sint-Baafsplein', number: '17', postcode: '9000', city: 'Gent' },
  { names: ['Muziekcentrum De Bijloke vzw', 'De Bijloke'], kbo: '0466.271.735', street: 'Jozef Kluyskensstraat', number: '2', postcode: '9000', city: 'Gent' },
  { names: ['Het Depot vzw', 'Het Depot'], kbo: '0876.449.522', street: 'Martelarenplein', number: '12', postcode: '3000', city: 'Leuven' },
  { names: ['Collegium Vocale Gent vzw', 'Collegium Vocale Gent'], kbo: '0427.318.917', street: 'Drongenhof', number: '42', postcode: '9000', city: 'Gent' },
  { names: ['Rosas vzw', 'Rosas'], kbo: '0427.402.952', street: 'Van Volxemlaan', number: '164', postcode: '1190', city: 'Vorst' },
  { names: ['Peeping Tom vzw', 'Peeping Tom'], kbo: '0473.325.617', street: 'Vanderstraetenstraat', number: '68', postcode: '1080', city: 'Molenbeek' },
  { names: ['Brussels Philharmonic vzw', 'Brussels Philharmonic'], kbo: '0895.553.621', street: 'Flageyplein', number: '18', postcode: '1050', city: 'Elsene' },
  { names: ['Museum voor Schone Kunsten Gent', 'MSK Gent'], kbo: '0207.451.227', street: 'Fernand Scribedreef', number: '1', postcode: '9000', city: 'Gent' },
  { names: ['Mu.ZEE vzw', 'Mu.ZEE Kunstmuseum aan zee'], kbo: '0862.311.645', street: 'Romestraat', number: '11', postcode: '8400', city: 'Oostende' },
];

function uitOrganizer(o: Org, name?: string): Side {
  const id = uuid();
  const iri = `${HUB}/organisator/uitdatabank-organizers/${id}`;
  const t = `${PREFIXES}
<${iri}> a cp:Organisator ;
  owl:sameAs <https://io.uitdatabank.be/organizers/${id}> ;
  cp:Realisator.naam ${lit(name ?? pick(o.names), 'nl')} ;
  locn:address <${iri}#adres> ;
  adms:identifier <${iri}#identificator> .
<${iri}#identificator> a adms:Identifier ;
  skos:notation "https://io.uitdatabank.be/organizers/${id}"^^xsd:anyURI .
<${iri}#adres> a locn:Address ;
  locn:thoroughfare ${lit(`${o.street} ${o.number}`, 'nl')} ;
  locn:postCode "${o.postcode}" ;
  locn:postName ${lit(o.city, 'nl')} .
`;
  return { source: 'uitdatabank-organizers', iri, turtle: t };
}

/** An organisation from a sector register (Kunstenpunt-like): KBO number as an identifier. */
function registerOrganisation(o: Org, name?: string, kbo = o.kbo): Side {
  const id = kbo.replace(/\D/g, '');
  const iri = `${HUB}/organisatie/kunstenregister/${id}`;
  const t = `${PREFIXES}
<${iri}> a foaf:Organization ;
  foaf:name ${lit(name ?? pick(o.names))} ;
  adms:identifier <${iri}#kbo> ;
  locn:address <${iri}#adres> .
<${iri}#kbo> a adms:Identifier ;
  skos:notation "${kbo}" ;
  dcterms:type "KBO-nummer" .
<${iri}#adres> a locn:Address ;
  locn:thoroughfare ${lit(o.street)} ;
  locn:locatorDesignator "${o.number}" ;
  locn:postCode "${o.postcode}" ;
  locn:postName ${lit(o.city)} .
`;
  return { source: 'kunstenregister', iri, turtle: t };
}

function agentPairs(n: number, makers: Maker[], namesakes: typeof NAMESAKES, orgs: Org[], prefix: string): Pair[] {
  const out: Pair[] = [];
  const add = (a: Side, b: Side, match: boolean, note: string) => out.push({ id: `${prefix}-${String(out.length + 1).padStart(3, '0')}`, a, b, match, note });
  const idSets: AgentOpts['ids'][] = [['ulan'], ['wikidata'], ['rkd'], ['viaf'], ['ulan', 'wikidata'], []];
  while (out.length < n) {
    const m = pick(makers);
    const kind = int(0, 12);
    switch (kind) {
      case 0:
      case 1: {
        const ids = pick(idSets.filter((s) => s!.length > 0 && s!.every((k) => m[k] !== undefined)));
        add(lidoAgent(m, { ids }), lidoAgent(m, { ids: ids!.slice(0, 1), dates: chance(0.3) ? 'schema' : 'none' }), true, 'one maker in two museums: shared authority id, name order differs');
        break;
      }
      case 2:
        add(lidoAgent(m, { ids: ['rkd'] }), lidoAgent(m, { ids: ['ulan'] }), true, 'one maker in two museums: different authorities (RKD / ULAN), name only to go on');
        break;
      case 3:
        add(lidoAgent(m, { dates: 'schema' }), ghentAgent(m, { dates: 'schema' }), true, 'museum and Ghent LDES: name order differs, same life dates');
        break;
      case 4:
        add(lidoAgent(m, { dates: 'crm' }), lidoAgent(m, { dates: 'in-name' }), true, 'life dates as a birth event on one side, in the name on the other');
        break;
      case 5:
        add(lidoAgent(m, { name: `${m.family}, ${m.given}` }), ghentAgent(m, { name: `${m.given} ${m.family}`, ids: chance(0.5) ? ['wikidata'] : [] }), true, '"Family, Given" vs "Given Family", no dates');
        break;
      case 6: {
        const [x, y, note] = pick(namesakes);
        add(lidoAgent(x, { dates: 'schema' }), ghentAgent(y, { dates: 'schema' }), false, `${note}: other given names or life dates`);
        break;
      }
      case 7: {
        const [x, y, note] = pick(namesakes);
        if (!x.wikidata || !y.wikidata) break;
        add(lidoAgent(x, { ids: ['wikidata'] }), lidoAgent(y, { ids: ['wikidata'] }), false, `${note}: conflicting Wikidata ids`);
        break;
      }
      case 8: {
        const a = pick(ANONYMOUS);
        add(lidoAgent(m, { name: a }), lidoAgent(m, { name: pick(ANONYMOUS) }), false, 'two anonymous makers: no evidence they are one');
        break;
      }
      case 9: {
        const o = pick(orgs);
        add(uitOrganizer(o), registerOrganisation(o), true, 'UiTdatabank organizer and the sector register: legal form in the name, same address');
        break;
      }
      case 10: {
        const o = pick(orgs);
        const other = pick(orgs.filter((x) => x !== o && x.city === o.city).concat(orgs.filter((x) => x !== o)).slice(0, 3));
        add(registerOrganisation(o), registerOrganisation(other), false, 'two organisations with different KBO numbers');
        break;
      }
      case 11: {
        const other = pick(makers.filter((x) => x !== m && x.family !== m.family));
        add(lidoAgent(m, { ids: ['ulan'] }), lidoAgent(other, { ids: ['ulan'] }), false, 'two makers, conflicting ULAN ids');
        break;
      }
      case 12: {
        // Names only: only relatives whose names differ (two equal names without dates or ids carry
        // no evidence either way, so such a pair has no true label to learn from).
        const [x, y, note] = pick(namesakes.filter(([p, q]) => p.given !== q.given || p.family !== q.family));
        add(lidoAgent(x, {}), lidoAgent(y, {}), false, `${note}: names only`);
        break;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ concept sides

interface Term {
  labels: Record<string, string>;
  aat?: string;
  kind: string;
}
const T = (nl: string, en: string, kind: string, aat?: string, fr?: string): Term => ({ labels: fr ? { nl, en, fr } : { nl, en }, kind, aat });
const TERMS: Term[] = [
  T('olieverf', 'oil paint', 'materiaal', '300015050', 'peinture à l’huile'),
  T('doek', 'canvas', 'materiaal', '300014078', 'toile'),
  T('paneel', 'panel', 'materiaal', '300014657'),
  T('eikenhout', 'oak', 'materiaal', '300012264', 'chêne'),
  T('brons', 'bronze', 'materiaal', '300010957', 'bronze'),
  T('marmer', 'marble', 'materiaal', '300011443', 'marbre'),
  T('papier', 'paper', 'materiaal', '300014109', 'papier'),
  T('houtskool', 'charcoal', 'materiaal', '300022414', 'fusain'),
  T('aquarelverf', 'watercolor', 'materiaal', '300015045', 'aquarelle'),
  T('gips', 'plaster', 'materiaal', '300014922', 'plâtre'),
  T('ets', 'etching', 'techniek', '300053241', 'eau-forte'),
  T('houtsnede', 'woodcut', 'techniek', '300041405', 'gravure sur bois'),
  T('lithografie', 'lithography', 'techniek', '300053271', 'lithographie'),
  T('schilderij', 'painting', 'objectnaam', '300033618', 'peinture'),
  T('tekening', 'drawing', 'objectnaam', '300033973', 'dessin'),
  T('beeldhouwwerk', 'sculpture', 'objectnaam', '300047090', 'sculpture'),
  T('affiche', 'poster', 'objectnaam', '300027221', 'affiche'),
  T('weefgetouw', 'loom', 'objectnaam', '300024754'),
  T('piano', 'piano', 'objectnaam', '300042909', 'piano'),
  T('foto', 'photograph', 'objectnaam', '300046300', 'photographie'),
  T('hoogte', 'height', 'dimensietype', '300055644', 'hauteur'),
  T('breedte', 'width', 'dimensietype', '300055647', 'largeur'),
  T('diepte', 'depth', 'dimensietype', '300072633', 'profondeur'),
  T('Muziek', 'Music', 'genre'),
  T('Theater', 'Theatre', 'genre'),
  T('Dans', 'Dance', 'genre'),
  T('Humor', 'Comedy', 'genre'),
  T('Klassieke muziek', 'Classical music', 'genre'),
  T('Jazz', 'Jazz', 'genre'),
  T('Familievoorstelling', 'Family show', 'genre'),
  T('landschap', 'landscape', 'onderwerp', '300015636', 'paysage'),
  T('portret', 'portrait', 'onderwerp', '300015637', 'portrait'),
  T('stilleven', 'still life', 'onderwerp', '300015638', 'nature morte'),
  T('zeegezicht', 'seascape', 'onderwerp', '300015641', 'marine'),
];
/** Homonyms: one label, two meanings, in other schemes (and other AAT ids where both have one). */
const HOMONYMS: [Term, Term, string][] = [
  [T('bas', 'bass', 'objectnaam', '300041838'), T('bas', 'bass', 'stemtype', '300404282'), 'bas: the instrument and the voice'],
  [T('kraan', 'crane', 'objectnaam', '300024526'), T('kraan', 'crane', 'onderwerp', '300266431'), 'kraan: the machine and the bird'],
  [T('klassiek', 'classical', 'genre'), T('klassiek', 'classical', 'stijl', '300020385'), 'klassiek: a music genre and a style period'],
  [T('lood', 'lead', 'materiaal', '300011029'), T('lood', 'plumb bob', 'objectnaam', '300024664'), 'lood: the metal and the tool'],
  [T('papier', 'paper', 'materiaal', '300014109'), T('papier', 'document', 'objectnaam', '300026877'), 'papier: a material and an object name'],
  [T('brons', 'bronze', 'materiaal', '300010957'), T('brons', 'bronze', 'objectnaam', '300047098'), 'brons: the alloy and a bronze (sculpture)'],
  [T('hoogte', 'height', 'dimensietype', '300055644'), T('hoogte', 'hill', 'onderwerp', '300008777'), 'hoogte: a dimension and a landform'],
  [T('Dans', 'Dance', 'genre'), T('dans', 'dance', 'onderwerp', '300054173'), 'dans: an event genre and a subject'],
  [T('Muziek', 'Music', 'genre'), T('muziek', 'music', 'objectnaam', '300054146'), 'muziek: an event genre and sheet music'],
  [T('ets', 'etching', 'techniek', '300053241'), T('ets', 'etching (print)', 'objectnaam', '300041365'), 'ets: the technique and the print'],
  [T('mantel', 'coat', 'objectnaam', '300046143'), T('mantel', 'mantle (fireplace)', 'onderdeel', '300002953'), 'mantel: a garment and a fireplace part'],
  [T('vleugel', 'grand piano', 'objectnaam', '300041766'), T('vleugel', 'wing (building)', 'onderdeel', '300004854'), 'vleugel: an instrument and a building wing'],
];
const CONCEPT_SOURCES = ['mskgent', 'kmska', 'muzee', 'groeningemuseum', 'dmg', 'stam', 'hva', 'industriemuseum'];

function casing(s: string): string {
  return pick([s, s, s.toLowerCase(), s.charAt(0).toUpperCase() + s.slice(1), ` ${s} `]);
}

/** A hub concept a mapping mints: id/concept/{source}/{kind}/{term}, prefLabel in one language. */
function hubConcept(t: Term, o: { source?: string; aat?: boolean; lang?: string; label?: string; scheme?: boolean } = {}): Side {
  const source = o.source ?? pick(CONCEPT_SOURCES);
  const lang = o.lang ?? 'nl';
  const label = o.label ?? casing(t.labels[lang] ?? t.labels.nl!);
  const iri = `${HUB}/concept/${source}/${t.kind}/${encodeURIComponent(label.trim().toLowerCase().replace(/\s+/g, '-'))}`;
  let s = `${PREFIXES}\n<${iri}> a skos:Concept ;\n  skos:prefLabel ${lit(label, lang === 'und' ? undefined : lang)}`;
  if (o.aat && t.aat) s += ` ;\n  owl:sameAs <${pick(['http://vocab.getty.edu/aat/', 'http://vocab.getty.edu/page/aat/'])}${t.aat}>`;
  s += ' .\n';
  return { source, iri, turtle: s };
}

/** A Ghent LDES thesaurus concept: explicit scheme, own IRI as owl:sameAs, labels in nl and en. */
function ghentConcept(t: Term, o: { aat?: boolean; scheme?: string; source?: string } = {}): Side {
  const source = o.source ?? pick(['dmg', 'industriemuseum', 'hva', 'stam']);
  const local = 470000000 + (Object.values(t.labels).join('').length * 7919 + t.kind.length * 104729) % 99999;
  const iri = `${HUB}/concept/${source}/${local}`;
  let s = `${PREFIXES}\n<${iri}> a skos:Concept ;\n  owl:sameAs <https://stad.gent/id/concept/${local}> ;\n  skos:inScheme <${o.scheme ?? `https://stad.gent/id/conceptscheme/${t.kind}`}> ;\n  skos:prefLabel ${lit(casing(t.labels.nl!), 'nl')}`;
  if (t.labels.en) s += ` ;\n  skos:altLabel ${lit(t.labels.en, 'en')}`;
  if (o.aat && t.aat) s += ` ;\n  owl:sameAs <http://vocab.getty.edu/aat/${t.aat}>`;
  s += ' .\n';
  return { source, iri, turtle: s };
}

function conceptPairs(n: number, terms: Term[], homonyms: typeof HOMONYMS, prefix: string): Pair[] {
  const out: Pair[] = [];
  const add = (a: Side, b: Side, match: boolean, note: string) => out.push({ id: `${prefix}-${String(out.length + 1).padStart(3, '0')}`, a, b, match, note });
  while (out.length < n) {
    const t = pick(terms);
    const kind = int(0, 9);
    switch (kind) {
      case 0:
      case 1: {
        if (!t.aat) break;
        add(hubConcept(t, { aat: true }), hubConcept(t, { aat: true, lang: pick(['nl', 'en']) }), true, 'one AAT concept in two museums (AAT IRI in page or entity form)');
        break;
      }
      case 2: {
        const [s1, s2] = [pick(CONCEPT_SOURCES), pick(CONCEPT_SOURCES)];
        if (s1 === s2) break;
        add(hubConcept(t, { source: s1 }), hubConcept(t, { source: s2 }), true, 'same term in the same kind of list in two sources, casing differs');
        break;
      }
      case 3:
        add(ghentConcept(t, { source: 'dmg' }), ghentConcept(t, { source: 'industriemuseum' }), true, 'one Ghent thesaurus concept in two Ghent LDES sources: same stad.gent IRI');
        break;
      case 4: {
        const [x, y, note] = pick(homonyms);
        add(hubConcept(x), hubConcept(y), false, `${note}: same label, other schemes`);
        break;
      }
      case 5: {
        const [x, y, note] = pick(homonyms);
        if (!x.aat || !y.aat) break;
        add(hubConcept(x, { aat: true }), hubConcept(y, { aat: true }), false, `${note}: different AAT ids`);
        break;
      }
      case 6: {
        const others = terms.filter((x) => x.kind === t.kind && x !== t);
        if (others.length === 0) break;
        const other = pick(others);
        add(hubConcept(t), hubConcept(other), false, 'two terms of one list');
        break;
      }
      case 7: {
        if (!t.aat) break;
        add(ghentConcept(t, { aat: true }), hubConcept(t, { aat: true }), true, 'Ghent thesaurus concept and a museum term: same AAT id');
        break;
      }
      case 8: {
        // Rare on purpose: one term in a Ghent thesaurus and a museum list, no shared id. The
        // schemes differ, so the pair waits for a curator (a true match the matcher does not link).
        if (chance(0.7)) break;
        add(ghentConcept(t), hubConcept(t), true, 'same term in a Ghent thesaurus and a museum list, no shared id: other schemes, a curator decides');
        break;
      }
      case 9: {
        const [x, y, note] = pick(homonyms);
        add(ghentConcept(x), ghentConcept(y), false, `${note}: two Ghent schemes`);
        break;
      }
    }
  }
  return out;
}

// ------------------------------------------------------------------ write

function split<T>(xs: readonly T[]): [T[], T[]] {
  return [xs.filter((_, i) => i % 4 !== 3), xs.filter((_, i) => i % 4 === 3)];
}

function write(dir: string, sets: Record<string, Pair[]>): void {
  mkdirSync(dir, { recursive: true });
  for (const [type, pairs] of Object.entries(sets)) writeFileSync(join(dir, `${type}.json`), `${JSON.stringify(pairs, null, 2)}\n`);
}

function main(): void {
  const root = process.argv[2] ?? 'test/fixtures/matching';
  const [venues, venuesHeld] = split(VENUES);
  const [branches, branchesHeld] = split(BRANCHES);
  const [shows, showsHeld] = split(SHOWS);
  const [makers, makersHeld] = split(MAKERS);
  const [orgs, orgsHeld] = split(ORGS);
  const [terms, termsHeld] = split(TERMS);
  const [homs, homsHeld] = split(HOMONYMS);
  // Namesake pairs stay whole: the first three quarters for tuning, the rest held out.
  const [names, namesHeld] = split(NAMESAKES);
  rand = rng(16);
  write(join(root, 'pairs'), {
    activiteit: activityPairs(100, venues, shows, 'act'),
    plaats: placePairs(100, venues, branches, 'pla'),
    agent: agentPairs(100, makers, names, orgs, 'agt'),
    concept: conceptPairs(100, terms, homs, 'con'),
  });
  rand = rng(1616);
  write(join(root, 'pairs-holdout'), {
    activiteit: activityPairs(40, venuesHeld.concat(venues.slice(0, 3)), showsHeld, 'hact'),
    plaats: placePairs(40, venuesHeld.concat(venues.slice(0, 3)), branchesHeld.concat(branches.slice(0, 2)), 'hpla'),
    agent: agentPairs(40, makersHeld, namesHeld, orgsHeld.concat(orgs.slice(0, 2)), 'hagt'),
    concept: conceptPairs(40, termsHeld, homsHeld, 'hcon'),
  });
}

main();
