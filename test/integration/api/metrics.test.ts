/**
 * /metrics of an embedded hub (no Redis): the per-source record counters count what a harvest
 * in this process did, as the queue workers do in distributed mode.
 */
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { startLdesHub, type LdesHub } from '../../helpers/ldes-hub.js';

describe('Prometheus metrics of an embedded hub', () => {
  let h: LdesHub;
  afterAll(async () => h?.close());

  it('counts records harvested, mapped, rejected, published and deleted per source', async () => {
    h = await startLdesHub({ onViolation: 'reject' });
    h.fixture.addVersion('530000099', { withoutTitle: true });
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ seen: 13, published: 12, rejected: 1 });
    h.fixture.deleteObject('530000007');
    expect(await h.hub.harvest('ghent-dmg')).toMatchObject({ seen: 0, deleted: 1 });
    const app = createApp({ ...hubPorts(h.hub), log: () => undefined });
    await request(app).get('/health').expect(200);
    const metrics = (await request(app).get('/metrics').expect(200)).text;
    const value = (name: string) => Number(new RegExp(`^${name}\\{source="ghent-dmg"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(value('hub_records_harvested_total')).toBe(13);
    expect(value('hub_records_mapped_total')).toBe(13);
    expect(value('hub_records_rejected_total')).toBe(1);
    expect(value('hub_records_published_total')).toBe(12);
    expect(value('hub_records_deleted_total')).toBe(1);
    expect(metrics).toMatch(/^hub_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 1$/m);
  });
});
