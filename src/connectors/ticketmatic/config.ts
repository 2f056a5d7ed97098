/** Settings of the Ticketmatic connector (`type: ticketmatic`). Only public event data is harvested. */
import { z } from 'zod';
import { HttpSettingsShape } from '../http/http-settings.js';
import { RecordLimitsShape } from '../record-limits.js';

export const TicketmaticConfigSchema = z
  .object({
    type: z.literal('ticketmatic').default('ticketmatic').describe('Connector type (the whole connector: block is checked by this schema)'),
    baseUrl: z.string().url().default('https://apps.ticketmatic.com/api/1').describe('API root without the account name'),
    account: z.string().min(1).describe('Ticketmatic account (short) name, the path segment after /api/1/'),
    accessKey: z.string().min(1).describe('API access key; write ${TICKETMATIC_ACCESS_KEY}'),
    secretKey: z.string().min(1).describe('API secret key used to sign requests (HMAC-SHA256); write ${TICKETMATIC_SECRET_KEY}'),
    incremental: z
      .enum(['eventstream', 'lastupdatesince'])
      .default('eventstream')
      .describe('eventstream: follow the change feed (sees deletes); lastupdatesince: re-list events changed since the last run (no deletes)'),
    pageSize: z.number().int().min(1).max(1000).default(100).describe('Events per /events request (limit)'),
    overlapSeconds: z
      .number().int().min(0).default(300)
      .describe('Start lastupdatesince, and the change-feed catch-up after a listing, this many seconds early to absorb clock skew'),
    pageRetries: z.number().int().min(0).max(10).default(2).describe('Extra fetches of a response whose JSON is unreadable before failing'),
    ...HttpSettingsShape,
    ...RecordLimitsShape,
  })
  .strict();

export type TicketmaticConfig = z.output<typeof TicketmaticConfigSchema>;
