/**
 * kill -9 in the middle of `hub push uitdatabank` (issue 18, item 3): a real `hub push` process,
 * killed while its event creates are in flight (the fixture Entry API answers them slowly), and
 * then run again. Every record ends with exactly one live event in UiTdatabank, found by its
 * marker label: none created twice, none lost.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTicketmaticFixture, type TicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { startUitdatabankEntryFixture, type EntryFixture } from '../../fixtures/uitdatabank/entry-server.js';
import { startUitdatabankFixture, type UitFixture } from '../../fixtures/uitdatabank/server.js';
import { tempDir } from '../helpers/temp-dir.js';
import { waitFor } from '../integration/queue/helpers.js';
import { built, startHub, stop, type HubProcess } from './processes.js';
import { publishToYaml, ticketmaticSource } from '../helpers/source-yaml.js';

const ACCOUNT = 'demo-cc';
const SECRET = 'house-secret-kill';

let tm: TicketmaticFixture;
let search: UitFixture;
let entry: EntryFixture;
let dir: { path: string; cleanup: () => Promise<void> };
let config: string;
let push: HubProcess | undefined;

const creates = () => entry.requests.filter((r) => r.method === 'POST' && r.path.split('?')[0] === '/events');
/** Live events the hub made, by the marker label each carries (one per record). */
function eventsByMarker(): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of entry.docs.events) {
    if (d.workflowStatus === 'DELETED') continue;
    for (const label of [...(d.hiddenLabels ?? []), ...(d.labels ?? [])] as string[]) if (label.startsWith('lodhub-')) out.set(label, (out.get(label) ?? 0) + 1);
  }
  return out;
}

beforeAll(async () => {
  if (!built()) throw new Error('dist/ is missing: run npm run build first');
  tm = await startTicketmaticFixture({ count: 12, account: ACCOUNT });
  search = await startUitdatabankFixture({ count: 2, clientIds: ['house'] });
  entry = await startUitdatabankEntryFixture({ search, clients: [{ id: 'house', secret: SECRET }] });
  dir = await tempDir('hub-push-kill-');
  config = join(dir.path, 'hub.yaml');
  await writeFile(
    config,
    `hub:
  baseIri: http://hub.test/
  dataDir: ${JSON.stringify(join(dir.path, 'data'))}
sources:${ticketmaticSource(tm.url, ACCOUNT)}${publishToYaml({
      enabled: false,
      entryUrl: entry.url,
      searchUrl: search.url,
      tokenUrl: entry.tokenUrl,
      clientId: 'house',
      clientSecret: SECRET,
      more: ['organizer: { name: Cultuurcentrum (demo), url: https://www.cultuurcentrum.example }', `booking: { urlTemplate: "https://apps.ticketmatic.com/widgets/${ACCOUNT}/addtickets?event={eventId}" }`],
    })}
`,
  );
  // The harvest publishes the records; the push is asked for by hand below.
  const harvest = startHub(['harvest', 'ticketmatic'], config, { LOG_LEVEL: 'warn' });
  expect((await harvest.exited).code).toBe(0);
}, 180_000);

afterAll(async () => {
  await stop(push, 'SIGKILL');
  await entry?.close();
  await search?.close();
  await tm?.close();
  await dir?.cleanup();
});

describe('hub push uitdatabank, killed with SIGKILL mid-push', () => {
  it('resumes on the next push without a second event for any record', async () => {
    // Each event create is answered after 1.5 s: the kill lands while one is in flight.
    entry.inject({ kind: 'delay', ms: 1500 }, { times: 1000, match: (u) => u.pathname === '/events' });
    push = startHub(['push', 'uitdatabank', 'ticketmatic'], config, { LOG_LEVEL: 'warn' });
    await waitFor('two event creates to be answered and a third sent', async () => (creates().length >= 2 && entry.faults.requests.filter((r) => r.url.split('?')[0] === '/events').length >= 3 ? true : undefined), 120_000);
    push.child.kill('SIGKILL');
    expect((await push.exited).signal).toBe('SIGKILL');
    // The create in flight still lands after the kill: its answer reaches nobody.
    await new Promise((r) => setTimeout(r, 2000));
    const beforeResume = eventsByMarker();
    expect(beforeResume.size).toBeGreaterThanOrEqual(2);

    push = startHub(['push', 'uitdatabank', 'ticketmatic'], config, { LOG_LEVEL: 'warn' });
    const { code } = await push.exited;
    // 0, or 1 when some events are refused (genres the map lacks); never a crash.
    expect([0, 1]).toContain(code);
    const after = eventsByMarker();
    expect([...after.values()].every((n) => n === 1)).toBe(true);
    // Every event the killed push created is still the record's one event.
    for (const marker of beforeResume.keys()) expect(after.get(marker)).toBe(1);
    expect(after.size).toBeGreaterThan(beforeResume.size);
    expect(entry.requests.filter((r) => !r.valid)).toEqual([]);

    // A third push sends no create at all.
    const sent = creates().length;
    push = startHub(['push', 'uitdatabank', 'ticketmatic'], config, { LOG_LEVEL: 'warn' });
    expect([0, 1]).toContain((await push.exited).code);
    expect(creates().length).toBe(sent);
    expect(eventsByMarker()).toEqual(after);
  }, 300_000);
});
