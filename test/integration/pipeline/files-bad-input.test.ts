/**
 * The outside probes against a files source, end to end (files connector → RML mapping →
 * validation → store): one JSON element nested 5,000 deep among good ones used to fail the run
 * ("Maximum call stack size exceeded", 0 records, 0 report rows); a NUL and an ESC in a CSV
 * cell used to be published. Now the run completes, the others publish, the deep element is one
 * report row naming file, element and limit, and the control characters are removed and reported.
 */
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { activitiesCsv, activityId, eventId, eventsJson } from '../../../fixtures/files/folder.js';
import { parseConfig } from '../../../src/config/load.js';
import { FilesConfigSchema } from '../../../src/connectors/files/config.js';
import { FilesConnector } from '../../../src/connectors/files/files-connector.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { projectPath } from '../../../src/core/paths.js';
import { parseRdf } from '../../../src/core/rdf.js';
import { RmlRecordMapper } from '../../../src/mapping/rml/rml-record-mapper.js';
import { runSource, type SourceRuntime } from '../../../src/pipeline/run-source.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const BASE = 'http://hub.test/';
const MAPPING = `
prefixes:
  ex: http://example.org/
mappings:
  event:
    sources:
      - [event.json~jsonpath, '$']
    s: id/event/$(hub_sourceId)/$(hub_recordId)
    po:
      - [a, ex:Thing]
      - [ex:title, $(name.nl), nl~lang]
  activity:
    sources:
      - [activity.csv~csv]
    s: id/activity/$(hub_sourceId)/$(hub_recordId)
    po:
      - [a, ex:Thing]
      - [ex:title, $(activiteit_name_nl), nl~lang]
`;
const SHAPES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:title ; sh:minCount 1 ] .`;

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hub-files-e2e-');
});
afterEach(() => dir.cleanup());

async function harvest() {
  const config = parseConfig(
    `hub: { baseIri: '${BASE}', dataDir: ${JSON.stringify(join(dir.path, 'data'))} }
sources:
  - id: cc
    connector: { type: files, folder: ${JSON.stringify(join(dir.path, 'in'))} }
    mapping: ${JSON.stringify(projectPath('mappings/uitdatabank-event.yml'))}
    shapes: [${JSON.stringify(projectPath('shapes/oslo-ce-object-2021.ttl'))}]
`,
    join(dir.path, 'hub.yaml'),
  );
  // The configured mapping and shapes only pass the config check; the runtime brings its own.
  const runtime: SourceRuntime = {
    source: config.sources[0]!,
    connector: new FilesConnector(),
    connectorConfig: FilesConfigSchema.parse({
      folder: join(dir.path, 'in'),
      rules: [
        { match: '*.json', id: '@id' },
        { match: '*.csv', id: 'activiteit_id' },
      ],
    }),
    mapper: RmlRecordMapper.fromText(MAPPING, 'test.yml'),
    validator: new ShaclValidator(parseRdf(SHAPES), { id: 'shapes', version: '1' }),
  };
  const store = new MemoryStore();
  const run = await runSource(config.hub, runtime, store, new StateStore(config.hub.dataDir));
  return { run, store };
}

async function save(name: string, text: string) {
  await mkdir(join(dir.path, 'in'), { recursive: true });
  await writeFile(join(dir.path, 'in', name), text);
  const later = new Date(Date.now() + 5000);
  await utimes(join(dir.path, 'in', name), later, later);
}

describe('A files source harvested with bad input among good', () => {
  it('publishes the other elements when one JSON element is nested 5,000 deep, and reports that one by file and element', async () => {
    const events = (JSON.parse(eventsJson({ n: 6 })) as unknown[]).map((e) => JSON.stringify(e));
    events[3] = events[3].replace(/}$/, `,"extra":${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}}`);
    await save('evenementen.json', `[${events.join(',')}]`);
    const { run, store } = await harvest();
    expect(run).toMatchObject({ status: 'completed', seen: 5, published: 5, errors: 1 });
    expect(run.problems).toEqual([
      expect.objectContaining({ recordId: eventId(3), stage: 'harvest', message: `evenementen.json element 3: id ${eventId(3)}: nested more than 100 levels deep (maxRecordDepth)` }),
    ]);
    expect(await store.graph(recordGraphIri(BASE, 'cc', eventId(0)))).not.toEqual([]);
    expect(await store.graph(recordGraphIri(BASE, 'cc', eventId(3)))).toEqual([]);
  });

  it('publishes a CSV row with NUL and ESC in a cell without them, and reports them on that record', async () => {
    await save('activiteiten.csv', activitiesCsv({ n: 3 }).replace('Super Palace 2', 'Super\u0000 Palace\u001b 2'));
    const { run, store } = await harvest();
    expect(run).toMatchObject({ status: 'completed', published: 3, errors: 0, warnings: 1 });
    expect(run.problems).toEqual([
      expect.objectContaining({ recordId: activityId(1), rejected: false, message: 'characters XML cannot carry (removed from literals, percent-encoded in IRIs): U+0000, U+001B in <http://example.org/title>' }),
    ]);
    const titles = (await store.graph(recordGraphIri(BASE, 'cc', activityId(1)))).filter((q) => q.predicate.value === 'http://example.org/title').map((q) => q.object.value);
    expect(titles).toEqual(['Lucy McKenzie: Super Palace 2']);
  });
});
