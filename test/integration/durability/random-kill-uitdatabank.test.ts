/**
 * Deletes converge after a kill -9 at any point, UiTdatabank source (workflowStatus DELETED):
 * `hub harvest` killed after a seeded random delay; events withdrawn, added and changed (in
 * --full cases also gone from the query without a status); harvested again; the record graphs
 * compared with the source's published events and with a control run.
 */
import { startUitdatabankFixture, type UitFixture } from '../../../fixtures/uitdatabank/server.js';
import { projectPath } from '../../../src/core/paths.js';
import { killChangeHarvestFixture, killDelay, pick, seeds } from './random-kill.js';

let fixture: UitFixture;
beforeEach(async () => (fixture = await startUitdatabankFixture({ count: 24 })));
afterEach(() => fixture.close());

const idOf = (doc: Record<string, unknown>) => String(doc['@id']).split('/').pop()!;
const published = () => fixture.docs.events.filter((d) => ['APPROVED', 'READY_FOR_VALIDATION'].includes(String(d.workflowStatus))).map(idOf);
const change = (rand: () => number) => {
  for (const id of pick(rand, published(), 3)) fixture.remove('events', id);
  for (const id of pick(rand, published(), 2)) fixture.update('events', id);
  fixture.add('events', 3);
};
/** No longer matched by the source's query, with no status to say so: only a complete listing shows it. */
const vanish = (rand: () => number) => {
  for (const id of pick(rand, published(), 2)) fixture.docs.events.splice(fixture.docs.events.findIndex((d) => idOf(d) === id), 1);
};

const cases = seeds([51, 52]).map((seed, i) => ({ seed, full: i % 2 === 1, delay: killDelay(seed, 0, 2500) }));

describe('A UiTdatabank source killed at a random point, changed and harvested again', () => {
  it.each(cases)('publishes exactly the published events (seed $seed, killed $delay ms after its first commit, full: $full)', async ({ seed, delay, full }) => {
    await killChangeHarvestFixture({
      sourceId: 'uit',
      sourceYaml: () => `  - id: uit
    connector: { type: uitdatabank, baseUrl: "${fixture.url}", clientId: test-client, entities: [events], pageSize: 6 }
    mapping: ${projectPath('mappings/uitdatabank-event.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: activiteit
    onViolation: warn
`,
      seed,
      delay,
      full,
      change,
      hiddenChange: vanish,
      expected: published,
      // One control run per family: a fresh data directory harvested once.
      control: full,
    });
  }, 120000);
});
