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

  it('accepts an until date and refuses one that is not a date', () => {
    const schema = oaiPmhConnectorDefinition.configSchema;
    expect(schema.safeParse({ baseUrl: 'https://x.org/oai', until: '2024-01-08' }).success).toBe(true);
    expect(schema.safeParse({ baseUrl: 'https://x.org/oai', until: '2024-01-08T12:00:00Z' }).success).toBe(true);
    const bad = schema.safeParse({ baseUrl: 'https://x.org/oai', until: 'yesterday' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(['until: not a date (ISO 8601 or YYYY-MM-DD)']);
  });
});
