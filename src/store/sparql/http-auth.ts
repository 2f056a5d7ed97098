/**
 * HTTP authentication for the remote store: Basic and Digest (RFC 7616, qop=auth, MD5 or
 * SHA-256), chosen from the server's challenge. Virtuoso's /sparql-auth asks for Digest;
 * Fuseki, GraphDB and most proxies for Basic. Credentials are sent only after a challenge, so
 * a Digest server never sees the password in clear.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Credentials {
  username: string;
  password: string;
}

interface Challenge {
  scheme: 'basic' | 'digest';
  params: Record<string, string>;
}

/** Parses the first Basic or Digest challenge of a WWW-Authenticate header (Digest preferred). */
export function parseChallenge(header: string | null): Challenge | undefined {
  if (!header) return undefined;
  const digest = /Digest\s+(.*)$/i.exec(header);
  if (digest) {
    const params: Record<string, string> = {};
    for (const m of digest[1].matchAll(/([a-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
      params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    return { scheme: 'digest', params };
  }
  return /Basic/i.test(header) ? { scheme: 'basic', params: {} } : undefined;
}

/** Answers challenges; keeps the last one so later requests authenticate up front. */
export class HttpAuthenticator {
  private challenge?: Challenge;
  private nonceCount = 0;

  constructor(private readonly credentials: Credentials) {}

  /** Remembers a 401's challenge; false when it offers no scheme we speak. */
  accept(header: string | null): boolean {
    const challenge = parseChallenge(header);
    if (!challenge) return false;
    if (challenge.params.nonce !== this.challenge?.params.nonce) this.nonceCount = 0;
    this.challenge = challenge;
    return true;
  }

  /** The Authorization header for a request, or undefined before any challenge. */
  header(method: string, url: string): string | undefined {
    const c = this.challenge;
    if (!c) return undefined;
    const { username, password } = this.credentials;
    if (c.scheme === 'basic') return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const algorithm = (c.params.algorithm ?? 'MD5').toUpperCase();
    const hashName = algorithm.startsWith('SHA-256') ? 'sha256' : 'md5';
    const h = (s: string) => createHash(hashName).update(s).digest('hex');
    const realm = c.params.realm ?? '';
    const nonce = c.params.nonce ?? '';
    const { pathname, search } = new URL(url);
    const uri = pathname + search;
    const cnonce = randomBytes(8).toString('hex');
    let ha1 = h(`${username}:${realm}:${password}`);
    if (algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${nonce}:${cnonce}`);
    const ha2 = h(`${method}:${uri}`);
    const qop = c.params.qop?.split(',').map((s) => s.trim()).includes('auth') ? 'auth' : undefined;
    const nc = (++this.nonceCount).toString(16).padStart(8, '0');
    const response = qop ? h(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${nonce}:${ha2}`);
    const parts = [`username="${username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `algorithm=${c.params.algorithm ?? 'MD5'}`, `response="${response}"`];
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
    if (c.params.opaque !== undefined) parts.push(`opaque="${c.params.opaque}"`);
    return `Digest ${parts.join(', ')}`;
  }
}
