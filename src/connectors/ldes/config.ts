import { z } from 'zod';
import { HttpSettingsShape } from '../http/http-settings.js';
import { RecordLimitsShape } from '../record-limits.js';

export const LdesConfigSchema = z
  .object({
    type: z.literal('ldes'),
    /** URL of the event stream or of its first page. */
    url: z.string().url().describe('URL of the event stream or its first tree:Node page'),
    /** Regex with one capture group applied to the member's versionOf IRI to get the record id. @defaultValue last path segment */
    recordIdPattern: z.string().default('([^/#?]+)$').describe("Regex (one group) over the member's versionOf IRI giving the record id"),
    /** Property linking a member version to its entity, when the stream does not declare ldes:versionOfPath. */
    versionOfPath: z.string().url().default('http://purl.org/dc/terms/isVersionOf'),
    /** Property giving a member's time, when the stream does not declare ldes:timestampPath. */
    timestampPath: z.string().url().default('http://www.w3.org/ns/prov#generatedAtTime'),
    /** rdf:type marking a member as a delete, when the stream does not declare ldes:versionDeleteObject. */
    deleteType: z.string().url().default('https://www.w3.org/ns/activitystreams#Delete'),
    /**
     * Seconds between polls of the open (mutable) page in `hub serve` when the stream declares no
     * ldes:pollingInterval and the source's schedule sets no everyMinutes. @defaultValue 60
     */
    pollIntervalSeconds: z.number().int().positive().default(60).describe('Seconds between polls when the stream declares no ldes:pollingInterval'),
    /** Extra fetches of a page that arrives unreadable (truncated, not JSON-LD) before the run fails. @defaultValue 2 */
    pageRetries: z.number().int().min(0).max(10).default(2).describe('Extra fetches of a page that arrives unreadable before failing'),
    /** Headers sent with every request, e.g. an API key of a gateway in front of the stream; write secrets as ${VAR}. */
    headers: z.record(z.string()).default({}).describe('Extra request headers (e.g. {"x-api-key": "${LDES_API_KEY}"})'),
    ...HttpSettingsShape,
    ...RecordLimitsShape,
  })
  .strict();

export type LdesConfig = z.output<typeof LdesConfigSchema>;

/** Where a run resumes: pages still to read, immutable pages done, open pages with the members already taken from them. */
export interface LdesState {
  pending: string[];
  done: string[];
  open: { url: string; seen: string[] }[];
  /** The stream's ldes:pollingInterval in seconds, when a page declared it. */
  pollingInterval?: number;
}
