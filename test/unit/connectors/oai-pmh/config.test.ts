import { oaiPmhConnectorDefinition } from '../../../../src/connectors/oai-pmh/index.js';

describe('The oai-pmh connector definition', () => {
  it('accepts a whole connector block with defaults filled in', () => {
    const parsed = oaiPmhConnectorDefinition.configSchema.parse({ type: 'oai-pmh', baseUrl: 'https://archief.meemoo.be/mediahaven-oai/oai', metadataPrefix: 'mets', username: 'u', password: 'p' });
    expect(parsed).toMatchObject({ metadataPrefix: 'mets', deleteDetection: 'auto', pageRetries: 2, timeoutMs: 30000, maxAttempts: 5 });
    expect(oaiPmhConnectorDefinition.create().type).toBe('oai-pmh');
  });

  it('rejects unknown keys and another type', () => {
    expect(oaiPmhConnectorDefinition.configSchema.safeParse({ type: 'oai-pmh', baseUrl: 'https://x.org/oai', metadataprefix: 'oai_dc' }).success).toBe(false);
    expect(oaiPmhConnectorDefinition.configSchema.safeParse({ type: 'ldes', baseUrl: 'https://x.org/oai' }).success).toBe(false);
  });
});
