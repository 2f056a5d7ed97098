import { connectorTypes } from '../../../src/connectors/index.js';
import { checkConnectorSettingsLight, CONNECTOR_SCHEMAS } from '../../../src/cli/connector-settings.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';

describe('the CLI connector settings check (without loading the connectors)', () => {
  it('knows exactly the connector types the registry knows', () => {
    expect(Object.keys(CONNECTOR_SCHEMAS).sort()).toEqual([...connectorTypes()].sort());
  });

  it.each([
    [{ type: 'ldes', url: 'http://localhost:4100/ldes' }],
    [{ type: 'ldes', url: 'not a url' }],
    [{ type: 'oai-pmh', baseUrl: 'http://localhost/oai', metadataPrefix: 'lido' }],
    [{ type: 'oai-pmh' }],
    [{ type: 'uitdatabank', baseUrl: 'http://localhost/', clientId: '' }],
    [{ type: 'files', folder: '' }],
    [{ type: 'ticketmatic', baseUrl: 'http://localhost/' }],
  ])('finds the same problems as the pipeline in %j', (settings) => {
    expect(checkConnectorSettingsLight(settings)).toEqual(checkConnectorSettings(settings));
  });

  it('names the unknown type and the known ones', () => {
    expect(checkConnectorSettingsLight({ type: 'ftp' })).toEqual(checkConnectorSettings({ type: 'ftp' }));
    expect(checkConnectorSettingsLight({ type: 'ftp' })[0]).toMatch(/unknown connector "ftp" \(known: .*ldes/);
    expect(checkConnectorSettingsLight({ type: 'toString' })[0]).toMatch(/unknown connector "toString"/);
  });
});
