/**
 * Who a request comes from, for per-client limits: an API key the hub knows (x-api-key, from
 * hub.api.keys) is its own client with its own limits; anyone else is their IP address as
 * express reads it (req.ip, which follows the app's `trust proxy` setting behind a proxy).
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';

export interface ClientKey {
  /** `key:<digest>` or `ip:<address>`; never the key itself. */
  id: string;
  /** Whether the client sent a known API key. */
  keyed: boolean;
}

export function clientKey(req: Request, knownKeys: ReadonlySet<string>): ClientKey {
  const key = req.get('x-api-key');
  if (key !== undefined && knownKeys.has(key)) return { id: `key:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`, keyed: true };
  return { id: `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, keyed: false };
}
