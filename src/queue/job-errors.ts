/**
 * Where hub errors become BullMQ retry decisions (the one place, as api/http-errors.ts is for
 * HTTP): a broken source contract, mapping or configuration will fail the same way every time,
 * so it goes straight to the failed set as UnrecoverableError; anything else is retried with
 * exponential backoff until the job's attempts are used up.
 */
import { DelayedError, Job, UnrecoverableError, type Queue } from 'bullmq';
import { ConfigError, errorMessage, MappingError, NotFoundError, SourceContractError, StoreError } from '../core/errors.js';

/** Store refusals that the same request meets again: credentials refused, the update or an IRI rejected, no store configured. */
const PERMANENT_STORE_CODES = new Set(['STORE_FORBIDDEN', 'STORE_REJECTED', 'STORE_CONFIG']);

export function isPermanent(error: unknown): boolean {
  return (
    error instanceof SourceContractError ||
    error instanceof MappingError ||
    error instanceof ConfigError ||
    error instanceof NotFoundError ||
    error instanceof UnrecoverableError ||
    (error instanceof StoreError && PERMANENT_STORE_CODES.has(error.code))
  );
}

/** The error to throw from a processor. */
export function forQueue(error: unknown): Error {
  if (error instanceof DelayedError || error instanceof UnrecoverableError) return error;
  if (isPermanent(error)) {
    const e = error as Error;
    return new UnrecoverableError(`${e.name}: ${errorMessage(e)}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Whether this failure ends the job (no attempt left, or permanent). */
export function isLastAttempt(job: Job, error: unknown): boolean {
  return isPermanent(error) || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** Puts the job back to be picked up again (by any worker) without using an attempt. */
export async function handBack(job: Job, token: string | undefined, delayMs = 0): Promise<never> {
  await job.moveToDelayed(Date.now() + delayMs, token);
  throw new DelayedError();
}

/**
 * Moves a job that was handed back (delayed) to the waiting list now, by id; a job that is not
 * delayed, or not there, is left as it is. For a job waiting on one that just finished.
 */
export async function promoteWaiting(queue: Queue, jobId: string): Promise<boolean> {
  // A handle by id alone: promoting needs no payload (fetching it would read a whole batch).
  return new Job(queue, 'promote', {}, {}, jobId)
    .promote()
    .then(() => true)
    .catch(() => false);
}
