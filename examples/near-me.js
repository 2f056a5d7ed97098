// View 1: "What's on near me this weekend".
//
//   GET /api/v1/activities?coordinates=51.05,3.72&distance=25km
//       &dateFrom=2026-10-03T00:00:00+02:00&dateTo=2026-10-04T23:59:59+02:00
//       &sort[distance]=asc&facets[]=types&facets[]=themes&limit=20
//
// publiq's Search API v3 parameter names: an event matches when one of its occurrences falls in
// the dates; `sort[distance]` needs `coordinates`; each member then carries `distanceKm`. The
// `types` and `themes` facets count the results per event type and theme (over all results,
// not only this page); a value chosen below is sent back as `termIds`.

import { apiUrl, getPage } from './lib/api.js';
import { dayString, formatWhen, localInstant, thisWeekend } from './lib/dates.js';
import { el, safeUrl, show } from './lib/dom.js';
import { coordinatesOf, distanceKm, locationOf } from './lib/geo.js';
import { linked, preferredLanguages, text, values } from './lib/jsonld.js';
import { showRequests } from './lib/request-box.js';
import { drawMap } from './lib/svg-map.js';

/** Cities to search from when the browser gives no position (city hall coordinates). */
export const CITIES = {
  Gent: { lat: 51.0543, lon: 3.7174 },
  Antwerpen: { lat: 51.2211, lon: 4.3997 },
  Brugge: { lat: 51.2088, lon: 3.2247 },
  Brussel: { lat: 50.8467, lon: 4.3525 },
  Hasselt: { lat: 50.9307, lon: 5.3378 },
  Leuven: { lat: 50.8789, lon: 4.7012 },
  Mechelen: { lat: 51.0279, lon: 4.4803 },
};

/** The facets asked for, by their API name, with the heading they get. */
const FACETS = [
  { name: 'types', title: 'Types' },
  { name: 'themes', title: 'Themes' },
];
const TITLE = ['title', 'naam', 'name', 'P102_has_title', 'prefLabel', 'label'];
const TIME_SPAN = ['P4_has_time-span', 'tijd', 'periode', 'time-span', 'occurrence'];

export function nearMeView(root) {
  const $ = (id) => root.querySelector(`#${id}`);
  const form = $('near-me-form');
  const state = { centre: undefined, types: new Set(), requests: [], asked: 0 };
  const languages = preferredLanguages();

  // The dates default to this weekend; the reader may pick others.
  const weekend = thisWeekend();
  $('date-from').value = dayString(weekend.from);
  $('date-to').value = dayString(weekend.to);

  const useCity = () => {
    const name = $('city').value;
    state.centre = { ...CITIES[name], label: name };
    $('where').textContent = `Searching around ${name}.`;
  };

  // The browser's position when the reader allows it; the chosen city otherwise.
  const locate = () =>
    new Promise((resolve) => {
      if (!navigator.geolocation) return resolve(false);
      $('where').textContent = 'Asking the browser for your position…';
      navigator.geolocation.getCurrentPosition(
        (position) => {
          state.centre = { lat: position.coords.latitude, lon: position.coords.longitude, label: 'Your location' };
          $('where').textContent = `Searching around your location (${state.centre.lat.toFixed(3)}, ${state.centre.lon.toFixed(3)}).`;
          resolve(true);
        },
        () => resolve(false),
        { timeout: 8000, maximumAge: 600_000 },
      );
    });

  async function search(next) {
    const km = Number($('distance').value);
    const url = next
      ? new URL(next)
      : apiUrl('activities', {
          coordinates: `${state.centre.lat.toFixed(4)},${state.centre.lon.toFixed(4)}`,
          distance: `${km}km`,
          dateFrom: localInstant($('date-from').value, '00:00:00'),
          dateTo: localInstant($('date-to').value, '23:59:59'),
          'sort[distance]': 'asc',
          'facets[]': FACETS.map((f) => f.name),
          termIds: [...state.types],
          limit: 20,
        });
    state.requests = next ? [...state.requests, url] : [url];
    showRequests($('near-me-requests'), state.requests);
    $('near-me-status').textContent = 'Loading…';
    // Only the latest search draws: an earlier answer arriving late is dropped.
    const asked = ++state.asked;
    try {
      const page = await getPage(url);
      if (asked !== state.asked) return;
      const from = new Date(localInstant($('date-from').value, '00:00:00'));
      const items = page.members.map((member) => eventItem(page.nodes, member, state.centre, from, languages));
      state.items = next ? [...state.items, ...items] : items;
      if (!next) renderFacets(page.facets);
      renderList(page, km);
    } catch (error) {
      $('near-me-status').textContent = `The API answered: ${error.message}`;
    }
  }

  function renderList(page, km) {
    const items = state.items;
    const total = page.total === undefined ? '' : `${page.totalExact ? '' : 'about '}${page.total} `;
    $('near-me-status').textContent = items.length ? `${total}activities within ${km} km, nearest first.` : `No activities within ${km} km on these dates.`;
    show(
      $('near-me-list'),
      items.map((item, i) =>
        el(
          'li',
          { id: `event-${i + 1}`, class: 'card', tabindex: '-1' },
          item.image ? thumbnail(item.image) : undefined,
          el('h3', {}, el('span', { class: 'marker-number', 'aria-hidden': 'true' }, String(i + 1)), ' ', item.link ? el('a', { href: item.link }, item.title) : item.title),
          el('p', { class: 'when' }, item.when ? formatWhen(item.when, languages[0]) : 'Date not given'),
          el('p', { class: 'where' }, [item.place, item.distance !== undefined ? `${item.distance.toFixed(1)} km` : undefined].filter(Boolean).join(' · ') || 'Place not described in the record'),
          item.type ? el('p', { class: 'type' }, facetLabel(item.type)) : undefined,
        ),
      ),
    );
    const more = $('near-me-more');
    more.hidden = !page.next;
    more.dataset.next = page.next ?? '';
    const points = items.map((item, i) => item.coordinates && { ...item.coordinates, label: item.title, href: `#event-${i + 1}` }).filter(Boolean);
    show($('near-me-map'), drawMap({ centre: state.centre, radiusKm: km, points, title: `Map: ${points.length} of ${items.length} activities around ${state.centre.label}` }));
    const unplaced = items.length - points.length;
    $('near-me-map-note').textContent = unplaced ? `${unplaced} of the activities have no coordinates in their record and are not on the map.` : '';
  }

  // The facets: each value with its count, as a toggle; the chosen values filter by termIds.
  const labels = new Map();
  const facetLabel = (value) => labels.get(value) ?? value;
  function renderFacets(facets) {
    const groups = FACETS.map((f) => ({ ...f, values: facets[f.name] ?? [] })).filter((f) => f.values.length);
    for (const v of groups.flatMap((g) => g.values)) labels.set(v.value, v.label ?? v.value);
    show(
      $('near-me-facets'),
      groups.map((group) =>
        el(
          'div',
          { class: 'facet' },
          el('h3', { id: `facet-${group.name}` }, group.title),
          el(
            'ul',
            { class: 'facet-values', 'aria-labelledby': `facet-${group.name}` },
            group.values.map((v) => {
              const button = el('button', { type: 'button', 'aria-pressed': String(state.types.has(v.value)) }, `${v.label ?? v.value} (${v.count})`);
              button.addEventListener('click', () => {
                if (state.types.has(v.value)) state.types.delete(v.value);
                else state.types.add(v.value);
                void search();
              });
              return el('li', {}, button);
            }),
          ),
        ),
      ),
    );
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.types.clear();
    void search();
  });
  $('distance').addEventListener('change', () => void search());
  $('city').addEventListener('change', () => {
    useCity();
    void search();
  });
  $('use-location').addEventListener('click', async () => {
    if (await locate()) void search();
    else $('where').textContent = `The browser gave no position; searching around ${$('city').value}.`;
  });
  $('near-me-more').addEventListener('click', (event) => void search(event.currentTarget.dataset.next));

  // First search: the reader's position if the browser gives it, else the first city.
  useCity();
  void locate().then((located) => {
    if (!located) $('where').textContent = `The browser gave no position; searching around ${$('city').value}. Choose another city, or allow location and press “Use my location”.`;
    return search();
  });
}

