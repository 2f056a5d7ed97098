// Coordinates of a member's location, read from its record (OSLO: locatie → geometrie with
// wgs84 lat/long, or a WKT point), and the distance between two points.

import { linked, values } from './jsonld.js';

const LOCATION = ['atLocation', 'locatie', 'location', 'P7_took_place_at'];
const GEOMETRY = ['geometry', 'geometrie', 'geo'];

/** The member's first location node in the page, if the record describes it. */
export const locationOf = (nodes, member) => linked(nodes, member, ...LOCATION)[0];

/** { lat, lon } of a location node, or undefined. */
export function coordinatesOf(nodes, location) {
  for (const node of [location, ...linked(nodes, location, ...GEOMETRY)]) {
    const lat = Number(literal(values(node, 'lat', 'latitude')[0]));
    const lon = Number(literal(values(node, 'long', 'lon', 'longitude')[0]));
    if (Number.isFinite(lat) && Number.isFinite(lon) && values(node, 'lat', 'latitude').length) return { lat, lon };
    const wkt = literal(values(node, 'asWKT', 'wkt')[0]);
    const point = typeof wkt === 'string' && wkt.match(/POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)/i);
    if (point) return { lat: Number(point[2]), lon: Number(point[1]) };
  }
  return undefined;
}

const literal = (v) => (typeof v === 'object' && v !== null ? v['@value'] : v);

/** Great-circle distance in km (haversine). */
export function distanceKm(a, b) {
  const rad = (d) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}
