/**
 * The push into UiTdatabank as HTML: the report table (per event its state, UiTdatabank id and
 * workflow state, refusals in plain words: which field, what to change in the source) shared by
 * the sources page and /admin/push/:source, and the admin page with the dry run (what a push
 * would send, field by field) and a form to push now. No script; every text is escaped.
 */
import type { PushReport } from '../../pipeline/push/push-report.js';
import type { PushPlan } from '../../pipeline/push/push-source.js';
import { problemLines } from '../../pipeline/push/push-problems.js';
import { changeLine } from '../../pipeline/push/push-text.js';
import { esc, layout } from './html.js';

const WORKFLOW: Record<string, string> = {
  DRAFT: 'draft (not published)',
  READY_FOR_VALIDATION: 'ready for validation',
  APPROVED: 'approved (published)',
  REJECTED: 'rejected by UiTdatabank',
  DELETED: 'deleted',
};

const link = (url: string | undefined, text: string) => (url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}"><code>${esc(text)}</code></a>` : `<code>${esc(text)}</code>`);

function problemCell(problem: PushReport['items'][number]['problem']): string {
  if (!problem) return '';
  const [head, ...fields] = problemLines(problem);
  return `<div class="${problem.retried ? 'muted' : 'bad'}">${esc(head)}</div>${fields.length ? `<ul>${fields.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` : ''}`;
}

/** The push report as a section: counts, then one row per event (refused and failed first). */
export function pushReportSection(report: PushReport | undefined, options: { title?: string } = {}): string {
  const title = `<h2>${esc(options.title ?? 'Push into UiTdatabank')}</h2>`;
  if (!report) return `${title}<p class="muted">Not pushed yet.</p>`;
  const c = report.counts;
  const order = { refused: 0, failed: 1, created: 2, linked: 3, updated: 4, unchanged: 5, deleted: 6 };
  const rows = [...report.items]
    .sort((a, b) => order[a.state] - order[b.state] || (a.recordId < b.recordId ? -1 : 1))
    .map(
      (i) => `<tr><td>${esc(i.label ?? '')}<div class="muted"><code>${esc(i.recordId)}</code></div></td>
<td class="${i.state === 'refused' || i.state === 'failed' ? 'bad' : 'ok'}">${esc(i.state)}</td>
<td>${i.uitId ? link(i.url, i.uitId) : '—'}</td><td>${esc(i.workflowStatus ? (WORKFLOW[i.workflowStatus] ?? i.workflowStatus) : '—')}</td>
<td>${i.state === 'refused' || i.state === 'failed' ? problemCell(i.problem) : ''}</td></tr>`,
    )
    .join('\n');
  return `${title}
<p>Last push ${esc(report.finishedAt)}: ${esc(c.created)} created, ${esc(c.linked)} linked, ${esc(c.updated)} updated, ${esc(c.unchanged)} unchanged, ${esc(c.deleted)} deleted, <span class="${c.refused ? 'bad' : ''}">${esc(c.refused)} refused</span>, <span class="${c.failed ? 'bad' : ''}">${esc(c.failed)} failed</span> (failed ones are tried again at the next push).</p>
${report.failure ? `<p class="bad">The push stopped: ${esc(report.failure)}</p>` : ''}
${report.items.length ? `<table><thead><tr><th>Event</th><th>State</th><th>UiTdatabank id</th><th>Workflow</th><th>What to change</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : ''}`;
}

function planSection(plan: PushPlan): string {
  const c = plan.counts;
  const rows = plan.items
    .filter((i) => i.action !== 'unchanged')
    .map(
      (i) => `<tr><td>${esc(i.label ?? '')}<div class="muted"><code>${esc(i.recordId)}</code></div></td><td>${esc(i.action)}${i.uitId ? `<div class="muted"><code>${esc(i.uitId)}</code></div>` : ''}</td>
<td>${i.note ? `<div class="muted">${esc(i.note)}</div>` : ''}<ul>${i.changes.map((ch) => `<li><code>${esc(changeLine(ch))}</code></li>`).join('')}</ul>${i.updates.length ? `<div class="muted">sends ${esc(i.updates.map((u) => `${u.method} ${u.path || '(whole event)'}`).join(', '))}</div>` : ''}${i.creates?.length ? `<div class="muted">creates first: ${esc(i.creates.join(', '))}</div>` : ''}${problemCell(i.problem)}</td></tr>`,
    )
    .join('\n');
  return `<h2>What a push would send now (dry run)</h2>
<p>${esc(c.create)} to create, ${esc(c.link)} to link, ${esc(c.update)} to update, ${esc(c.delete)} to delete, ${esc(c.unchanged)} unchanged, ${esc(c.refuse)} refused.</p>
${plan.failure ? `<p class="bad">The dry run stopped: ${esc(plan.failure)}</p>` : ''}
${rows ? `<table><thead><tr><th>Event</th><th>Action</th><th>Field-level changes</th></tr></thead><tbody>\n${rows}\n</tbody></table>` : '<p>Nothing to send.</p>'}`;
}

export function pushAdminPage(sourceId: string, plan: PushPlan, report: PushReport | undefined, options: { token: string; pushed?: boolean }): string {
  const body = `<h1>Push ${esc(sourceId)} into UiTdatabank</h1>
${options.pushed ? '<p class="ok">Pushed; the report below is this push.</p>' : ''}
<form method="post" action="/admin/push/${encodeURIComponent(sourceId)}"><input type="hidden" name="token" value="${esc(options.token)}"><button type="submit">Push now</button></form>
${planSection(plan)}
${pushReportSection(report, { title: 'Last push' })}`;
  return layout(`Push ${sourceId} into UiTdatabank`, body);
}
