/**
 * The configuration file's schema. Every key is documented where it is declared, with its
 * unit and default; `hub config --explain` and the README's reference are generated from it.
 */
import { z } from 'zod';
import { MatchingSettingsSchema } from './matching.js';

export const ScheduleSchema = z
  .object({
    /** Harvest every N minutes (incremental). */
    everyMinutes: z.number().int().positive().optional().describe('Harvest every N minutes (incremental)'),
    /** Harvest when `hub serve` starts: always, only if the source never completed a run, or never. @defaultValue if-never-run */
    onStart: z.enum(['always', 'if-never-run', 'never']).default('if-never-run').describe('Harvest when the hub starts: always | if-never-run | never'),
  })
  .strict();

/** Write-back into UiTdatabank through publiq's Entry API (issue 18; docs/push.md). */
export const UitdatabankPushSchema = z
  .object({
    entryUrl: z.string().url().describe("Entry API base URL, e.g. https://io.uitdatabank.be"),
    searchUrl: z.string().url().describe('Search API base URL, for finding events, places and organizers already in UiTdatabank, e.g. https://search.uitdatabank.be'),
    tokenUrl: z.string().url().describe('OAuth2 token endpoint of the client-credentials grant, e.g. https://account.uitid.be/oauth/token'),
    clientId: z.string().min(1, 'empty: set it from the environment, e.g. ${HOUSE_UIT_CLIENT_ID}').describe("The house's UiTiD client id (from an environment variable)"),
    clientSecret: z.string().min(1, 'empty: set it from the environment, e.g. ${HOUSE_UIT_CLIENT_SECRET}').describe("The house's UiTiD client secret (from an environment variable)"),
    /** Where a created event stays: draft (the house publishes it in UiTdatabank) or ready-for-validation (published once validated). @defaultValue ready-for-validation */
    workflow: z
      .enum(['draft', 'ready-for-validation'])
      .default('ready-for-validation')
      .describe('Workflow state of the events the hub creates: draft | ready-for-validation'),
    /** `true`/`false`, also as text, so that an environment variable can switch it (`enabled: ${PUSH_ON:-false}`). @defaultValue true */
    enabled: z
      .preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean())
      .default(true)
      .describe('false keeps the settings but pushes nothing after runs (hub push still pushes by hand); true/false, also from an environment variable'),
    /** The house as the events' organizer: found in UiTdatabank by id, else by name, created only when none matches. */
    organizer: z
      .object({
        name: z.string().min(1).describe("The house's name as UiTdatabank shows it"),
        url: z.string().url().describe("The house's website (UiTdatabank requires one for an organizer)"),
        uitdatabankId: z.string().uuid().optional().describe('Its UiTdatabank organizer id, when known (skips the lookup)'),
      })
      .strict()
      .optional()
      .describe('The organizer of every pushed event'),
    /** The house's public ticket contact (never a person's): bookingInfo of every event. */
    booking: z
      .object({
        urlTemplate: z.string().optional().describe('Ticket shop URL; {eventId} is replaced by the source event id'),
        urlLabel: z.string().optional(),
        phone: z.string().optional(),
        email: z.string().email().optional(),
      })
      .strict()
      .optional()
      .describe("Public booking information (the house's box office, never a person)"),
    /** Source genre → publiq eventtype/theme terms (YAML), relative to the config file. @defaultValue the bundled mappings/uitdatabank-push/ticketmatic-genres.yml */
    genres: z.string().optional().describe('Genre map file (source genre → publiq terms), relative to the config file; default: the bundled Ticketmatic map'),
    mainLanguage: z.enum(['nl', 'fr', 'de', 'en']).default('nl').describe("Language of the events' texts"),
  })
  .strict();

/** Languages a configured name may be given in. */
export const NAME_LANGUAGES = ['nl', 'en', 'fr', 'de'] as const;

/** A name per language, e.g. `{ nl: "Stedelijk Museum", en: "Municipal Museum" }`; at least one. */
export const NamesSchema = z
  .object({ nl: z.string().min(1).optional(), en: z.string().min(1).optional(), fr: z.string().min(1).optional(), de: z.string().min(1).optional() })
  .strict()
  .refine((n) => Object.values(n).some((v) => v !== undefined), { message: 'give the name in at least one language (nl, en, fr, de)' });
export type Names = z.output<typeof NamesSchema>;

/** A plain name, or one per language. */
const NameSchema = z.union([z.string(), NamesSchema]);

