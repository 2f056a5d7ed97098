/**
 * Deletes converge after a kill -9 at any point, OAI-PMH sources: meemoo (deletedRecord=no,
 * deletes by identifier difference) and the Datahub (persistent deleted headers). `hub harvest`
 * killed after a seeded random delay; records deleted, added and changed (in --full cases also
 * dropped without a deleted header); harvested again; the record graphs compared with the source.
 */
import { startOaiPmhFixture, type OaiFixture, type OaiProfile } from '../../../fixtures/oai-pmh/server.js';
import { projectPath } from '../../../src/core/paths.js';
import { killChangeHarvestFixture, killDelay, pick, seeds } from './random-kill.js';

let fixture: OaiFixture | undefined;
afterEach(() => fixture?.close());

const live = () => fixture!.records.filter((r) => !r.deleted).map((r) => r.identifier);
const change = (rand: () => number) => {
  for (const id of pick(rand, live(), 3)) fixture!.remove(id);
  for (const id of pick(rand, live(), 2)) fixture!.update(id);
  fixture!.add(3);
};
/** Gone without a trace: only a complete listing shows it. */
const vanish = (rand: () => number) => {
  for (const id of pick(rand, live(), 2)) fixture!.records.splice(fixture!.records.findIndex((r) => r.identifier === id), 1);
};

const sourceYaml = (profile: OaiProfile) => () =>
  profile === 'meemoo'
    ? `  - id: meemoo
    connector: { type: oai-pmh, baseUrl: "${fixture!.url}", metadataPrefix: mets, username: harvester, password: secret, checkpointEveryPages: 1 }
    mapping: ${projectPath('mappings/meemoo-object.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
`
    : `  - id: datahub
    connector: { type: oai-pmh, baseUrl: "${fixture!.url}", metadataPrefix: oai_lido, checkpointEveryPages: 1 }
    mapping: ${projectPath('mappings/lido-object.yml')}
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
`;

const cases = [
  ...seeds([41]).map((seed) => ({ profile: 'meemoo' as const, seed, full: false })),
  ...seeds([44]).map((seed) => ({ profile: 'datahub' as const, seed, full: true })),
].map((c) => ({ ...c, delay: killDelay(c.seed, 0, 2500) }));

describe('An OAI-PMH source killed at a random point, changed and harvested again', () => {
  it.each(cases)('publishes exactly the records of the $profile repository (seed $seed, killed $delay ms after its first commit, full: $full)', async ({ profile, seed, delay, full }) => {
    fixture = await startOaiPmhFixture({ profile, count: 24, pageSize: 6 });
    await killChangeHarvestFixture({
      sourceId: profile,
      sourceYaml: sourceYaml(profile),
      seed,
      delay,
      full,
      change,
      // A Datahub record dropped without a deleted header is found by a --full run only.
      hiddenChange: vanish,
      expected: live,
      // One control run per family: a fresh data directory harvested once.
      control: full,
    });
  }, 120000);
});
