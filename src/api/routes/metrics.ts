/** GET /metrics: the process's Prometheus registry, with queue depths read from Redis at scrape time. */
import { Router } from 'express';
import { queueJobs, registry } from '../../core/metrics.js';
import type { QueueStatus } from '../../pipeline/ports.js';

export function createMetricsRouter(queues?: QueueStatus): Router {
  const router = Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      if (queues) {
        const depths = await queues.depths().catch(() => undefined);
        for (const [queue, states] of Object.entries(depths ?? {})) for (const [state, n] of Object.entries(states)) queueJobs.set({ queue, state }, n);
      }
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
