/**
 * The parts of the report pages a museum's data manager acts on: the causes to fix (first the
 * ones that keep records from publication or affect most records), Europeana readiness at the top,
 * and the conformance figures a museum can move (records without violations, warnings apart).
 */
import { causeText, type Cause, type SourceKnowledge } from '../../reports/causes.js';
import type { ReportSummary } from '../../reports/report-model.js';
import type { MandatoryScore } from '../../reports/quality-score.js';
import type { Completeness } from '../../reports/completeness.js';
import { europeanaRuleWords } from '../../reports/europeana-words.js';
import type { TierCounts, TierNeed, TierPrediction } from '../../reports/europeana-tiers.js';
import type { Lang } from '../i18n/lang.js';
import { fill, type Messages } from '../i18n/messages.js';
import { esc } from './html.js';
import { breakable, cardsTable, fmtNum, fmtPct, safeUrl } from './report-parts.js';
import { PLAIN_NAMES, type PageNames } from './page-names.js';

/** Causes shown before "Other causes". */
export const FIRST_CAUSES = 5;

function causeCard(c: Cause, know: SourceKnowledge, lang: Lang, m: Messages, index: number, showSource: boolean, names: PageNames): string {
  const t = causeText(c, know, lang);
  const link = safeUrl(c.example.link);
  const example = `${link ? `<a href="${esc(link)}" rel="nofollow noopener" class="record-link">${breakable(c.example.recordId)}</a>` : `<span class="record-id">${breakable(c.example.recordId)}</span>`}`;
  const fields = c.sourceFields.length ? c.sourceFields.slice(0, 3).map((f) => `<code class="iri">${breakable(f.field)}</code>`).join('<br>') : `<span class="muted">${esc(m.noSourceField)}</span>`;
  const technical = [
    c.constraint ? `<code>${esc(c.kind)}</code>` : '',
    c.path ? `<code class="iri">${breakable(c.path.replace(/^<(.*)>$/, '$1'))}</code>` : '',
    ...c.rules.slice(0, 3).map((r) => `<code class="iri rule">${breakable(r)}</code>`),
  ]
    .filter(Boolean)
    .join(' · ');
  const where = t.where ? `<span class="where">${esc(t.where)} › </span>` : '';
  const meaning = t.meaning ? `<p class="meaning"><span class="muted">${esc(m.meaningLabel)}:</span> <span${t.meaningLang && t.meaningLang !== lang ? ` lang="${t.meaningLang}"` : ''}>${esc(t.meaning)}</span></p>` : '';
  const sev = c.rejected > 0 ? 'bad' : c.severity === 'Violation' ? 'violation' : 'warning';
  return `<li class="cause cause-${sev}" data-kind="${esc(c.kind)}" data-records="${c.records}" id="cause-${index + 1}">
<h4>${where}<strong class="field">${esc(t.field)}</strong>${showSource ? ` <span class="muted">(${esc(names.source(c.sourceId))})</span>` : ''}</h4>
<p class="affected"><strong>${esc(fill(m.affected, {}))}: ${c.records}</strong>${c.rejected ? ` · <span class="bad">${esc(fill(m.keptOutCount, { n: c.rejected }))}</span>` : ''}</p>
${meaning}<p class="fix">${esc(t.fix)}</p>
<dl><dt>${esc(m.sourceField)}</dt><dd>${fields}</dd><dt>${esc(m.example)}</dt><dd>${example}</dd></dl>
${c.freedAfter ? `<p class="muted freed">${esc(fill(m.freed, { n: c.freedAfter }))}</p>` : ''}
<details class="technical"><summary>${esc(m.technical)}</summary><p>${technical}</p></details></li>`;
}

/** The causes section: the first few to fix, the rest folded away. */
export function causesSection(causes: Cause[], knowledge: (sourceId: string) => SourceKnowledge, lang: Lang, m: Messages, options: { showSource?: boolean; csvHref?: string; heading?: 2 | 3; names?: PageNames } = {}): string {
  if (causes.length === 0) return '';
  const h = `h${options.heading ?? 2}`;
  const card = (c: Cause, i: number) => causeCard(c, knowledge(c.sourceId), lang, m, i, options.showSource ?? false, options.names ?? PLAIN_NAMES);
  const first = causes.slice(0, FIRST_CAUSES);
  const rest = causes.slice(FIRST_CAUSES);
  return `<section id="causes"><${h}>${esc(m.causes)}</${h}><p class="muted">${esc(m.causesIntro)}</p>${options.csvHref ? `<p class="downloads"><a href="${esc(options.csvHref)}" data-format="causes-csv">${esc(m.downloadCauses)}</a> · <a href="${esc(options.csvHref.replace('format=csv', 'format=xlsx'))}" data-format="causes-xlsx">${esc(m.downloadCausesXlsx)}</a></p>` : ''}
<h4 class="fix-first">${esc(m.fixFirst)}</h4><ol class="causes" id="fix-first">${first.map(card).join('')}</ol>
${rest.length ? `<details id="more-causes"><summary>${esc(fill(m.moreCauses, { n: rest.length }))}</summary><ol class="causes" start="${FIRST_CAUSES + 1}">${rest.map((c, i) => card(c, i + FIRST_CAUSES)).join('')}</ol></details>` : ''}</section>`;
}

