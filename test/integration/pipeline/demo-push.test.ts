/**
 * The demo's write-back (issue 18, item 8): config/demo.yaml over the fixture servers `hub demo`
 * starts (fixtures/serve-all.ts, which switches the push on with DEMO_UIT_PUSH) pushes the
 * Ticketmatic source into the fixture UiTdatabank after its run, and the sources page shows it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DEMO_FIXTURE_PORTS, startDemoFixtures, type DemoFixtures } from '../../../fixtures/serve-all.js';
import { freePorts } from '../../helpers/free-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { pushCommand } from '../../../src/cli/push.js';
import type { HubConfig } from '../../../src/config/schema.js';
import { tempDir } from '../../helpers/temp-dir.js';

const SOURCES = ['uit-places', 'uit-events', 'ticketmatic'];


let fixtures: DemoFixtures;
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub | undefined;
let config: HubConfig;

beforeAll(async () => {
  dir = await tempDir('hub-demo-push-');
  fixtures = await startDemoFixtures(await freePorts(DEMO_FIXTURE_PORTS), join(dir.path, 'demo'));
  const file = projectPath('config/demo.yaml');
  const env = { ...fixtures.env, HUB_BASE_IRI: 'http://hub.test/', HUB_DATA_DIR: join(dir.path, 'demo') };
  const demo = parseConfig(readFileSync(file, 'utf8'), file, { env, checkConnector: checkConnectorSettings });
  config = { ...demo, sources: demo.sources.filter((s) => SOURCES.includes(s.id)) };
  hub = await Hub.open(config);
  for (const id of SOURCES) expect((await hub.harvest(id)).status).toBe('completed');
}, 300_000);

afterAll(async () => {
  await hub?.close();
  await fixtures?.close();
  await dir?.cleanup();
});

describe('the demo pushes Ticketmatic into the fixture UiTdatabank', () => {
  it('pushes after the run, without failures, and shows it on the sources page', async () => {
    const app = createApp({ ...hubPorts(hub!), log: () => undefined });
    const json = await request(app).get('/sources').set('accept', 'application/json').expect(200);
    const tm = json.body.sources.find((s: { id: string }) => s.id === 'ticketmatic');
    expect(tm.push.failure).toBeUndefined();
    expect(tm.push.counts.failed).toBe(0);
    expect(tm.push.counts.created).toBeGreaterThan(0);
    expect(tm.push.counts.linked).toBeGreaterThan(0);
    const created = tm.push.items.find((i: { state: string }) => i.state === 'created');
    expect(created.workflowStatus).toBe('READY_FOR_VALIDATION');
    // The Search API view of the fixture lists what was pushed.
    const found = (await (await fetch(`${fixtures.env.DEMO_UIT_SEARCH_URL}/events?id=${created.uitId}&disableDefaultFilters=true`, { headers: { 'x-client-id': fixtures.env.DEMO_UIT_CLIENT_ID! } })).json()) as { member: unknown[] };
    expect(found.member).toHaveLength(1);
    const html = await request(app).get('/sources').set('accept', 'text/html').expect(200);
    expect(html.text).toContain('push into UiTdatabank');
    expect(html.text).toMatch(/\d+ created/);
  });
});

describe('hub push uitdatabank ticketmatic on the stopped hub\'s store', () => {
  it('lists nothing to send after the run pushed, then pushes and finds everything unchanged', async () => {
    await hub!.close();
    hub = undefined;
    let text = '';
    const out = { write: (t: string) => (text += t) };
    expect(await pushCommand(config, 'uitdatabank', 'ticketmatic', { dryRun: true }, out)).toBe(0);
    expect(text).toMatch(/^Dry run: ticketmatic → UiTdatabank \(nothing sent\)\n0 to create, 0 to link, 0 to update, 0 to delete, \d+ unchanged, \d+ refused\n/);
    text = '';
    // Refused events (genres the map lacks) make the exit code 1; none failed, none created again.
    await pushCommand(config, 'uitdatabank', 'ticketmatic', { json: true }, out);
    const report = JSON.parse(text) as { counts: Record<string, number> };
    expect(report.counts).toEqual(expect.objectContaining({ created: 0, failed: 0, updated: 0 }));
    expect(report.counts.unchanged).toBeGreaterThan(0);
  }, 120_000);
});
