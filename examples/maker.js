// View 2: "Works by this maker across museums".
//
//   1. GET /api/v1/agents?q=brueghel&limit=20
//      the persons and organisations the hub's records name, found by name;
//   2. GET /api/v1/heritage-objects?maker=<agent IRI>&facets[]=organisations&limit=50
//      the objects that agent made, in every museum the hub harvests (a maker's IRI in one
//      source resolves to the reconciled agent, so works recorded under another source's IRI
//      for the same person come too); the `organisations` facet counts them per museum.

import { apiUrl, getPage } from './lib/api.js';
import { el, safeUrl, show } from './lib/dom.js';
import { ids, linked, preferredLanguages, text, values } from './lib/jsonld.js';
import { showRequests } from './lib/request-box.js';
import { thumbnail } from './near-me.js';

const LABEL = ['label', 'prefLabel', 'naam', 'name', 'title'];
const TITLE = ['P102_has_title', 'title', 'naam', 'name', 'label'];
/** Where a record names its keeper, and where the page (the search API) names the organisation. */
const KEEPER = ['organisation', 'beheerder', 'P50_has_current_keeper', 'keeper', 'heldBy'];
/** Images: a digital representation (OSLO wordtVoorgesteldDoor), schema:image, EDM's isShownBy. */
const IMAGE = ['image', 'wordtVoorgesteldDoor', 'P138i_has_representation', 'isShownBy', 'thumbnail'];

export function makerView(root) {
  const $ = (id) => root.querySelector(`#${id}`);
  const languages = preferredLanguages();
  let requests = [];
  // Only the latest question draws: an earlier answer arriving late is dropped.
  let asked = 0;

  async function findMakers(name) {
    const url = apiUrl('agents', { q: name, limit: 20 });
    requests = [url];
    showRequests($('maker-requests'), requests);
    $('maker-status').textContent = 'Looking for makers…';
    show($('maker-works'));
    const mine = ++asked;
    try {
      const page = await getPage(url);
      if (mine !== asked) return;
      const agents = page.members.map((a) => ({ iri: a['@id'], label: text(a, LABEL, languages) ?? a['@id'] }));
      $('maker-status').textContent = agents.length ? `${agents.length} agents match “${name}”: choose one.` : `No agent matches “${name}”.`;
      show(
        $('maker-choices'),
        agents.map((agent) => {
          const button = el('button', { type: 'button', class: 'choice', 'aria-pressed': 'false' }, agent.label);
          button.addEventListener('click', () => {
            for (const other of $('maker-choices').querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === button));
            void showWorks(agent);
          });
          return el('li', {}, button, ' ', el('small', { class: 'iri' }, agent.iri));
        }),
      );
    } catch (error) {
      $('maker-status').textContent = `The API answered: ${error.message}`;
    }
  }

  async function showWorks(agent) {
    const url = apiUrl('heritage-objects', { maker: agent.iri, 'facets[]': ['organisations'], limit: 50 });
    requests = [requests[0], url].filter(Boolean);
    showRequests($('maker-requests'), requests);
    $('maker-status').textContent = `Loading works by ${agent.label}…`;
    const mine = ++asked;
    try {
      const page = await getPage(url);
      if (mine !== asked) return;
      const works = page.members.map((m) => workItem(page.nodes, m, languages));
      const groups = groupByMuseum(works, page.facets.organisations ?? []);
      const total = page.total ?? works.length;
      $('maker-status').textContent = `${page.totalExact ? '' : 'About '}${total} works by ${agent.label} in ${groups.length} ${groups.length === 1 ? 'museum' : 'museums'}${page.next ? ` (the first ${works.length} shown)` : ''}.`;
      show(
        $('maker-works'),
        groups.map((group, i) =>
          el(
            'section',
            { class: 'museum', 'aria-labelledby': `museum-${i}` },
            el('h3', { id: `museum-${i}` }, `${group.label} `, el('span', { class: 'count' }, `(${group.count ?? group.works.length})`)),
            el('ul', { class: 'works' }, group.works.map(workCard)),
          ),
        ),
      );
    } catch (error) {
      $('maker-status').textContent = `The API answered: ${error.message}`;
    }
  }

  $('maker-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const name = $('maker-name').value.trim();
    if (name) void findMakers(name);
  });
}

/** What a card shows of one object, read from its record in the page. */
function workItem(nodes, member, languages) {
  const production = linked(nodes, member, 'productie', 'P108i_was_produced_by')[0];
  const keeperIri = ids(member, ...KEEPER)[0];
  const keeper = keeperIri && nodes.get(keeperIri);
  const organisation = values(member, 'organisation').map((o) => (typeof o === 'object' ? o['@value'] ?? o['@id'] : o))[0];
  return {
    link: safeUrl(member['@id']),
    title: text(member, TITLE, languages) ?? member['@id'],
    date: production && text(production, ['P4_has_time-span', 'tijd', 'date'], languages),
    image: ids(member, ...IMAGE).map(safeUrl).find(Boolean),
    museum: organisation ?? (keeper && text(keeper, LABEL, languages)) ?? keeperIri,
  };
}

/**
 * The works per museum, in the order of the organisations facet (largest first), with the
 * facet's count (over all results) and label; works whose record names no museum come last.
 */
function groupByMuseum(works, facet) {
  const groups = new Map();
  for (const v of facet) groups.set(v.value, { label: v.label ?? v.value, count: v.count, works: [] });
  for (const work of works) {
    const key = [...groups.keys()].find((k) => k === work.museum || groups.get(k).label === work.museum) ?? work.museum ?? '';
    if (!groups.has(key)) groups.set(key, { label: key || 'Museum not given in the record', works: [] });
    groups.get(key).works.push(work);
  }
  return [...groups.values()].filter((g) => g.works.length);
}

function workCard(work) {
  return el(
    'li',
    { class: 'card work' },
    work.image ? thumbnail(work.image) : el('div', { class: 'thumb no-image', 'aria-hidden': 'true' }),
    el('h4', {}, work.link ? el('a', { href: work.link }, work.title) : work.title),
    work.date ? el('p', {}, work.date) : undefined,
  );
}
