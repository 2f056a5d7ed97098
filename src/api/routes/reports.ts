/**
 * Conformance reports under /reports: all sources and organisations, one source's run history
 * (trend and latest run), one run, and one organisation across sources. HTML for people
 * (Dutch/English), JSON-LD (sh:ValidationReport with run metadata, as in the store's report
 * graph), Turtle, CSV (one row per result) and plain JSON, by Accept or `?format=`.
 */
import express, { type Request, type Response, type Router } from 'express';
import { recordsCovered } from '../../reports/carry-forward.js';
import { edmConformance, type EdmConformanceIssue } from '../../publication/edm/conformance.js';
import { EdmRecordBuilder } from '../../publication/edm/edm-record.js';
import { countTiers, tiersOfEdmXml, type TierNeed, type TierPrediction } from '../../reports/europeana-tiers.js';
import { slug } from '../../publication/edm/record-sets.js';
import { loadSuggestions, pendingOf } from '../../publication/matching/suggestions-graph.js';
import type { AppPorts } from '../../pipeline/ports.js';
import type { RunSummary } from '../../reports/run-summary.js';
import { HttpError } from '../http-errors.js';
import { pickLang, type Lang } from '../i18n/lang.js';
import { negotiate } from '../negotiation.js';
import { organisationPage, reportsIndexPage, runPage, sourcePage, type OrganisationOverview, type RunView, type SourceOverview } from '../pages/report-pages.js';
import { quadsToJsonLd, quadsToTurtle } from '../../reports/quads-jsonld.js';
import { causesToCsv, rowsToCsv, tiersToCsv, type CauseRow, type TierRow } from '../../reports/report-csv.js';
import { messages } from '../i18n/messages.js';
import { causesToXlsx } from '../../reports/causes-xlsx.js';
import { causesOf, causeText, explainer, valueWords, warnedOnly, type Cause, type SourceKnowledge } from '../../reports/causes.js';
import { sourceKnowledge } from '../../reports/source-knowledge.js';
import { combineScores, mandatoryScore, type MandatoryScore } from '../../reports/quality-score.js';
import { combineCompleteness, completeness, publishedRecordFields, type Completeness, type RecordFields } from '../../reports/completeness.js';
import { median } from '../../reports/sector-median.js';
import { scoreTrend, type ScoreInput, type ScorePoint } from '../../reports/score-trend.js';
import { resolve } from 'node:path';
import { organisationNameIn, sourceNameIn } from '../../config/names.js';
import type { PageNames } from '../pages/page-names.js';
import { listHeritageRecords } from '../../publication/edm/heritage-records.js';
import { inSet } from '../../publication/edm/record-sets.js';
import type { EuropeanaReadiness } from '../pages/report-causes.js';
import { filterRun, organisationReportDocument, runReportDocument, sourceReportDocument, withOrganisation } from '../../reports/report-documents.js';
import { conformanceOf, matchesConstraint, organisationsOf, rowsOf, summarise, summariseRows, type ReportRow } from '../../reports/report-model.js';

