/**
 * The run's scores at its close (reports/run-scores.ts): mandatory fields from its results,
 * recommended fields and predicted Europeana tiers from the source's records as the run left them
 * in the store. Never fails the run: a score that cannot be read is left out.
 */
import { resolve } from 'node:path';
import type { SourceConfig } from '../../config/schema.js';
import { EdmRecordBuilder } from '../../publication/edm/edm-record.js';
import { DEFAULT_HERITAGE_ENTITY_TYPES, listHeritageRecords } from '../../publication/edm/heritage-records.js';
import { publishedRecordFields } from '../../reports/completeness.js';
import { countTiers, tiersOfEdmXml, type TierCounts, type TierPrediction } from '../../reports/europeana-tiers.js';
import { withOrganisation } from '../../reports/report-documents.js';
import { MAX_TIER_RECORDS_AT_CLOSE, runScoresOf } from '../../reports/run-scores.js';
import type { RunScores, RunSummary } from '../../reports/run-summary.js';
import { sourceKnowledge } from '../../reports/source-knowledge.js';
import type { StoreReader } from '../../store/store.js';

export interface RunScoreDeps {
  store: StoreReader;
  baseIri: string;
  /** edm:provider of the EDM records the tiers are predicted from. */
  aggregator?: string;
  /** The configuration's folder (the sources' shapes and mapping paths are relative to it). */
  baseDir: string;
  sources: SourceConfig[];
}

async function tiersOf(deps: RunScoreDeps, source: SourceConfig): Promise<TierCounts | undefined> {
  if (!DEFAULT_HERITAGE_ENTITY_TYPES.includes(source.entityType)) return undefined;
  const organisations = Object.fromEntries(deps.sources.map((s) => [s.id, s.organisation]));
  const refs = (await listHeritageRecords(deps.store, { organisations })).filter((r) => !r.deleted && r.sourceId === source.id);
  if (refs.length === 0 || refs.length > MAX_TIER_RECORDS_AT_CLOSE) return undefined;
  const builder = new EdmRecordBuilder(deps.store, { provider: deps.aggregator ?? 'Culture LOD Hub' });
  const records: { recordId: string; tiers: TierPrediction }[] = [];
  for (const r of await builder.build(refs)) {
    const tiers = await tiersOfEdmXml(r.xml, deps.baseIri).catch(() => undefined);
    if (tiers) records.push({ recordId: r.ref.recordId, tiers });
  }
  return countTiers(records);
}

export async function scoresAtClose(deps: RunScoreDeps, run: RunSummary): Promise<RunScores | undefined> {
  const source = deps.sources.find((s) => s.id === run.sourceId);
  if (!source) return undefined;
  const knowledge = sourceKnowledge(source.shapes.map((f) => resolve(deps.baseDir, f)), resolve(deps.baseDir, source.mapping));
  const published = await publishedRecordFields(deps.store, deps.baseIri, source.id).catch(() => undefined);
  const tiers = await tiersOf(deps, source).catch(() => undefined);
  return runScoresOf({ run: withOrganisation(run, source.organisation), knowledge, published, tiers });
}
