import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { MAX_UPLOAD_NAME_LENGTH } from '../../../src/connectors/files/upload.js';
import { lidoXml } from '../../../fixtures/files/folder.js';
import { COUNT_RECORD_GRAPHS } from '../../helpers/ldes-hub.js';
import { tempDir } from '../../helpers/temp-dir.js';

const KEY = 'upload-test-key';
let dir: { path: string; cleanup: () => Promise<void> };
let hub: Hub;
let app: Express;
const folder = () => join(dir.path, 'uploads');

beforeEach(async () => {
  dir = await tempDir();
  const config = parseConfig(
    `hub: { baseIri: "http://hub.test/", dataDir: ${join(dir.path, 'data')}, adminKey: ${KEY} }
sources:
  - id: museum
    connector:
      type: files
      folder: ${folder()}
      rules:
        - { match: "collectie*.xml", records: "lido:lido", id: "lido:lidoRecID", entity: object, namespaces: { lido: "http://www.lido-schema.org" } }
    mapping: ${projectPath('mappings/lido-object.yml')}
    shapes: [${projectPath('shapes/oslo-ce-object-2021.repaired.ttl')}, ${projectPath('shapes/oslo-ce-event-2021.repaired.ttl')}, ${projectPath('shapes/oslo-ce-2021-class-hierarchy.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
  - id: ldes
    connector: { type: ldes, url: "http://127.0.0.1:9/stream" }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('test/fixtures/shapes/title-required.ttl')}]
`,
    projectPath('config/test.yaml'),
    { env: {}, checkConnector: checkConnectorSettings },
  );
  hub = await Hub.open(config);
  app = createApp({ ...hubPorts(hub), log: () => undefined });
});

afterEach(async () => {
  await hub.close();
  await dir.cleanup();
});

const upload = (name: string, body: string, key?: string) => {
  const r = request(app).put(`/admin/sources/museum/files/${encodeURIComponent(name)}`).set('content-type', 'application/xml');
  return (key ? r.set('x-admin-key', key) : r).send(body);
};

describe('PUT /admin/sources/{id}/files/{name}', () => {
  it('refuses an upload without the right admin key, and writes nothing', async () => {
    await upload('collectie.xml', lidoXml({ n: 2 })).expect(401);
    await upload('collectie.xml', lidoXml({ n: 2 }), 'wrong').expect(401);
    expect(existsSync(folder())).toBe(false);
  });

  it('refuses a name too long for the file system with 400 and says how long a name may be', async () => {
    const long = `collectie-${'x'.repeat(286)}.xml`;
    expect(long).toHaveLength(300);
    const res = await upload(long, lidoXml({ n: 1 }), KEY).expect(400);
    expect(res.body.detail).toBe(`Upload name is 300 characters long; at most ${MAX_UPLOAD_NAME_LENGTH} are accepted`);
    const longest = `collectie-${'x'.repeat(MAX_UPLOAD_NAME_LENGTH - 14)}.xml`;
    expect((await upload(longest, lidoXml({ n: 1 }), KEY).expect(201)).body.name).toBe(longest);
    expect(readdirSync(folder())).toEqual([longest]);
  });

  it('stores the file in the source folder, and the harvest publishes its records', async () => {
    const res = await upload('collectie-2027.xml', lidoXml({ n: 3 }), KEY).expect(201);
    expect(res.body).toMatchObject({ sourceId: 'museum', name: 'collectie-2027.xml', bytes: expect.any(Number) });
    expect(readdirSync(folder())).toEqual(['collectie-2027.xml']);
    const run = await hub.harvest('museum');
    expect(run).toMatchObject({ status: 'completed', seen: 3, published: 3 });
    expect(Number((await hub.store.select(COUNT_RECORD_GRAPHS))[0]!.n!.value)).toBe(3);
    const state = await hub.states.read('museum');
    expect(Object.keys((state.connector as { files: Record<string, unknown> }).files)).toEqual(['collectie-2027.xml']);
  });

  it('starts the harvest itself with ?harvest=true', async () => {
    await request(app).put('/admin/sources/museum/files/collectie.xml?harvest=true').set('x-admin-key', KEY).send(lidoXml({ n: 2 })).expect(201);
    for (let i = 0; i < 200 && !(await hub.states.read('museum')).runs.some((r) => r.status === 'completed'); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await hub.states.read('museum')).runs.at(-1)).toMatchObject({ status: 'completed', published: 2 });
  });

  it('refuses names that match no rule or escape the folder, empty bodies, and sources that are not files', async () => {
    const notes = await upload('notities.txt', 'x', KEY).expect(400);
    expect(notes.body.detail).toMatch(/matches none of the source's file rules/);
    await upload('../collectie.xml', 'x', KEY).expect(400);
    await upload('.verborgen.xml', 'x', KEY).expect(400);
    await upload('collectie.xml', '', KEY).expect(400);
    const other = await request(app).put('/admin/sources/ldes/files/collectie.xml').set('x-admin-key', KEY).send('x').expect(400);
    expect(other.body.detail).toMatch(/not a files source/);
    await request(app).put('/admin/sources/nope/files/collectie.xml').set('x-admin-key', KEY).send('x').expect(404);
    expect(existsSync(folder())).toBe(false);
  });
});
