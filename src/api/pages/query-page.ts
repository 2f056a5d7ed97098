/** The query page at /sparql for people: a YASQE editor with example queries over OSLO, results as a table. */
import { esc, layout } from './html.js';

/** URL path of the editor's files (served by routes/editor-assets.ts from the npm package, never a CDN). */
export const EDITOR_ASSETS = '/assets/yasqe';

export const EXAMPLE_QUERIES: { title: string; query: string }[] = [
  {
    title: 'Count the triples',
    query: 'SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }',
  },
  {
    title: 'Heritage objects with their titles',
    query: `PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>
SELECT ?object ?title WHERE {
  ?object a crm:E22_Human-Made_Object ;
          crm:P102_has_title ?title .
} LIMIT 50`,
  },
  {
    title: 'Objects per source',
    query: `PREFIX hub: <https://w3id.org/culture-lod-hub/ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (COUNT(?g) AS ?records) WHERE {
  GRAPH ?pg { ?g prov:wasGeneratedBy ?publication }
  GRAPH ?publication { ?publication hub:source ?source }
} GROUP BY ?source`,
  },
  {
    title: 'Activities (events) and when they take place',
    query: `PREFIX crm: <http://www.cidoc-crm.org/cidoc-crm/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?activity ?name WHERE {
  ?activity a crm:E7_Activity .
  OPTIONAL { ?activity dct:title ?name }
} LIMIT 50`,
  },
  {
    title: 'Provenance of one record graph',
    query: `PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX hub: <https://w3id.org/culture-lod-hub/ns#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?graph ?run ?published ?mapping WHERE {
  GRAPH ?pg { ?graph prov:wasGeneratedBy ?publication }
  GRAPH ?publication { ?publication dct:isPartOf ?run ; prov:endedAtTime ?published ; hub:mapping ?mapping }
} LIMIT 10`,
  },
];

/** The page's own script (inline, allowed by its hash in the Content-Security-Policy). */
export const QUERY_SCRIPT = `
const examples = JSON.parse(document.getElementById('example-data').textContent);
const q = document.getElementById('query');
let editor = null;
if (window.Yasqe) {
  const Yasqe = window.Yasqe.default || window.Yasqe;
  editor = new Yasqe(document.getElementById('editor'), {
    value: q.value, persistenceId: null, consumeShareLink: null, createShareableLink: null, showQueryButton: false,
    autocompleters: ['prefixes', 'variables'], prefixCcApi: null, resizeable: true, editorHeight: '300px',
  });
  editor.addKeyMap({ 'Ctrl-Enter': () => run(), 'Cmd-Enter': () => run() });
  q.hidden = true;
  window.queryEditor = editor;
}
const text = () => (editor ? editor.getValue() : q.value);
document.getElementById('examples').addEventListener('change', (e) => { const v = examples[e.target.value].query; if (editor) editor.setValue(v); else q.value = v; });
function cell(t) { const td = document.createElement('td'); if (t) { if (t.type === 'uri' && /^https?:/i.test(t.value)) { const a = document.createElement('a'); a.href = t.value; a.textContent = t.value; td.appendChild(a); } else { td.textContent = t.value + (t['xml:lang'] ? ' @' + t['xml:lang'] : ''); } } return td; }
async function run() {
  const status = document.getElementById('status'); const out = document.getElementById('results');
  status.textContent = 'running…'; out.textContent = '';
  const started = performance.now();
  const res = await fetch('/sparql', { method: 'POST', headers: { 'content-type': 'application/sparql-query', accept: 'application/sparql-results+json, text/turtle;q=0.9' }, body: text() });
  const ms = Math.round(performance.now() - started);
  if (!res.ok) { const p = await res.json().catch(() => ({ detail: res.statusText })); status.textContent = 'error ' + res.status; const pre = document.createElement('pre'); pre.className = 'bad'; pre.textContent = p.detail; out.appendChild(pre); return; }
  const type = res.headers.get('content-type') || '';
  if (!type.includes('sparql-results+json')) { const pre = document.createElement('pre'); pre.textContent = await res.text(); out.appendChild(pre); status.textContent = ms + ' ms'; return; }
  const data = await res.json();
  if (typeof data.boolean === 'boolean') { out.textContent = String(data.boolean); status.textContent = ms + ' ms'; return; }
  const table = document.createElement('table'); const head = document.createElement('tr');
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  table.appendChild(head);
  for (const b of data.results.bindings) { const tr = document.createElement('tr'); for (const v of data.head.vars) tr.appendChild(cell(b[v])); table.appendChild(tr); }
  out.appendChild(table);
  status.textContent = data.results.bindings.length + ' results in ' + ms + ' ms' + (res.headers.get('x-result-truncated') ? ' (truncated)' : '');
}
document.getElementById('run').addEventListener('click', () => run());
`;

/**
 * The editor is YASQE (SPARQL syntax highlighting and checking, bracket matching, prefix and
 * variable completion from its bundled prefix list: no request leaves the hub). Without its
 * script the textarea stays. Results are drawn by this page's own table code, which puts
 * every value in as text and makes links of http(s) IRIs only.
 */
export function queryPage(baseIri: string): string {
  const options = EXAMPLE_QUERIES.map((q, i) => `<option value="${i}">${esc(q.title)}</option>`).join('');
  const head = `<link rel="stylesheet" href="${EDITOR_ASSETS}/yasqe.min.css">
<script src="${EDITOR_ASSETS}/yasqe.min.js"></script>`;
  const body = `
<h1>SPARQL query</h1>
<p class="muted">Endpoint <code>${esc(baseIri)}sparql</code> — SPARQL 1.1 Protocol, read-only. The default graph is the union of all record graphs.</p>
<p><label>Example: <select id="examples">${options}</select></label></p>
<textarea id="query" rows="12" class="wide" spellcheck="false">${esc(EXAMPLE_QUERIES[1]!.query)}</textarea>
<div id="editor"></div>
<p><button id="run">Run query</button> <span class="muted">(Ctrl+Enter)</span> <span id="status" class="muted"></span></p>
<div id="results"></div>
<script type="application/json" id="example-data">${JSON.stringify(EXAMPLE_QUERIES).replace(/</g, '\\u003c')}</script>
<script>${QUERY_SCRIPT}</script>`;
  return layout('SPARQL query — Culture LOD Hub', body, { head });
}
