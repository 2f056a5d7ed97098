/** Bytes to text, JSON with raw control characters, characters XML forbids, nesting depth. */
import { parseJsonText } from '../../../src/core/json-text.js';
import { jsonDepth } from '../../../src/core/nesting-depth.js';
import { charsetOf, decodeText, firstInvalidUtf8, TextDecodingError } from '../../../src/core/text-decoding.js';
import { describeRemoved, stripForbiddenXmlCharacters } from '../../../src/core/xml-chars.js';

const text = 'Café Zoë – €5 ‘x’';
const where = 'f.csv';

describe('decodeText', () => {
  it('follows a BOM (UTF-8, UTF-16 LE and BE) over anything declared', () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { where, declared: 'latin1' })).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { where })).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), { where })).toEqual({ text, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM by the zero bytes of its first ASCII characters', () => {
    expect(decodeText(Buffer.from('id,naam\n1,é', 'utf16le'), { where }).text).toBe('id,naam\n1,é');
  });

  it('uses the declared charset, then the XML declaration, then UTF-8', () => {
    const cp1252 = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x20, 0x91, 0x92, 0x96]);
    expect(decodeText(cp1252, { where, declared: 'windows-1252' }).text).toBe('Café € ‘’–');
    expect(decodeText(cp1252, { where, declared: 'ISO-8859-1' }).text).toBe('Café € ‘’–');
    const xml = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), Buffer.from([0xe9]), Buffer.from('</a>')]);
    expect(decodeText(xml, { where, xml: true }).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>');
    expect(decodeText(Buffer.from(text), { where, xml: true }).encoding).toBe('utf-8');
  });

  it('falls back only for bytes that are not UTF-8', () => {
    expect(decodeText(Buffer.from(text), { where, fallback: 'windows-1252' }).text).toBe(text);
    expect(decodeText(Buffer.from('Caf\xe9', 'latin1'), { where, fallback: 'windows-1252' }).text).toBe('Café');
  });

  it('names the file and the first bad byte, with the hint, instead of decoding to U+FFFD', () => {
    const bytes = Buffer.from('abc\xe9def', 'latin1');
    expect(() => decodeText(bytes, { where, hint: 'set `encoding`' })).toThrow(new TextDecodingError('f.csv: not valid UTF-8 at byte 3; set `encoding`'));
    expect(decodeText(bytes, { where, lenient: true })).toEqual({ text: 'abc\ufffddef', encoding: 'utf-8', invalidAt: 3 });
    expect(() => decodeText(bytes, { where, xml: true, declared: 'klingon-8' })).toThrow(/unknown encoding "klingon-8"/);
  });

  it('finds the first byte that breaks UTF-8 (overlong forms, surrogates, truncated sequences)', () => {
    expect(firstInvalidUtf8(Buffer.from(text))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0x42, 0xed, 0xa0, 0x80]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x41, 0xe2, 0x82]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
  });

  it('reads a charset parameter', () => {
    expect(charsetOf('text/xml; charset="ISO-8859-1"')).toBe('ISO-8859-1');
    expect(charsetOf('application/json')).toBeUndefined();
  });
});

describe('parseJsonText', () => {
  it('reads raw control characters inside strings as the characters, and fails on anything else JSON.parse refuses', () => {
    expect(parseJsonText('{"a":"x\u001b\u0000y","b":"\\"\u0001"}')).toEqual({ a: 'x\u001b\u0000y', b: '"\u0001' });
    expect(() => parseJsonText('{"a":1,}')).toThrow(SyntaxError);
    expect(() => parseJsonText('{"a":\u0001 1}')).toThrow(SyntaxError);
  });
});

describe('stripForbiddenXmlCharacters', () => {
  it('removes raw characters and, in XML, references to them, with their offsets in the cleaned text', () => {
    expect(stripForbiddenXmlCharacters('a\u001bb&#x1B;c&#65;d&#0;e\ud800', { references: true })).toEqual({
      text: 'abc&#65;de',
      removed: [{ char: 'U+001B', at: 1 }, { char: 'U+001B', at: 2 }, { char: 'U+0000', at: 9 }, { char: 'U+D800', at: 10 }],
    });
    expect(stripForbiddenXmlCharacters('tab\tnewline\n😀 &#9;')).toEqual({ text: 'tab\tnewline\n😀 &#9;', removed: [] });
    expect(describeRemoved(['U+0000', 'U+001B', 'U+0000'])).toBe('U+0000 ×2, U+001B');
  });
});

describe('jsonDepth', () => {
  it('counts levels without recursion, and stops counting past the limit', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({ a: [1, { b: {} }] })).toBe(4);
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonDepth(deep, 10)).toBe(11);
  });
});
