/**
 * A hub on the demo data, as `npm start` has it: config/demo.yaml over the demo's own fixture
 * servers (fixtures/serve-all.ts, on free loopback ports), every source harvested once, the app
 * on a loopback port whose origin is the hub's base IRI (so the IRIs in the API's answers are
 * links a browser can follow). For tests that look at the demo through HTTP (the example app).
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startDemoFixtures } from '../../fixtures/serve-all.js';
import { closeApp, createApp } from '../../src/api/app.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub } from '../../src/pipeline/hub.js';
import { hubPorts } from '../../src/pipeline/hub-ports.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';
import type { RunSummary } from '../../src/reports/run-summary.js';
import { freePorts } from './free-ports.js';
import { tempDir } from './temp-dir.js';

export interface DemoHub {
  hub: Hub;
  /** http://127.0.0.1:<port>, also the hub's base IRI (with a slash). */
  origin: string;
  runs: RunSummary[];
  close(): Promise<void>;
}

export async function openDemoHub(): Promise<DemoHub> {
  const dir = await tempDir('hub-demo-');
  const holder: { app?: ReturnType<typeof createApp> } = {};
  const server: Server = createServer((req, res) => holder.app!(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dataDir = join(dir.path, 'data');
  const fixtures = await startDemoFixtures(await freePorts(6), dataDir);
  const file = projectPath('config/demo.yaml');
  // A browser test asks the API more often than the anonymous per-minute limit allows.
  const text = (await readFile(file, 'utf8')).replace(/^ {2}aggregator: (.*)$/m, '  aggregator: $1\n  api: { anonymousPerMinute: 100000 }');
  const config = parseConfig(text, file, { env: { ...fixtures.env, HUB_BASE_IRI: `${origin}/`, HUB_DATA_DIR: dataDir }, checkConnector: checkConnectorSettings });
  const hub = await Hub.open(config);
  const runs: RunSummary[] = [];
  for (const source of config.sources) runs.push(await hub.harvest(source.id));
  holder.app = createApp({ ...hubPorts(hub), log: () => undefined });
  return {
    hub,
    origin,
    runs,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      if (holder.app) closeApp(holder.app);
      await hub.close();
      await fixtures.close();
      await dir.cleanup();
    },
  };
}
