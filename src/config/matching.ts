/**
 * `hub.matching`: the score thresholds of entity matching per type (issue 16, docs/matching-quality.md).
 * At or above `match` two records are one entity; at or above `review` the pair waits for a curator.
 */
import { z } from 'zod';
import { MatchingExternalShape } from './matching-external.js';

/** Tuned on test/fixtures/matching/pairs (npm run eval:reconcile). */
export const defaultThresholds = {
  activiteit: { match: 0.85, review: 0.6 },
  plaats: { match: 0.85, review: 0.6 },
  agent: { match: 0.85, review: 0.6 },
  concept: { match: 0.85, review: 0.6 },
} as const;

const thresholds = (defaults: { match: number; review: number }) =>
  z
    .object({
      match: z.number().min(0).max(1).default(defaults.match).describe('Score at or above which two records are linked as one entity'),
      review: z.number().min(0).max(1).default(defaults.review).describe('Score at or above which a pair waits for a curator'),
    })
    .strict()
    .refine((t) => t.review <= t.match, { message: 'review must not be above match', path: ['review'] })
    .default({});

export const MatchingSettingsSchema = z
  .object({
    activiteit: thresholds(defaultThresholds.activiteit).describe('Thresholds for activities (events)'),
    plaats: thresholds(defaultThresholds.plaats).describe('Thresholds for places and venues'),
    agent: thresholds(defaultThresholds.agent).describe('Thresholds for persons and organisations'),
    concept: thresholds(defaultThresholds.concept).describe('Thresholds for concepts'),
    ...MatchingExternalShape,
  })
  .strict()
  .default({})
  .describe('Entity matching across sources: score thresholds per type (docs/matching-quality.md) and other reconciliation services to ask (externalServices)');

export type MatchingSettings = z.output<typeof MatchingSettingsSchema>;
