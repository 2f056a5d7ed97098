/**
 * Comparing secrets sent by clients (admin key, API keys) without telling them anything through
 * timing: both sides are reduced to SHA-256 digests of equal length and compared with
 * timingSafeEqual, so neither a wrong length nor a matching prefix answers faster.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** Whether the key a client sent is the expected one (missing counts as wrong). */
export function sameKey(given: string | undefined, expected: string): boolean {
  return timingSafeEqual(digest(given ?? ''), digest(expected)) && given !== undefined;
}

/**
 * A lookup of configured keys by their digest: a map lookup on the client's raw key would
 * compare strings with an early exit; on digests, a partly right key gains nothing.
 */
export class KeyTable<T> {
  private readonly byDigest = new Map<string, T>();

  constructor(entries: [key: string, value: T][]) {
    for (const [key, value] of entries) this.byDigest.set(digest(key).toString('hex'), value);
  }

  get(given: string | undefined): T | undefined {
    return given === undefined ? undefined : this.byDigest.get(digest(given).toString('hex'));
  }
}
