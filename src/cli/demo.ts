/**
 * `hub demo`: starts the bundled fixture servers on fixed loopback ports (so a restarted demo
 * finds its sources where it left them), then the hub on `config/demo.yaml`, which harvests one
 * source of every family and serves the result. What `npm start` runs.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startLdesFixture } from '../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { startUitdatabankFixture } from '../../fixtures/uitdatabank/server.js';
import { startTicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { createFilesFixture } from '../../fixtures/files/folder.js';

export interface DemoFixtures {
  env: Record<string, string>;
  close(): Promise<void>;
}

/** Credentials the demo fixtures accept (not secrets: they guard loopback test servers). */
const DEMO = { meemooUser: 'harvester', meemooPassword: 'secret', uitClient: 'demo-client', tmAccount: 'demo-cc', tmKey: 'a1b2c3d4e5f6', tmSecret: 'test-secret-key' };

export async function startDemoFixtures(basePort = Number(process.env.DEMO_FIXTURE_PORT ?? 4100), dataDir = process.env.HUB_DATA_DIR ?? './data/demo'): Promise<DemoFixtures> {
  const ldes = await startLdesFixture({ port: basePort, objects: 60, pageSize: 20 });
  const datahub = await startOaiPmhFixture({ profile: 'datahub', port: basePort + 1, count: 40 });
  const meemoo = await startOaiPmhFixture({ profile: 'meemoo', port: basePort + 2, count: 30, basicAuth: { username: DEMO.meemooUser, password: DEMO.meemooPassword } });
  const uit = await startUitdatabankFixture({ port: basePort + 3, count: 40, clientIds: [DEMO.uitClient] });
  const tm = await startTicketmaticFixture({ port: basePort + 4, count: 25, account: DEMO.tmAccount, accessKey: DEMO.tmKey, secretKey: DEMO.tmSecret });
  // The files source reads a folder the demo keeps beside its data, so restarts see the same files.
  const folder = resolve(dataDir, '..', `${dataDir.split(/[\\/]/).filter(Boolean).at(-1)}-files`);
  if (!existsSync(folder)) {
    const files = await createFilesFixture(15);
    await mkdir(folder, { recursive: true });
    await cp(files.dir, folder, { recursive: true });
    await files.close();
  }
  return {
    env: {
      DEMO_LDES_URL: ldes.url,
      DEMO_DATAHUB_OAI_URL: datahub.url,
      DEMO_MEEMOO_OAI_URL: meemoo.url,
      DEMO_MEEMOO_USER: process.env.DEMO_MEEMOO_USER ?? DEMO.meemooUser,
      DEMO_MEEMOO_PASSWORD: process.env.DEMO_MEEMOO_PASSWORD ?? DEMO.meemooPassword,
      DEMO_UIT_URL: uit.url,
      DEMO_UIT_CLIENT_ID: process.env.DEMO_UIT_CLIENT_ID ?? DEMO.uitClient,
      DEMO_TM_BASE_URL: tm.url.replace(/\/[^/]+$/, ''),
      DEMO_TM_ACCOUNT: DEMO.tmAccount,
      DEMO_TM_ACCESS_KEY: process.env.DEMO_TM_ACCESS_KEY ?? DEMO.tmKey,
      DEMO_TM_SECRET_KEY: process.env.DEMO_TM_SECRET_KEY ?? DEMO.tmSecret,
      DEMO_FILES_FOLDER: join(folder),
    },
    close: async () => {
      await Promise.all([ldes.close(), datahub.close(), meemoo.close(), uit.close(), tm.close()]);
    },
  };
}
