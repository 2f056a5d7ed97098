/**
 * `hub links suggest | suggestions | accept | reject`: asking the configured reconciliation
 * service (the fixture on loopback) and deciding on its suggestions, on the configured store
 * (the hub stopped) and through the running hub's admin API with --url.
 */
import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startReconciliationFixture, type ReconciliationFixture } from '../../../fixtures/reconciliation/server.js';
import { createApp } from '../../../src/api/app.js';
import { loadHubConfig } from '../../../src/cli/load.js';
import { SourceSchema } from '../../../src/config/schema.js';
import { projectPath } from '../../../src/core/paths.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { publishWrites } from '../../../src/pipeline/record-publisher.js';
import { loadSuggestions, type LinkSuggestion } from '../../../src/publication/matching/suggestions-graph.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Each command starts a process that opens the store (a few seconds on a busy machine).
jest.setTimeout(120_000);

const BASE = 'http://hub.test/';
const KEY = 'cli-suggest-key';
const WD = 'http://www.wikidata.org/entity/';
const SYS = `${BASE}id/agent/museum/maker-sys`;
const ENSOR = `${BASE}id/agent/museum/maker-ensor`;

let dir: { path: string; cleanup: () => Promise<void> };
let config: string;
let fixture: ReconciliationFixture;

async function hub(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [projectPath('dist/src/cli/main.js'), '--config', config, 'links', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HUB_URL: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'close')) as [number | null];
  return { status, stdout, stderr };
}

/** Two makers of one museum, published as the pipeline publishes them. */
async function publishMakers(running: Hub): Promise<void> {
  const source = SourceSchema.parse({ id: 'museum', entityType: 'agent', organisation: 'Museum A', mapping: 'x', shapes: ['x'], connector: { type: 'files' } });
  const ctx = { baseIri: BASE, source, runId: 'run-1', mapping: { id: 'mappings/test.yml', version: 'v1' }, shapes: { id: 'shapes/test.ttl', version: 'v1' } };
  const maker = (recordId: string, iri: string, name: string) =>
    publishWrites(
      { sourceId: 'museum', recordId, mediaType: 'text/turtle', body: '', meta: { organisation: 'Museum A' } },
      [quad(namedNode(iri), namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode('https://schema.org/Person')), quad(namedNode(iri), namedNode('https://schema.org/name'), literal(name))],
      true,
      ctx,
      new Date().toISOString(),
    );
  await running.store.commit({ put: [...maker('maker-sys', SYS, 'Maurice Sys'), ...maker('maker-ensor', ENSOR, 'James Ensor')] });
}

beforeEach(async () => {
  fixture = await startReconciliationFixture({ delayMs: 1 });
  dir = await tempDir();
  config = join(dir.path, 'hub.yaml');
  const service = `{ url: "${fixture.url}", types: [agent], typeIds: { agent: Q5 }, autoAcceptScore: 99, maxAttempts: 1 }`;
  await writeFile(config, `hub: { baseIri: "${BASE}", dataDir: ${join(dir.path, 'data')}, adminKey: ${KEY}, matching: { externalServices: [${service}] } }\nsources: []\n`);
  const running = await Hub.open(loadHubConfig(config, { hubOnly: true }));
  try {
    await publishMakers(running);
  } finally {
    await running.close();
  }
});
afterEach(async () => {
  await dir.cleanup();
  await fixture.close();
});

describe('hub links suggest on the store (hub stopped)', () => {
  it('asks, lists, rejects and accepts; a rejected candidate is not suggested again', async () => {
    const asked = await hub(['suggest', '--source', 'museum']);
    expect(asked.stderr).toBe('');
    expect(asked.status).toBe(0);
    expect(asked.stdout).toBe('Asked about 2 entities without an authority link: 2 suggestion(s) pending, 1 auto-accepted\n');

    const listed = await hub(['suggestions', '--json']);
    const items = JSON.parse(listed.stdout) as LinkSuggestion[];
    expect(items.find((s) => s.entity === SYS)).toMatchObject({ candidate: `${WD}Q90000002`, status: 'auto-accepted', organisations: ['Museum A'], sources: ['museum'] });
    const namesake = items.find((s) => s.candidate === `${WD}Q90000001`)!;
    const painter = items.find((s) => s.candidate === `${WD}Q158840`)!;

    const rejected = await hub(['reject', namesake.id, '--curator', 'Ann']);
    expect(rejected.stdout).toBe(`Rejected ${namesake.id}: <${ENSOR}> is not <${WD}Q90000001>\n`);
    const again = await hub(['suggest']);
    expect(again.stdout).toBe('Asked about 1 entities without an authority link: 1 suggestion(s) pending, 0 auto-accepted\n');
    const accepted = await hub(['accept', painter.id]);
    expect(accepted.stdout).toBe(`Accepted ${painter.id}: <${ENSOR}> owl:sameAs <${WD}Q158840>\n`);

    const table = await hub(['suggestions']);
    expect(table.stdout).toContain(`${namesake.id}\trejected\t`);
    expect(table.stdout).toContain(`${painter.id}\taccepted\t`);

    // Both makers are linked now: nothing to ask about, the service is not called.
    const batches = fixture.batches.length;
    const none = await hub(['suggest']);
    expect(none.status).toBe(0);
    expect(none.stdout).toContain('Asked about 0 entities');
    expect(fixture.batches.length).toBe(batches);
  });

  it('warns about a failing service and still succeeds', async () => {
    fixture.inject({ kind: 'status', status: 500 }, { times: 1 });
    const failed = await hub(['suggest']);
    expect(failed.status).toBe(0);
    expect(failed.stderr).toContain(`warning: Reconciliation service ${fixture.url} failed`);
    expect(failed.stdout).toBe('Asked about 2 entities without an authority link: 0 suggestion(s) pending, 0 auto-accepted\n');
  });
});

describe('hub links suggest --url (through the running hub)', () => {
  let running: Hub;
  let server: Server;
  let url: string;
  beforeEach(async () => {
    running = await Hub.open(loadHubConfig(config, { hubOnly: true }));
    server = createApp({ ...hubPorts(running), log: () => undefined }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  afterEach(async () => {
    server.close();
    await running.close();
  });

  it('asks and decides through the admin API with the key from the environment', async () => {
    const asked = await hub(['suggest', '--url', url], { HUB_ADMIN_KEY: KEY });
    expect(asked.stderr).toBe('');
    expect(asked.stdout).toContain('2 suggestion(s) pending, 1 auto-accepted');
    const namesake = (await loadSuggestions(running.store, BASE)).find((s) => s.candidate === `${WD}Q90000001`)!;
    const rejected = await hub(['reject', namesake.id, '--url', url, '--curator', 'Ann'], { HUB_ADMIN_KEY: KEY });
    expect(rejected.status).toBe(0);
    expect((await loadSuggestions(running.store, BASE)).find((s) => s.id === namesake.id)).toMatchObject({ status: 'rejected', decidedBy: 'Ann' });
    const wrongKey = await hub(['suggestions', '--url', url], { HUB_ADMIN_KEY: 'wrong' });
    expect(wrongKey.status).toBe(1);
    expect(wrongKey.stderr).toContain('401');
  });
});
