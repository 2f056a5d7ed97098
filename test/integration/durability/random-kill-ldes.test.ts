/**
 * Deletes converge after a kill -9 at any point, LDES source (delete members): the fixture stream,
 * `hub harvest` killed after a seeded random delay, objects deleted, added and changed, harvested
 * again (incremental, or --full), and the record graphs compared with the live objects.
 */
import { startLdesFixture, type LdesFixture } from '../../../fixtures/ldes/server.js';
import { projectPath } from '../../../src/core/paths.js';
import { killChangeHarvestFixture, killDelay, pick, seeds } from './random-kill.js';

let fixture: LdesFixture;
beforeEach(async () => (fixture = await startLdesFixture({ objects: 24, pageSize: 6 })));
afterEach(() => fixture.close());

let next = 0;
const change = (rand: () => number) => {
  const live = fixture.liveObjects();
  for (const id of pick(rand, live, 3)) fixture.deleteObject(id);
  for (const id of pick(rand, fixture.liveObjects(), 2)) fixture.addVersion(id, { title: `Changed ${id}` });
  for (let i = 0; i < 3; i++) fixture.addVersion(String(540000000 + next++));
};

const cases = seeds([31, 32]).map((seed, i) => ({ seed, full: i % 2 === 1, delay: killDelay(seed, 0, 2500) }));

describe('An LDES source killed at a random point, changed and harvested again', () => {
  it.each(cases)('publishes exactly the live objects (seed $seed, killed $delay ms after its first commit, full: $full)', async ({ seed, delay, full }) => {
    await killChangeHarvestFixture({
      sourceId: 'ghent',
      sourceYaml: () => `  - id: ghent
    connector: { type: ldes, url: "${fixture.url}" }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
`,
      seed,
      delay,
      full,
      change,
      expected: () => fixture.liveObjects(),
      // One control run per family: a fresh data directory harvested once.
      control: full,
    });
  }, 120000);
});
