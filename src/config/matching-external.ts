/**
 * `hub.matching.externalServices`: other Reconciliation Service API 0.2 endpoints (a term
 * network, Wikidata's service) the hub asks about its agents and concepts that carry no authority
 * link (issue 16, item 7). Their answers are suggestions for a curator; only a candidate at or
 * above `autoAcceptScore`, and alone there, is written without one. Kept in its own file so the
 * matching thresholds can sit beside it in `hub.matching`: spread `MatchingExternalShape` in.
 */
import { z } from 'zod';

export const ExternalReconciliationServiceSchema = z
  .object({
    url: z.string().url().describe('The service URL (GET gives its manifest, POST queries= reconciles)'),
    types: z.array(z.enum(['agent', 'concept'])).min(1).describe('Which of the hub’s entities to ask it about: agent, concept'),
    /** The service's own type id per kind, sent as each query's `type`. @defaultValue none: queries without a type */
    typeIds: z
      .object({ agent: z.string().optional(), concept: z.string().optional() })
      .strict()
      .default({})
      .describe('The service’s type id per kind (Wikidata: agent Q5); absent: queries without a type'),
    /** Score, on the service's own scale, at or above which a lone best candidate is accepted without a curator. @defaultValue none: a curator decides every one */
    autoAcceptScore: z.number().min(0).optional().describe('Score (the service’s scale, often 0–100) from which a lone best candidate is accepted without a curator'),
    /** Property ids the service knows for life dates. @defaultValue Wikidata's P569 / P570 */
    birthProperty: z.string().default('P569').describe('The service’s property id for a date of birth (Wikidata P569)'),
    deathProperty: z.string().default('P570').describe('The service’s property id for a date of death (Wikidata P570)'),
    /** Candidates asked per entity. @defaultValue 3 */
    limit: z.number().int().min(1).max(25).default(3).describe('Candidates asked per entity'),
    /** Queries per request. @defaultValue 10 */
    batchSize: z.number().int().min(1).max(100).default(10).describe('Queries per request'),
    timeoutMs: z.number().int().positive().default(30000).describe('Per-request timeout in milliseconds'),
    maxAttempts: z.number().int().min(1).max(20).default(5).describe('Attempts per request, the first included (429 and 5xx are retried)'),
  })
  .strict();

export type ExternalReconciliationService = z.infer<typeof ExternalReconciliationServiceSchema>;

/** Spread into `hub.matching`'s object. */
export const MatchingExternalShape = {
  externalServices: z
    .array(ExternalReconciliationServiceSchema)
    .default([])
    .describe('Other reconciliation services asked about agents and concepts without an authority link; answers become suggestions'),
};
