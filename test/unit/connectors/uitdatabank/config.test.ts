import { uitdatabankConnectorDefinition } from '../../../../src/connectors/uitdatabank/index.js';
import { UitdatabankClient } from '../../../../src/connectors/uitdatabank/client.js';

describe('The uitdatabank connector definition', () => {
  it('accepts a whole connector block with defaults filled in', () => {
    const parsed = uitdatabankConnectorDefinition.configSchema.parse({ type: 'uitdatabank', clientId: 'abc' });
    expect(parsed).toMatchObject({ baseUrl: 'https://search.uitdatabank.be', entities: ['events', 'places', 'organizers'], pageSize: 500, maxStart: 10000 });
    expect(uitdatabankConnectorDefinition.configSchema.safeParse({ type: 'uitdatabank', clientId: 'abc', pageSize: 2001 }).success).toBe(false);
  });

  it('windows /organizers with the modified advanced-query field (it has no modifiedFrom/To), keeping the source query', () => {
    const config = uitdatabankConnectorDefinition.configSchema.parse({ clientId: 'abc', query: { q: 'labels:museumpas' } });
    const url = new URL(new UitdatabankClient(config, 's').searchUrl('organizers', { from: '2024-01-01T00:00:00+00:00', until: '2024-02-01T00:00:00+00:00' }, 0, 10));
    expect(url.searchParams.get('q')).toBe('(labels:museumpas) AND modified:[2024-01-01T00\\:00\\:00+00\\:00 TO 2024-02-01T00\\:00\\:00+00\\:00]');
    expect(url.searchParams.get('workflowStatus')).toBe('ACTIVE,DELETED');
    expect(url.searchParams.has('modifiedFrom')).toBe(false);
    expect(url.toString()).toContain('%2B00'); // the + of the offset is encoded, as the docs require
  });
});
