// Reading a page of the hub's API. A page is compact JSON-LD (format=json gives the same keys):
//
//   { "@context": …, "@graph": [ { "@id": <page>, "hydra:member": [{ "@id": … }], … },   // the page
//                                { "@id": <member>, "dct:title": …, … },                  // each member
//                                { "@id": <member>#periode, "Periode.begin": … }, … ] }   // what they describe
//
// The graph is flat: a member points at its time span, location or production by "@id", and the
// node with that id is elsewhere in "@graph". Keys depend on the JSON-LD context of the
// collection (OSLO terms such as "Periode.begin", prefixed names such as "dct:title", or full
// IRIs where the context has no term), so values are looked up by the property's local name:
// `first(node, 'title')` finds "dct:title", "http://purl.org/dc/terms/title" and "title".

/** A page's nodes by "@id". */
export function indexGraph(page) {
  const nodes = new Map();
  const graph = Array.isArray(page['@graph']) ? page['@graph'] : [page];
  for (const node of graph) if (node && typeof node['@id'] === 'string') nodes.set(node['@id'], { ...nodes.get(node['@id']), ...node });
  return nodes;
}

/** The local name of a key: after the last '#', '/', ':' or '.' ("Periode.begin" → "begin"). */
const localName = (key) => key.slice(Math.max(key.lastIndexOf('#'), key.lastIndexOf('/'), key.lastIndexOf(':'), key.lastIndexOf('.')) + 1);

/** Every value of the first property with one of these local names (or exact keys), as an array. */
export function values(node, ...names) {
  if (!node) return [];
  for (const name of names) {
    for (const [key, value] of Object.entries(node)) {
      if (key === name || localName(key) === name) return Array.isArray(value) ? value : [value];
    }
  }
  return [];
}

/** The IRIs a property points at ("@id" objects, or strings where the context coerces to "@id"). */
export const ids = (node, ...names) => values(node, ...names).map((v) => (typeof v === 'string' ? v : v?.['@id'])).filter((v) => typeof v === 'string');

/** The nodes a property points at, from the page's index (those the page describes). */
export const linked = (nodes, node, ...names) => ids(node, ...names).map((id) => nodes.get(id)).filter(Boolean);

/**
 * The text of a property in the reader's language: the first of `languages` that the values
 * have, else a value without language, else any ("und" and others).
 */
export function text(node, names, languages = preferredLanguages()) {
  const literals = values(node, ...[names].flat())
    .map((v) => (typeof v === 'object' && v !== null ? { value: v['@value'], language: v['@language'] } : { value: v }))
    .filter((v) => typeof v.value === 'string' || typeof v.value === 'number')
    .map((v) => ({ ...v, value: String(v.value) }));
  for (const language of languages) {
    const match = literals.find((l) => l.language?.toLowerCase().split('-')[0] === language);
    if (match) return match.value;
  }
  return (literals.find((l) => !l.language) ?? literals[0])?.value;
}

/** The browser's languages as two-letter codes, then Dutch (most records' language). */
export function preferredLanguages() {
  const fromBrowser = (navigator.languages ?? [navigator.language]).map((l) => l.toLowerCase().split('-')[0]);
  return [...new Set([...fromBrowser, 'nl', 'en'])];
}

/** The page's collection node (the one with hydra:member). */
export const pageNode = (nodes) => [...nodes.values()].find((n) => values(n, 'member').length > 0 || values(n, 'first').length > 0);

