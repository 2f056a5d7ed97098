/** What one harvest run of one source did; kept in the state file and shown by `hub sources`. */
import { randomUUID } from 'node:crypto';
import type { ValidationResult } from '../validation/validator.js';

export interface RecordProblem {
  recordId: string;
  stage: 'harvest' | 'mapping' | 'validation' | 'store';
  message: string;
  link?: string;
  /** The record's holding organisation (RawRecord.meta.organisation, else the source's), for per-organisation reports. */
  organisation?: string;
  /** Validation results (for stage validation), each with the mapping rule behind the offending triple. */
  results?: (ValidationResult & { rule?: string })[];
  /** Whether the record was kept out of the store. */
  rejected: boolean;
  /** Set when a later run did not read the record again: the run that read it and found this (reports/carry-forward.ts). */
  carriedFrom?: string;
}

/** Record counts of one organisation within a run (sources such as OAI-PMH sets carry several). */
export interface OrganisationCounts {
  seen: number;
  published: number;
  rejected: number;
  /** Records with at least one sh:Violation (rejected or, under policy warn, published). */
  nonConforming: number;
  errors: number;
}

/** What a run's listing of the source's complete current set came to (deletes by difference, docs/data-model.md). */
export interface ListingOutcome {
  /** The run went through the source's complete current set. */
  complete: boolean;
  /** Why it could not (then no record was deleted by difference). */
  reason?: string;
  /** Published records the listing did not mention, deleted (also counted in the run's `deleted`). */
  deleted?: number;
}

/**
 * What a run, or one batch of it, counted: the one counting both run modes share (steps/count.ts).
 * A distributed run adds its batches' counts up in Redis.
 */
export interface RunCounts {
  seen: number;
  /** Records that passed (the store holds them as this run saw them), the unchanged ones included. */
  published: number;
  /** Of the published, those the store already held as they are: not written again, no new version (steps/unchanged.ts). */
  unchanged: number;
  rejected: number;
  deleted: number;
  errors: number;
  warnings: number;
  /** Records with at least one sh:Violation (rejected or, under policy warn, published). */
  nonConforming: number;
  /** Counts per holding organisation (records without one are not counted here). */
  organisations: Record<string, OrganisationCounts>;
}

export const emptyCounts = (): RunCounts => ({ seen: 0, published: 0, unchanged: 0, rejected: 0, deleted: 0, errors: 0, warnings: 0, nonConforming: 0, organisations: {} });

export const emptyOrganisationCounts = (): OrganisationCounts => ({ seen: 0, published: 0, rejected: 0, nonConforming: 0, errors: 0 });

/** A run's summary: its counts (the two added later may be absent in older runs), pages and outcome. */
export interface RunSummary extends Omit<RunCounts, 'nonConforming' | 'organisations' | 'unchanged'> {
  runId: string;
  sourceId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'completed' | 'failed';
  full: boolean;
  pages: number;
  retries: number;
  /** Records with at least one sh:Violation (rejected or, under policy warn, published); absent in older runs. */
  nonConforming?: number;
  /** Published records the store already held as they are (not written again); absent in older runs. */
  unchanged?: number;
  /** Counts per holding organisation (records without one are not counted here); absent in older runs. */
  organisations?: Record<string, OrganisationCounts>;
  /** Set when the run listed the source's complete current set, or meant to and could not. */
  listing?: ListingOutcome;
  /** Set when the run failed: why. */
  failure?: string;
  /** Set once the run's per-result detail was pruned (hub.reports.keepDetailRuns); `problems` is then empty. */
  pruned?: PrunedDetail;
  /** Set when the run's report carries the findings of records it did not read again (reports/carry-forward.ts). */
  carried?: CarriedFindings;
  /** The run's scores as they stood at its close, kept with its summary so the trend outlives the detail. */
  scores?: RunScores;
  problems: RecordProblem[];
}

/** What a run's report carried forward from earlier runs. */
export interface CarriedFindings {
  /** Records not read again whose findings were carried, and the problems carried for them. */
  records: number;
  problems: number;
  /** The oldest run a carried finding comes from. */
  since: string;
  /** The source's current records the report covers: published ones and those kept out with a finding (absent: not counted). */
  current?: number;
}

/** Severity counts and the most violated constraints of a run's results (or of one organisation's). */
export interface ResultFigures {
  violations: number;
  warnings: number;
  infos: number;
  top: { constraint: string; path?: string; results: number; records: number }[];
}

/**
 * A run's scores at its close (pipeline/steps/run-scores.ts), small enough to keep with every run
 * summary: the score over runs reads them after the run's detail was pruned.
 */
export interface RunScores {
  /** Mandatory fields of the records' main class filled: record × field pairs checked and missing, share 0–100. */
  mandatory: { checked: number; missing: number; score: number | null };
  /** Recommended fields present in the source's published records after the run (absent: the shapes name none). */
  recommended?: { records: number; present: number; checked: number; score: number | null };
  /** Predicted Europeana tiers of the source's published heritage objects after the run (absent: none, or too many to predict at close). */
  tiers?: { records: number; content: Record<string, number>; metadata: Record<string, number> };
  /** Records seen, and of them those with no violation and no error. */
  records: number;
  conforming: number;
}

/**
 * What a run's detail came to before it was pruned, so its report page still shows its figures
 * (and says that the detail is gone rather than showing no problems).
 */
export interface PrunedDetail {
  /** When the detail was pruned. */
  at: string;
  /** sh:conforms of the full report (false when any record had a validation result). */
  conforms: boolean;
  /** Rows the detail held: validation results plus mapping/harvest problems. */
  rows: number;
  figures: ResultFigures;
  /** The same per organisation named by the run. */
  organisations: Record<string, ResultFigures>;
}

/**
 * A sortable, unique run id: UTC timestamp to the millisecond plus a random tail. Report retention
 * orders runs by id; ids of the older form (to the second, `20260101T120000-…`) still sort before
 * later ones, since '-' sorts before any digit.
 */
export function newRunId(): string {
  return `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 18)}-${randomUUID().slice(0, 8)}`;
}