/** What the Europeana check found for a set of records: how many, and the withheld ones' rules. */
export interface EuropeanaReadiness {
  total: number;
  withheld: { rule: string; records: number; example?: string }[];
  withheldRecords: number;
  error?: string;
  /** Predicted EPF tiers of the records whose EDM record could be built (a prediction, said so on the page). */
  tiers?: TierCounts;
  tierRecords?: { sourceId: string; recordId: string; organisation?: string; tiers: TierPrediction }[];
  /** The same counts per holding organisation (a source can carry several). */
  perOrganisation?: Record<string, TierCounts>;
}

/** Per-record rows shown in the folded tiers table (the counts above cover all). */
const TIER_ROWS = 200;

const needWords = (need: TierNeed['key'], m: Messages) => m[`tierNeed_${need}`];

/** The predicted tiers: counts per tier, what the next tier needs (most records first), per record folded away. */
/** Tier counts per organisation, when the records belong to several (an OAI-PMH set of two museums). */
function perOrganisationTiers(e: EuropeanaReadiness, lang: Lang, m: Messages, names: PageNames): string {
  const orgs = Object.entries(e.perOrganisation ?? {});
  if (orgs.length < 2) return '';
  const atLeast = (counts: Record<string, number>, tiers: string[]) => tiers.reduce((n, t) => n + (counts[t] ?? 0), 0);
  const rows = orgs.map(([name, t]) => [esc(names.organisation(name)), fmtNum(t.records, lang), fmtNum(atLeast(t.content, ['2', '3', '4']), lang), fmtNum(atLeast(t.metadata, ['B', 'C']), lang)]);
  return cardsTable('tiers-per-organisation', [m.organisation, m.tiersObjects, m.tiersContent2, m.tiersMetadataB], rows);
}

function tiersBlock(e: EuropeanaReadiness, lang: Lang, m: Messages, options: EuropeanaBoxOptions): string {
  const t = e.tiers;
  if (!t || t.records === 0) return '';
  const counts = (label: string, tiers: [string, number][], kind: string) =>
    `<p class="tier-counts" id="tiers-${kind}"><span>${esc(label)}:</span> ${tiers.map(([tier, n]) => `<span class="tier" data-tier="${tier}"><strong>${esc(tier)}</strong>: ${fmtNum(n, lang)}</span>`).join(' · ')}</p>`;
  const needs = t.needs
    .map((n) => `<li data-need="${n.kind}:${n.need}"><strong>${esc(fill(m.recordsCount, { n: fmtNum(n.records, lang) }))}</strong>: ${esc(needWords(n.need, m))} <span class="muted">(${esc(m.forExample)} ${breakable(n.example)})</span></li>`)
    .join('');
  const rows = (e.tierRecords ?? [])
    .slice(0, TIER_ROWS)
    .map((r) => `<tr><td>${breakable(r.recordId)}</td><td>${r.tiers.content}</td><td>${esc(r.tiers.metadata)}</td><td>${[...r.tiers.nextContent, ...r.tiers.nextMetadata].map((n) => esc(needWords(n.key, m))).join('; ')}</td></tr>`)
    .join('');
  // The counts stay in view; what raises them, per organisation and per record, is folded (the page's first job is what to fix).
  return `<div id="europeana-tiers"><p><strong>${esc(m.tiersHead)}</strong> <span class="muted">${esc(m.tiersNote)}</span></p>
${counts(m.tiersContent, Object.entries(t.content), 'content')}${counts(m.tiersMetadata, Object.entries(t.metadata), 'metadata')}
<details id="tiers-more"><summary>${esc(m.tiersNext)}</summary>${perOrganisationTiers(e, lang, m, options.names ?? PLAIN_NAMES)}
${needs ? `<ul id="tier-needs">${needs}</ul>` : ''}
${options.tiersCsv ? `<p class="downloads"><a href="${esc(options.tiersCsv)}" data-format="tiers-csv">${esc(m.downloadTiers)}</a></p>` : ''}${rows ? `<details id="tier-records"><summary>${esc(m.tiersRecords)}</summary><table><tr><th>${esc(m.record)}</th><th>${esc(m.content)}</th><th>${esc(m.metadata)}</th><th>${esc(m.tiersNext)}</th></tr>${rows}</table></details>` : ''}</details></div>`;
}

