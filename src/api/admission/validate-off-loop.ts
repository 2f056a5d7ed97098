/**
 * Runs upload validations in worker threads (piscina): two at most at a time in the process,
 * each stopped past VALIDATE_TIME_LIMIT_MS (its thread terminated). The per-client gate in
 * front of /validate decides who may queue here.
 */
import { Piscina } from 'piscina';
import { HttpError } from '../http-errors.js';
import type { ValidateAnswer, ValidateTask } from './validate-task.js';
import { admissionWorker } from './worker-script.js';

/** Longest one upload may take to validate, ms. */
export const VALIDATE_TIME_LIMIT_MS = 120_000;

let shared: Piscina | undefined;

/** Idle threads are unreferenced (they do not keep the process alive) and end after a minute. */
function validatePool(): Piscina {
  shared ??= new Piscina({ filename: admissionWorker('validate-worker.js'), minThreads: 0, maxThreads: 2, idleTimeout: 60_000 });
  return shared;
}

export async function validateOffLoop(task: ValidateTask): Promise<ValidateAnswer> {
  try {
    return (await validatePool().run(task, { signal: AbortSignal.timeout(VALIDATE_TIME_LIMIT_MS) })) as ValidateAnswer;
  } catch (error) {
    if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
      throw new HttpError(400, `The upload took longer than ${VALIDATE_TIME_LIMIT_MS / 1000} s to validate; validate a smaller file or split it`);
    }
    throw error;
  }
}