/** The first name given: the plain form, else the names in the order written. */
const firstName = (n: string | Names | undefined): string | undefined => (typeof n === 'string' || n === undefined ? n : Object.values(n).find((v) => v !== undefined));
const namesOf = (...given: (string | Names | undefined)[]): Names | undefined => {
  const all: Names = Object.assign({}, ...given.filter((n): n is Names => typeof n === 'object'));
  return Object.keys(all).length ? all : undefined;
};

const SourceObjectSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
      .describe('Stable id of the source; part of minted IRIs and graph names'),
    name: NameSchema.optional().describe('Human name shown in reports: plain, or per language ({ nl: ..., en: ... }; pages use their language, else the first given)'),
    /** The same per language, beside a plain `name` (which then stands for the languages not given). */
    names: NamesSchema.optional().describe('The name per language ({ nl: ..., en: ... }), beside or instead of name'),
    organisation: NameSchema.optional().describe('Holding organisation (name or IRI), for per-organisation reports and EDM dataProvider; per language as { nl: ..., en: ... }, the first given being its name in the data'),
    /** The organisation's name per language, beside a plain `organisation`. */
    organisationNames: NamesSchema.optional().describe("The organisation's name per language, beside a plain organisation"),
    connector: z
      .object({ type: z.string().describe('Connector type: ldes, oai-pmh, uitdatabank, ticketmatic, files') })
      .passthrough()
      .describe("Connector type and its own settings (checked by the connector's schema)"),
    mapping: z.string().describe('Mapping file (YARRRML .yml or RML .ttl), relative to the config file'),
    shapes: z.array(z.string()).min(1).describe('SHACL shape files, relative to the config file'),
    entityType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/)
      .default('record')
      .describe('Type segment of minted IRIs: {base}/id/{entityType}/{source}/{recordId}'),
    ownIriPrefixes: z
      .array(z.string().regex(/^https?:\/\/\S+$/, 'an http(s) IRI prefix'))
      .default([])
      .describe(
        "IRI namespaces the source mints itself (e.g. https://stad.gent/id/): entities it names there get a hub IRI {base}id/{type}/{source}/{local id}, linked by owl:sameAs (docs/data-model.md, Entity model)",
      ),
    matching: z
      .boolean()
      .default(true)
      .describe("Match this source's activities, places, agents and concepts with other sources' (one canonical IRI per cluster; docs/data-model.md, Entity matching); false leaves them out"),
    schedule: ScheduleSchema.default({}).describe('When `hub serve` harvests this source'),
    onViolation: z
      .enum(['reject', 'warn'])
      .default('reject')
      .describe('reject: a record with a sh:Violation is not published (its last good version stays); warn: publish and report'),
    enabled: z.boolean().default(true),
    europeana: z
      .object({
        /**
         * The organisation's own rights statement for all of this source's records that state no
         * rights themselves; a record's own rights always win. Must be an edm:rights value
         * Europeana accepts, written exactly (e.g. http://rightsstatements.org/vocab/CNE/1.0/).
         * @defaultValue none: records without rights are withheld from the EDM feed (rights:missing)
         */
        defaultRights: z
          .string()
          .optional()
          .describe(
            "The organisation's declared rights statement (an accepted edm:rights IRI) for records of this source that state none; the record's own rights win. Unset: such records are withheld (rights:missing)",
          ),
      })
      .strict()
      .default({})
      .describe('Delivery to Europeana (EDM export, /oai)'),
    publishTo: z
      .object({ uitdatabank: UitdatabankPushSchema.optional().describe("Push this source's events into UiTdatabank (only sources with entityType activiteit)") })
      .strict()
      .optional()
      .describe('Systems the hub writes this source into after each run (write-back)'),
  })
  .strict()
  .superRefine((source, ctx) => {
    // Only activities become UiTdatabank events; places and objects have no event to push.
    if (source.publishTo?.uitdatabank && source.entityType !== 'activiteit') {
      ctx.addIssue({ code: 'custom', path: ['publishTo', 'uitdatabank'], message: `only sources of activities (entityType: activiteit) can push to UiTdatabank; this one is "${source.entityType}"` });
    }
  });

/**
 * A source. Names given per language come out as the plain `name`/`organisation` (the first
 * given: the organisation's name in its records, EDM and report addresses) plus `names` and
 * `organisationNames` per language, so code that wants one string keeps one.
 */
