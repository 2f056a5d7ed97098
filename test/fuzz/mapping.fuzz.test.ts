/**
 * Seeded, bounded fuzzing of the mapping step as the pipeline runs it (processRecord): real
 * record bodies (a UiTdatabank event, an LDES member, a LIDO record) mutated, mapped with the
 * sector mappings and validated. processRecord must always answer with an outcome (never throw),
 * a failure names the record, and nothing it publishes carries characters XML cannot carry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseConfig } from '../../src/config/load.js';
import type { RawRecord } from '../../src/core/records.js';
import { projectPath } from '../../src/core/paths.js';
import { hasForbiddenXmlCharacters } from '../../src/core/xml-chars.js';
import { loadRecordMapper } from '../../src/mapping/load-mapper.js';
import { processRecord, publishContext } from '../../src/pipeline/steps/process.js';
import type { SourceRuntime } from '../../src/pipeline/run-source.js';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';
import { applyMutations, fuzzSettings, mutations, withSeed } from './mutations.js';

const BASE = 'http://hub.test/';
const sample = (...path: string[]) => readFileSync(projectPath(...path), 'utf8');
const CASES = [
  { mapping: 'mappings/uitdatabank-event.yml', mediaType: 'application/ld+json', body: sample('fixtures', 'uitdatabank', 'samples', 'event-read-example.json') },
  { mapping: 'mappings/ghent-ldes.yml', mediaType: 'application/ld+json', body: sample('fixtures', 'ldes', 'samples', 'member-dmg-objecten.jsonld') },
  { mapping: 'mappings/lido-object.yml', mediaType: 'application/xml', body: sample('fixtures', 'lido', 'samples', 'mskgent-310000001-LIDO.xml') },
];

async function runtimeFor(mapping: string): Promise<SourceRuntime> {
  const config = parseConfig(
    `hub: { baseIri: '${BASE}', dataDir: /tmp/unused }
sources:
  - id: fuzz
    connector: { type: ldes, url: 'http://127.0.0.1:9/never-used' }
    mapping: ${JSON.stringify(projectPath(mapping))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.repaired.ttl'))}]
    onViolation: warn
`,
    join('/tmp', 'hub.yaml'),
  );
  const source = config.sources[0]!;
  return {
    source,
    connector: { type: 'none', check: async () => ({ ok: true, message: '' }), read: async function* () {} },
    connectorConfig: {},
    mapper: await loadRecordMapper(projectPath(mapping)),
    validator: ShaclValidator.fromFiles(source.shapes),
  };
}

describe('Fuzzed record bodies through mapping and validation', () => {
  it('always come out as an outcome, with no character XML cannot carry published', async () => {
    const runtimes = await Promise.all(CASES.map((c) => runtimeFor(c.mapping)));
    let n = 0;
    const property = fc.asyncProperty(fc.nat({ max: CASES.length - 1 }), mutations, async (which, list) => {
      const rt = runtimes[which];
      // A connector hands the mapping text: the mutated bytes as the connector would have decoded them.
      const record: RawRecord = { sourceId: 'fuzz', recordId: `r${++n}`, mediaType: CASES[which].mediaType, body: applyMutations(CASES[which].body, list).toString('utf8') };
      const outcome = await processRecord(rt, publishContext(BASE, rt, 'run'), record);
      if (outcome.kind === 'published') {
        for (const write of outcome.writes) {
          for (const q of write.quads) for (const term of [q.subject, q.predicate, q.object, q.graph]) expect(hasForbiddenXmlCharacters(term.value)).toBe(false);
        }
      } else {
        expect(outcome.problem.recordId).toBe(record.recordId);
        expect(outcome.problem.message.length).toBeGreaterThan(0);
      }
    });
    await fc.assert(property, fuzzSettings(45)).catch((error: unknown) => {
      throw withSeed(error);
    });
  }, 60_000);
});
