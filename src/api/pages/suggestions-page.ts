/**
 * Suggested authority links (GET /admin/links/suggestions as HTML): what other reconciliation
 * services answered about the hub's unlinked agents and concepts, pending ones first, each with
 * plain HTML forms to accept (publishes owl:sameAs) or reject it, and a form to ask the services
 * again. No script; every harvested or answered text is escaped.
 */
import type { AskResult } from '../../pipeline/ask-external-services.js';
import type { LinkSuggestion } from '../../publication/matching/suggestions-graph.js';
import { esc, layout } from './html.js';

/** A link only for an http(s) IRI: an IRI read from the store or a service is shown, never trusted as a URL scheme. */
const iriLink = (iri: string) => (/^https?:\/\//i.test(iri) ? `<a href="${esc(iri)}"><code>${esc(iri)}</code></a>` : `<code>${esc(iri)}</code>`);

function decideForm(s: LinkSuggestion, action: 'accept' | 'reject', token: string): string {
  return `<form method="post" action="/admin/links/suggestions/${esc(s.id)}/${action}"><input type="hidden" name="token" value="${esc(token)}"><button type="submit">${action === 'accept' ? 'Accept: the same' : 'Reject'}</button></form>`;
}

export interface SuggestionsPageOptions {
  token: string;
  /** A suggestion just decided (after a form post), to confirm it. */
  decided?: LinkSuggestion;
  /** The answer of an ask just run from the page's form. */
  asked?: Pick<AskResult, 'asked' | 'pending' | 'autoAccepted'> & { warnings: number };
}

/** Rows a page shows (pending first); the JSON answer pages through all of them. */
const MAX_ROWS = 300;

const ORDER: Record<LinkSuggestion['status'], number> = { pending: 0, 'auto-accepted': 1, accepted: 2, rejected: 3 };

export function suggestionsPage(suggestions: readonly LinkSuggestion[], options: SuggestionsPageOptions): string {
  const sorted = [...suggestions].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : b.score - a.score));
  const rows = sorted
    .slice(0, MAX_ROWS)
    .map(
      (s) => `<tr id="s-${esc(s.id)}">
<td><strong>${esc(s.label)}</strong> <span class="muted">(${esc(s.kind)})</span><div>${iriLink(s.entity)}</div><div class="muted">${esc([...s.organisations, ...s.sources].join(' · '))}</div></td>
<td><strong>${esc(s.name)}</strong><div>${iriLink(s.candidate)}</div>${s.description ? `<div class="muted">${esc(s.description)}</div>` : ''}</td>
<td>${esc(s.score)}</td>
<td><code>${esc(s.service)}</code><div class="muted">${esc(s.at)}</div></td>
<td class="${s.status === 'rejected' ? 'bad' : s.status === 'pending' ? '' : 'ok'}">${esc(s.status)}${s.decidedBy ? `<div class="muted">${esc(s.decidedBy)} ${esc(s.decidedAt ?? '')}</div>` : ''}</td>
<td>${s.status !== 'accepted' && s.status !== 'auto-accepted' ? decideForm(s, 'accept', options.token) : ''}${s.status !== 'rejected' ? decideForm(s, 'reject', options.token) : ''}</td>
</tr>`,
    )
    .join('\n');
  const confirm = options.decided ? `<p class="ok">Suggestion <code>${esc(options.decided.id)}</code> ${esc(options.decided.status)}.</p>` : '';
  const asked = options.asked
    ? `<p class="ok">Asked about ${esc(options.asked.asked)} entities: ${esc(options.asked.pending)} suggestion(s) pending, ${esc(options.asked.autoAccepted)} auto-accepted${options.asked.warnings ? `; <span class="bad">${esc(options.asked.warnings)} service(s) failed (the JSON answer names them)</span>` : ''}.</p>`
    : '';
  const pending = suggestions.filter((s) => s.status === 'pending').length;
  const body = `<h1>Suggested authority links</h1>
${confirm}${asked}
<p>${pending} pending of ${suggestions.length} suggestion(s) from other reconciliation services for agents and concepts without an authority link.
Accepting one publishes <code>owl:sameAs</code> from the entity to the candidate; a rejected candidate is not suggested again. <a href="/admin/links/review">Pairs to review</a>.</p>
<form method="post" action="/admin/links/suggestions/ask"><input type="hidden" name="token" value="${esc(options.token)}"><button type="submit">Ask the services now</button></form>
${suggestions.length > MAX_ROWS ? `<p class="muted">The first ${MAX_ROWS} shown, pending ones first; <code>?status=</code> narrows them, the JSON answer holds all.</p>` : ''}
${suggestions.length ? `<table><thead><tr><th>Entity</th><th>Candidate</th><th>Score</th><th>Service</th><th>Status</th><th>Decision</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>No suggestions.</p>'}`;
  return layout('Suggested authority links', body);
}
