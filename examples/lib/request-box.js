// "The request this view made": the full URL of each API call, as a link (opens the JSON in the
// browser) with a Copy button beside it. The app is the API's documentation: whatever it shows
// came from exactly these URLs.

import { el, show } from './dom.js';

/** Shows `urls` (the view's requests, in order) in `container`. */
export function showRequests(container, urls) {
  show(
    container,
    el('h3', {}, urls.length > 1 ? 'Requests this view made' : 'Request this view made'),
    el('ol', { class: 'requests' }, urls.map((url) => el('li', {}, requestRow(String(url))))),
  );
}

function requestRow(url) {
  const status = el('span', { class: 'copy-status', role: 'status' });
  const button = el('button', { type: 'button', class: 'copy' }, 'Copy');
  button.setAttribute('aria-label', `Copy request URL ${url}`);
  button.addEventListener('click', async () => {
    status.textContent = (await copy(url)) ? 'Copied' : 'Select the URL and copy it';
  });
  return [el('code', {}, el('a', { href: url, class: 'request-url' }, readable(url))), el('span', { class: 'copy-row' }, button, status)];
}

/** Copies with the Clipboard API (HTTPS or localhost); false where the browser refuses. */
async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The URL with its parameters decoded for reading (facets[]=types rather than facets%5B%5D=types); Copy copies it encoded. */
function readable(url) {
  try {
    return decodeURI(url).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');
  } catch {
    return url;
  }
}
