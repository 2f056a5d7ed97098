/**
 * SPARQL 1.1 Protocol conformance: runs the W3C protocol tests in
 * ../shared/conformance/sparql/sparql11/protocol/ (manifest.ttl) against the hub's /sparql,
 * mounted on a loopback port over a fresh embedded store per test loaded with the test's
 * ut:graphData. Each ht:Request is sent as described and its ht:Response expectations checked
 * (status class, result format, ASK boolean).
 *
 * The endpoint is read-only by design: the tests that need an update to succeed are reported as
 * "not applicable: read-only endpoint", not as passes. The bad_update_* tests expect a 4xx, which
 * the endpoint gives because it refuses every update (noted in the table).
 *
 *   npm run conformance:sparql [-- --verbose]
 *
 * Writes the table into the "SPARQL protocol" section of docs/conformance.md. Exits 1 when an
 * applicable test fails, so that CI (.ci/run) fails with it; not-applicable tests do not count.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { hubPorts } from '../src/pipeline/hub-ports.js';
import { createApp } from '../src/api/app.js';
import { ConfigSchema } from '../src/config/schema.js';
import { projectPath } from '../src/core/paths.js';
import type { Quad, Term } from '../src/core/rdf.js';
import { Hub } from '../src/pipeline/hub.js';

const DIR = projectPath('..', 'shared', 'conformance', 'sparql', 'sparql11', 'protocol');
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDF_ = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const HTS = 'http://www.w3.org/2011/http-statusCodes#';

interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: { status: string[]; format?: string; boolean?: boolean };
}

interface ProtocolTest {
  id: string;
  name: string;
  data: { file: string; graph: string }[];
  requests: HttpRequest[];
}

type Outcome = { status: 'pass' | 'fail' | 'n/a'; reason?: string };

class Graph {
  constructor(private readonly store: N3.Store) {}
  one(s: Term, p: string): Term | undefined {
    return this.store.getObjects(s as N3.Term, p, null)[0] as Term | undefined;
  }
  all(s: Term, p: string): Term[] {
    return this.store.getObjects(s as N3.Term, p, null) as Term[];
  }
  list(head: Term | undefined): Term[] {
    const out: Term[] = [];
    while (head && head.value !== `${RDF_}nil`) {
      out.push(this.one(head, `${RDF_}first`)!);
      head = this.one(head, `${RDF_}rest`);
    }
    return out;
  }
}

async function readManifest(): Promise<ProtocolTest[]> {
  const base = `file://${DIR}/manifest.ttl`;
  const quads = new N3.Parser({ baseIRI: base }).parse(await readFile(join(DIR, 'manifest.ttl'), 'utf8'));
  const g = new Graph(new N3.Store(quads as Quad[] as N3.Quad[]));
  const manifest = quads.find((q) => q.predicate.value === `${MF}entries`)!;
  return g.list(manifest.object as Term).map((entry) => {
    const action = g.one(entry, `${MF}action`)!;
    const requests = g.list(g.one(action, `${HT}requests`)).map((r): HttpRequest => {
      const headers: Record<string, string> = {};
      for (const h of g.list(g.one(r, `${HT}headers`))) headers[g.one(h, `${HT}fieldName`)!.value.toLowerCase()] = g.one(h, `${HT}fieldValue`)!.value;
      const body = g.one(r, `${HT}body`);
      const resp = g.one(r, `${HT}resp`)!;
      const bool = g.one(resp, `${MF}expectedBoolean`);
      return {
        method: g.one(r, `${HT}methodName`)!.value,
        path: g.one(r, `${HT}absolutePath`)!.value,
        headers,
        body: body ? g.one(body, `${CNT}chars`)?.value : undefined,
        expect: {
          status: g.all(resp, `${MF}expectedStatus`).map((t) => t.value.replace(HTS, '')),
          format: g.one(resp, `${MF}expectedFormat`)?.value,
          boolean: bool ? bool.value === 'true' : undefined,
        },
      };
    });
    return {
      id: entry.value.split('#').pop()!,
      name: g.one(entry, `${MF}name`)?.value ?? '',
      data: g.all(entry, `${UT}graphData`).map((d) => ({ file: g.one(d, `${UT}graph`)!.value.replace('file://', ''), graph: g.one(d, RDFS_LABEL)!.value })),
      requests,
    };
  });
}

/** Tests whose first request is an update that must succeed: impossible on a read-only endpoint. */
const needsUpdate = (t: ProtocolTest) => t.requests.some((r) => r.expect.status.includes('StatusCode2xx') && (/sparql-update/.test(r.headers['content-type'] ?? '') || /^update=/.test(r.body ?? '')));

const ACCEPT: Record<string, string> = {
  boolean: 'application/sparql-results+xml, application/sparql-results+json',
  tabular: 'application/sparql-results+xml, application/sparql-results+json, text/csv, text/tab-separated-values',
  RDF: 'application/rdf+xml, text/turtle, application/n-triples',
};

