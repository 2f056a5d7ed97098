/**
 * `hub jobs list|show ID|retry ID`: reads and replays queue jobs through Redis alone, in a module
 * of its own so that the command loads BullMQ and ioredis but not the pipeline and its connectors.
 */
import type { HubConfig } from '../config/schema.js';
import { HubQueueSet } from '../queue/hub-queues.js';
import { listJobs, retryJob, showJob, type JobView } from '../queue/jobs-admin.js';

function printJobs(jobs: JobView[]): void {
  const rows = [['QUEUE', 'ID', 'SOURCE', 'RUN', 'SEQ', 'STATE', 'ATTEMPTS', 'CREATED', 'REASON']];
  for (const j of jobs) rows.push([j.queue, j.id, j.sourceId ?? '-', j.runId ?? '-', String(j.seq ?? '-'), j.state ?? '-', `${j.attemptsMade}/${j.attempts}`, j.createdAt, (j.failedReason ?? '').slice(0, 80)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

export async function runJobs(config: HubConfig, action: string, id: string | undefined, opts: { state?: string; queue?: string; limit?: string; json?: boolean }): Promise<void> {
  const queues = new HubQueueSet(config);
  try {
    if (action === 'list') {
      const jobs = await listJobs(queues, { state: opts.state, queue: opts.queue, limit: opts.limit ? Number(opts.limit) : undefined });
      if (opts.json) process.stdout.write(`${JSON.stringify(jobs, null, 1)}\n`);
      else printJobs(jobs);
    } else if (action === 'show' || action === 'retry') {
      if (!id) throw new Error(`hub jobs ${action} needs a job id`);
      const job = action === 'show' ? await showJob(queues, id, opts.queue) : await retryJob(queues, id, opts.queue);
      process.stdout.write(`${JSON.stringify(job, null, 1)}\n`);
    } else {
      throw new Error(`Unknown action "${action}" (list, show ID, retry ID)`);
    }
  } finally {
    await queues.close();
  }
}
