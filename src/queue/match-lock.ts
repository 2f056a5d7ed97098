/**
 * The match step's critical section across processes (pipeline/steps/match.ts): publish workers
 * in several processes on one remote store take turns, so each checks the store's index
 * generation and commits its batch without another committing in between. A Redis lock, renewed
 * while held (a batch that moves many records may take a while), released after.
 */
import { randomUUID } from 'node:crypto';
import type { MatchLock } from '../pipeline/steps/match.js';
import type { RedisSourceState } from './redis-source-state.js';

/** How often a waiting process asks for the lock again, ms. */
const WAIT_MS = 50;

export function redisMatchLock(state: RedisSourceState, lockMs: number): MatchLock {
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    const token = randomUUID();
    while (!(await state.lockMatching(token, lockMs))) await new Promise((r) => setTimeout(r, WAIT_MS));
    const renew = setInterval(() => void state.lockMatching(token, lockMs).catch(() => undefined), Math.max(100, Math.floor(lockMs / 3)));
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await state.unlockMatching(token).catch(() => undefined);
    }
  };
}
