/**
 * Rate limits for the open API: anonymous clients per IP, API-key holders per key with the
 * key's own limit. An unknown key is refused (401) rather than silently treated as anonymous,
 * so a client notices a typo before it notices throttling.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { HubSettings } from '../../config/schema.js';
import { HttpError, sendProblem } from '../http-errors.js';
import { KeyTable } from '../key-check.js';

export function apiRateLimit(settings: HubSettings['api']): RequestHandler[] {
  // Buckets are named by the key's position, so no key is kept in the limiter's store.
  const keys = new KeyTable(settings.keys.map((k, i) => [k.key, { ...k, bucket: `key:${i}` }]));
  const checkKey = (req: Request, _res: Response, next: NextFunction) => {
    const key = req.get('x-api-key');
    if (key !== undefined && !keys.get(key)) return next(new HttpError(401, 'Unknown API key (x-api-key); leave the header out for anonymous access'));
    next();
  };
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: (req) => keys.get(req.get('x-api-key'))?.perMinute ?? settings.anonymousPerMinute,
    keyGenerator: (req) => keys.get(req.get('x-api-key'))?.bucket ?? `ip:${ipKeyGenerator(req.ip ?? '')}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (req, res) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const seconds = Math.max(1, Math.ceil(((reset?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000));
      sendProblem(res, 429, `Rate limit reached (${req.get('x-api-key') ? 'this API key' : 'anonymous access'}); retry after ${seconds} s or use an API key with a higher limit`, { 'retry-after': String(seconds) });
    },
  });
  return [checkKey, limiter];
}
