/** The API's ports (pipeline/ports.ts) that the queues provide in distributed mode: harvests are queued, jobs listed and retried. */
import type { AppPorts } from '../pipeline/ports.js';
import type { HubQueueSet } from './hub-queues.js';
import { listJobs, retryJob, showJob } from './jobs-admin.js';
import { enqueueHarvest } from './producers.js';
import { sourceRunStates, stuckRuns } from './run-states.js';

export function queuePorts(queues: HubQueueSet): Required<Pick<AppPorts, 'harvest' | 'jobs' | 'queue' | 'runStates'>> {
  return {
    harvest: { harvest: (id, options = {}) => enqueueHarvest(queues, id, { full: options.full, trigger: 'api' }) },
    jobs: {
      list: (options) => listJobs(queues, options),
      show: (id, queue) => showJob(queues, id, queue),
      retry: (id, queue) => retryJob(queues, id, queue),
    },
    queue: { health: () => queues.health(), depths: () => queues.depths() },
    runStates: {
      of: async (ids) => new Map([...(await sourceRunStates(queues, ids))].map(([id, s]) => [id, { running: s.running, runId: s.runId, stuck: s.stuck?.reason }])),
      stuck: async () => (await stuckRuns(queues)).map((s) => s.reason),
    },
  };
}