export interface EuropeanaBoxOptions {
  /** Where the per-record tiers download is. */
  tiersCsv?: string;
  names?: PageNames;
}

export function europeanaBox(e: EuropeanaReadiness | undefined, lang: Lang, m: Messages, options: EuropeanaBoxOptions = {}): string {
  if (!e) return '';
  if (e.error) return `<aside class="europeana" id="europeana"><strong>${esc(m.europeana)}</strong>: <span class="muted">${esc(fill(m.edmUnavailable, { message: e.error }))}</span></aside>`;
  if (e.total === 0) return `<aside class="europeana" id="europeana"><strong>${esc(m.europeana)}</strong>: ${esc(m.europeanaNone)}</aside>`;
  const ready = e.total - e.withheldRecords;
  const head = `<p><strong>${esc(m.europeana)}: ${esc(fill(m.europeanaReady, { ready, total: e.total }))}</strong>${e.withheldRecords ? ` · <span class="bad">${esc(fill(m.europeanaWithheld, { n: e.withheldRecords }))}</span>` : ''}</p>`;
  if (e.withheldRecords === 0) return `<aside class="europeana" id="europeana">${head}<p>${esc(m.europeanaAllReady)}</p>${tiersBlock(e, lang, m, options)}</aside>`;
  const why = e.withheld
    .map((w) => `<li data-rule="${esc(w.rule)}"><strong>${w.records}</strong>: ${esc(europeanaRuleWords(w.rule, lang))} <span class="muted">(<code>${esc(w.rule)}</code>${w.example ? `, ${esc(m.example.toLowerCase())} ${breakable(w.example)}` : ''})</span></li>`)
    .join('');
  return `<aside class="europeana" id="europeana">${head}<p>${esc(m.europeanaWhy)}:</p><ul>${why}</ul>${tiersBlock(e, lang, m, options)}</aside>`;
}

/** Beside the mandatory score: recommended fields present, and (organisations) the sector median. */
export interface MoreScores {
  recommended?: Completeness;
  /** Median over all organisations (null where no organisation has the score); no organisation is named. */
  sectorMedian?: { mandatory: number | null; recommended: number | null };
}

/** A decimal as the language writes it (`4,5` in Dutch). */
const fmtDecimal = (v: number, lang: Lang) => new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format(v);

/** The figures a museum can move: the scores (each saying what it counts), records without violations, and those with warnings only. */
export function conformanceNote(s: ReportSummary, warnedOnly: number, lang: Lang, m: Messages, mandatory?: MandatoryScore, more: MoreScores = {}): string {
  if (s.seen === 0) return '';
  const clean = Math.max(0, s.seen - s.nonConforming - s.errors);
  // Pairs checked are records × mandatory fields: say so when they divide evenly (one source's records).
  const fields = mandatory && mandatory.checked % s.seen === 0 ? mandatory.checked / s.seen : undefined;
  const detail = fields !== undefined ? fill(m.mandatoryFields, { fields: fmtNum(fields, lang), records: fmtNum(s.seen, lang) }) : fill(m.recordsN, { n: fmtNum(s.seen, lang) });
  const score =
    mandatory && mandatory.score !== null
      ? `<strong id="mandatory-score">${esc(fill(m.mandatoryScore, { pct: fmtPct(mandatory.score, lang), filled: fmtNum(mandatory.checked - mandatory.missing, lang), checked: fmtNum(mandatory.checked, lang), detail }))}</strong> `
      : '';
  const r = more.recommended;
  const recommended =
    r && r.score !== null && r.records > 0
      ? `<strong id="recommended-score">${esc(fill(m.recommendedScore, { pct: fmtPct(r.score, lang), average: fill(m.recommendedAverage, { avg: fmtDecimal(r.present / r.records, lang), fields: fmtNum(r.fields, lang) }) }))}</strong> `
      : '';
  const median = more.sectorMedian
    ? `<span id="sector-median">${esc(fill(m.sectorMedian, { mandatory: fmtPct(more.sectorMedian.mandatory, lang), recommended: fmtPct(more.sectorMedian.recommended, lang) }))}</span> `
    : '';
  const records = clean === 0 ? fill(m.conformanceNone, { seen: fmtNum(s.seen, lang) }) : fill(m.conformanceNote, { clean: fmtNum(clean, lang), seen: fmtNum(s.seen, lang), pct: fmtPct(s.conformance, lang) });
  const warned = warnedOnly > 0 ? ` ${fill(m.conformanceWarned, { warned: fmtNum(warnedOnly, lang) })}` : '';
  const policy = s.nonConforming > s.rejected ? ` ${m.conformancePolicy}` : '';
  return `<p class="conformance-note" id="conformance-note">${score}${recommended}${median}${esc(records + warned + policy)}</p>`;
}
