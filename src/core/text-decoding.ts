/**
 * Bytes to text for files and HTTP payloads, in the order XML (RFC 7303, XML 1.0 Appendix F)
 * and the WHATWG encoding standard agree on: a byte-order mark wins, then the encoding the
 * transport declares (HTTP charset), then an XML declaration's `encoding`, then UTF-8. Text that
 * is not valid UTF-8 is decoded with the caller's fallback (a files rule's `encoding`), or is
 * an error that names the byte, never U+FFFD soup; HTTP callers may ask for lenient decoding.
 */
import { HubError } from './errors.js';

/** The bytes cannot be read as text in the encoding they declare or the one configured. */
export class TextDecodingError extends HubError {}

export interface DecodeOptions {
  /** Where the bytes came from, for messages ("activiteiten.csv", a URL). */
  where: string;
  /** The encoding the transport declares (HTTP Content-Type charset). */
  declared?: string;
  /** Read an XML declaration's `encoding` (and UTF-16 without a BOM, by its `<?`). */
  xml?: boolean;
  /** Encoding to use when the bytes are not valid UTF-8 (a files rule's `encoding`). */
  fallback?: string;
  /** Not valid UTF-8 and no fallback: decode with U+FFFD instead of throwing (HTTP payloads). */
  lenient?: boolean;
  /** Appended to the not-valid-UTF-8 message: how to fix it ("set encoding: … in the rule"). */
  hint?: string;
}

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (utf-8, utf-16le, windows-1252...). */
  encoding: string;
  /** Set when lenient decoding replaced invalid bytes: the offset of the first one. */
  invalidAt?: number;
}

/** The WHATWG name of an encoding label, or undefined when Node cannot decode it. */
export function encodingName(label: string): string | undefined {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return undefined;
  }
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-16 without a BOM, told by the zero bytes of ASCII characters at its start (`<?` of an XML
 * declaration, a CSV header): a zero byte is never part of text in UTF-8 or a single-byte encoding.
 */
function utf16Without(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return undefined;
}

/** The `encoding` of an XML declaration in an ASCII-compatible encoding, if any. */
function xmlDeclared(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 512)).toString('latin1');
  return /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/.exec(head)?.[1];
}

/** Offset of the first byte that breaks UTF-8, or -1 when all of it is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/**
 * Windows-1252's printable characters at 0x80–0x9F (€, curly quotes, dashes...). Node decodes the
 * windows-1252 label as ISO-8859-1 there (C1 controls); WHATWG decoders, and every spreadsheet
 * export that says "ANSI", mean these. Undefined bytes stay as their C1 code point.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWith(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  return encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]) : text;
}

function named(label: string, from: string, where: string): string {
  const encoding = encodingName(label);
  if (!encoding) throw new TextDecodingError(`${where}: unknown encoding "${label}" (${from})`, { code: 'UNKNOWN_ENCODING', context: { where, encoding: label } });
  return encoding;
}

export function decodeText(bytes: Uint8Array, options: DecodeOptions): DecodedText {
  const { where } = options;
  const bom = bomOf(bytes);
  if (bom) return { text: decodeWith(bom.encoding, bytes.subarray(bom.length)), encoding: bom.encoding };
  const utf16 = utf16Without(bytes);
  let chosen: string | undefined;
  if (options.declared) chosen = named(options.declared, 'declared by the server', where);
  else if (utf16) chosen = utf16;
  else if (options.xml) {
    const declared = xmlDeclared(bytes);
    if (declared) chosen = named(declared, 'in the XML declaration', where);
  }
  // A declaration of UTF-16 on bytes without zero bytes is wrong; UTF-8 is then the likely truth.
  if (chosen && chosen.startsWith('utf-16') && !utf16) chosen = undefined;
  if (chosen && chosen !== 'utf-8') return { text: decodeWith(chosen, bytes), encoding: chosen };
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt < 0) return { text: decodeWith('utf-8', bytes), encoding: 'utf-8' };
  if (options.fallback) {
    const fallback = named(options.fallback, 'the configured fallback', where);
    return { text: decodeWith(fallback, bytes), encoding: fallback };
  }
  if (options.lenient) return { text: decodeWith('utf-8', bytes), encoding: 'utf-8', invalidAt };
  throw new TextDecodingError(`${where}: not valid UTF-8 at byte ${invalidAt}${options.hint ? `; ${options.hint}` : ''}`, {
    code: 'NOT_UTF8',
    context: { where, byte: invalidAt },
  });
}

/** The charset parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1];
}
