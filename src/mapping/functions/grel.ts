/**
 * GREL functions (OpenRefine expression language) as published for FnO at
 * http://users.ugent.be/~bjdmeest/function/grel.ttl, the ones real mappings use.
 */
import { createHash } from 'node:crypto';
import type { FunctionDef, FunctionArgs, FunctionResult } from './registry.js';

export const GREL = (local: string) => `http://users.ugent.be/~bjdmeest/function/grel.ttl#${local}`;

const V = GREL('valueParam');
const V2 = GREL('valueParam2');
const STRING_OUT = [GREL('stringOut'), GREL('output_string')];
const BOOL_OUT = [GREL('output_bool'), GREL('boolOut')];
const NUM_OUT = [GREL('output_number'), GREL('numberOut')];
const ARRAY_OUT = [GREL('output_array'), GREL('arrayOut')];

const def = (local: string, parameters: string[], outputs: string[], call: (a: FunctionArgs) => FunctionResult): FunctionDef => ({
  iri: GREL(local),
  parameters,
  outputs,
  call,
});

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function escape(value: string, mode: string): string {
  switch (mode) {
    case 'html':
      return escapeHtml(value);
    case 'xml':
      return escapeHtml(value).replace(/&#39;/g, '&apos;');
    case 'url':
      return encodeURIComponent(value);
    case 'javascript':
      return JSON.stringify(value).slice(1, -1);
    case 'csv':
      return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    default:
      return value;
  }
}

const FIND = [GREL('param_find'), GREL('p_string_find')];
const REPLACE = [GREL('param_replace'), GREL('p_string_replace')];
const first = (a: FunctionArgs, ps: string[]) => {
  for (const p of ps) if (a.get(p) !== undefined) return a.str(p);
  return '';
};

function optionalInt(a: FunctionArgs, p: string): number | undefined {
  const v = a.get(p);
  return v === undefined || v === '' ? undefined : Number(v);
}

export const grelFunctions: FunctionDef[] = [
  def('toUpperCase', [V], STRING_OUT, (a) => a.str(V).toUpperCase()),
  def('toLowerCase', [V], STRING_OUT, (a) => a.str(V).toLowerCase()),
  def('toTitlecase', [V], STRING_OUT, (a) => a.str(V).replace(/\S+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase())),
  def('string_trim', [V], STRING_OUT, (a) => a.str(V).trim()),
  def('string_length', [V], NUM_OUT, (a) => a.str(V).length),
  def('string_replace', [V, ...FIND, ...REPLACE], STRING_OUT, (a) => a.str(V).split(first(a, FIND)).join(first(a, REPLACE))),
  def('string_replaceChars', [V, ...FIND, ...REPLACE], STRING_OUT, (a) => {
    const find = first(a, FIND);
    const repl = first(a, REPLACE);
    return [...a.str(V)].map((c) => (find.includes(c) ? (repl[find.indexOf(c)] ?? '') : c)).join('');
  }),
  def('string_substring', [V, GREL('p_int_i_from'), GREL('p_int_i_opt_to')], STRING_OUT, (a) => {
    const s = a.str(V);
    const from = optionalInt(a, GREL('p_int_i_from')) ?? 0;
    const to = optionalInt(a, GREL('p_int_i_opt_to')) ?? s.length;
    // Java's substring (GREL's reference implementation) fails outside the string: no value.
    if (from < 0 || from > s.length || to < from || to > s.length) return null;
    return s.substring(from, to);
  }),
  def('string_startsWith', [V, GREL('p_string_sub')], BOOL_OUT, (a) => a.str(V).startsWith(a.str(GREL('p_string_sub')))),
  def('string_endsWith', [V, GREL('p_string_sub')], BOOL_OUT, (a) => a.str(V).endsWith(a.str(GREL('p_string_sub')))),
  def('string_contains', [V, GREL('p_string_sub')], BOOL_OUT, (a) => a.str(V).includes(a.str(GREL('p_string_sub')))),
  def('string_split', [V, GREL('p_string_sep')], ARRAY_OUT, (a) => a.str(V).split(a.str(GREL('p_string_sep')))),
  def('string_md5', [V], STRING_OUT, (a) => createHash('md5').update(a.str(V)).digest('hex')),
  def('escape', [V, GREL('modeParam')], STRING_OUT, (a) => escape(a.str(V), a.str(GREL('modeParam')))),
  def('array_join', [GREL('p_array_a'), GREL('p_string_sep')], STRING_OUT, (a) => a.all(GREL('p_array_a')).map(String).join(a.str(GREL('p_string_sep')))),
  def('string_concat', [V, V2], STRING_OUT, (a) => a.str(V) + a.str(V2)),
  def('boolean_not', [GREL('bool_b')], BOOL_OUT, (a) => !(a.str(GREL('bool_b')) === 'true' || a.get(GREL('bool_b')) === true)),
  def('date_now', [], STRING_OUT, () => new Date().toISOString()),
  def('math_round', [GREL('p_dec_n')], NUM_OUT, (a) => Math.round(Number(a.get(GREL('p_dec_n'))))),
];
