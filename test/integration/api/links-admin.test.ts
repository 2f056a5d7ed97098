/**
 * /admin/links: the curators' review queue (JSON and the HTML page), decisions recorded and
 * withdrawn behind the admin key, and a ReclusterPort called when the hub gives one.
 */
import request from 'supertest';
import { createApp } from '../../../src/api/app.js';
import { formToken } from '../../../src/api/admin-key.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { loadDecisions } from '../../../src/publication/matching/decisions.js';
import { linksGraphWrite } from '../../helpers/links-graph.js';
import { BASE, openTestHub, publish, t, type TestHub } from './api-helpers.js';

const KEY = 'links-admin-key';
const NAME = 'https://schema.org/name';
const place = (source: string, n: string) => `${BASE}id/plaats/${source}/${n}`;
const A = place('tm', 'v1');
const B = place('uit', 'v2');
const basic = (password: string) => `Basic ${Buffer.from(`curator:${password}`).toString('base64')}`;

let th: TestHub;
beforeEach(async () => {
  // The links graph is seeded here, and the ReclusterPort given where a test wants one: no match step of the hub's own.
  th = await openTestHub({ hub: { adminKey: KEY }, matching: false });
  await publish(th.hub, 'tm', [{ recordId: 'v1', quads: [t(A, NAME, 'Vooruit <script>alert(1)</script>')] }]);
  await publish(th.hub, 'uit', [{ recordId: 'v2', quads: [t(B, NAME, 'Vooruit - Theaterzaal & "Balzaal"')] }]);
  await th.hub.store.commit({
    put: [linksGraphWrite(BASE, [{ a: A, b: B, type: 'plaats', score: 0.84, verdict: 'review', evidence: [{ rule: 'title', weight: 0.4, detail: 'names <i>0.84</i> alike' }, { rule: 'address', weight: -0.2, detail: 'postcodes differ: 9000 / 9050' }] }])],
  });
});
afterEach(() => th.close());

describe('the admin key', () => {
  it('guards every /admin/links route', async () => {
    await request(th.app).get('/admin/links/review').expect(401);
    await request(th.app).get('/admin/links/decisions').set('x-admin-key', 'wrong').expect(401);
    await request(th.app).post('/admin/links/decisions').send({ kind: 'merge', a: A, b: B }).expect(401);
    await request(th.app).delete('/admin/links/decisions/0123456789abcdef').expect(401);
    await request(th.app).get(`/admin/links/clusters?iri=${encodeURIComponent(A)}`).expect(401);
    expect(await loadDecisions(th.hub.store, BASE)).toEqual([]);
  });

  it('asks a browser for the key with Basic authentication, and accepts it as the password', async () => {
    const refused = await request(th.app).get('/admin/links/review').set('accept', 'text/html').expect(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Basic realm="hub admin"/);
    await request(th.app).get('/admin/links/review').set('authorization', basic('wrong')).expect(401);
    await request(th.app).get('/admin/links/review').set('authorization', basic(KEY)).expect(200);
  });

  it('is off without a configured key', async () => {
    const off = await openTestHub();
    try {
      await request(off.app).get('/admin/links/review').set('x-admin-key', '').expect(403);
    } finally {
      await off.close();
    }
  });
});

describe('GET /admin/links/review', () => {
  it('answers JSON with both sides, the score and the evidence', async () => {
    const res = await request(th.app).get('/admin/links/review').set('x-admin-key', KEY).set('accept', 'application/json').expect(200);
    expect(res.body).toMatchObject({ total: 1, offset: 0, limit: 20 });
    expect(res.body.items).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        a: { iri: A, label: 'Vooruit <script>alert(1)</script>', labels: [{ value: 'Vooruit <script>alert(1)</script>' }], records: [{ graph: `${BASE}graph/tm/v1`, source: 'tm' }] },
        b: { iri: B, label: 'Vooruit - Theaterzaal & "Balzaal"', labels: [{ value: 'Vooruit - Theaterzaal & "Balzaal"' }], records: [{ graph: `${BASE}graph/uit/v2`, source: 'uit' }] },
        type: 'plaats',
        score: 0.84,
        verdict: 'review',
        evidence: [
          { rule: 'title', weight: 0.4, detail: 'names <i>0.84</i> alike' },
          { rule: 'address', weight: -0.2, detail: 'postcodes differ: 9000 / 9050' },
        ],
        summary: 'names <i>0.84</i> alike; postcodes differ: 9000 / 9050',
      },
    ]);
  });

  it('filters by entity type and refuses a malformed one', async () => {
    const get = (type: string) => request(th.app).get(`/admin/links/review?type=${encodeURIComponent(type)}`).set('x-admin-key', KEY);
    expect((await get('plaats').expect(200)).body.total).toBe(1);
    expect((await get('agent').expect(200)).body.total).toBe(0);
    await get('plaats" } ').expect(400);
  });

  it('serves the review page to a browser, harvested text escaped, with forms and no inline script', async () => {
    const res = await request(th.app).get('/admin/links/review').set('authorization', basic(KEY)).set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Vooruit &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).toContain('Vooruit - Theaterzaal &amp; &quot;Balzaal&quot;');
    expect(res.text).toContain('names &lt;i&gt;0.84&lt;/i&gt; alike');
    expect(res.text).toContain('postcodes differ: 9000 / 9050');
    expect(res.text).not.toMatch(/<script|<i>|\son[a-z]+=|style=/i);
    expect(res.text.match(/<form method="post" action="\/admin\/links\/decisions">/g)).toHaveLength(2);
    expect(res.text).toContain(`name="token" value="${formToken(KEY, 'link-decisions')}"`);
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
  });

  it('shows an IRI that is not http(s) as text, never as a link', async () => {
    await th.hub.store.commit({ put: [linksGraphWrite(BASE, [{ a: 'javascript:alert(1)', b: B, type: 'plaats', score: 0.7, verdict: 'review', evidence: [] }])] });
    const res = await request(th.app).get('/admin/links/review').set('x-admin-key', KEY).set('accept', 'text/html').expect(200);
    expect(res.text).toContain('<code>javascript:alert(1)</code>');
    expect(res.text).not.toMatch(/href="javascript/i);
  });
});

