/** GET /metrics: the process's Prometheus registry, with queue depths (Redis) and how full the store is read at scrape time. */
import { Router } from 'express';
import { queueJobs, registry, storeQuadCeiling, storeQuads } from '../../core/metrics.js';
import type { QueueStatus } from '../../pipeline/ports.js';

export function createMetricsRouter(queues?: QueueStatus, store?: { health(): Promise<{ capacity?: { quads: number; ceiling: number } }> }): Router {
  const router = Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      if (queues) {
        const depths = await queues.depths().catch(() => undefined);
        for (const [queue, states] of Object.entries(depths ?? {})) for (const [state, n] of Object.entries(states)) queueJobs.set({ queue, state }, n);
      }
      const capacity = store ? (await store.health().catch(() => undefined))?.capacity : undefined;
      if (capacity) {
        storeQuads.set(capacity.quads);
        storeQuadCeiling.set(capacity.ceiling);
      }
      res.type(registry.contentType).send(await registry.metrics());
    } catch (error) {
      next(error);
    }
  });
  return router;
}
