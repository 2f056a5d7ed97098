/**
 * Seeded, bounded fuzzing of each HTTP connector's payload parsing: a proxy in front of the
 * connector's fixture server mutates the first listing page (deep nesting, huge strings, random
 * bytes, truncation, broken quoting, other encodings, control characters) and the connector
 * harvests through it. No case may crash or hang; a run either completes, with each bad item
 * reported by record id or locator and page, or fails on a page it names (an unreadable page is
 * the documented page-level failure). Every record respects the limits. FUZZ_SEED replays a seed.
 */
import { createServer, type Server } from 'node:http';
import fc from 'fast-check';
import type { Connector, ConnectorMessage } from '../../src/connectors/contract.js';
import { LdesConfigSchema } from '../../src/connectors/ldes/config.js';
import { LdesConnector } from '../../src/connectors/ldes/ldes-connector.js';
import { OaiPmhConfigSchema } from '../../src/connectors/oai-pmh/config.js';
import { OaiPmhConnector } from '../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { TicketmaticConfigSchema } from '../../src/connectors/ticketmatic/config.js';
import { TicketmaticConnector } from '../../src/connectors/ticketmatic/ticketmatic-connector.js';
import { UitdatabankConfigSchema } from '../../src/connectors/uitdatabank/config.js';
import { UitdatabankConnector } from '../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { HubError, SourceContractError, SourceUnavailableError } from '../../src/core/errors.js';
import { jsonDepth } from '../../src/core/nesting-depth.js';
import { startLdesFixture } from '../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture } from '../../fixtures/uitdatabank/server.js';
import { collect } from '../integration/connectors/oai-pmh/harvest-helpers.js';
import { applyMutations, fuzzSettings, mutations, withSeed, type Mutation } from './mutations.js';

const LIMITS = { maxRecordDepth: 100, maxRecordBytes: 200_000 };
const HTTP = { timeoutMs: 5000, maxAttempts: 1, backoffMs: 1, maxDelayMs: 10, pageRetries: 0, ...LIMITS };
const RUNS = 30;

interface Proxy {
  url: string;
  /** The mutations to apply to responses whose URL passes `match`. */
  mutate(match: (url: URL) => boolean, list: Mutation[]): void;
  close(): Promise<void>;
}

