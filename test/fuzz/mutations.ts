/**
 * Seeded payload mutations for the fuzz tests: deep nesting, huge strings, random bytes,
 * truncation, broken quoting, other encodings, characters XML cannot carry. A case is a base
 * payload (a real page or file from the fixtures) with one to three of these applied.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'deep-json'; at: number; depth: number }
  | { kind: 'deep-xml'; at: number; depth: number }
  | { kind: 'huge-string'; at: number; length: number }
  | { kind: 'random-bytes'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number }
  | { kind: 'quote'; at: number; quote: string }
  | { kind: 'controls'; at: number; chars: string }
  | { kind: 'encoding'; encoding: 'latin1' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf8-bom' };

/** The seed every fuzz test starts from; FUZZ_SEED replays another (printed with any failure). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** A place in the payload, 0–1 (fc.double favours values next to 0, which would all land in the envelope). */
const position = fc.integer({ min: 0, max: 9999 }).map((n) => n / 10000);

/** Mutations that keep the payload well-formed weigh more: they are the ones that reach the item-level checks. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('deep-json' as const), at: position, depth: fc.integer({ min: 90, max: 6000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deep-xml' as const), at: position, depth: fc.integer({ min: 90, max: 6000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('huge-string' as const), at: position, length: fc.integer({ min: 1000, max: 300_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('controls' as const), at: position, chars: fc.string({ unit: fc.constantFrom('\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff', '&#0;', '&#x1B;', '\\u0000'), minLength: 1, maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('encoding' as const), encoding: fc.constantFrom('latin1' as const, 'utf16le-bom' as const, 'utf16be-bom' as const, 'utf16le' as const, 'utf8-bom' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('random-bytes' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 48 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quote' as const), at: position, quote: fc.constantFrom('"', "'", '""', '"x', '\\"') }) },
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 2 });

type Format = 'json' | 'xml' | 'csv';

const formatOf = (text: string): Format => (/^\s*[[{]/.test(text) ? 'json' : /^\s*</.test(text) ? 'xml' : 'csv');

/** Where an insertion lands, from `at` (0–1): the next place in the text after which `after` matches. */
function offset(text: string, at: number, after: RegExp): number {
  const start = Math.floor(at * text.length);
  const later = after.exec(text.slice(start));
  if (later) return start + later.index + later[0].length;
  const any = after.exec(text);
  return any ? any.index + any[0].length : start;
}

/** Points where a value can go in each format without breaking it: a new JSON property, element content, a CSV cell. */
const SLOT: Record<Format, RegExp> = { json: /\{(?=\s*")/, xml: /<[A-Za-z][^<>]*[^/<>?]>/, csv: /,/ };

/** `value` put in at a slot: as a new property `"fuzz": value` in JSON, as it is elsewhere. */
function insert(text: string, format: Format, at: number, value: { json: string; other: string }): string {
  const i = offset(text, at, SLOT[format]);
  return `${text.slice(0, i)}${format === 'json' ? `"fuzz":${value.json},` : value.other}${text.slice(i)}`;
}

function encode(text: string, encoding: Extract<Mutation, { kind: 'encoding' }>['encoding']): Buffer {
  switch (encoding) {
    case 'latin1':
      return Buffer.from(text, 'latin1');
    case 'utf16le':
      return Buffer.from(text, 'utf16le');
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  }
}

/**
 * The base payload with the mutations applied, as bytes. Nesting, huge strings and control
 * characters go where the format stays well-formed (they should reach the item-level checks);
 * random bytes, truncation and stray quotes break it where they land.
 */
export function applyMutations(base: string, list: Mutation[]): Buffer {
  const format = formatOf(base);
  let text = base;
  let bytes: Buffer | undefined;
  for (const m of list) {
    if (bytes) text = bytes.toString('latin1');
    bytes = undefined;
    switch (m.kind) {
      case 'deep-json':
      case 'deep-xml':
        text = insert(text, format, m.at, {
          json: `${'{"a":['.repeat(m.depth)}1${']}'.repeat(m.depth)}`,
          other: format === 'xml' ? `${'<d>'.repeat(m.depth)}x${'</d>'.repeat(m.depth)}` : '['.repeat(m.depth),
        });
        break;
      case 'huge-string':
        text = insert(text, format, m.at, { json: `"${'é'.repeat(m.length)}"`, other: 'é'.repeat(m.length) });
        break;
      case 'controls':
        text = insert(text, format, m.at, { json: `"${m.chars}"`, other: m.chars });
        break;
      case 'random-bytes': {
        const raw = Buffer.from(text);
        const at = Math.floor(m.at * raw.length);
        bytes = Buffer.concat([raw.subarray(0, at), Buffer.from(m.bytes), raw.subarray(at + m.bytes.length)]);
        break;
      }
      case 'truncate':
        text = text.slice(0, Math.floor(m.at * text.length));
        break;
      case 'quote': {
        const at = offset(text, m.at, /[,;\n]/);
        text = `${text.slice(0, at)}${m.quote}${text.slice(at)}`;
        break;
      }
      case 'encoding':
        bytes = encode(text, m.encoding);
        break;
    }
  }
  return bytes ?? Buffer.from(text);
}

/** fast-check's settings for a fuzz test: the seed, a bounded number of runs and time per case. */
export const fuzzSettings = <T>(numRuns: number, timeoutMs = 8000): fc.Parameters<T> => ({ seed: FUZZ_SEED, numRuns, timeout: timeoutMs, endOnFailure: true });

/** Describes a failure with the seed to replay it. */
export function withSeed(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? `\nCaused by: ${error.cause.stack ?? error.cause.message}` : '';
  return new Error(`${message}${cause}\n(replay with FUZZ_SEED=${FUZZ_SEED})`);
}
