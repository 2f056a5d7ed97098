// View 2: "Works by this maker across museums".
//
//   1. GET /api/v1/agents?q=brueghel&limit=20
//      the persons and organisations the hub's records name, found by name;
//   2. GET /api/v1/heritage-objects?maker=<agent IRI>&facets[]=organisations&limit=0
//      how many objects that agent made, per museum (the `organisations` facet; limit=0 asks
//      for counts only). A maker's IRI in one source resolves to the reconciled agent, so works
//      recorded under another source's IRI for the same person count too;
//   3. GET /api/v1/heritage-objects?maker=<agent IRI>&organisation=<museum>&limit=12
//      for each museum, its first works: a facet value is also the value of its filter.

import { apiUrl, getPage } from './lib/api.js';
import { el, safeUrl, show } from './lib/dom.js';
import { ids, linked, preferredLanguages, text } from './lib/jsonld.js';
import { showRequests } from './lib/request-box.js';
import { thumbnail } from './near-me.js';

const LABEL = ['label', 'prefLabel', 'naam', 'name', 'title'];
const TITLE = ['P102_has_title', 'title', 'naam', 'name', 'label'];
/** Museums shown, and works shown per museum (each museum links to all its works in the API). */
const MAX_MUSEUMS = 8;
const WORKS_PER_MUSEUM = 12;
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
    // First the counts per museum (limit=0: the facet and the total, no members), then each
    // museum's first works, asked in parallel: a facet value is also a filter value.
    const counts = apiUrl('heritage-objects', { maker: agent.iri, 'facets[]': ['organisations'], limit: 0 });
    requests = [requests[0], counts].filter(Boolean);
    showRequests($('maker-requests'), requests);
    $('maker-status').textContent = `Loading works by ${agent.label}…`;
    show($('maker-works'));
    const mine = ++asked;
    try {
      const summary = await getPage(counts);
      const museums = (summary.facets.organisations ?? []).slice(0, MAX_MUSEUMS);
      const perMuseum = museums.map((m) => apiUrl('heritage-objects', { maker: agent.iri, organisation: m.value, limit: WORKS_PER_MUSEUM }));
      const pages = await Promise.all(perMuseum.map(getPage));
      if (mine !== asked) return;
      requests = [...requests, ...perMuseum];
      showRequests($('maker-requests'), requests);
      const total = summary.total ?? pages.reduce((n, p) => n + p.members.length, 0);
      $('maker-status').textContent = `${summary.totalExact ? '' : 'About '}${total} works by ${agent.label} in ${museums.length} ${museums.length === 1 ? 'museum' : 'museums'}.`;
      show(
        $('maker-works'),
        museums.map((museum, i) =>
          el(
            'section',
            { class: 'museum', 'aria-labelledby': `museum-${i}` },
            el('h3', { id: `museum-${i}` }, `${museum.label ?? museum.value} `, el('span', { class: 'count' }, `(${museum.count})`)),
            el('ul', { class: 'works' }, pages[i].members.map((m) => workCard(workItem(pages[i].nodes, m, languages)))),
            museum.count > pages[i].members.length ? el('p', {}, el('a', { href: perMuseum[i].href }, `All ${museum.count} works in the API`)) : undefined,
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
  return {
    link: safeUrl(member['@id']),
    title: text(member, TITLE, languages) ?? member['@id'],
    date: production && text(production, ['P4_has_time-span', 'tijd', 'date'], languages),
    image: ids(member, ...IMAGE).map(safeUrl).find(Boolean),
  };
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
