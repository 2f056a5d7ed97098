/** Settings of the UiTdatabank Search API v3 connector (`type: uitdatabank`). */
import { z } from 'zod';
import { HttpSettingsShape } from '../http/http-settings.js';
import { RecordLimitsShape } from '../record-limits.js';

export const UitEntitySchema = z.enum(['events', 'places', 'organizers']);
export type UitEntity = z.infer<typeof UitEntitySchema>;

export const UitdatabankConfigSchema = z
  .object({
    type: z.literal('uitdatabank').default('uitdatabank').describe('Connector type (the whole connector: block is checked by this schema)'),
    baseUrl: z.string().url().default('https://search.uitdatabank.be').describe('Search API v3 base URL (test: https://search-test.uitdatabank.be)'),
    clientId: z.string().min(1).describe('Client id from publiq platform, sent as x-client-id; write ${UITDATABANK_CLIENT_ID}'),
    entities: z.array(UitEntitySchema).min(1).default(['events', 'places', 'organizers']).describe('Which endpoints to harvest, in this order'),
    pageSize: z.number().int().min(1).max(2000).default(500).describe('Documents per request (`limit`, the API allows at most 2000)'),
    maxStart: z.number().int().min(0).default(10000).describe('Highest `start` the API accepts (documented: 10000)'),
    query: z
      .record(z.string())
      .default({})
      .describe('Extra Search API parameters that scope the source, e.g. {"regions": "nis-44021-Z"} or {"q": "labels:museumpassmusees"}'),
    publishedStatuses: z
      .object({
        offers: z.array(z.string()).default(['APPROVED', 'READY_FOR_VALIDATION']),
        organizers: z.array(z.string()).default(['ACTIVE']),
      })
      .default({})
      .describe('workflowStatus values that are published; the others harvested (REJECTED, DELETED) become deletes'),
    withdrawnStatuses: z
      .object({
        offers: z.array(z.string()).default(['REJECTED', 'DELETED']),
        organizers: z.array(z.string()).default(['DELETED']),
      })
      .default({})
      .describe('workflowStatus values that withdraw a document (yielded as deletes); DRAFT is never asked for'),
    pageRetries: z.number().int().min(0).max(10).default(2).describe('Extra fetches of a page whose JSON is unreadable before failing'),
    ...HttpSettingsShape,
    ...RecordLimitsShape,
  })
  .strict();

export type UitdatabankConfig = z.output<typeof UitdatabankConfigSchema>;
