/**
 * Harvest throughput of the four connectors against their loopback fixtures: a full run,
 * then an incremental run after 1% of the records changed. Prints records/s and requests.
 * Run by hand: `npm run bench:connectors` (never part of `npm test`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { startUitdatabankFixture } from '../../fixtures/uitdatabank/server.js';
import { startTicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { activitiesCsv, FIXTURE_RULES } from '../../fixtures/files/folder.js';
import { OaiPmhConnector, OaiPmhConfigSchema } from '../../src/connectors/oai-pmh/index.js';
import { UitdatabankConnector, UitdatabankConfigSchema } from '../../src/connectors/uitdatabank/index.js';
import { TicketmaticConnector, TicketmaticConfigSchema } from '../../src/connectors/ticketmatic/index.js';
import { FilesConnector, FilesConfigSchema } from '../../src/connectors/files/index.js';
import type { Connector } from '../../src/connectors/contract.js';

interface Result { name: string; run: string; records: number; deletes: number; ms: number; requests: number }

async function time<C, S>(connector: Connector<C, S>, config: C, state: S | undefined, requests: () => number) {
  const before = requests();
  const started = performance.now();
  let records = 0;
  let deletes = 0;
  let last: S | undefined = state;
  for await (const m of connector.read(config, state, 'bench')) {
    if (m.type === 'record') records++;
    else if (m.type === 'delete') deletes++;
    else if (m.type === 'checkpoint') last = m.state;
  }
  return { records, deletes, ms: performance.now() - started, requests: requests() - before, state: last };
}

async function main() {
  const n = Number(process.env.BENCH_RECORDS ?? 5000);
  const results: Result[] = [];
  const push = (name: string, run: string, r: { records: number; deletes: number; ms: number; requests: number }) => results.push({ name, run, ...r });

  const oai = await startOaiPmhFixture({ count: n, pageSize: 100 });
  const oaiConfig = OaiPmhConfigSchema.parse({ baseUrl: oai.url, metadataPrefix: 'oai_lido' });
  const oaiFull = await time(new OaiPmhConnector(), oaiConfig, undefined, () => oai.faults.requests.length);
  push('oai-pmh (LIDO)', 'full', oaiFull);
  for (let i = 0; i < n; i += 100) oai.update(oai.records[i].identifier);
  push('oai-pmh (LIDO)', 'incremental 1%', await time(new OaiPmhConnector(), oaiConfig, oaiFull.state, () => oai.faults.requests.length));
  await oai.close();

  const uit = await startUitdatabankFixture({ count: Math.floor(n / 3) });
  const uitConfig = UitdatabankConfigSchema.parse({ baseUrl: uit.url, clientId: 'test-client', pageSize: 500 });
  const uitFull = await time(new UitdatabankConnector(), uitConfig, undefined, () => uit.faults.requests.length);
  push('uitdatabank', 'full', uitFull);
  for (let i = 0; i < uit.docs.events.length; i += 33) uit.update('events', uit.id('events', i));
  push('uitdatabank', 'incremental 1%', await time(new UitdatabankConnector(), uitConfig, uitFull.state, () => uit.faults.requests.length));
  await uit.close();

  const tm = await startTicketmaticFixture({ count: n, streamPageSize: 100 });
  const tmConfig = TicketmaticConfigSchema.parse({ baseUrl: tm.url.replace(/\/[^/]+$/, ''), account: tm.account, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key', pageSize: 500 });
  const tmFull = await time(new TicketmaticConnector(), tmConfig, undefined, () => tm.faults.requests.length);
  push('ticketmatic', 'full', tmFull);
  for (let i = 0; i < n; i += 100) tm.update(tm.events[i].id);
  push('ticketmatic', 'incremental 1%', await time(new TicketmaticConnector(), tmConfig, tmFull.state, () => tm.faults.requests.length));
  await tm.close();

  const dir = await mkdtemp(join(tmpdir(), 'hub-bench-files-'));
  await writeFile(join(dir, 'activiteiten.csv'), activitiesCsv({ n }));
  const filesConfig = FilesConfigSchema.parse({ folder: dir, rules: FIXTURE_RULES });
  const filesFull = await time(new FilesConnector(), filesConfig, undefined, () => 0);
  push('files (CSV)', 'full', filesFull);
  await writeFile(join(dir, 'activiteiten.csv'), activitiesCsv({ n, edited: Array.from({ length: n / 100 }, (_, i) => i * 100) }));
  push('files (CSV)', 'incremental 1%', await time(new FilesConnector(), filesConfig, filesFull.state, () => 0));
  await rm(dir, { recursive: true, force: true });

  console.log(`connector harvest bench, ${n} records per source (node ${process.version})`);
  console.log('source           run              records deletes requests     ms  records/s');
  for (const r of results) {
    console.log(`${r.name.padEnd(16)} ${r.run.padEnd(16)} ${String(r.records).padStart(7)} ${String(r.deletes).padStart(7)} ${String(r.requests).padStart(8)} ${r.ms.toFixed(0).padStart(6)} ${(r.records / (r.ms / 1000)).toFixed(0).padStart(10)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
