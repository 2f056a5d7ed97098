/**
 * Prints a few mapped record graphs of the demo sources (N-Quads) to see what search documents
 * are extracted from: `node dist/bench/search/dump-demo.js [perSource]`.
 */
import { readFileSync } from 'node:fs';
import { startDemoFixtures } from '../../fixtures/serve-all.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub } from '../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';
import { StoreSearchReadModel } from '../../src/publication/search/search-read-model.js';
import { ListIndex } from '../../src/publication/indexes/list-index.js';

const term = (t: { termType: string; value: string; language?: string; datatype?: { value: string } }) =>
  t.termType === 'Literal' ? `${JSON.stringify(t.value)}${t.language ? `@${t.language}` : `^^${t.datatype?.value}`}` : t.termType === 'BlankNode' ? `_:${t.value}` : `<${t.value}>`;
const perSource = Number(process.argv[2] ?? 2);
const only = process.argv[3];
const { mkdtemp } = await import('node:fs/promises');
const dir = await mkdtemp('/tmp/search-dump-');
const fixtures = await startDemoFixtures(4700 + Math.floor(Math.random() * 200), dir + '/data');
const file = projectPath('config/demo.yaml');
const config = parseConfig(readFileSync(file, 'utf8'), file, { env: { ...process.env, ...fixtures.env, HUB_BASE_IRI: 'http://hub.test/', HUB_DATA_DIR: dir + '/data' }, checkConnector: checkConnectorSettings });
const hub = await Hub.open(only ? { ...config, sources: config.sources.filter((s) => only.split(',').includes(s.id)) } : config);
for (const s of only ? config.sources.filter((x) => only.split(',').includes(x.id)) : config.sources) console.error(s.id, JSON.stringify(await hub.harvest(s.id).catch((e: Error) => e.message)).slice(0, 200));
const index = new ListIndex(hub.store);
await index.current();
const rows: (ReturnType<ListIndex['scan']>[number] & { organisations?: string[] })[] = [];
index.scan({ entityTypes: ['activiteit', 'mensgemaaktobject', 'locatie', 'organisator', 'organisatie', 'agent'] }, 'http://hub.test/', undefined, Infinity, (r) => (rows.push(r), false));
const bySource = new Map<string, typeof rows>();
for (const r of rows) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
for (const [source, rs] of bySource) {
  for (const r of rs.slice(0, perSource)) {
    const quads = await hub.store.graph(r.recordGraph);
    console.log(`# ${source} ${r.entityType} ${r.entity} orgs=${r.organisations?.join(',')}`);
    for (const q of quads) console.log(`${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`);
  }
}
const model = new StoreSearchReadModel(hub.store, 'http://hub.test/');
console.log(JSON.stringify(await model.size()));
for (const kind of ['activities', 'heritage-objects'] as const) {
  const r = await model.search({ kind, sort: [], limit: 3, facets: kind === 'activities' ? ['type', 'theme', 'region', 'organisation'] : ['objectType', 'maker', 'material', 'rightsCategory', 'decade', 'organisation'] });
  console.log(JSON.stringify(r.facets));
  for (const hit of r.items) console.log(JSON.stringify((model as unknown as { indexes: Record<string, { get(e: string): unknown }> }).indexes[kind]!.get(hit.entity)));
}
model.close();
await hub.close();
await fixtures.close();
