/**
 * What search needs of a place: its reference, postal code, locality, country and point, read
 * from a location node (locn:address / schema:address, locn:geometry / schema:geo, WKT points).
 * An activity's own graph may describe its location (Ticketmatic), or only name it by an IRI that
 * a place record describes (UiTdatabank): `PlaceTable` keeps the place records' descriptions for that.
 */
import { SCHEMA } from '../../core/vocab.js';
import { municipalityRegion, provinceOf } from './regions.js';
import type { RecordGraph } from './record-graph.js';
import type { Ref, SearchDoc } from './search-document.js';

const LOCN = (l: string) => `http://www.w3.org/ns/locn#${l}`;
const GEO = (l: string) => `http://www.w3.org/2003/01/geo/wgs84_pos#${l}`;
const GEOSPARQL_WKT = 'http://www.opengis.net/ont/geosparql#asWKT';

export interface PlaceInfo {
  ref: Ref;
  postalCode?: string;
  locality?: string;
  country?: string;
  lat?: number;
  lon?: number;
}

export type PlaceLookup = (iri: string) => PlaceInfo | undefined;

const num = (v: string | undefined) => (v === undefined || v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

/** The place a node of `graph` describes, or undefined when the graph says nothing about it. */
export function placeInfo(graph: RecordGraph, node: string, isLocal?: (iri: string) => boolean): PlaceInfo | undefined {
  if (!graph.has(node)) return undefined;
  const info: PlaceInfo = { ref: graph.ref(node, isLocal) };
  for (const address of graph.nodes(node, LOCN('address'), SCHEMA('address'))) {
    info.postalCode ??= graph.first(address, LOCN('postCode'), SCHEMA('postalCode'))?.trim();
    const locality = graph.texts(address, LOCN('postName'), SCHEMA('addressLocality'));
    info.locality ??= (locality.find((t) => t.lang === 'nl') ?? locality[0])?.text.trim();
    info.country ??= graph.first(address, LOCN('adminUnitL1'), SCHEMA('addressCountry'))?.trim().toUpperCase();
  }
  for (const geometry of graph.nodes(node, LOCN('geometry'), SCHEMA('geo'))) {
    const lat = num(graph.first(geometry, GEO('lat'), SCHEMA('latitude')));
    const lon = num(graph.first(geometry, GEO('long'), SCHEMA('longitude')));
    if (lat !== undefined && lon !== undefined) [info.lat, info.lon] = [lat, lon];
    const wkt = /POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i.exec(graph.first(geometry, GEOSPARQL_WKT) ?? '');
    if (info.lat === undefined && wkt) [info.lon, info.lat] = [Number(wkt[1]), Number(wkt[2])];
  }
  return info;
}

/** Adds a place's reference, address and point (the first point wins) to a document. */
export function addPlace(doc: SearchDoc, place: PlaceInfo): void {
  doc.places.push(place.ref);
  if (place.postalCode && !doc.postalCodes.includes(place.postalCode)) doc.postalCodes.push(place.postalCode);
  if (place.locality && !doc.municipalities.includes(place.locality)) doc.municipalities.push(place.locality);
  if (place.country && !doc.countries.includes(place.country)) doc.countries.push(place.country);
  const belgian = place.country === undefined || place.country === 'BE';
  const province = belgian && place.postalCode ? provinceOf(place.postalCode) : undefined;
  for (const region of [province, belgian && place.locality ? municipalityRegion(place.locality) : undefined])
    if (region && !doc.regions.some((r) => r.id === region.id)) doc.regions.push(region);
  if (doc.lat === undefined && place.lat !== undefined && place.lon !== undefined) [doc.lat, doc.lon] = [place.lat, place.lon];
}
