/**
 * IRI rules of R2RML/RML: template values are IRI-safe encoded (everything but iunreserved is
 * percent-encoded), relative IRIs are resolved by prefixing the base IRI, and what comes out must
 * be an absolute IRI or it is a data error.
 */

/** Percent-encodes all characters except ASCII unreserved (rml:URI). */
export function uriSafe(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-encodes all characters except iunreserved (ALPHA, DIGIT, -._~ and non-ASCII ucschar). */
const ALREADY_SAFE = /^[A-Za-z0-9._~-]*$/;

export function iriSafe(value: string): string {
  if (ALREADY_SAFE.test(value)) return value;
  let out = '';
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || ch === '-' || ch === '.' || ch === '_' || ch === '~') {
      out += ch;
    } else if (cp >= 0xa0 && !(cp >= 0xd800 && cp <= 0xdfff) && !(cp >= 0xe000 && cp <= 0xf8ff) && !(cp >= 0xfff0 && cp <= 0xffff)) {
      out += ch;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// Characters RFC 3987 never allows in an IRI (control, space, <>"{}|\^` ).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0020<>"{}|\\^`\u007f]/;

export function hasScheme(value: string): boolean {
  return SCHEME.test(value);
}

/** Whether `value` is an absolute IRI as far as the characters go (scheme present, nothing forbidden). */
export function isValidIri(value: string): boolean {
  return SCHEME.test(value) && !FORBIDDEN.test(value) && !/%(?![0-9A-Fa-f]{2})/.test(value);
}

/** Absolute IRI for `value`, prefixing `base` when it has no scheme; undefined when the result is invalid. */
export function resolveIri(value: string, base: string | undefined): string | undefined {
  const iri = hasScheme(value) ? value : base !== undefined ? base + value : value;
  return isValidIri(iri) ? iri : undefined;
}

/** Well-formed BCP 47 language tag (the syntax only). */
const LANGTAG =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*(?:-x(?:-[A-Za-z0-9]{1,8})+)?|x(?:-[A-Za-z0-9]{1,8})+)$/;

export function isLanguageTag(tag: string): boolean {
  return LANGTAG.test(tag);
}
