import { createHmac } from 'node:crypto';
import { ticketmaticConnectorDefinition } from '../../../../src/connectors/ticketmatic/index.js';
import { TicketmaticClient, tmAuthorization } from '../../../../src/connectors/ticketmatic/client.js';

const config = ticketmaticConnectorDefinition.configSchema.parse({ type: 'ticketmatic', account: 'demo', accessKey: 'key1', secretKey: 'secret1' });

describe('The ticketmatic client', () => {
  it('signs key + account + ts with HMAC-SHA256 of the secret', () => {
    const at = Date.parse('2026-03-04T05:06:07.890Z');
    const expected = createHmac('sha256', 'secret1').update('key1demo2026-03-04T05:06:07').digest('hex');
    expect(tmAuthorization(config, at)).toBe(`TM-HMAC-SHA256 key=key1 ts=2026-03-04T05:06:07 sign=${expected}`);
  });

  it('refuses to build a URL for personal-data endpoints', () => {
    const client = new TicketmaticClient(config, 's');
    expect(client.url('events', { limit: 5 })).toBe('https://apps.ticketmatic.com/api/1/demo/events?limit=5');
    for (const path of ['contacts', 'contacts/12', 'orders', 'orders/5/tickets', 'events/5/tickets']) {
      expect(() => client.url(path)).toThrow(/not a public event endpoint/);
    }
  });
});