/** An HTTP proxy to `target` that mutates the bodies of the responses a test picks. */
async function mutatingProxy(target: string): Promise<Proxy> {
  const origin = new URL(target).origin;
  let current: { match: (url: URL) => boolean; list: Mutation[] } | undefined;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'x-client-id', 'accept']) if (typeof req.headers[name] === 'string') headers[name] = req.headers[name] as string;
    fetch(url, { headers })
      .then(async (upstream) => {
        let body: Buffer = Buffer.from(await upstream.arrayBuffer());
        if (current?.match(url)) body = applyMutations(body.toString('utf8'), current.list);
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
        res.end(body);
      })
      .catch((error: unknown) => {
        res.writeHead(502).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    mutate: (match, list) => (current = { match, list }),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** How the fuzzed runs ended, so a test can see that its cases reached the items. */
interface Outcomes {
  completed: number;
  failedOnPage: number;
  records: number;
  itemErrors: number;
}

/** Harvests once; checks what a fuzzed run may and may not do. */
async function harvestChecked(connector: Connector, config: unknown, outcomes: Outcomes): Promise<void> {
  let messages: ConnectorMessage[] = [];
  try {
    const h = await collect(connector.read(config, undefined, 'fuzz'));
    messages = [...h.errors.map((e) => e as ConnectorMessage), ...h.records.map((record) => ({ type: 'record', record }) as ConnectorMessage)];
  } catch (error) {
    // A page that cannot be read at all fails the run, naming the page; nothing else may escape.
    if (!(error instanceof SourceContractError || error instanceof SourceUnavailableError)) throw error;
    expect((error as HubError).context.page ?? (error as HubError).context.sourceId).toBeTruthy();
    outcomes.failedOnPage++;
    return;
  }
  outcomes.completed++;
  for (const m of messages) {
    if (m.type === 'error') {
      outcomes.itemErrors++;
      expect(m.recordId.length).toBeGreaterThan(0);
      expect(m.page ?? '').not.toBe('');
      expect(m.message.length).toBeGreaterThan(0);
    } else if (m.type === 'record') {
      outcomes.records++;
      expect(Buffer.byteLength(m.record.body)).toBeLessThanOrEqual(LIMITS.maxRecordBytes);
      if (m.record.mediaType.includes('json')) expect(jsonDepth(JSON.parse(m.record.body))).toBeLessThanOrEqual(LIMITS.maxRecordDepth);
    }
  }
}

async function fuzz(proxy: Proxy, match: (url: URL) => boolean, connector: Connector, config: unknown): Promise<Outcomes> {
  const outcomes: Outcomes = { completed: 0, failedOnPage: 0, records: 0, itemErrors: 0 };
  const property = fc.asyncProperty(mutations, async (list) => {
    proxy.mutate(match, list);
    await harvestChecked(connector, config, outcomes);
  });
  await fc.assert(property, fuzzSettings(RUNS)).catch((error: unknown) => {
    throw withSeed(error);
  });
  if (process.env.FUZZ_DEBUG) console.log(JSON.stringify(outcomes));
  // Most cases must reach the items (a fuzz whose every case breaks the page tests only the page).
  expect(outcomes.completed).toBeGreaterThanOrEqual(RUNS / 4);
  return outcomes;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe('Fuzzed payloads', () => {
  it('OAI-PMH: a mutated ListRecords page', async () => {
    const fixture = await startOaiPmhFixture({ count: 6, pageSize: 3 });
    const proxy = await mutatingProxy(fixture.url);
    closers.push(fixture.close, proxy.close);
    const config = OaiPmhConfigSchema.parse({ baseUrl: `${proxy.url}/oai`, metadataPrefix: 'oai_lido', ...HTTP });
    await fuzz(proxy, (url) => url.searchParams.get('verb') === 'ListRecords', new OaiPmhConnector(), config);
  }, 60_000);

  it('UiTdatabank: a mutated search page', async () => {
    const fixture = await startUitdatabankFixture({ count: 6 });
    const proxy = await mutatingProxy(fixture.url);
    closers.push(fixture.close, proxy.close);
    const config = UitdatabankConfigSchema.parse({ baseUrl: proxy.url, clientId: 'test-client', entities: ['events'], pageSize: 4, ...HTTP });
    await fuzz(proxy, (url) => url.searchParams.get('start') === '0' && !url.searchParams.has('modifiedFrom'), new UitdatabankConnector(), config);
  }, 60_000);

  it('Ticketmatic: a mutated events listing', async () => {
    const fixture = await startTicketmaticFixture({ count: 6 });
    const proxy = await mutatingProxy(fixture.url);
    closers.push(fixture.close, proxy.close);
    const config = TicketmaticConfigSchema.parse({
      baseUrl: `${proxy.url}/api/1`, account: fixture.account, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key', pageSize: 4, overlapSeconds: 0, ...HTTP,
    });
    await fuzz(proxy, (url) => url.pathname.endsWith('/events') && url.searchParams.get('offset') === '0' && url.searchParams.get('output') !== 'ids', new TicketmaticConnector(), config);
  }, 60_000);

  it('LDES: a mutated first page', async () => {
    const fixture = await startLdesFixture({ objects: 6, pageSize: 4 });
    const proxy = await mutatingProxy(fixture.url);
    closers.push(fixture.close, proxy.close);
    const config = LdesConfigSchema.parse({ type: 'ldes', url: `${proxy.url}${new URL(fixture.url).pathname}`, ...HTTP });
    await fuzz(proxy, () => true, new LdesConnector(), config);
  }, 60_000);
});
