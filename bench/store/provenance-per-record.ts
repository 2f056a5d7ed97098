/**
 * Quads per record, per demo source: config/demo.yaml's seven sources harvested from the demo's
 * fixture servers (fewer records) into an embedded store, then counted by graph kind, whatever
 * the provenance form: the record graph, its provenance graph, and the run-level nodes (graphs
 * under `{base}run/`, the lean form's publication and deletion nodes) shared by the source's
 * records. test/integration/pipeline/provenance-per-record.test.ts checks the lean form's bound.
 *
 *   npm run build --silent && node dist/bench/store/provenance-per-record.js [records per source]
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFilesFixture } from '../../fixtures/files/folder.js';
import { startLdesFixture } from '../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture } from '../../fixtures/uitdatabank/server.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub } from '../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';

export const BASE = 'http://hub.test/';

export interface SourceCounts {
  source: string;
  records: number;
  /** Quads of each record's provenance graph: the most, and the mean. */
  provenanceMax: number;
  provenanceMean: number;
  /** Quads of the run-level nodes of the source (graphs under {base}run/{source}/), over its records. */
  runLevelPerRecord: number;
  /** Quads of the record graphs, mean. */
  recordMean: number;
  /** Quads of the records' matching graphs (`{record graph}/matching`, match features), mean over the records. */
  matchingMean: number;
}

/** Harvests the demo sources (`perSource` records each) into a fresh store and counts. */
export async function demoProvenanceCounts(perSource = 10): Promise<{ counts: SourceCounts[]; hub: Hub; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-prov-count-'));
  const ldes = await startLdesFixture({ objects: perSource, pageSize: 5 });
  const datahub = await startOaiPmhFixture({ profile: 'datahub', count: perSource });
  const meemoo = await startOaiPmhFixture({ profile: 'meemoo', count: perSource, basicAuth: { username: 'harvester', password: 'secret' } });
  const uit = await startUitdatabankFixture({ count: perSource, clientIds: ['demo-client'] });
  const tm = await startTicketmaticFixture({ count: perSource, account: 'demo-cc', accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key' });
  const files = await createFilesFixture(perSource);
  const env = {
    HUB_BASE_IRI: BASE,
    HUB_DATA_DIR: join(dir, 'data'),
    DEMO_LDES_URL: ldes.url,
    DEMO_DATAHUB_OAI_URL: datahub.url,
    DEMO_MEEMOO_OAI_URL: meemoo.url,
    DEMO_MEEMOO_USER: 'harvester',
    DEMO_MEEMOO_PASSWORD: 'secret',
    DEMO_UIT_URL: uit.url,
    DEMO_UIT_CLIENT_ID: 'demo-client',
    DEMO_TM_BASE_URL: tm.url.replace(/\/[^/]+$/, ''),
    DEMO_TM_ACCOUNT: 'demo-cc',
    DEMO_TM_ACCESS_KEY: 'a1b2c3d4e5f6',
    DEMO_TM_SECRET_KEY: 'test-secret-key',
    DEMO_FILES_FOLDER: files.dir,
  };
  const file = projectPath('config/demo.yaml');
  const demo = parseConfig(readFileSync(file, 'utf8'), file, { env, checkConnector: checkConnectorSettings });
  const hub = await Hub.open(demo);
  const close = async () => {
    await hub.close();
    for (const c of [ldes.close, datahub.close, meemoo.close, uit.close, tm.close, files.close]) await c();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const s of demo.sources) {
      const run = await hub.harvest(s.id);
      if (run.status !== 'completed') throw new Error(`${s.id}: the harvest ended ${run.status}: ${run.failure ?? ''}`);
    }
    return { counts: await countPerSource(hub, demo.sources.map((s) => s.id)), hub, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function countPerSource(hub: Hub, sources: string[]): Promise<SourceCounts[]> {
  const sizes = async (filter: string) =>
    (await hub.store.select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(${filter}) } GROUP BY ?g`)).map((r) => ({ graph: r.g!.value, n: Number(r.n!.value) }));
  const provenance = await sizes(`STRSTARTS(STR(?g), "${BASE}graph/") && STRENDS(STR(?g), "/provenance")`);
  const records = await sizes(`STRSTARTS(STR(?g), "${BASE}graph/") && REGEX(STRAFTER(STR(?g), "${BASE}graph/"), "^[^/]+/[^/]+$") && !STRSTARTS(STR(?g), "${BASE}graph/reports/")`);
  const runLevel = await sizes(`STRSTARTS(STR(?g), "${BASE}run/")`);
  const matching = await sizes(`STRSTARTS(STR(?g), "${BASE}graph/") && STRENDS(STR(?g), "/matching")`);
  const of = (rows: { graph: string; n: number }[], prefix: string) => rows.filter((r) => r.graph.startsWith(prefix)).map((r) => r.n);
  return sources.map((source) => {
    const prov = of(provenance, `${BASE}graph/${source}/`);
    const rec = of(records, `${BASE}graph/${source}/`);
    const run = of(runLevel, `${BASE}run/${source}/`);
    const match = of(matching, `${BASE}graph/${source}/`);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      source,
      records: prov.length,
      provenanceMax: Math.max(0, ...prov),
      provenanceMean: prov.length ? sum(prov) / prov.length : 0,
      runLevelPerRecord: prov.length ? sum(run) / prov.length : 0,
      recordMean: rec.length ? sum(rec) / rec.length : 0,
      matchingMean: prov.length ? sum(match) / prov.length : 0,
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { counts, close } = await demoProvenanceCounts(Number(process.argv[2] ?? 10));
  await close();
  const f = (n: number) => n.toFixed(2);
  process.stdout.write('| source | records | provenance quads/record (max) | mean | run-level quads/record | matching graph quads/record | record graph quads/record |\n| --- | --- | --- | --- | --- | --- | --- |\n');
  for (const c of counts) process.stdout.write(`| ${c.source} | ${c.records} | ${c.provenanceMax} | ${f(c.provenanceMean)} | ${f(c.runLevelPerRecord)} | ${f(c.matchingMean)} | ${f(c.recordMean)} |\n`);
}