function checkFormat(format: string, type: string, body: string, expected?: boolean): string | undefined {
  const mt = type.split(';')[0]!.trim();
  const formats: Record<string, string[]> = {
    boolean: ['application/sparql-results+xml', 'application/sparql-results+json'],
    tabular: ['application/sparql-results+xml', 'application/sparql-results+json', 'text/csv', 'text/tab-separated-values'],
    RDF: ['application/rdf+xml', 'text/turtle', 'application/n-triples'],
  };
  if (!formats[format]?.includes(mt)) return `expected a ${format} format, got ${mt}`;
  if (expected !== undefined) {
    const value = mt.endsWith('json') ? (JSON.parse(body) as { boolean?: boolean }).boolean : /<boolean>\s*true\s*<\/boolean>/.test(body) ? true : /<boolean>\s*false\s*<\/boolean>/.test(body) ? false : undefined;
    if (value !== expected) return `expected boolean ${expected}, got ${String(value)}`;
  }
  return undefined;
}

async function runTest(t: ProtocolTest): Promise<Outcome> {
  if (needsUpdate(t)) return { status: 'n/a', reason: 'not applicable: read-only endpoint (updates are refused with 403)' };
  const dir = await mkdtemp(join(tmpdir(), 'sparql-protocol-'));
  const config = { ...ConfigSchema.parse({ hub: { dataDir: dir, baseIri: 'http://localhost/' } }), baseDir: dir };
  const hub = await Hub.open(config);
  let server: Server | undefined;
  try {
    for (const d of t.data) {
      const quads = new N3.Parser({ format: 'N-Triples' }).parse(await readFile(d.file, 'utf8'));
      await hub.store.commit({ put: [{ graph: d.graph, quads: quads as Quad[] }] });
    }
    server = createServer(createApp({ ...hubPorts(hub), log: () => undefined }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [i, r] of t.requests.entries()) {
      const headers: Record<string, string> = { ...r.headers };
      if (r.expect.format && !headers.accept) headers.accept = ACCEPT[r.expect.format]!;
      // fetch adds text/plain for a string body without content type; send bytes to keep it absent.
      const body = r.body === undefined ? undefined : new TextEncoder().encode(r.body);
      const res = await fetch(origin + r.path.replace(/^\/sparql\/?/, '/sparql'), { method: r.method, headers, body });
      const text = await res.text();
      const cls = `StatusCode${String(res.status)[0]}xx`;
      if (!r.expect.status.includes(cls)) return { status: 'fail', reason: `request ${i + 1}: status ${res.status}, expected ${r.expect.status.join(' or ')}: ${text.slice(0, 200)}` };
      if (r.expect.format) {
        const problem = checkFormat(r.expect.format, res.headers.get('content-type') ?? '', text, r.expect.boolean);
        if (problem) return { status: 'fail', reason: `request ${i + 1}: ${problem}` };
      }
    }
    return { status: 'pass', reason: t.id.startsWith('bad_update') ? '4xx: every update is refused (read-only endpoint)' : undefined };
  } catch (error) {
    return { status: 'fail', reason: (error as Error).message };
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server!.close(resolve));
    }
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeReport(section: string): Promise<void> {
  const file = projectPath('docs', 'conformance.md');
  const heading = '## SPARQL protocol';
  let text = existsSync(file) ? await readFile(file, 'utf8') : '# Conformance\n\n';
  const start = text.indexOf(`${heading}\n`);
  if (start >= 0) {
    const rest = text.slice(start + heading.length + 1);
    const next = rest.search(/^## /m);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${rest.slice(next)}` : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  await writeFile(file, text);
}

/** Runs the suite; resolves to the number of applicable tests that failed. */
async function main(): Promise<number> {
  if (!existsSync(join(DIR, 'manifest.ttl'))) {
    console.log(`SPARQL protocol suite not found at ${DIR}; skipping.`);
    return 0;
  }
  const verbose = process.argv.includes('--verbose');
  const tests = await readManifest();
  const rows: string[] = [];
  const counts = { pass: 0, fail: 0, 'n/a': 0 };
  for (const t of tests) {
    const outcome = await runTest(t);
    counts[outcome.status]++;
    rows.push(`| \`${t.id}\` | ${t.name.replace(/\|/g, '\\|')} | ${outcome.status === 'n/a' ? 'not applicable' : outcome.status} | ${(outcome.reason ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`);
    if (verbose || outcome.status === 'fail') console.log(`${outcome.status.padEnd(4)} ${t.id}${outcome.reason ? `: ${outcome.reason}` : ''}`);
  }
  const applicable = counts.pass + counts.fail;
  const summary = `${counts.pass}/${applicable} applicable tests pass; ${counts['n/a']} not applicable (they need a successful SPARQL Update: the public endpoint is read-only)`;
  console.log(summary);
  const section = `## SPARQL protocol

W3C SPARQL 1.1 Protocol tests (\`../shared/conformance/sparql/sparql11/protocol/manifest.ttl\`, ${tests.length} tests), run by
\`npm run conformance:sparql\` against \`/sparql\` on a loopback port, a fresh embedded store per test loaded with the
test's \`ut:graphData\`. Last run: ${new Date().toISOString().slice(0, 10)}. **${summary}.** The \`bad_update_*\` tests expect a 4xx and get 403, because the endpoint refuses
every update, not because it checks update syntax or media types.

| test | name | result | note |
|---|---|---|---|
${rows.join('\n')}
`;
  await writeReport(section);
  return counts.fail;
}

main().then(
  (failed) => process.exit(failed > 0 ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
