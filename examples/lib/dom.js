// Building the page from API data without innerHTML: every text the API returns goes into a
// text node, so a title like `<img onerror=…>` shows as those characters and never runs.

/**
 * Creates an element: `el('a', { href: url, class: 'x' }, 'text', otherNode)`.
 * Attributes are set with setAttribute (never event handlers: the page's CSP forbids inline
 * script, and listeners are added with addEventListener); children are nodes or strings.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
  return node;
}

/** The same for SVG elements (the map), which live in another namespace. */
export function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

/** Only http(s) links from the data become links: a harvested `javascript:` IRI stays text. */
export const safeUrl = (value) => (typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined);

/** Replaces what a container shows. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter(Boolean));
}
