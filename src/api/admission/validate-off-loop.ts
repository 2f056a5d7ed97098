/**
 * Runs upload validations in worker threads (piscina): half the machine's cores at most at a
 * time in the process, at a lower scheduling priority than the HTTP server's thread (nice +10)
 * so that on a busy machine requests are answered before validations progress; each stopped
 * past VALIDATE_TIME_LIMIT_MS (its thread terminated). The per-client gate in front of
 * /validate decides who may queue here.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { HttpError } from '../http-errors.js';
import type { ValidateAnswer, ValidateTask } from './validate-task.js';
import { admissionWorker } from './worker-script.js';

/** Longest one upload may take to validate, ms. */
export const VALIDATE_TIME_LIMIT_MS = 120_000;

let shared: Piscina | undefined;

/** Idle threads are unreferenced (they do not keep the process alive) and end after a minute. */
function validatePool(): Piscina {
  shared ??= new Piscina({
    filename: admissionWorker('validate-worker.js'),
    minThreads: 0,
    maxThreads: Math.max(1, Math.floor(availableParallelism() / 2)),
    idleTimeout: 60_000,
    niceIncrement: 10,
  });
  return shared;
}

/** The upload's memory moves to the worker instead of being copied, when the buffer is its own. */
function transferable(task: ValidateTask): ArrayBuffer[] {
  const bytes = task.bytes;
  if (!bytes || bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return [bytes.buffer];
}

export async function validateOffLoop(task: ValidateTask): Promise<ValidateAnswer> {
  try {
    return (await validatePool().run(task, { signal: AbortSignal.timeout(VALIDATE_TIME_LIMIT_MS), transferList: transferable(task) as never })) as ValidateAnswer;
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
      throw new HttpError(400, `The upload took longer than ${VALIDATE_TIME_LIMIT_MS / 1000} s to validate; validate a smaller file or split it`);
    }
    throw error;
  }
}
