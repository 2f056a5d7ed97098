// A map that needs no internet: the search point, the search radius and the results as points
// on an SVG, in a local projection (equirectangular around the centre: at the scale of a city
// or a province the distortion is below what a marker's size shows). No tiles, no library.
// Each marker is a link to its entry in the list, reachable with Tab, named for screen readers.

import { svg } from './dom.js';

const SIZE = 400;
const KM_PER_DEGREE = 111.32;

/**
 * Draws `points` ({ lat, lon, label, href }) around `centre` ({ lat, lon, label }) with a circle
 * of `radiusKm`; returns the <svg>.
 */
export function drawMap({ centre, radiusKm, points, title }) {
  // Kilometres east and north of the centre → pixels; the circle fills the map with a margin.
  const scale = (SIZE / 2 - 16) / Math.max(radiusKm, 0.5);
  const cosLat = Math.cos((centre.lat * Math.PI) / 180);
  const project = ({ lat, lon }) => ({
    x: SIZE / 2 + (lon - centre.lon) * KM_PER_DEGREE * cosLat * scale,
    y: SIZE / 2 - (lat - centre.lat) * KM_PER_DEGREE * scale,
  });
  const map = svg('svg', { viewBox: `0 0 ${SIZE} ${SIZE}`, class: 'map', role: 'group', 'aria-label': title });
  map.append(svg('title', {}, title));
  map.append(svg('rect', { x: 0, y: 0, width: SIZE, height: SIZE, class: 'map-ground' }));
  map.append(svg('circle', { cx: SIZE / 2, cy: SIZE / 2, r: radiusKm * scale, class: 'map-radius' }));
  map.append(scaleBar(scale, radiusKm));
  map.append(svg('circle', { cx: SIZE / 2, cy: SIZE / 2, r: 6, class: 'map-centre' }, svg('title', {}, centre.label)));
  const placed = [];
  points.forEach((point, i) => {
    const { x, y } = nudge(project(point), placed);
    placed.push({ x, y });
    const marker = svg('a', { href: point.href, class: 'map-marker', 'aria-label': `${i + 1}. ${point.label}` });
    marker.append(svg('title', {}, `${i + 1}. ${point.label}`));
    marker.append(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 11 }));
    marker.append(svg('text', { x: x.toFixed(1), y: (y + 4).toFixed(1), 'text-anchor': 'middle', 'aria-hidden': 'true' }, String(i + 1)));
    map.append(marker);
  });
  return map;
}

/**
 * Moves a marker off the ones already drawn (events at one venue share a point): around its
 * place on a widening circle, until it no longer covers another; it stays numbered as the list.
 */
function nudge(at, placed) {
  for (let step = 0; step < 60; step++) {
    const angle = step * 2.4;
    const r = step === 0 ? 0 : 10 + step * 2;
    const p = { x: at.x + r * Math.cos(angle), y: at.y + r * Math.sin(angle) };
    if (placed.every((q) => Math.hypot(q.x - p.x, q.y - p.y) >= 20)) return p;
  }
  return at;
}

/** A bar of a round number of kilometres, bottom left. */
function scaleBar(scale, radiusKm) {
  const km = [1, 2, 5, 10, 20, 50, 100, 200].find((k) => k >= radiusKm / 3) ?? radiusKm;
  const length = km * scale;
  return svg(
    'g',
    { class: 'map-scale', 'aria-hidden': 'true' },
    svg('line', { x1: 12, y1: SIZE - 14, x2: 12 + length, y2: SIZE - 14 }),
    svg('text', { x: 12, y: SIZE - 20 }, `${km} km`),
  );
}
