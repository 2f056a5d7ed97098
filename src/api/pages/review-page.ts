/**
 * The curators' review page (GET /admin/links/review as HTML): the borderline pairs side by side
 * with their labels, sources, score and evidence in plain words, and two plain HTML forms per pair
 * (merge, keep apart) that post to /admin/links/decisions. No script, no inline style beyond the
 * layout's: it works under the Content-Security-Policy as it is. Every harvested text is escaped.
 */
import type { LinkDecision } from '../../publication/matching/contract.js';
import type { EntitySide, LinkView, ReviewPage } from '../../publication/matching/links-read.js';
import { esc, layout } from './html.js';

/** A link only for an http(s) IRI: an IRI read from the store is shown, never trusted as a URL scheme. */
const iriLink = (iri: string) => (/^https?:\/\//i.test(iri) ? `<a href="${esc(iri)}"><code>${esc(iri)}</code></a>` : `<code>${esc(iri)}</code>`);

function side(entity: EntitySide): string {
  const others = entity.labels.slice(1, 6).map((l) => `${esc(l.value)}${l.language ? ` <span class="muted">@${esc(l.language)}</span>` : ''}`);
  const records = entity.records.length
    ? `<ul>${entity.records.map((r) => `<li>${esc(r.source)}: <code>${esc(r.graph)}</code></li>`).join('')}</ul>`
    : '<p class="muted">No record describes it now.</p>';
  return `<strong>${esc(entity.label ?? '(no label)')}</strong>
<div>${iriLink(entity.iri)}</div>
${others.length ? `<div class="muted">also: ${others.join('; ')}</div>` : ''}
<div>Sources:</div>${records}`;
}

function evidence(link: LinkView): string {
  if (!link.evidence.length) return `<p class="muted">${esc(link.summary ?? 'No evidence kept.')}</p>`;
  return `<ul>${link.evidence
    .map((e) => `<li class="${e.weight < 0 ? 'bad' : 'ok'}">${esc(e.detail || e.rule)} <span class="muted">(${esc(e.rule)}, ${e.weight >= 0 ? '+' : ''}${esc(e.weight.toFixed(2))})</span></li>`)
    .join('')}</ul>`;
}

function decisionForm(link: LinkView, kind: 'merge' | 'never-merge', label: string, token: string, back: string): string {
  return `<form method="post" action="/admin/links/decisions">
<input type="hidden" name="kind" value="${kind}"><input type="hidden" name="a" value="${esc(link.a.iri)}"><input type="hidden" name="b" value="${esc(link.b.iri)}">
<input type="hidden" name="token" value="${esc(token)}"><input type="hidden" name="back" value="${esc(back)}">
<label>Note <input type="text" name="note" maxlength="2000"></label>
<button type="submit">${esc(label)}</button>
</form>`;
}

export interface ReviewPageOptions {
  token: string;
  /** The page's own path and query, where a form brings the curator back. */
  self: string;
  /** A decision just recorded (after a form post), to confirm it. */
  recorded?: LinkDecision;
  /** Whether the hub applies decisions at once or at the next harvest. */
  appliesNow: boolean;
}

export function reviewPage(page: ReviewPage, options: ReviewPageOptions): string {
  const { total, offset, limit, items } = page;
  const confirm = options.recorded
    ? `<p class="ok">Decision ${esc(options.recorded.kind)} <code>${esc(options.recorded.id)}</code> kept${options.appliesNow ? ' and applied' : '; it applies at the next harvest of these entities'}.</p>`
    : '';
  const rows = items
    .map(
      (link) => `<tr>
<td>${side(link.a)}</td>
<td>${side(link.b)}</td>
<td><strong>${esc(link.score.toFixed(2))}</strong><div class="muted">${esc(link.type)}</div></td>
<td>${evidence(link)}</td>
<td>${decisionForm(link, 'merge', 'Merge: the same', options.token, options.self)}${decisionForm(link, 'never-merge', 'Keep apart: never merge', options.token, options.self)}</td>
</tr>`,
    )
    .join('\n');
  const pageLink = (at: number, text: string) => `<a href="/admin/links/review?offset=${at}&amp;limit=${limit}">${text}</a>`;
  const nav = [offset > 0 ? pageLink(Math.max(0, offset - limit), 'previous') : '', offset + limit < total ? pageLink(offset + limit, 'next') : ''].filter(Boolean).join(' · ');
  const body = `<h1>Links to review</h1>
${confirm}
<p>${total} pair(s) scored between the review and match thresholds, with no curator decision yet${total ? `; ${offset + 1}–${offset + items.length} shown, best score first` : ''}.
Merge makes them one entity; keep apart stops them from ever being merged. <a href="/admin/links/decisions">Kept decisions</a>.</p>
${items.length ? `<table><thead><tr><th>Entity A</th><th>Entity B</th><th>Score</th><th>Evidence</th><th>Decision</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>Nothing to review.</p>'}
${nav ? `<p>${nav}</p>` : ''}`;
  return layout('Links to review', body);
}

export function decisionErrorPage(message: string, back: string): string {
  return layout('Decision not kept', `<h1>Decision not kept</h1><p class="bad">${esc(message)}</p><p><a href="${esc(back)}">Back</a></p>`);
}

/** The kept decisions (GET /admin/links/decisions as HTML), each with a form to withdraw it, and a form to split an entity out. */
export function decisionsPage(decisions: readonly LinkDecision[], options: { token: string; withdrawn?: LinkDecision; appliesNow: boolean }): string {
  const iriCell = (iri?: string) => (iri ? iriLink(iri) : '<span class="muted">-</span>');
  const rows = decisions
    .map(
      (d) => `<tr><td><code>${esc(d.id)}</code></td><td>${esc(d.kind)}</td><td>${iriCell(d.a)}</td><td>${iriCell(d.b)}</td><td>${esc(d.curator)}</td><td>${esc(d.at)}</td><td>${esc(d.note ?? '')}</td>
<td><form method="post" action="/admin/links/decisions/${esc(d.id)}/withdraw"><input type="hidden" name="token" value="${esc(options.token)}"><button type="submit">Withdraw</button></form></td></tr>`,
    )
    .join('\n');
  const confirm = options.withdrawn
    ? `<p class="ok">Decision ${esc(options.withdrawn.kind)} <code>${esc(options.withdrawn.id)}</code> withdrawn${options.appliesNow ? ' and the clusters recomputed' : '; the clusters follow at the next harvest of these entities'}.</p>`
    : '';
  const split = `<h2>Split an entity out of its cluster</h2>
<form method="post" action="/admin/links/decisions">
<input type="hidden" name="kind" value="split"><input type="hidden" name="token" value="${esc(options.token)}"><input type="hidden" name="back" value="/admin/links/decisions">
<label>Entity IRI <input type="url" name="a" required size="60"></label> <label>Note <input type="text" name="note" maxlength="2000"></label>
<button type="submit">Split</button>
</form>`;
  const body = `<h1>Link decisions</h1>
${confirm}
<p>${decisions.length} decision(s), applied on every harvest. <a href="/admin/links/review">Pairs to review</a>.</p>
${decisions.length ? `<table><thead><tr><th>Id</th><th>Kind</th><th>A</th><th>B</th><th>Curator</th><th>At</th><th>Note</th><th></th></tr></thead><tbody>\n${rows}\n</tbody></table>` : ''}
${split}`;
  return layout('Link decisions', body);
}
