/** A hub over a temp data dir harvesting an LDES fixture, for pipeline and API tests. */
import { startLdesFixture, type LdesFixture, type LdesFixtureOptions } from '../../fixtures/ldes/server.js';
import { parseConfig } from '../../src/config/load.js';
import { projectPath } from '../../src/core/paths.js';
import { Hub, type HubLogger } from '../../src/pipeline/hub.js';
import { checkConnectorSettings } from '../../src/pipeline/source-runtime.js';
import { tempDir } from './temp-dir.js';

export interface LdesHub {
  hub: Hub;
  fixture: LdesFixture;
  dataDir: string;
  /** Reopens the hub on the same data dir (a restart). */
  reopen(): Promise<Hub>;
  close(): Promise<void>;
}

export async function startLdesHub(
  options: { fixture?: LdesFixtureOptions; onViolation?: 'reject' | 'warn'; shapes?: string; baseIri?: string; log?: HubLogger } = {},
): Promise<LdesHub> {
  const fixture = await startLdesFixture(options.fixture ?? { objects: 12, pageSize: 5 });
  const dir = await tempDir();
  const yaml = `
hub:
  baseIri: ${options.baseIri ?? 'http://hub.test/'}
  dataDir: ${dir.path}
sources:
  - id: ghent-dmg
    organisation: Design Museum Gent
    connector: { type: ldes, url: "${fixture.url}", maxAttempts: 4, backoffMs: 10, timeoutMs: 2000 }
    mapping: ${projectPath('mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${options.shapes ?? projectPath('test/fixtures/shapes/title-required.ttl')}]
    entityType: mensgemaaktobject
    onViolation: ${options.onViolation ?? 'reject'}
`;
  const config = parseConfig(yaml, projectPath('config/test.yaml'), { env: {}, checkConnector: checkConnectorSettings });
  let hub = await Hub.open(config, { log: options.log });
  return {
    get hub() {
      return hub;
    },
    fixture,
    dataDir: dir.path,
    async reopen() {
      await hub.close();
      hub = await Hub.open(config, { log: options.log });
      return hub;
    },
    async close() {
      await hub.close();
      await fixture.close();
      await dir.cleanup();
    },
  };
}

export const COUNT_RECORD_GRAPHS = `PREFIX hub: <https://w3id.org/culture-lod-hub/ns#> SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { ?g <http://www.w3.org/ns/prov#wasGeneratedBy> ?by . ?by a hub:Publication }`;
