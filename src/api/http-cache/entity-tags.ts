/**
 * Entity tags (RFC 9110 §8.8.3) and the If-None-Match test (§13.1.2): one strong tag per
 * representation, computed over its media type, language and bytes, and a weak comparison of the
 * client's list against it, as the RFC prescribes for If-None-Match. Weak comparison ignores `W/`
 * on either side, so a tag a proxy weakened (it compressed the body) still matches.
 */
import { createHash } from 'node:crypto';

/**
 * The strong tag of one representation: the same body sent as Turtle and as JSON-LD, or in Dutch
 * and in English, gets different tags, so a cache never confuses two variants of one URL.
 */
export function representationTag(body: string | Buffer, variant: { contentType?: string; contentLanguage?: string; contentEncoding?: string }): string {
  const hash = createHash('sha256');
  hash.update(`${variant.contentType ?? ''}\n${variant.contentLanguage ?? ''}\n${variant.contentEncoding ?? ''}\n`);
  hash.update(body);
  return `"${hash.digest('base64url').slice(0, 27)}"`;
}

/** The opaque part of a tag, without `W/`: what weak comparison compares. */
const opaque = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag);

/**
 * The entity tags of an If-None-Match header: `*`, or a list of `"…"` and `W/"…"` (commas between
 * them, empty list elements and spaces allowed; a comma inside the quotes belongs to the tag).
 * Text that is no tag is skipped, so a malformed header matches nothing and the full answer goes out.
 */
export function parseEntityTags(header: string): '*' | string[] {
  if (header.trim() === '*') return '*';
  return [...header.matchAll(/(W\/)?"[\x21\x23-\x7e\x80-\xff]*"/g)].map((m) => m[0]);
}

/** True when If-None-Match names the current representation: the server answers 304 Not Modified. */
export function noneMatchHits(ifNoneMatch: string | undefined, currentTag: string | undefined): boolean {
  if (ifNoneMatch === undefined || currentTag === undefined) return false;
  const tags = parseEntityTags(ifNoneMatch);
  if (tags === '*') return true;
  return tags.some((t) => opaque(t) === opaque(currentTag));
}
