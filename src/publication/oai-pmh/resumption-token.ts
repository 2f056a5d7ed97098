/**
 * Stateless resumption tokens: the list request and the position after the last item sent,
 * base64url JSON signed with HMAC-SHA256 so a harvester cannot forge or alter one. A token
 * carries its own expiry; the default lifetime is 24 hours, long enough for Metis to page
 * through ListIdentifiers before it starts its GetRecord calls.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenState {
  verb: 'ListIdentifiers' | 'ListRecords';
  metadataPrefix: string;
  set?: string;
  /** Inclusive bounds as epoch seconds. */
  from?: number;
  until: number;
  /** Position: the (change time in ms, graph IRI) of the last item sent. */
  afterTime: number;
  afterGraph: string;
  /** Items sent before the next page. */
  cursor: number;
  /** Epoch ms after which the token is refused. */
  expires: number;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/** Used when the deployment configures no secret: tokens then do not survive a restart. */
const processSecret = randomBytes(32).toString('hex');

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function encodeToken(state: TokenState, secret = processSecret): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export type TokenCheck = { ok: true; state: TokenState } | { ok: false; reason: string };

export function decodeToken(token: string, now: number, secret = processSecret): TokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'the resumptionToken is not one this repository issued' };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'the resumptionToken is not one this repository issued (bad signature)' };
  }
  let state: TokenState;
  try {
    state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenState;
  } catch {
    return { ok: false, reason: 'the resumptionToken cannot be read' };
  }
  if (now > state.expires) return { ok: false, reason: `the resumptionToken expired at ${new Date(state.expires).toISOString()}` };
  return { ok: true, state };
}
