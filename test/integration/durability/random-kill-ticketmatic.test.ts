/**
 * Deletes converge after a kill -9 at any point, Ticketmatic source (eventstream deletes, 404s):
 * `hub harvest` killed after a seeded random delay; events deleted, added and changed (in --full
 * cases also put back in Draft without a feed item); harvested again; the record graphs compared
 * with the account's public events.
 */
import { startTicketmaticFixture, type TicketmaticFixture } from '../../../fixtures/ticketmatic/server.js';
import { projectPath } from '../../../src/core/paths.js';
import { killChangeHarvestFixture, killDelay, pick, seeds } from './random-kill.js';

const DRAFT = 19001;
let fixture: TicketmaticFixture;
beforeEach(async () => (fixture = await startTicketmaticFixture({ count: 24 })));
afterEach(() => fixture.close());

const publicIds = () => fixture.events.filter((e) => e.currentstatus !== DRAFT).map((e) => e.id);
const change = (rand: () => number) => {
  for (const id of pick(rand, publicIds(), 3)) fixture.remove(id);
  for (const id of pick(rand, publicIds(), 2)) fixture.update(id);
  fixture.add(3);
};
/** Back in Draft with no feed item: only a complete listing shows it. */
const hide = (rand: () => number) => {
  for (const id of pick(rand, publicIds(), 2)) fixture.events.find((e) => e.id === id)!.currentstatus = DRAFT;
};

const cases = seeds([61, 62]).map((seed, i) => ({ seed, full: i % 2 === 1, delay: killDelay(seed, 0, 2500) }));

describe('A Ticketmatic source killed at a random point, changed and harvested again', () => {
  it.each(cases)('publishes exactly the public events (seed $seed, killed $delay ms after its first commit, full: $full)', async ({ seed, delay, full }) => {
    await killChangeHarvestFixture({
      sourceId: 'tm',
      sourceYaml: () => `  - id: tm
    connector: { type: ticketmatic, baseUrl: "${fixture.url.replace(/\/[^/]+$/, '')}", account: ${fixture.account}, accessKey: a1b2c3d4e5f6, secretKey: test-secret-key, pageSize: 6, overlapSeconds: 0 }
    mapping: ${projectPath('mappings/ticketmatic-event.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: activiteit
    onViolation: warn
`,
      seed,
      delay,
      full,
      change,
      hiddenChange: hide,
      expected: () => publicIds().map(String),
      // One control run per family: a fresh data directory harvested once.
      control: full,
    });
  }, 120000);
});