type SourceObject = z.output<typeof SourceObjectSchema>;
type NamedSource = Omit<SourceObject, 'name' | 'names' | 'organisation' | 'organisationNames'> & { name?: string; names?: Names; organisation?: string; organisationNames?: Names };
export const SourceSchema = SourceObjectSchema.transform(({ name, names, organisation, organisationNames, ...rest }): NamedSource => ({
  ...rest,
  name: firstName(name) ?? firstName(names),
  names: namesOf(name, names),
  organisation: firstName(organisation) ?? firstName(organisationNames),
  organisationNames: namesOf(organisation, organisationNames),
}));

/** Per-client limits of one group of routes: requests running at once and waiting beyond them. */
const GateLimitsSchema = (concurrency: number, queue: number) =>
  z
    .object({
      concurrency: z.number().int().min(1).max(64).default(concurrency).describe('Requests one client may have running at once'),
      queue: z.number().int().min(0).max(1000).default(queue).describe('Requests one client may have waiting beyond those'),
    })
    .strict()
    .default({});

export const HubSettingsSchema = z
  .object({
    baseIri: z
      .string()
      .url()
      .default('http://localhost:3000/')
      .describe('Base of every IRI the hub mints; ends with a slash'),
    dataDir: z.string().default('./data').describe('Where the embedded store, journal and harvest state live'),
    host: z.string().default('127.0.0.1').describe('Interface the HTTP server listens on'),
    port: z.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
    /**
     * Which proxies in front of the hub to believe about the client's address (X-Forwarded-For),
     * passed to express's `trust proxy`: false (the socket's address, for a hub reached directly),
     * a number of proxy hops, or the proxies' addresses/subnets ('loopback', '10.0.0.0/8').
     * Rate limits key on that address: behind a proxy without it, all clients share one bucket.
     * @defaultValue false
     */
    trustProxy: z
      .union([z.boolean(), z.number().int().min(0), z.string().min(1), z.array(z.string().min(1))])
      .default(false)
      .describe("Proxies trusted for X-Forwarded-For (express 'trust proxy'): false, a hop count, or addresses/subnets such as 'loopback'"),
    adminKey: z.string().optional().describe('Key for admin routes (x-admin-key); set from an environment variable'),
    aggregator: z.string().default('Culture LOD Hub').describe('Name given as edm:provider in EDM exports'),
    /**
     * Names per language of organisations that records name (an OAI-PMH set of several museums),
     * keyed by the name as the data gives it: `{ "Musea Brugge": { en: "Bruges Museums" } }`.
     * A source's own organisation can be given per language on the source itself.
     */
    organisationNames: z
      .record(z.string().min(1), NamesSchema)
      .default({})
      .describe('Organisation names per language, keyed by the name in the data (report pages, downloads, /sources)'),
    sparql: z
      .object({
        timeoutMs: z.number().int().positive().default(30000).describe('Longest a SPARQL query may run, ms'),
        maxResults: z.number().int().positive().default(100000).describe('Most solutions/triples one answer carries'),
        queryWorkers: z
          .number()
          .int()
          .min(1)
          .max(16)
          .default(2)
          .describe('Worker threads holding the embedded dataset, each a replica loading every commit and answering SPARQL queries and store reads; with one, a runaway query holds every store read and the next commit until its time limit'),
        federationAllowList: z.array(z.string().url()).default([]).describe('Remote endpoints SERVICE may call'),
        /** Largest query text accepted, bytes; past it 400 before any parser runs. @defaultValue 262144 */
        maxQueryBytes: z.number().int().positive().default(262_144).describe('Largest SPARQL query text, bytes; larger ones get 400 before any parser runs'),
        /**
         * Deepest nesting of brackets (`{ ( [`) and of parsed patterns and expressions; past it 400.
         * Oxigraph's WASM engine overflows its stack near 700 nested groups. @defaultValue 64
         */
        maxNestingDepth: z.number().int().min(4).max(500).default(64).describe('Deepest nesting of brackets and of parsed patterns/expressions in a SPARQL query; deeper ones get 400'),
        /** Most triple patterns in one query (subqueries, unions and CONSTRUCT templates included). @defaultValue 1000 */
        maxTriplePatterns: z.number().int().positive().default(1000).describe('Most triple patterns in one SPARQL query; more get 400'),
        /** Longest a query may take to parse (in a worker thread, terminated past it), ms. @defaultValue 2000 */
        parseTimeoutMs: z.number().int().positive().default(2000).describe('Longest a SPARQL query may take to parse, ms (in a worker thread; past it 400)'),
      })
      .strict()
      .default({}),
    store: z
      .object({
        type: z.enum(['oxigraph', 'sparql']).default('oxigraph').describe('oxigraph: embedded; sparql: a remote SPARQL 1.1 store'),
        queryUrl: z.string().url().optional().describe('Remote store: SPARQL query endpoint'),
        updateUrl: z.string().url().optional().describe('Remote store: SPARQL update endpoint'),
        graphStoreUrl: z.string().url().optional().describe('Remote store: Graph Store Protocol endpoint'),
        bulkLoad: z
          .object({
            host: z.string().default('127.0.0.1').describe('Interface the staging server listens on'),
            port: z.number().int().min(0).max(65535).default(0).describe('Its port; 0 picks a free one'),
            advertisedUrl: z.string().url().optional().describe('Base URL the store reaches the staging server at, when not this host and port'),
            maxBytes: z.number().int().positive().default(16_000_000).describe('Largest TriG document per LOAD, in bytes'),
            concurrency: z.number().int().min(1).max(16).default(1).describe("LOADs sent at once, each with a share of a commit's graphs"),
          })
          .strict()
          .optional()
          .describe('Remote store: publish records by SPARQL LOAD of TriG documents this process serves (4-5x faster into Virtuoso than INSERT DATA); the store must reach this process over HTTP'),
        username: z.string().optional(),
        password: z.string().optional(),
        maxConcurrent: z.number().int().min(1).max(256).optional().describe('Remote store: requests in flight at once, the rest wait (Virtuoso answers 503 past its ServerThreads, 10 by default); default 8'),
        snapshotEveryOps: z.number().int().positive().default(5000).describe('Embedded: journal entries between snapshots'),
      })
      .strict()
      .default({}),
    api: z
      .object({
        /** Requests per minute per client IP without an API key. @defaultValue 600 */
        anonymousPerMinute: z.number().int().positive().default(600).describe('REST API: requests per minute per client IP without an API key'),
        /** API keys (sent as x-api-key), each with its own limit; put the key itself in an environment variable: `key: ${HUB_API_KEY_ACME}`. */
        keys: z
          .array(
            z
              .object({
                key: z.string().min(16, 'API keys must be at least 16 characters').describe('The key (from an environment variable)'),
                name: z.string().optional().describe('Who holds the key (for logs)'),
                perMinute: z.number().int().positive().default(6000).describe('Requests per minute for this key'),
              })
              .strict(),
          )
          .default([])
          .describe('API keys with per-key rate limits'),
        /** Items per page when the client does not ask. @defaultValue 50 */
        pageSize: z.number().int().min(1).max(1000).default(50).describe('REST API: items per page by default'),
        /** Most items per page a client may ask for (pages, not results: paging has no cap). @defaultValue 500 */
        maxPageSize: z.number().int().min(1).max(5000).default(500).describe('REST API: most items per page (paging itself has no cap)'),
      })
      .strict()
      .default({})
      .describe('Open REST API (/api/v1) limits and keys'),
    reconciliation: z
      .object({
        /** Score (0–100) the best candidate needs to be returned as a match. @defaultValue 90 */
        matchThreshold: z.number().min(0).max(100).default(90).describe('/reconcile: score (0–100) a candidate needs for match: true'),
        /** Points the match must lead the next candidate by. @defaultValue 10 */
        matchMargin: z.number().min(0).max(100).default(10).describe('/reconcile: points a match must lead the next candidate by'),
        /** Label similarity (0–1) below which an entity is no candidate. @defaultValue 0.5 */
        minSimilarity: z.number().min(0).max(1).default(0.5).describe('/reconcile: label similarity (0–1) below which an entity is not a candidate'),
        /** Most queries in one batch. @defaultValue 100 */
        maxQueries: z.number().int().min(1).max(1000).default(100).describe('/reconcile: most queries in one batch; more get 400'),
        /** Candidates per query when the query gives no limit. @defaultValue 5 */
        defaultLimit: z.number().int().min(1).max(100).default(5).describe('/reconcile: candidates per query by default'),
        /** Most candidates a query may ask for. @defaultValue 50 */
        maxLimit: z.number().int().min(1).max(500).default(50).describe('/reconcile: most candidates a query may ask for; more get 400'),
      })
      .strict()
      .default({})
      .describe('Reconciliation Service API (/reconcile): matching and batch limits'),
    admission: z
      .object({
        /** Per client on /sparql and /graph-store: queries running at once and waiting beyond them. @defaultValue { concurrency: 2, queue: 8 } */
        sparql: GateLimitsSchema(2, 8).describe('Per client on /sparql and /graph-store: queries running at once (concurrency) and waiting beyond them (queue); past both, 429 + Retry-After'),
        /** Per client on POST /validate. @defaultValue { concurrency: 1, queue: 2 } */
        validate: GateLimitsSchema(1, 2).describe('Per client on POST /validate: validations running at once and waiting; past both, 429 + Retry-After'),
        /** Per client on /oai (a ListRecords page of EDM builds and validates every record on it). @defaultValue { concurrency: 2, queue: 4 } */
        oai: GateLimitsSchema(2, 4).describe('Per client on /oai: OAI-PMH requests running at once and waiting; past both, 429 + Retry-After'),
        /** The same for a client sending a known API key (hub.api.keys): its own, higher limits. */
        apiKeys: z
          .object({
            sparql: GateLimitsSchema(4, 16).describe('Per API key on /sparql and /graph-store'),
            validate: GateLimitsSchema(2, 4).describe('Per API key on POST /validate'),
            oai: GateLimitsSchema(4, 8).describe('Per API key on /oai'),
          })
          .strict()
          .default({})
          .describe('Limits of a client that sends a known API key (x-api-key)'),
      })
      .strict()
      .default({})
      .describe('Fairness per client (IP address, or API key) on CPU-heavy routes'),
    reports: z
      .object({
        /** Newest runs per source whose report keeps every result (older ones keep their summary only). @defaultValue 3 */
        keepDetailRuns: z.number().int().min(1).default(3).describe('Newest runs per source whose report keeps every result'),
        /** Newest runs per source whose summary (counts, conformance, organisations) is kept; older runs are dropped. @defaultValue 100 */
        keepSummaryRuns: z.number().int().min(1).default(100).describe('Newest runs per source whose summary is kept; older runs are dropped'),
      })
      .strict()
      .refine((r) => r.keepSummaryRuns >= r.keepDetailRuns, { message: 'keepSummaryRuns must be at least keepDetailRuns', path: ['keepSummaryRuns'] })
      .default({})
      .describe('How long run reports are kept (docs/reports.md)'),
    matching: MatchingSettingsSchema,
    redisUrl: z.string().optional().describe('Distributed mode when set: redis://[:password@]host:port[/db] (also $REDIS_URL)'),
    queue: z
      .object({
        /** Key prefix of every queue in Redis; lets several hubs (or tests) share one Redis. @defaultValue hub */
        prefix: z.string().regex(/^[A-Za-z0-9_-]+$/).default('hub').describe('Redis key prefix of the queues'),
        /** Attempts per job before it lands in the failed set (permanent errors never retry). @defaultValue 8 */
        attempts: z.number().int().min(1).default(8).describe('Attempts per job (transient errors), then the failed set'),
        /** First retry delay, ms; doubles on every attempt. @defaultValue 1000 */
        backoffMs: z.number().int().positive().default(1000).describe('First retry delay in ms, doubled per attempt'),
        /** How long a worker's claim on a job lasts without renewal, ms; a killed worker's jobs return after it. @defaultValue 30000 */
        lockMs: z.number().int().min(1000).default(30000).describe("Job lock in ms; a killed worker's jobs are retried after it"),
        /** Batches a harvest may run ahead of publishing before it waits (backpressure). @defaultValue 20 */
        maxBatchesAhead: z.number().int().positive().default(20).describe('Batches a harvest may run ahead of publishing'),
        /** A source's run lock lives this long without progress, ms (then another run may start). @defaultValue 600000 */
        runLockMs: z.number().int().positive().default(600000).describe('Run lock of a source without progress, ms'),
      })
      .strict()
      .default({})
      .describe('Distributed mode: BullMQ queues on Redis'),
  })
  .strict();

export const ConfigSchema = z
  .object({
    hub: HubSettingsSchema.default({}),
    sources: z.array(SourceSchema).default([]),
  })
  .strict();

export type HubConfigInput = z.input<typeof ConfigSchema>;
export type HubSettings = z.output<typeof HubSettingsSchema>;
export type SourceConfig = z.output<typeof SourceSchema>;
export type UitdatabankPushConfig = z.output<typeof UitdatabankPushSchema>;
export interface HubConfig {
  hub: HubSettings;
  sources: SourceConfig[];
  /** Folder of the configuration file; relative paths resolve against it. */
  baseDir: string;
  file?: string;
}