/** What the list shows of one activity, read from its record in the page. */
function eventItem(nodes, member, centre, from, languages) {
  const location = locationOf(nodes, member);
  const coordinates = location && coordinatesOf(nodes, location);
  const address = location && linked(nodes, location, 'adres', 'address')[0];
  const spans = linked(nodes, member, ...TIME_SPAN);
  const given = Number(literalOf(values(member, 'distanceKm')[0]));
  return {
    link: safeUrl(member['@id']),
    title: text(member, TITLE, languages) ?? member['@id'],
    when: firstOccurrence(spans, from),
    place: [text(location, ['locatorName', 'naam', 'name', 'label', 'prefLabel'], languages), text(address, ['postName', 'gemeentenaam', 'addressLocality'], languages)].filter(Boolean).join(', '),
    coordinates,
    // The API's distance when it gives one (with coordinates), else computed from the record.
    distance: Number.isFinite(given) ? given : coordinates ? distanceKm(centre, coordinates) : undefined,
    type: values(member, 'type').map((t) => t?.['@id'] ?? t).find((t) => typeof t === 'string' && /^https?:/.test(t)),
    image: safeUrl(values(member, 'image').map((i) => i?.['@id'] ?? i)[0]),
  };
}

/**
 * The start of the first occurrence still running at `from` (an event with a calendar has one
 * time span per occurrence; the API matched it because one of them falls in the dates), else
 * of the first one.
 */
function firstOccurrence(spans, from) {
  const occurrences = spans
    .map((s) => ({ start: literalOf(values(s, 'begin', 'startTime', 'start')[0]), end: literalOf(values(s, 'einde', 'endTime', 'end')[0]) }))
    .filter((o) => o.start)
    .sort((a, b) => new Date(a.start) - new Date(b.start));
  return (occurrences.find((o) => new Date(o.end ?? o.start) >= from) ?? occurrences[0])?.start;
}

const literalOf = (v) => (typeof v === 'object' && v !== null ? v['@value'] : v);

/** An image from the record's source; removed when it does not load (offline, or the source moved it). */
export function thumbnail(src) {
  const image = el('img', { src, alt: '', loading: 'lazy', class: 'thumb', referrerpolicy: 'no-referrer' });
  image.addEventListener('error', () => image.remove());
  return image;
}