const FORMATS = {
  html: 'text/html',
  jsonld: 'application/ld+json',
  csv: 'text/csv',
  ttl: 'text/turtle',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof FORMATS;
const BY_TYPE = Object.fromEntries(Object.entries(FORMATS).map(([k, v]) => [v, k])) as Record<string, Format>;

/** `?format=` wins over Accept; HTML is the default for browsers and clients that accept anything. */
export function reportFormat(req: Request, offers: Format[] = ['html', 'jsonld', 'csv', 'ttl', 'json', 'xlsx']): Format {
  const asked = typeof req.query.format === 'string' ? req.query.format : undefined;
  if (asked !== undefined) {
    const format = (asked in FORMATS ? asked : BY_TYPE[asked]) as Format | undefined;
    if (!format || !offers.includes(format)) throw new HttpError(400, `Unknown report format "${asked}" (use ${offers.join(', ')})`);
    return format;
  }
  const type = negotiate(req.headers.accept, offers.map((f) => FORMATS[f]));
  if (!type) throw new HttpError(406, `Ask for one of ${offers.map((f) => FORMATS[f]).join(', ')}`);
  return BY_TYPE[type]!;
}

const langOf = (req: Request): Lang => pickLang(req.query.lang, req.headers['accept-language']);
const constraintOf = (req: Request) => (typeof req.query.constraint === 'string' && req.query.constraint.trim() ? req.query.constraint.trim() : undefined);

function filterRows(rows: ReportRow[], constraint: string | undefined): ReportRow[] {
  return constraint ? rows.filter((r) => matchesConstraint(r, constraint)) : rows;
}

function send(res: Response, format: Format, body: string, filename: string): void {
  res.vary('Accept').vary('Accept-Language');
  if (format === 'csv') res.set('Content-Disposition', `attachment; filename="${filename}.csv"`);
  res.type(`${FORMATS[format]}; charset=utf-8`).send(body);
}

export interface ReportsRouterOptions {
  /** Builds the EDM records whose problems the organisation reports list (shared with /oai). */
  edmBuilder?: EdmRecordBuilder;
}

/** Pending suggested authority links an organisation page lists (the count covers all). */
const SUGGESTIONS_SHOWN = 5;

export function createReportsRouter({ store, config, runs: history }: Pick<AppPorts, 'store' | 'config' | 'runs'>, options: ReportsRouterOptions = {}): Router {
  const router = express.Router();
  const base = config.hub.baseIri;
  // One builder (and its cache of built records) for the EDM checks and the tier predictions.
  const edmBuilder = options.edmBuilder ?? new EdmRecordBuilder(store, { provider: config.hub.aggregator ?? 'Culture LOD Hub' });

  /** Source and organisation names in the page's language (as configured, else as they are). */
  const namesIn = (lang: Lang): PageNames => ({ source: (id) => sourceNameIn(config, id, lang), organisation: (name) => organisationNameIn(config, name, lang) });
  /**
   * The run whose findings stand for a source now: the newest that read records. An incremental run
   * that found nothing changed reads none, and the records (and their problems) are as the run before left them.
   * A run that read or deleted any carries the findings of the others (reports/carry-forward.ts), so it stands for all.
   */
  const standingRun = (runs: RunSummary[]): RunSummary | undefined => [...runs].reverse().find((r) => r.seen > 0 || r.deleted > 0) ?? runs.at(-1);
  const overview = (id: string, lang: Lang = 'en'): SourceOverview => {
    const s = config.source(id);
    return { id: s.id, name: sourceNameIn(config, s.id, lang), organisation: s.organisation };
  };
  const fullRun = async (sourceId: string, runId?: string): Promise<RunSummary | undefined> => {
    const standing = runId ? undefined : standingRun(await history.runs(sourceId));
    const run = runId ? await history.run(sourceId, runId) : standing && (await history.run(sourceId, standing.runId).catch(() => standing));
    return run && withOrganisation(run, config.source(sourceId).organisation);
  };
  const knowledge = (sourceId: string): SourceKnowledge => {
    try {
      const s = config.source(sourceId);
      return sourceKnowledge(s.shapes.map((f) => resolve(config.baseDir, f)), resolve(config.baseDir, s.mapping));
    } catch {
      return { roots: [] };
    }
  };
  /** The causes download: one row per cause, in the page's words. */
  const causeRows = (causes: Cause[], lang: Lang): CauseRow[] =>
    causes.map((c) => {
      const t = causeText(c, knowledge(c.sourceId), lang);
      return { recordIds: c.recordIds, records: c.records, rejected: c.rejected, source: c.sourceId, sourceName: sourceNameIn(config, c.sourceId, lang), where: t.where, field: t.field, fix: t.fix, sourceField: c.sourceFields.map((f) => f.field).join(' | '), exampleRecord: c.example.recordId, exampleValue: valueWords(c.example.value, lang), constraint: c.constraint, path: c.path, rule: c.rules.join(' | ') };
    });
  const causesCsv = (causes: Cause[], lang: Lang) => causesToCsv(causeRows(causes, lang));
  const wantsCauses = (req: Request) => req.query.view === 'causes';
  /** The causes as a workbook (the only XLSX the reports offer: causes and their records). */
  const sendXlsx = async (res: Response, causes: Cause[], lang: Lang, filename: string, tiers?: TierRow[]) => {
    res.vary('Accept').vary('Accept-Language');
    res.set('Content-Disposition', `attachment; filename="${filename}.xlsx"`);
    res.type(FORMATS.xlsx).send(await causesToXlsx(causeRows(causes, lang), lang, tiers));
  };
  const wantsTiers = (req: Request) => req.query.view === 'tiers';
  const runView = (run: RunSummary, constraint: string | undefined, lang: Lang = 'en'): RunView => {
    const all = rowsOf(run);
    return {
      causes: causesOf(all, knowledge),
      knowledge,
      explain: explainer(all, knowledge, lang),
      warnedOnly: warnedOnly(all),
      mandatory: mandatoryScore(all, recordsCovered(run), knowledge(run.sourceId)),
      run,
      all,
      rows: filterRows(all, constraint),
      constraint,
      summary: summarise(run, all),
      organisations: organisationsOf(run).map((name) => ({ name, slug: slug(name), summary: summarise(run, all, name) })),
      names: namesIn(lang),
    };
  };

  /**
   * EDM conformance of an organisation's published records. Building EDM records takes seconds,
   * and only a harvest changes the answer, so it is kept per organisation until any source has a newer run.
   */
  const edmCache = new Map<string, Promise<EdmConformanceIssue[]>>();
  const edmIssues = async (orgSlugOrSet: string): Promise<EdmConformanceIssue[]> => {
    const orgSlug = orgSlugOrSet;
    const set = orgSlugOrSet.startsWith('source:') ? orgSlugOrSet : `org:${orgSlugOrSet}`;
    const runIds = await Promise.all(config.sources.map(async (s) => (await history.runs(s.id)).at(-1)?.runId ?? ''));
    const key = `${orgSlug}\n${runIds.join('\n')}`;
    let issues = edmCache.get(key);
    if (!issues) {
      for (const k of edmCache.keys()) if (k.startsWith(`${orgSlug}\n`)) edmCache.delete(k);
      if (edmCache.size >= 100) edmCache.clear();
      const organisationsBySource = Object.fromEntries(config.sources.map((s) => [s.id, s.organisation]));
      issues = edmConformance({ store, set, provider: config.hub.aggregator, organisations: organisationsBySource, builder: edmBuilder });
      issues.catch(() => edmCache.delete(key));
      edmCache.set(key, issues);
    }
    return issues;
  };

  /** Predicted tiers per record version (null: no EDM record to predict from). */
  const tierCache = new Map<string, TierPrediction | null>();
  /**
   * Europeana readiness of a set (`source:{id}` or `org:{slug}`): the published heritage records
   * and the withheld ones by rule. Kept with the EDM issues (same cache key: the sources' latest runs).
   */
  const readiness = async (set: string, orgSlug: string | undefined): Promise<EuropeanaReadiness> => {
    try {
      const organisationsBySource = Object.fromEntries(config.sources.map((s) => [s.id, s.organisation]));
      const refs = (await listHeritageRecords(store, { organisations: organisationsBySource })).filter((r) => !r.deleted && inSet(r, set));
      const issues = (await edmIssues(orgSlug ?? set)).filter((i) => inSet(i, set));
      const byRule = new Map<string, Set<string>>();
      const examples = new Map<string, string>();
      for (const i of issues) {
        let ids = byRule.get(i.rule);
        if (!ids) byRule.set(i.rule, (ids = new Set()));
        ids.add(`${i.sourceId}\n${i.recordId}`);
        if (!examples.has(i.rule)) examples.set(i.rule, i.recordId);
      }
      const withheld = [...byRule].map(([rule, ids]) => ({ rule, records: ids.size, example: examples.get(rule) })).sort((a, b) => b.records - a.records);
      // Predicted EPF tiers from the same EDM records (built once, kept by the builder).
      const tierRecords: NonNullable<EuropeanaReadiness['tierRecords']> = [];
      for (const r of await edmBuilder.build(refs)) {
        // Kept per record version: parsing every record's RDF/XML again on each page view adds up.
        const key = `${r.ref.graph}\n${r.ref.changed}\n${r.ref.contentHash ?? ''}`;
        let tiers = tierCache.get(key);
        if (tiers === undefined) {
          tiers = (await tiersOfEdmXml(r.xml, base).catch(() => undefined)) ?? null;
          if (tierCache.size >= 50_000) tierCache.clear();
          tierCache.set(key, tiers);
        }
        if (tiers) tierRecords.push({ sourceId: r.ref.sourceId, recordId: r.ref.recordId, organisation: r.ref.organisation, tiers });
      }
      tierRecords.sort((a, b) => a.tiers.content - b.tiers.content || a.tiers.metadata.localeCompare(b.tiers.metadata) || a.recordId.localeCompare(b.recordId));
      const byOrganisation = new Map<string, typeof tierRecords>();
      for (const r of tierRecords) if (r.organisation) (byOrganisation.get(r.organisation) ?? byOrganisation.set(r.organisation, []).get(r.organisation)!).push(r);
      const perOrganisation = Object.fromEntries([...byOrganisation].map(([name, records]) => [name, countTiers(records)]));
      return { total: refs.length, withheld, withheldRecords: new Set(issues.map((i) => `${i.sourceId}\n${i.recordId}`)).size, tiers: countTiers(tierRecords), tierRecords, perOrganisation };
    } catch (error) {
      return { total: 0, withheld: [], withheldRecords: 0, error: (error as Error).message };
    }
  };

  /** Each record's predicted tiers in the download's words (the Europeana tiers CSV and XLSX sheet). */
  const tierRows = (e: EuropeanaReadiness, lang: Lang): TierRow[] => {
    const m = messages(lang);
    const words = (needs: TierNeed[]) => needs.map((n) => m[`tierNeed_${n.key}`]).join('; ');
    return (e.tierRecords ?? []).map((r) => ({
      recordId: r.recordId,
      source: r.sourceId,
      sourceName: sourceNameIn(config, r.sourceId, lang),
      organisation: r.organisation && organisationNameIn(config, r.organisation, lang),
      contentTier: r.tiers.content,
      metadataTier: r.tiers.metadata,
      rights: r.tiers.rights,
      nextContent: words(r.tiers.nextContent),
      nextMetadata: words(r.tiers.nextMetadata),
    }));
  };
  /** Readiness in the JSON reports: counts (all, and per organisation), the withheld by rule, and each record's predicted tiers. */
  const europeanaJson = (e: EuropeanaReadiness) => ({
    total: e.total,
    withheldRecords: e.withheldRecords,
    withheld: e.withheld,
    ...(e.error ? { error: e.error } : {}),
    tiers: e.tiers,
    perOrganisation: e.perOrganisation,
    records: (e.tierRecords ?? []).map((r) => ({ sourceId: r.sourceId, recordId: r.recordId, organisation: r.organisation, ...r.tiers })),
  });

  /** Organisations named by the sources' latest runs (or their configuration), with their counts. */
  const organisations = async (): Promise<OrganisationOverview[]> => {
    const byName = new Map<string, OrganisationOverview & { errors: number }>();
    for (const s of config.sources) {
      const last = standingRun(await history.runs(s.id));
      const names = new Set([...Object.keys(last?.organisations ?? {}), ...(s.organisation ? [s.organisation] : [])]);
      for (const name of names) {
        let o = byName.get(name);
        if (!o) byName.set(name, (o = { name, slug: slug(name), sources: [], seen: 0, rejected: 0, nonConforming: 0, errors: 0, conformance: null }));
        o.sources.push(s.id);
        const c = last?.organisations?.[name];
        if (c) {
          o.seen += c.seen;
          o.rejected += c.rejected;
          o.nonConforming += c.nonConforming;
          o.errors += c.errors;
        }
      }
    }
    return [...byName.values()].map(({ errors, ...o }) => ({ ...o, conformance: conformanceOf({ seen: o.seen, errors, nonConforming: o.nonConforming }) })).sort((a, b) => a.name.localeCompare(b.name));
  };

  /** The published records' fields of a source, kept per latest run (only a run changes them). */
  const fieldsCache = new Map<string, Promise<RecordFields[]>>();
  const publishedFields = async (sourceId: string): Promise<RecordFields[]> => {
    const key = `${sourceId}\n${(await history.runs(sourceId)).at(-1)?.runId ?? ''}`;
    let fields = fieldsCache.get(key);
    if (!fields) {
      for (const k of fieldsCache.keys()) if (k.startsWith(`${sourceId}\n`)) fieldsCache.delete(k);
      fields = publishedRecordFields(store, base, sourceId);
      fields.catch(() => fieldsCache.delete(key));
      fieldsCache.set(key, fields);
    }
    return fields;
  };
  /** Recommended fields present in a source's published records (of one organisation when named). */
  const recommendedOf = async (sourceId: string, organisation?: string): Promise<Completeness | undefined> => {
    const know = knowledge(sourceId);
    if (!know.catalogue || know.roots.length === 0) return undefined;
    const own = config.source(sourceId).organisation;
    const records = (await publishedFields(sourceId)).filter((r) => !organisation || (r.organisation ?? own) === organisation);
    return completeness(records, know.catalogue.recommendedFieldsOf(know.roots).map((f) => f.path));
  };
  /** An organisation's two scores over its sources' latest runs. */
  const organisationScores = async (name: string, sources: string[]): Promise<{ mandatory: MandatoryScore; recommended: Completeness | undefined }> => {
    const mandatory: MandatoryScore[] = [];
    const recommended: Completeness[] = [];
    for (const id of sources) {
      const run = await fullRun(id);
      if (!run) continue;
      const own = filterRun(run, { organisation: name });
      mandatory.push(mandatoryScore(rowsOf(own), summarise(run, rowsOf(run), name).seen, knowledge(id)));
      const r = await recommendedOf(id, name).catch(() => undefined);
      if (r) recommended.push(r);
    }
    return { mandatory: combineScores(mandatory), recommended: recommended.length ? combineCompleteness(recommended) : undefined };
  };
  /** Every organisation's two scores (the overview's columns, and the sector median), kept until any source has a newer run. */
  const scoresCache = new Map<string, Promise<Map<string, { mandatory: number | null; recommended: number | null }>>>();
  const allOrganisationScores = async () => {
    const key = (await Promise.all(config.sources.map(async (s) => (await history.runs(s.id)).at(-1)?.runId ?? ''))).join('\n');
    let m = scoresCache.get(key);
    if (!m) {
      scoresCache.clear();
      m = (async () => {
        const out = new Map<string, { mandatory: number | null; recommended: number | null }>();
        for (const o of await organisations()) {
          const s = await organisationScores(o.name, o.sources);
          out.set(o.name, { mandatory: s.mandatory.score, recommended: s.recommended?.score ?? null });
        }
        return out;
      })();
      m.catch(() => scoresCache.delete(key));
      scoresCache.set(key, m);
    }
    return m;
  };
  /** The median of every organisation's scores; no organisation is named. */
  const sectorMedian = async () => {
    const scores = [...(await allOrganisationScores()).values()];
    return { mandatory: median(scores.map((s) => s.mandatory)), recommended: median(scores.map((s) => s.recommended)) };
  };

  /** Runs the score trend shows. */
  const TREND_RUNS = 30;
  /** The mandatory score of runs closed before scores were kept, from their detail (a run's results never change). */
  const runScores = new Map<string, number | null>();
  const scoreOverRuns = async (sourceId: string, runs: RunSummary[]): Promise<ScorePoint[]> => {
    const points: ScoreInput[] = [];
    // A run that read no records (an incremental run that found nothing changed) moves nothing: left out.
    for (const r of runs.filter((x) => x.seen > 0).slice(-TREND_RUNS)) {
      const at = r.finishedAt ?? r.startedAt;
      const counts = { records: r.seen, conforming: Math.max(0, r.seen - (r.nonConforming ?? 0) - r.errors) };
      // Kept at the run's close (RunSummary.scores): outlives the run's detail.
      if (r.scores) {
        points.push({ runId: r.runId, at, score: r.scores.mandatory.score, recommended: r.scores.recommended?.score ?? null, ...counts, ...(r.scores.tiers ? { tiers: r.scores.tiers } : {}) });
        continue;
      }
      const key = `${sourceId}\n${r.runId}`;
      let score = runScores.get(key);
      if (score === undefined) {
        const run = r.pruned ? undefined : await fullRun(sourceId, r.runId).catch(() => undefined);
        score = run && !run.pruned ? mandatoryScore(rowsOf(run), recordsCovered(run), knowledge(sourceId)).score : null;
        if (runScores.size >= 5000) runScores.clear();
        if (run && !run.pruned) runScores.set(key, score);
      }
      points.push({ runId: r.runId, at, score, recommended: null, ...counts });
    }
    return scoreTrend(points);
  };

  const firstCauses = new Map<string, { field: string; records: number } | null>();
  router.get('/reports', async (req, res, next) => {
    try {
      const format = reportFormat(req, ['html', 'json']);
      const lang = langOf(req);
      const sources = await Promise.all(config.sources.map(async (s) => ({ ...overview(s.id, lang), lastRun: standingRun(await history.runs(s.id)) })));
      const orgs = await organisations();
      const names = namesIn(lang);
      if (format === 'json') return void res.vary('Accept').vary('Accept-Language').json({ lang, sources: sources.map((s) => ({ ...s, ...(s.organisation ? { organisationName: names.organisation(s.organisation) } : {}) })), organisations: orgs.map((o) => ({ ...o, label: names.organisation(o.name) })) });
      // What to fix first per source: the first cause of its latest run (kept per run, as the run does not change).
      for (const s of sources) {
        const runId = s.lastRun?.runId;
        if (!runId) continue;
        const key = `${s.id}\n${runId}\n${lang}`;
        let first = firstCauses.get(key);
        if (first === undefined) {
          const run = await fullRun(s.id, runId);
          const cause = run ? causesOf(rowsOf(run), knowledge)[0] : undefined;
          const t = cause && causeText(cause, knowledge(s.id), lang);
          // A nested field names its node too (`dimensie › type`): "type" alone says little.
          const node = t?.where.includes(' › ') ? t.where.split(' › ').at(-1) : undefined;
          first = cause && t ? { field: node ? `${node} › ${t.field}` : t.field, records: cause.records } : null;
          if (firstCauses.size >= 200) firstCauses.clear();
          firstCauses.set(key, first);
        }
        if (first) (s as SourceOverview).firstCause = first;
      }
      // The score that moves: mandatory fields filled in the latest run, and its change since the run before.
      for (const s of sources as SourceOverview[]) {
        const points = await scoreOverRuns(s.id, await history.runs(s.id));
        s.mandatory = points.at(-1)?.score ?? null;
        s.mandatoryChange = points.at(-1)?.change ?? null;
      }
      const orgScores = await allOrganisationScores();
      for (const o of orgs) Object.assign(o, orgScores.get(o.name) ?? {});
      send(res, 'html', reportsIndexPage(sources, orgs, lang, names), 'reports');
    } catch (error) {
      next(error);
    }
  });

  router.get('/reports/organisations/:org', async (req, res, next) => {
    try {
      const format = reportFormat(req);
      const lang = langOf(req);
      const constraint = constraintOf(req);
      const org = (await organisations()).find((o) => o.slug === req.params.org || o.name === req.params.org);
      if (!org) throw new HttpError(404, `No organisation "${req.params.org}" in the sources' reports`);
      const perSource: { source: SourceOverview; run: RunSummary }[] = [];
      for (const id of org.sources) {
        const run = await fullRun(id);
        if (run) perSource.push({ source: overview(id, lang), run });
      }
      const own = perSource.map((p) => ({ ...p, run: filterRun(p.run, { organisation: org.name }) }));
      if (format === 'jsonld' || format === 'ttl') {
        const doc = organisationReportDocument(base, org.name, org.slug, own.map((p) => filterRun(p.run, { constraint })));
        return send(res, format, format === 'ttl' ? await quadsToTurtle(doc.quads) : JSON.stringify(quadsToJsonLd(doc.quads, [doc.root]), null, 1), org.slug);
      }
      const all = own.flatMap((p) => rowsOf(p.run));
      const rows = filterRows(all, constraint);
      if (format === 'csv' && wantsCauses(req)) return send(res, 'csv', causesCsv(causesOf(rows, knowledge), lang), `causes-${org.slug}`);
      if (format === 'csv' && wantsTiers(req)) return send(res, 'csv', tiersToCsv(tierRows(await readiness(`org:${org.slug}`, org.slug), lang)), `europeana-tiers-${org.slug}`);
      if (format === 'xlsx') return void (await sendXlsx(res, causesOf(rows, knowledge), lang, `causes-${org.slug}`, tierRows(await readiness(`org:${org.slug}`, org.slug), lang)));
      if (format === 'csv') return send(res, 'csv', rowsToCsv(rows, lang, namesIn(lang)), `report-${org.slug}`);
      const summaries = perSource.map((p) => ({ ...p, summary: summarise(p.run, rowsOf(p.run), org.name) }));
      const totals = summaries.reduce(
        (t, p) => ({ seen: t.seen + p.summary.seen, published: t.published + p.summary.published, rejected: t.rejected + p.summary.rejected, errors: t.errors + p.summary.errors, nonConforming: t.nonConforming + p.summary.nonConforming }),
        { seen: 0, published: 0, rejected: 0, errors: 0, nonConforming: 0 },
      );
      const summary = summariseRows(all, totals);
      let edm: { issues: EdmConformanceIssue[] } | { error: string };
      try {
        edm = { issues: await edmIssues(org.slug) };
      } catch (error) {
        edm = { error: (error as Error).message };
      }
      // Suggested authority links (issue 16, item 7): the pending ones of this organisation's entities.
      const pending = pendingOf(await loadSuggestions(store, base), org.name);
      const suggestions = { count: pending.length, first: pending.slice(0, SUGGESTIONS_SHOWN) };
      const scores = await organisationScores(org.name, org.sources);
      const more = { recommended: scores.recommended, sectorMedian: await sectorMedian() };
      if (format === 'json') return void res.vary('Accept').vary('Accept-Language').json({ organisation: org.name, label: namesIn(lang).organisation(org.name), lang, summary, sources: summaries.map((s) => ({ id: s.source.id, runId: s.run.runId, summary: s.summary })), rows, edm, suggestions, scores: { mandatory: scores.mandatory, recommended: scores.recommended, sectorMedian: more.sectorMedian }, europeana: europeanaJson(await readiness(`org:${org.slug}`, org.slug)) });
      const europeana = await readiness(`org:${org.slug}`, org.slug);
      send(
        res,
        'html',
        organisationPage({ name: org.name, slug: org.slug, summary, perSource: summaries, all, rows, constraint, edm, suggestions, causes: causesOf(all, knowledge), knowledge, explain: explainer(all, knowledge, lang), europeana, warnedOnly: warnedOnly(all), mandatory: scores.mandatory, more, names: namesIn(lang) }, lang),
        org.slug,
      );
    } catch (error) {
      next(error);
    }
  });

  const runRoute = (latestOnly: boolean) => async (req: Request, res: Response, next: (e?: unknown) => void) => {
    try {
      const format = reportFormat(req);
      const constraint = constraintOf(req);
      const sourceId = String(req.params.sourceId);
      const lang = langOf(req);
      const source = overview(sourceId, lang);
      const runs = await history.runs(sourceId);
      const run = await fullRun(sourceId, latestOnly ? undefined : String(req.params.runId));
      if (!run && format !== 'html') throw new HttpError(404, `Source "${sourceId}" has no runs yet`);
      // Every format of a pruned run says so: an empty CSV is not "no problems".
      if (run?.pruned) res.set('X-Report-Detail', `pruned ${run.pruned.at}`);
      if (format === 'jsonld' || format === 'ttl') {
        const narrowed = filterRun(run!, { constraint });
        const doc = latestOnly ? sourceReportDocument(base, narrowed, runs) : runReportDocument(base, narrowed);
        return send(res, format, format === 'ttl' ? await quadsToTurtle(doc.quads) : JSON.stringify(quadsToJsonLd(doc.quads, [doc.root]), null, 1), `${sourceId}-${run!.runId}`);
      }
      const view = run && runView(run, constraint, lang);
      if (format === 'csv' && wantsCauses(req)) return send(res, 'csv', causesCsv(view!.causes ?? [], lang), `causes-${sourceId}-${run!.runId}`);
      // The tiers are the published records' as the latest run left them: only the source's own page offers them.
      if (format === 'csv' && wantsTiers(req) && latestOnly) return send(res, 'csv', tiersToCsv(tierRows(await readiness(`source:${sourceId}`, `source:${sourceId}`), lang)), `europeana-tiers-${sourceId}`);
      if (format === 'xlsx') return void (await sendXlsx(res, view!.causes ?? [], lang, `causes-${sourceId}-${run!.runId}`, latestOnly ? tierRows(await readiness(`source:${sourceId}`, `source:${sourceId}`), lang) : undefined));
      if (format === 'csv') return send(res, 'csv', rowsToCsv(view!.rows, lang, namesIn(lang)), `report-${sourceId}-${run!.runId}`);
      if (format === 'json') {
        const { problems: _problems, ...meta } = run!;
        const scores = latestOnly ? { mandatory: view!.mandatory, recommended: await recommendedOf(sourceId).catch(() => undefined), trend: await scoreOverRuns(sourceId, runs) } : { mandatory: view!.mandatory };
        const europeana = latestOnly ? { europeana: europeanaJson(await readiness(`source:${sourceId}`, `source:${sourceId}`)) } : {};
        return void res.vary('Accept').vary('Accept-Language').json({ lang, source, run: meta, history: latestOnly ? runs.map(({ problems: _p, ...r }) => r) : undefined, summary: view!.summary, organisations: view!.organisations.map(({ name, slug: s, summary }) => ({ name, label: namesIn(lang).organisation(name), slug: s, summary })), rows: view!.rows, causes: view!.causes, scores, ...europeana });
      }
      if (view && latestOnly) view.europeana = await readiness(`source:${sourceId}`, `source:${sourceId}`);
      if (view && latestOnly) view.more = { recommended: await recommendedOf(sourceId).catch(() => undefined) };
      if (view && latestOnly) view.trend = await scoreOverRuns(sourceId, runs);
      send(res, 'html', latestOnly ? sourcePage(source, runs, view, lang) : runPage(source.name, view!, lang), sourceId);
    } catch (error) {
      next(error);
    }
  };
  router.get('/reports/:sourceId', runRoute(true));
  router.get('/reports/:sourceId/:runId', runRoute(false));
  return router;
}