describe('decisions', () => {
  const post = (body: object) => request(th.app).post('/admin/links/decisions').set('x-admin-key', KEY).send(body);

  it('records a decision (201), says when it applies, lists and withdraws it', async () => {
    const res = await post({ kind: 'never-merge', a: B, b: A, note: 'two halls' }).expect(201);
    expect(res.body).toEqual({
      decision: { kind: 'never-merge', a: A, b: B, curator: 'admin', at: expect.any(String), note: 'two halls', id: expect.stringMatching(/^[0-9a-f]{16}$/) },
      created: true,
      applied: 'next-harvest',
    });
    const { id } = res.body.decision;
    expect((await post({ kind: 'never-merge', a: A, b: B }).expect(200)).body).toMatchObject({ created: false, decision: { id, note: 'two halls' } });
    expect((await request(th.app).get('/admin/links/decisions').set('x-admin-key', KEY).expect(200)).body.items).toEqual([res.body.decision]);
    // Decided: no longer in the queue.
    expect((await request(th.app).get('/admin/links/review').set('x-admin-key', KEY).expect(200)).body.total).toBe(0);

    const conflict = await post({ kind: 'merge', a: A, b: B }).expect(409);
    expect(conflict.type).toBe('application/problem+json');
    expect(conflict.body.detail).toContain(`never-merge ${id}`);

    expect((await request(th.app).delete(`/admin/links/decisions/${id}`).set('x-admin-key', KEY).expect(200)).body).toMatchObject({ withdrawn: true, decision: { id } });
    await request(th.app).delete(`/admin/links/decisions/${id}`).set('x-admin-key', KEY).expect(404);
    await request(th.app).delete('/admin/links/decisions/nope').set('x-admin-key', KEY).expect(400);
    await post({ kind: 'merge', a: A, b: B }).expect(201);
  });

  it('refuses bad decisions with 400 and names what is wrong', async () => {
    expect((await post({ kind: 'merge', a: A, b: 'https://elsewhere.test/x' }).expect(400)).body.detail).toContain('is not a hub entity IRI');
    expect((await post({ kind: 'merge', a: A, b: `${BASE}id/agent/tm/1` }).expect(400)).body.detail).toContain('Cannot merge entities of different types');
    expect((await post({ kind: 'fuse', a: A, b: B }).expect(400)).body.detail).toContain('kind: "fuse"');
    await request(th.app).post('/admin/links/decisions').set('x-admin-key', KEY).set('content-type', 'text/plain').send('merge').expect(415);
    expect(await loadDecisions(th.hub.store, BASE)).toEqual([]);
  });

  it('takes a form post from the review page with its token, and sends the curator back', async () => {
    const form = (fields: Record<string, string>) => request(th.app).post('/admin/links/decisions').set('authorization', basic(KEY)).type('form').send(fields);
    await form({ kind: 'merge', a: A, b: B }).expect(403);
    await form({ kind: 'merge', a: A, b: B, token: 'forged' }).expect(403);
    expect(await loadDecisions(th.hub.store, BASE)).toEqual([]);

    const token = formToken(KEY, 'link-decisions');
    const res = await form({ kind: 'merge', a: A, b: B, note: 'same hall', token, back: '/admin/links/review?offset=0' }).expect(303);
    const [decision] = await loadDecisions(th.hub.store, BASE);
    expect(decision).toMatchObject({ kind: 'merge', a: A, b: B, note: 'same hall' });
    expect(res.headers.location).toBe(`/admin/links/review?offset=0&decided=${decision!.id}`);
    const page = await request(th.app).get(res.headers.location!).set('authorization', basic(KEY)).set('accept', 'text/html').expect(200);
    expect(page.text).toContain(`Decision merge <code>${decision!.id}</code> kept; it applies at the next harvest`);
    // Never back to another site.
    expect((await form({ kind: 'split', a: `${BASE}id/plaats/tm/zz`, token, back: 'https://evil.test/' }).expect(303)).headers.location).toMatch(/^\/admin\/links\/review\?decided=/);
    // A contradiction: an HTML answer naming it.
    const refused = await form({ kind: 'never-merge', a: A, b: B, token }).expect(409);
    expect(refused.type).toBe('text/html');
    expect(refused.text).toContain(`merge ${decision!.id}`);
  });

  it('shows the kept decisions to a browser, escaped, and withdraws one from its form', async () => {
    const token = formToken(KEY, 'link-decisions');
    const kept = (await post({ kind: 'never-merge', a: A, b: B, note: 'two <em>halls</em>', curator: 'Ann & Bo' }).expect(201)).body.decision;
    const page = await request(th.app).get('/admin/links/decisions').set('authorization', basic(KEY)).set('accept', 'text/html').expect(200);
    expect(page.text).toContain('two &lt;em&gt;halls&lt;/em&gt;');
    expect(page.text).toContain('Ann &amp; Bo');
    expect(page.text).toContain(`<form method="post" action="/admin/links/decisions/${kept.id}/withdraw">`);
    expect(page.text).not.toMatch(/<script|<em>|\son[a-z]+=|style=/i);

    const withdraw = () => request(th.app).post(`/admin/links/decisions/${kept.id}/withdraw`).set('authorization', basic(KEY)).type('form');
    await withdraw().send({}).expect(403);
    await withdraw().send({ token: 'forged' }).expect(403);
    expect(await loadDecisions(th.hub.store, BASE)).toHaveLength(1);
    const done = await withdraw().send({ token }).expect(303);
    expect(done.headers.location).toBe(`/admin/links/decisions?withdrawn=${kept.id}&kind=never-merge`);
    expect(await loadDecisions(th.hub.store, BASE)).toEqual([]);
    const after = await request(th.app).get(done.headers.location!).set('authorization', basic(KEY)).set('accept', 'text/html').expect(200);
    expect(after.text).toContain(`Decision never-merge <code>${kept.id}</code> withdrawn; the clusters follow at the next harvest`);

    // The page's split form.
    const split = await request(th.app).post('/admin/links/decisions').set('authorization', basic(KEY)).type('form').send({ kind: 'split', a: A, token, back: '/admin/links/decisions' }).expect(303);
    expect(split.headers.location).toMatch(/^\/admin\/links\/decisions\?decided=[0-9a-f]{16}$/);
    expect(await loadDecisions(th.hub.store, BASE)).toMatchObject([{ kind: 'split', a: A }]);
  });

  it('reclusters the pair now when the hub gives a ReclusterPort', async () => {
    const asked: string[][] = [];
    const app = createApp({ ...hubPorts(th.hub), recluster: { recluster: async (iris) => void asked.push([...iris]) }, log: () => undefined });
    const res = await request(app).post('/admin/links/decisions').set('x-admin-key', KEY).send({ kind: 'merge', a: A, b: B }).expect(201);
    expect(res.body.applied).toBe('now');
    const split = await request(app).post('/admin/links/decisions').set('x-admin-key', KEY).send({ kind: 'split', a: `${BASE}id/plaats/tm/other` }).expect(201);
    await request(app).delete(`/admin/links/decisions/${split.body.decision.id}`).set('x-admin-key', KEY).expect(200);
    expect(asked).toEqual([[A, B], [`${BASE}id/plaats/tm/other`], [`${BASE}id/plaats/tm/other`]]);

    const failing = createApp({ ...hubPorts(th.hub), recluster: { recluster: async () => Promise.reject(new Error('store busy')) }, log: () => undefined });
    const kept = await request(failing).delete(`/admin/links/decisions/${res.body.decision.id}`).set('x-admin-key', KEY).expect(200);
    expect(kept.body.applied).toBe('next-harvest');
  });
});

describe('clusters and links of an entity', () => {
  it('answers the cluster of an entity and the links naming it', async () => {
    await th.hub.store.commit({ put: [linksGraphWrite(BASE, [{ a: A, b: B, type: 'plaats', score: 0.97, verdict: 'match', evidence: [] }], [{ iri: A, members: [A, B] }])] });
    const cluster = await request(th.app).get(`/admin/links/clusters?iri=${encodeURIComponent(B)}`).set('x-admin-key', KEY).expect(200);
    expect(cluster.body.iri).toBe(A);
    expect(cluster.body.members.map((m: { iri: string }) => m.iri)).toEqual([A, B]);
    expect((await request(th.app).get('/admin/links/clusters').set('x-admin-key', KEY).expect(200)).body.items).toEqual([{ iri: A, members: [A, B] }]);
    const links = await request(th.app).get(`/admin/links/entity?iri=${encodeURIComponent(A)}`).set('x-admin-key', KEY).expect(200);
    expect(links.body.items.map((l: { verdict: string; score: number }) => [l.verdict, l.score])).toEqual([['match', 0.97]]);
    await request(th.app).get('/admin/links/clusters?iri=nope').set('x-admin-key', KEY).expect(400);
  });
});

