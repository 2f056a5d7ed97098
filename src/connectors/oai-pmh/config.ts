/** Settings of the OAI-PMH connector (the `connector:` block of a source with `type: oai-pmh`). */
import { z } from 'zod';
import { HttpSettingsShape } from '../http/http-settings.js';
import { RecordLimitsShape } from '../record-limits.js';

export const OaiPmhConfigSchema = z
  .object({
    type: z.literal('oai-pmh').default('oai-pmh').describe('Connector type (the whole connector: block is checked by this schema)'),
    baseUrl: z.string().url().describe('Base URL of the OAI-PMH repository, e.g. https://datahub.vlaamsekunstcollectie.be/oai/'),
    metadataPrefix: z.string().min(1).default('oai_dc').describe('Metadata format to harvest: oai_lido, oai_dc, mets, mediahaven...'),
    set: z.string().optional().describe('Harvest only this setSpec'),
    until: z
      .string()
      .refine((v) => !Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)), 'not a date (ISO 8601 or YYYY-MM-DD)')
      .optional()
      .describe("Upper datestamp bound of every ListRecords (a frozen period), sent in the repository's granularity; the next run starts there"),
    username: z.string().optional().describe('HTTP Basic user (meemoo); write ${ENV_VAR} in the config file'),
    password: z.string().optional().describe('HTTP Basic password (meemoo); write ${ENV_VAR} in the config file'),
    deleteDetection: z
      .enum(['auto', 'source', 'identifier-diff'])
      .default('auto')
      .describe(
        'source: trust deleted headers; identifier-diff: compare a full ListIdentifiers with the last known id set on every run; ' +
          'auto: identifier-diff when Identify says deletedRecord=no, else source',
      ),
    pageRetries: z
      .number().int().min(0).max(10).default(2)
      .describe('Extra fetches of a page that came back truncated or not well-formed before the harvest fails'),
    maxRestarts: z
      .number().int().min(0).max(10).default(3)
      .describe('Times a list may restart from its from-date after badResumptionToken (expired token) in one run'),
    checkpointEveryPages: z
      .number().int().min(1).default(1)
      .describe('Pages between checkpoints; raise it for very large identifier-diff harvests whose id set rides in the state'),
    ...HttpSettingsShape,
    ...RecordLimitsShape,
  })
  .strict();

export type OaiPmhConfig = z.output<typeof OaiPmhConfigSchema>;
