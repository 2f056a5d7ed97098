/**
 * IDLab functions (https://w3id.org/imec/idlab/function#), the conditions YARRRML emits for
 * `condition:` and `equal` joins, and string helpers found in Flemish mappings. The legacy
 * namespace http://example.com/idlab/function/ is accepted as an alias.
 */
import { GREL } from './grel.js';
import type { FunctionArgs, FunctionDef, FunctionResult } from './registry.js';

export const IDLAB = (local: string) => `https://w3id.org/imec/idlab/function#${local}`;
export const IDLAB_LEGACY = (local: string) => `http://example.com/idlab/function/${local}`;

const STR = IDLAB('str');
const OTHER = IDLAB('otherStr');
const STRING_OUT = [IDLAB('_stringOut')];
const GREL_V = GREL('valueParam');
const GREL_V2 = GREL('valueParam2');
const BOOL_OUT = [IDLAB('_boolOut')];

const truthy = (v: unknown) => v === true || v === 'true' || v === '1';

function def(local: string, params: string[], outputs: string[], call: (a: FunctionArgs) => FunctionResult): FunctionDef {
  return { iri: IDLAB(local), parameters: [...params, ...params.map((p) => p.replace(IDLAB(''), IDLAB_LEGACY('')))], outputs, call };
}

/** Accepts a parameter under either namespace. */
const arg = (a: FunctionArgs, p: string) => a.get(p) ?? a.get(p.replace(IDLAB(''), IDLAB_LEGACY('')));
const str = (a: FunctionArgs, p: string) => {
  const v = arg(a, p);
  return v === undefined ? '' : String(v);
};

const MIME: Record<string, string> = {
  csv: 'text/csv', json: 'application/json', xml: 'application/xml', html: 'text/html', txt: 'text/plain',
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', tif: 'image/tiff', tiff: 'image/tiff',
  pdf: 'application/pdf', mp3: 'audio/mpeg', mp4: 'video/mp4', wav: 'audio/wav', ttl: 'text/turtle', nt: 'application/n-triples',
};

export const idlabFunctions: FunctionDef[] = [
  // YARRRML and the FNML test cases also call equal with GREL's two value parameters.
  {
    ...def('equal', [STR, OTHER], BOOL_OUT, (a) => (arg(a, STR) ?? a.get(GREL_V)) !== undefined && String(arg(a, STR) ?? a.get(GREL_V)) === String(arg(a, OTHER) ?? a.get(GREL_V2) ?? '')),
    parameters: [STR, OTHER, IDLAB_LEGACY('str'), IDLAB_LEGACY('otherStr'), GREL_V, GREL_V2],
  },
  def('notEqual', [STR, OTHER], BOOL_OUT, (a) => str(a, STR) !== str(a, OTHER)),
  def('trueCondition', [IDLAB('strBoolean'), STR], STRING_OUT, (a) => (truthy(arg(a, IDLAB('strBoolean'))) ? arg(a, STR) : undefined)),
  def('isNull', [STR], BOOL_OUT, (a) => arg(a, STR) === undefined || str(a, STR) === ''),
  def('stringContainsOtherString', [STR, OTHER, IDLAB('delimiter')], BOOL_OUT, (a) =>
    str(a, STR).split(str(a, IDLAB('delimiter')) || ' ').includes(str(a, OTHER)),
  ),
  def('concat', [STR, OTHER, IDLAB('delimiter')], STRING_OUT, (a) => str(a, STR) + str(a, IDLAB('delimiter')) + str(a, OTHER)),
  def('toUpperCaseURL', [STR], STRING_OUT, (a) => {
    const s = str(a, STR).toUpperCase();
    return /^https?:\/\//i.test(s) ? s : `http://${s}`;
  }),
  def('alwaysReturnsABC', [], STRING_OUT, () => 'ABC'),
  def('getMIMEType', [STR], STRING_OUT, (a) => MIME[str(a, STR).split('.').pop()?.toLowerCase() ?? ''] ?? null),
  def('slugify', [STR], STRING_OUT, (a) =>
    str(a, STR).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
  ),
  def('trim', [STR], STRING_OUT, (a) => str(a, STR).trim()),
];
