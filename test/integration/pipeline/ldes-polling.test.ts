import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { parseConfig } from '../../../src/config/load.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';

async function until(what: string, check: () => Promise<boolean>, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('The schedules of hub serve on an LDES source', () => {
  let fixture: LdesFixture;
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub | undefined;

  afterEach(async () => {
    await hub?.close();
    await fixture.close();
    await dir.cleanup();
  });

  const open = async (schedule: string) => {
    const config = parseConfig(
      `hub: { baseIri: ${BASE}, dataDir: ${dir.path} }
sources:
  - id: ghent
    connector: { type: ldes, url: "${fixture.url}", pollIntervalSeconds: 3600 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    schedule: ${schedule}
`,
      projectPath('config/test.yaml'),
      { env: {}, checkConnector: checkConnectorSettings },
    );
    hub = await Hub.open(config);
    return hub;
  };

  it('polls the open page at the ldes:pollingInterval the stream declares', async () => {
    fixture = await startLdesFixture({ objects: 6, pageSize: 5, pollingInterval: 1 });
    dir = await tempDir();
    const h = await open('{ onStart: always }');
    await h.startSchedules();
    const runs = async () => (await h.states.read('ghent')).runs.filter((r) => r.status === 'completed');
    await until('the first run', async () => (await runs()).length >= 1);
    fixture.addVersion('530000099');
    // No everyMinutes: the next run comes from the stream's one-second interval, not the configured 3600 s.
    await until('a poll that publishes the new member', async () => (await h.store.graph(recordGraphIri(BASE, 'ghent', '530000099'))).length > 0);
    // The run summary is written after its last commit: wait for it rather than race it.
    await until('the polled run to be recorded', async () => (await runs()).slice(1).some((r) => r.published === 1));
  });

  it('leaves the stream alone between the runs everyMinutes asks for', async () => {
    fixture = await startLdesFixture({ objects: 6, pageSize: 5, pollingInterval: 1 });
    dir = await tempDir();
    const h = await open('{ onStart: always, everyMinutes: 60 }');
    await h.startSchedules();
    await until('the first run', async () => (await h.states.read('ghent')).runs.some((r) => r.status === 'completed'));
    const requests = fixture.requests.length;
    // Three of the stream's intervals pass without a request: the configured schedule wins.
    await new Promise((r) => setTimeout(r, 3000));
    expect(fixture.requests.length).toBe(requests);
  });
});
