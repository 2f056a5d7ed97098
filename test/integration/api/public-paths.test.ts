/**
 * No public answer tells where the hub's files are: a files source configured with absolute
 * paths (mapping, shapes, folder, dataDir) is harvested, one of its files broken, and every
 * public route (JSON, HTML, RDF, errors) is read for the server's directories.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath, projectRoot } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { lidoXml } from '../../../fixtures/files/folder.js';
import { tempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let app: Express;

beforeAll(async () => {
  dir = await tempDir('hub-paths-');
  const folder = join(dir.path, 'uploads');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'collectie-1.xml'), lidoXml({ n: 2 }));
  await writeFile(join(folder, 'collectie-2.xml'), '<lido:lidoWrap xmlns:lido="http://www.lido-schema.org"><lido:lido><unclosed></lido:lidoWrap>');
  const config = parseConfig(
    `hub: { baseIri: "http://hub.test/", dataDir: ${join(dir.path, 'data')} }
sources:
  - id: museum
    connector:
      type: files
      folder: ${folder}
      rules:
        - { match: "collectie*.xml", records: "lido:lido", id: "lido:lidoRecID", entity: object, namespaces: { lido: "http://www.lido-schema.org" } }
    mapping: ${projectPath('mappings/lido-object.yml')}
    shapes: [${projectPath('shapes/oslo-ce-object-2021.repaired.ttl')}, ${projectPath('shapes/oslo-ce-event-2021.repaired.ttl')}, ${projectPath('shapes/oslo-ce-2021-class-hierarchy.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
  - id: missing
    connector: { type: files, folder: ${join(dir.path, 'not-there')}, rules: [{ match: "*.csv", id: "id", entity: object }] }
    mapping: ${projectPath('mappings/lido-object.yml')}
    shapes: [${projectPath('shapes/oslo-ce-object-2021.repaired.ttl')}]
`,
    join(dir.path, 'hub.yaml'),
    { env: {}, checkConnector: checkConnectorSettings },
  );
  hub = await Hub.open(config);
  app = createApp({ ...hubPorts(hub), log: () => undefined });
  await hub.harvest('museum');
  await hub.harvest('missing').catch(() => undefined);
}, 60_000);

afterAll(async () => {
  await hub.close();
  await dir.cleanup();
});

/** Directories no answer may name. */
const serverDirs = () => [dir.path, projectRoot, process.cwd()];

async function get(path: string, accept = '*/*'): Promise<string> {
  const r = await request(app).get(path).set('accept', accept);
  return r.text;
}

describe('Public answers', () => {
  it('name no directory of the server', async () => {
    const run = (await hub.states.read('museum')).runs.at(-1)!;
    const failed = (await hub.states.read('missing')).runs.at(-1);
    expect(run.problems.length + run.errors).toBeGreaterThan(0);
    expect(run.published).toBeGreaterThan(0);
    const reads: [string, string][] = [
      ['/sources', 'application/json'],
      ['/sources', 'text/html'],
      ['/reports', 'text/html'],
      ['/reports/museum', 'text/html'],
      [`/reports/museum/${run.runId}`, 'text/html'],
      [`/reports/museum/${run.runId}?format=json`, '*/*'],
      [`/reports/museum/${run.runId}?format=jsonld`, '*/*'],
      [`/reports/museum/${run.runId}?format=csv`, '*/*'],
      [`/reports/museum/${run.runId}?format=ttl`, '*/*'],
      ...(failed ? ([[`/reports/missing/${failed.runId}?format=json`, '*/*']] as [string, string][]) : []),
      ['/sparql?query=' + encodeURIComponent('SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 5000'), 'application/sparql-results+json'],
      ['/api/v1', 'application/json'],
      ['/catalog', 'text/turtle'],
      ['/ldes', 'text/turtle'],
      ['/health', 'application/json'],
      ['/oai?verb=Identify', '*/*'],
      ['/nothing/here', 'application/json'],
      ['/reports/museum/no-such-run', 'text/html'],
      ['/graph-store?graph=' + encodeURIComponent('http://hub.test/nothing'), 'text/turtle'],
    ];
    for (const [path, accept] of reads) {
      const text = await get(path, accept);
      for (const d of serverDirs()) expect([path, accept, text.includes(d) ? text.slice(Math.max(0, text.indexOf(d) - 200), text.indexOf(d) + 200) : false]).toEqual([path, accept, false]);
    }
  }, 60_000);

  it('show the mapping and shapes of /sources relative to the project', async () => {
    const r = await request(app).get('/sources').set('accept', 'application/json').expect(200);
    const museum = r.body.sources.find((s: { id: string }) => s.id === 'museum');
    expect(museum.mapping).toBe('mappings/lido-object.yml');
    expect(museum.shapes[0]).toBe('shapes/oslo-ce-object-2021.repaired.ttl');
  });
});
