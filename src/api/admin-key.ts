/**
 * The guard of the /admin routes: the `x-admin-key` header (scripts, the CLI) or, for a browser
 * (the links review page), HTTP Basic authentication whose password is the admin key (any user
 * name). Without hub.adminKey configured the admin routes are off. A 401 carries
 * `WWW-Authenticate: Basic` so that a browser asks for the key.
 */
import { createHmac } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { HttpError } from './http-errors.js';
import { sameKey } from './key-check.js';

/** The password of an `Authorization: Basic …` header, if the request carries one. */
function basicPassword(header: string | undefined): string | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

export function requireAdminKey(adminKey: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!adminKey) return next(new HttpError(403, 'Admin routes are off: no hub.adminKey is configured'));
    const header = req.get('x-admin-key');
    const given = header !== undefined ? header : basicPassword(req.get('authorization'));
    if (!sameKey(given, adminKey)) return next(new HttpError(401, 'Missing or wrong x-admin-key', { 'WWW-Authenticate': 'Basic realm="hub admin", charset="UTF-8"' }));
    next();
  };
}

/**
 * The token an admin HTML form carries: a browser sends Basic credentials with any form posted to
 * the hub, from any site, so form posts must also prove they come from a page the hub served
 * (which another site cannot read). Derived from the key, so it needs no server state.
 */
export function formToken(adminKey: string, purpose: string): string {
  return createHmac('sha256', adminKey).update(`form:${purpose}`).digest('base64url');
}
