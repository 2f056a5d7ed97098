/**
 * Characters XML 1.0 cannot carry, raw or escaped: C0 controls other than tab, newline and
 * carriage return, the non-characters U+FFFE/U+FFFF and lone surrogates. RDF/XML and EDM are
 * XML, so a literal holding one cannot be delivered; the hub removes them and says where.
 */

/** One forbidden character (a surrogate only when it is not half of a pair). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const FORBIDDEN_XML_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function hasForbiddenXmlCharacters(text: string): boolean {
  FORBIDDEN_XML_CHARACTER.lastIndex = 0;
  return FORBIDDEN_XML_CHARACTER.test(text);
}

/** `U+001B`, the way reports name a character. */
export const codePointName = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

export interface StrippedText {
  text: string;
  /** Each removed character's name and its offset in the returned (cleaned) text. */
  removed: { char: string; at: number }[];
}

/** A character reference (`&#27;`, `&#x1B;`) to a character XML 1.0 forbids. */
const FORBIDDEN_REFERENCE = /&#(?:[xX]0*([0-9a-fA-F]{1,6})|0*([0-9]{1,7}));/g;

function forbiddenCodePoint(cp: number): boolean {
  return (cp < 0x20 && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) || cp === 0xfffe || cp === 0xffff || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff;
}

const FORBIDDEN_OR_REFERENCE = new RegExp(`${FORBIDDEN_XML_CHARACTER.source}|${FORBIDDEN_REFERENCE.source}`, 'g');

/**
 * The text without its forbidden characters, and what was removed where. With `references`
 * (XML text), character references to them go too: an XML parser refuses either.
 */
export function stripForbiddenXmlCharacters(text: string, options: { references?: boolean } = {}): StrippedText {
  const removed: StrippedText['removed'] = [];
  const references = options.references === true && text.includes('&#');
  if (!references && !hasForbiddenXmlCharacters(text)) return { text, removed };
  let shift = 0;
  const cleaned = text.replace(references ? FORBIDDEN_OR_REFERENCE : FORBIDDEN_XML_CHARACTER, (match: string, ...rest: unknown[]) => {
    const offset = rest.find((r) => typeof r === 'number') as number;
    let name: string;
    if (match.startsWith('&#')) {
      const [hex, dec] = rest as [string | undefined, string | undefined];
      const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
      if (!forbiddenCodePoint(cp)) return match;
      name = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    } else {
      name = codePointName(match);
    }
    removed.push({ char: name, at: offset - shift });
    shift += match.length;
    return '';
  });
  return { text: cleaned, removed };
}

/** "U+0000 ×2, U+001B": removed characters counted by name, in order of first appearance. */
export function describeRemoved(names: string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}
