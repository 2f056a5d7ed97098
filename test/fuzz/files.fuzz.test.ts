/**
 * Seeded, bounded fuzzing of the files connector and uploads: real CSV, JSON and XML files from
 * the fixtures, mutated (deep nesting, huge strings, random bytes, truncation, broken quoting,
 * other encodings, control characters), uploaded through ingestUpload and harvested. No case
 * may crash the harvest or hang; every problem names its file (and row or element), and every
 * record respects the limits. FUZZ_SEED replays another seed.
 */
import fc from 'fast-check';
import { activitiesCsv, eventsJson, lidoXml } from '../../fixtures/files/folder.js';
import { FilesConfigSchema } from '../../src/connectors/files/config.js';
import { FilesConnector } from '../../src/connectors/files/files-connector.js';
import { ingestUpload } from '../../src/connectors/files/upload.js';
import { jsonDepth } from '../../src/core/nesting-depth.js';
import { collect } from '../integration/connectors/oai-pmh/harvest-helpers.js';
import { tempDir } from '../helpers/temp-dir.js';
import { applyMutations, fuzzSettings, mutations, withSeed } from './mutations.js';

const FILES = [
  { name: 'activiteiten.csv', base: activitiesCsv({ n: 6 }) },
  { name: 'evenementen.json', base: eventsJson({ n: 4 }) },
  { name: 'collectie.xml', base: lidoXml({ n: 3 }) },
];
const RULES = [
  { match: '*.csv', id: 'activiteit_id' },
  { match: '*.json', id: '@id' },
  { match: '*.xml', records: 'lido:lido', id: 'lido:lidoRecID', namespaces: { lido: 'http://www.lido-schema.org' } },
];
const LIMITS = { maxRecordDepth: 100, maxRecordBytes: 200_000 };

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir('hub-fuzz-files-');
});
afterAll(() => dir.cleanup());

describe('Fuzzed uploads to a files source', () => {
  it('never crash or hang a harvest; every problem names its file and every record keeps the limits', async () => {
    let round = 0;
    const property = fc.asyncProperty(fc.nat({ max: FILES.length - 1 }), mutations, async (which, list) => {
      const file = FILES[which];
      const folder = `${dir.path}/case-${++round}`;
      const config = FilesConfigSchema.parse({ folder, rules: RULES, ...LIMITS });
      const upload = await ingestUpload(config, file.name, applyMutations(file.base, list));
      const h = await collect(new FilesConnector().read(config, undefined, 'fuzz'));
      for (const error of h.errors) {
        expect(error.page).toBe(upload.name);
        expect(error.message.startsWith(`${upload.name}`)).toBe(true);
        expect(error.recordId.length).toBeGreaterThan(0);
      }
      for (const record of h.records) {
        expect(Buffer.byteLength(record.body)).toBeLessThanOrEqual(LIMITS.maxRecordBytes);
        expect(record.meta?.file).toBe(upload.name);
        expect(record.meta?.locator).toMatch(/^(row|element) \d+$/);
        if (record.mediaType === 'application/json') expect(jsonDepth(JSON.parse(record.body))).toBeLessThanOrEqual(LIMITS.maxRecordDepth);
      }
    });
    await fc.assert(property, fuzzSettings(90)).catch((error: unknown) => {
      throw withSeed(error);
    });
  }, 60_000);
});
