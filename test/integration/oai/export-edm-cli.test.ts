/** `hub export edm` over a data folder the pipeline's writes filled (needs the build in dist/, as the other CLI tests). */
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { publishWrites } from '../../../src/pipeline/record-publisher.js';
import { readMember } from '../../../fixtures/edm/ghent-heritage.js';
import { tempDir } from '../../helpers/temp-dir.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);

const yaml = (dataDir: string) => `hub:
  baseIri: http://hub.test/
  dataDir: ${dataDir}
sources:
  - id: ghent-dmg
    organisation: Design Museum Gent
    connector: { type: ldes, url: "http://127.0.0.1:9/never-called" }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${projectPath('shapes/oslo-ce-object-2021.ttl')}]
    entityType: mensgemaaktobject
    schedule: { onStart: never }
    # The museum's declaration for records that state no rights (its members state none).
    europeana: { defaultRights: "http://rightsstatements.org/vocab/CNE/1.0/" }
`;

describe('hub export edm', () => {
  it('writes the records of the configured store as EDM files', async () => {
    const dir = await tempDir('hub-export-');
    try {
      const configFile = join(dir.path, 'hub.yaml');
      writeFileSync(configFile, yaml(join(dir.path, 'data')));
      const config = ConfigSchema.parse({ hub: { baseIri: 'http://hub.test/', dataDir: join(dir.path, 'data') }, sources: [{ id: 'ghent-dmg', organisation: 'Design Museum Gent', connector: { type: 'ldes' }, mapping: 'x', shapes: ['x'], entityType: 'mensgemaaktobject', ownIriPrefixes: ['https://stad.gent/id/'] }] });
      const hub = await Hub.open({ ...config, baseDir: dir.path });
      const member = await readMember('dmg-objecten');
      const ctx = { baseIri: 'http://hub.test/', source: config.sources[0]!, runId: 'r1', mapping: { id: 'm', version: '1' }, shapes: { id: 's', version: '1' } };
      await hub.store.commit({ put: publishWrites({ sourceId: 'ghent-dmg', recordId: '530000002', mediaType: 'application/ld+json', body: '', link: member.object }, member.quads, true, ctx, '2026-11-20T10:00:00Z') });
      await hub.close();

      const out = join(dir.path, 'out');
      const res = spawnSync(process.execPath, [projectPath('dist/src/cli/main.js'), '--config', configFile, 'export', 'edm', '--set', 'Design Museum Gent', '--out', out], { encoding: 'utf8' });
      expect(res.stderr).toBe('');
      expect(res.status).toBe(0);
      expect(res.stdout).toContain(`1 EDM record(s) written to ${out}; 0 withheld`);
      const file = join(out, 'ghent-dmg', '530000002.xml');
      expect(existsSync(file)).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain('<edm:rights rdf:resource="http://rightsstatements.org/vocab/CNE/1.0/"/>');
    } finally {
      await dir.cleanup();
    }
  });
});
