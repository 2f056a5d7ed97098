import express from 'express';
import { ClientGate } from '../../../../src/api/admission/client-gate.js';
import { listen, type Listening } from '../../../integration/api/http-server.js';

const KEY = 'gate-test-key-0000001';

describe('A ClientGate', () => {
  let server: Listening;
  let gate: ClientGate;
  /** Requests the route holds until the test lets them go, in arrival order. */
  const held: (() => void)[] = [];
  const IP = 'ip:127.0.0.1';
  /** Waits until the requests sent so far have reached the gate as `state` says (no fixed sleep: a loaded machine is slow). */
  const until = async (state: () => boolean) => {
    for (const end = Date.now() + 10_000; !state() && Date.now() < end; ) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  beforeEach(async () => {
    gate = new ClientGate({ label: 'tests (hub.admission.test)', anonymous: { concurrency: 1, queue: 1 }, keyed: { concurrency: 2, queue: 0 }, knownKeys: new Set([KEY]), timeLimitMs: 5000 });
    const app = express();
    app.get('/work', gate.middleware, (_req, res) => void held.push(() => res.send(String(res.locals.client))));
    server = await listen(app);
  });
  afterEach(async () => {
    held.splice(0).forEach((release) => release());
    await server.close();
  });

  const get = (headers: Record<string, string> = {}, signal?: AbortSignal) => fetch(`${server.url}/work`, { headers, signal });

  it('runs `concurrency` requests per client, queues `queue` more, and answers 429 with Retry-After in seconds past them', async () => {
    const first = get();
    const second = get();
    await until(() => held.length === 1 && gate.load(IP).waiting === 1);
    expect(held).toHaveLength(1);
    expect(gate.load('ip:127.0.0.1')).toEqual({ running: 1, waiting: 1 });
    const third = await get();
    expect(third.status).toBe(429);
    // The running request must have ended within its 5 s time limit.
    expect(Number(third.headers.get('retry-after'))).toBe(5);
    expect(((await third.json()) as { detail: string }).detail).toMatch(/1 running and 1 waiting is the limit for tests \(hub\.admission\.test\); retry after 5 s/);
    held.shift()!();
    expect(await (await first).text()).toMatch(/^ip:/);
    await until(() => held.length === 1);
    // The queued one runs once the first is done.
    expect(held).toHaveLength(1);
    held.shift()!();
    expect((await second).status).toBe(200);
    expect(gate.load('ip:127.0.0.1')).toEqual({ running: 0, waiting: 0 });
  });

  it('gives a known API key its own limits, apart from its IP address', async () => {
    const anonymous = [get(), get()];
    await until(() => held.length === 1 && gate.load(IP).waiting === 1);
    expect((await get()).status).toBe(429);
    const keyed = [get({ 'x-api-key': KEY }), get({ 'x-api-key': KEY })];
    await until(() => held.length === 3);
    expect(held).toHaveLength(3);
    expect((await get({ 'x-api-key': KEY })).status).toBe(429);
    held.splice(0).forEach((release) => release());
    await until(() => held.length === 1);
    held.splice(0).forEach((release) => release());
    const bodies = await Promise.all([...anonymous, ...keyed].map(async (r) => (await r).text()));
    expect(bodies.filter((b) => b.startsWith('key:'))).toHaveLength(2);
    // The key itself never serves as the client's name.
    expect(bodies.join()).not.toContain(KEY);
  });

  it('frees a queue place when the waiting client goes away', async () => {
    const first = get();
    const leaving = new AbortController();
    const second = get({}, leaving.signal).catch(() => 'aborted');
    await until(() => gate.load(IP).waiting === 1);
    leaving.abort();
    expect(await second).toBe('aborted');
    await until(() => gate.load(IP).waiting === 0);
    const third = get();
    await until(() => gate.load(IP).waiting === 1);
    expect(gate.load('ip:127.0.0.1')).toEqual({ running: 1, waiting: 1 });
    held.shift()!();
    await first;
    await until(() => held.length === 1);
    held.shift()!();
    expect((await third).status).toBe(200);
  });
});
