/**
 * hub.trustProxy: behind a reverse proxy the rate limit keys on the client the proxy names in
 * X-Forwarded-For; without it (the default) the header is ignored, so a client cannot pick its
 * own bucket by sending one.
 */
import request from 'supertest';
import { openTestHub, type TestHub } from './api-helpers.js';

const hubs: TestHub[] = [];
afterAll(() => Promise.all(hubs.map((h) => h.close())));

async function limitedHub(trustProxy?: boolean | number | string): Promise<TestHub> {
  const th = await openTestHub({ hub: { api: { anonymousPerMinute: 2 }, ...(trustProxy === undefined ? {} : { trustProxy }) } });
  hubs.push(th);
  return th;
}

const from = (th: TestHub, client: string) => request(th.app).get('/api/v1').set('x-forwarded-for', client);

describe('hub.trustProxy', () => {
  it('is off by default: X-Forwarded-For does not give a client another bucket', async () => {
    const th = await limitedHub();
    expect(th.hub.config.hub.trustProxy).toBe(false);
    expect((await from(th, '203.0.113.1')).status).toBe(200);
    expect((await from(th, '203.0.113.2')).status).toBe(200);
    expect((await from(th, '203.0.113.3')).status).toBe(429);
  });

  it.each([1, 'loopback'])('set to %p, keys the limit on the forwarded client', async (trustProxy) => {
    const th = await limitedHub(trustProxy);
    for (let i = 0; i < 2; i++) expect((await from(th, '203.0.113.1')).status).toBe(200);
    expect((await from(th, '203.0.113.1')).status).toBe(429);
    // Another client behind the same proxy has its own bucket.
    expect((await from(th, '198.51.100.7')).status).toBe(200);
    // The client the proxy appends (the last address) counts, not what the client itself sent.
    expect((await from(th, '198.51.100.99, 203.0.113.1')).status).toBe(429);
  });

  it('set to true, believes the whole header (only for a proxy that overwrites it)', async () => {
    const th = await limitedHub(true);
    for (let i = 0; i < 2; i++) expect((await from(th, '203.0.113.1')).status).toBe(200);
    expect((await from(th, '203.0.113.1')).status).toBe(429);
    expect((await from(th, '198.51.100.7')).status).toBe(200);
  });
});
