/**
 * The dry run and the push report as plain text, for `hub push uitdatabank` (one event a block:
 * what would be or was done, field-level diffs, refusals in plain words).
 */
import type { FieldChange } from '../../publication/push/contract.js';
import { problemLines } from './push-problems.js';
import type { PushReport } from './push-report.js';
import type { PushPlan } from './push-source.js';

const MAX = 100;
const show = (v: unknown): string => {
  if (v === undefined) return '(none)';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
};

export function changeLine(c: FieldChange): string {
  if (c.before === undefined) return `+ ${c.path}: ${show(c.after)}`;
  if (c.after === undefined) return `- ${c.path}: ${show(c.before)}`;
  return `~ ${c.path}: ${show(c.before)} → ${show(c.after)}`;
}

const VERB: Record<PushPlan['items'][number]['action'], string> = { create: 'create', link: 'link', update: 'update', unchanged: 'unchanged', delete: 'delete', refuse: 'refused' };

export function planText(plan: PushPlan): string {
  const c = plan.counts;
  const lines = [
    `Dry run: ${plan.sourceId} → UiTdatabank (nothing sent)`,
    `${c.create} to create, ${c.link} to link, ${c.update} to update, ${c.delete} to delete, ${c.unchanged} unchanged, ${c.refuse} refused`,
  ];
  if (plan.failure) lines.push(`Stopped: ${plan.failure}`);
  for (const i of plan.items) {
    if (i.action === 'unchanged') continue;
    lines.push('', `${VERB[i.action].padEnd(9)} ${i.recordId}${i.label ? `  ${i.label}` : ''}${i.uitId ? `  (UiTdatabank ${i.uitId})` : ''}`);
    if (i.note) lines.push(`          ${i.note}`);
    for (const ch of i.changes) lines.push(`          ${changeLine(ch)}`);
    if (i.updates.length) lines.push(`          sends ${i.updates.map((u) => `${u.method} ${u.path || '(whole event)'}`).join(', ')}`);
    if (i.creates?.length) lines.push(`          creates first: ${i.creates.join(', ')}`);
    if (i.problem) for (const l of problemLines(i.problem)) lines.push(`          ${l}`);
  }
  return `${lines.join('\n')}\n`;
}

export function reportText(report: PushReport): string {
  const c = report.counts;
  const lines = [
    `Pushed ${report.sourceId} → UiTdatabank, ${report.finishedAt}: ${c.created} created, ${c.linked} linked, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted, ${c.refused} refused, ${c.failed} failed`,
  ];
  if (report.failure) lines.push(`Stopped: ${report.failure}`);
  for (const p of report.participants) lines.push(`${p.state} ${p.kind === 'places' ? 'place' : 'organizer'} "${p.name ?? p.key}"${p.uitId ? ` (UiTdatabank ${p.uitId})` : ''}`);
  for (const i of report.items) {
    lines.push(`${i.state.padEnd(9)} ${i.recordId}${i.label ? `  ${i.label}` : ''}${i.uitId ? `  ${i.uitId}` : ''}${i.workflowStatus ? `  ${i.workflowStatus}` : ''}`);
    if (i.problem && (i.state === 'refused' || i.state === 'failed')) for (const l of problemLines(i.problem)) lines.push(`          ${l}`);
  }
  return `${lines.join('\n')}\n`;
}
