/**
 * XSD lexical checks and value comparison for sh:datatype and the range/lessThan components.
 * Covers the XSD types that real shapes and the W3C suite use; unknown datatypes are accepted
 * as well-formed, as SHACL only asks for ill-formedness where the engine knows the datatype.
 */
import type { Term } from '../../core/rdf.js';
import { RDF, XSD } from '../../core/vocab.js';

const INT = /^[+-]?\d+$/;
const DEC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const FLT = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/;
const TZ = '(Z|[+-]\\d{2}:\\d{2})?';
const DATE = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}${TZ}$`);
const DATETIME = new RegExp(`^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${TZ}$`);
const TIME = new RegExp(`^\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?${TZ}$`);
const GYEAR = new RegExp(`^-?\\d{4,}${TZ}$`);
const GYEARMONTH = new RegExp(`^-?\\d{4,}-\\d{2}${TZ}$`);
const DURATION = /^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Integer subtypes with their inclusive bounds. */
const INTEGER_RANGES: Record<string, [bigint | null, bigint | null]> = {
  [XSD('integer')]: [null, null],
  [XSD('nonNegativeInteger')]: [0n, null],
  [XSD('positiveInteger')]: [1n, null],
  [XSD('nonPositiveInteger')]: [null, 0n],
  [XSD('negativeInteger')]: [null, -1n],
  [XSD('long')]: [-(2n ** 63n), 2n ** 63n - 1n],
  [XSD('int')]: [-(2n ** 31n), 2n ** 31n - 1n],
  [XSD('short')]: [-32768n, 32767n],
  [XSD('byte')]: [-128n, 127n],
  [XSD('unsignedLong')]: [0n, 2n ** 64n - 1n],
  [XSD('unsignedInt')]: [0n, 2n ** 32n - 1n],
  [XSD('unsignedShort')]: [0n, 65535n],
  [XSD('unsignedByte')]: [0n, 255n],
};

function validDate(lex: string): boolean {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})/.exec(lex);
  if (!m) return true;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function validTime(lex: string): boolean {
  const m = /(\d{2}):(\d{2}):(\d{2})/.exec(lex);
  if (!m) return true;
  const h = Number(m[1]);
  return (h < 24 || (h === 24 && m[2] === '00' && m[3] === '00')) && Number(m[2]) < 60 && Number(m[3]) < 60;
}

const CHECKS: Record<string, (lex: string) => boolean> = {
  [XSD('decimal')]: (l) => DEC.test(l),
  [XSD('double')]: (l) => FLT.test(l),
  [XSD('float')]: (l) => FLT.test(l),
  [XSD('boolean')]: (l) => l === 'true' || l === 'false' || l === '1' || l === '0',
  [XSD('date')]: (l) => DATE.test(l) && validDate(l),
  [XSD('dateTime')]: (l) => DATETIME.test(l) && validDate(l) && validTime(l),
  [XSD('dateTimeStamp')]: (l) => DATETIME.test(l) && /(Z|[+-]\d{2}:\d{2})$/.test(l) && validDate(l) && validTime(l),
  [XSD('time')]: (l) => TIME.test(l) && validTime(l),
  [XSD('gYear')]: (l) => GYEAR.test(l),
  [XSD('gYearMonth')]: (l) => GYEARMONTH.test(l) && validDate(`${l.slice(0, l.lastIndexOf('-') + 3)}-01`),
  [XSD('duration')]: (l) => DURATION.test(l),
};

/** Whether the literal's lexical form is valid for its own datatype. */
export function isWellFormed(lit: Term): boolean {
  if (lit.termType !== 'Literal') return false;
  const dt = lit.datatype.value;
  if (dt === RDF('langString')) return lit.language !== '';
  const range = INTEGER_RANGES[dt];
  if (range) {
    if (!INT.test(lit.value)) return false;
    const v = BigInt(lit.value);
    return (range[0] === null || v >= range[0]) && (range[1] === null || v <= range[1]);
  }
  const check = CHECKS[dt];
  return check ? check(lit.value) : true;
}

type Comparable = { kind: 'string'; v: string; tz?: boolean } | { kind: string; v: number; tz?: boolean };

const NUMERIC = new Set([XSD('decimal'), XSD('double'), XSD('float'), ...Object.keys(INTEGER_RANGES)]);

const FOURTEEN_HOURS = 14 * 3600 * 1000;

function timeValue(lex: string, prefix: string): number {
  const hasTz = /(Z|[+-]\d{2}:\d{2})$/.test(lex);
  return Date.parse(prefix + lex + (hasTz ? '' : 'Z'));
}

function comparable(t: Term): Comparable | undefined {
  if (t.termType !== 'Literal' || !isWellFormed(t)) return undefined;
  const dt = t.datatype.value;
  if (NUMERIC.has(dt)) {
    const v = t.value === 'INF' || t.value === '+INF' ? Infinity : t.value === '-INF' ? -Infinity : Number(t.value);
    return Number.isNaN(v) ? undefined : { kind: 'number', v };
  }
  if (dt === XSD('string')) return { kind: 'string', v: t.value };
  let v: number;
  if (dt === XSD('dateTime') || dt === XSD('dateTimeStamp')) v = timeValue(t.value, '');
  else if (dt === XSD('date')) v = Date.parse(t.value.replace(/(Z|[+-]\d{2}:\d{2})?$/, 'T00:00:00$1') + (/(Z|[+-]\d{2}:\d{2})$/.test(t.value) ? '' : 'Z'));
  else if (dt === XSD('time')) v = timeValue(t.value, '1972-01-01T');
  else if (dt === XSD('gYear')) v = Number.parseInt(t.value, 10);
  else return undefined;
  if (Number.isNaN(v)) return undefined;
  return { kind: dt === XSD('dateTimeStamp') ? XSD('dateTime') : dt, v, tz: /(Z|[+-]\d{2}:\d{2})$/.test(t.value) };
}

/** Compares two literals: negative, 0 or positive; undefined when they are not comparable. */
export function compareTerms(a: Term, b: Term): number | undefined {
  const x = comparable(a);
  const y = comparable(b);
  if (!x || !y || x.kind !== y.kind) return undefined;
  if (x.kind === 'string') return x.v < (y.v as string) ? -1 : x.v > (y.v as string) ? 1 : 0;
  const d = (x.v as number) - (y.v as number);
  // XSD order between a time with and one without timezone is only determinate beyond 14 hours.
  if (x.tz !== undefined && x.tz !== y.tz && Math.abs(d) <= FOURTEEN_HOURS) return undefined;
  return d;
}
