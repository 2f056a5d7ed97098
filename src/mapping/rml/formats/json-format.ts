/**
 * JSONPath records. Plain paths (`$.a.b[*]`, `$.name`, `$['first name']`) compile to property
 * walks; everything else goes through jsonpath-plus. A streaming reader handles iterators of the
 * form `$[*]` / `$.a.b[*]` by cutting the array's elements out of the text one at a time.
 */
import type { Readable } from 'node:stream';
import { JSONPath } from 'jsonpath-plus';
import type { Format, FormatOptions, Reference, Value } from './format.js';
import { readAll } from './format.js';
import { streamJsonArray } from './json-stream.js';

type Step = { key: string } | { wildcard: true };

/** Throws when brackets, parentheses or quotes do not balance: jsonpath-plus accepts nearly anything. */
export function checkJsonPath(path: string): void {
  const stack: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      const open = stack.pop();
      if ((c === ']' && open !== '[') || (c === ')' && open !== '(')) throw new Error(`unbalanced "${c}" at position ${i} in JSONPath "${path}"`);
    }
  }
  if (quote || stack.length) throw new Error(`unbalanced JSONPath "${path}"`);
}

/** Parses a plain path into steps, or undefined when it needs a full JSONPath engine. */
export function simpleSteps(path: string): Step[] | undefined {
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest.startsWith('@.') || rest.startsWith('@[') || rest === '@') rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('.') && !rest.startsWith('[')) rest = `.${rest}`;
  const steps: Step[] = [];
  while (rest.length) {
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\.([A-Za-z_$@\u00c0-\uffff][\w$\u00c0-\uffff-]*|[0-9]+)/))) steps.push({ key: m[1] });
    else if ((m = rest.match(/^\[\*\]|^\.\*/))) steps.push({ wildcard: true });
    else if ((m = rest.match(/^\['((?:[^'\\]|\\.)*)'\]/)) || (m = rest.match(/^\["((?:[^"\\]|\\.)*)"\]/))) steps.push({ key: m[1].replace(/\\(.)/g, '$1') });
    else if ((m = rest.match(/^\[([0-9]+)\]/))) steps.push({ key: m[1] });
    else return undefined;
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function walk(node: unknown, steps: Step[], i: number, out: unknown[]): void {
  if (i === steps.length) {
    out.push(node);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const step = steps[i];
  if ('wildcard' in step) {
    for (const child of Array.isArray(node) ? node : Object.values(node)) walk(child, steps, i + 1, out);
  } else if (Object.prototype.hasOwnProperty.call(node, step.key)) {
    walk((node as Record<string, unknown>)[step.key], steps, i + 1, out);
  }
}

export function compilePath(path: string): (node: unknown) => unknown[] {
  checkJsonPath(path);
  const steps = simpleSteps(path);
  if (steps) {
    if (steps.length === 1 && 'key' in steps[0]) {
      const key = steps[0].key;
      return (node) => (node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? [(node as any)[key]] : []);
    }
    return (node) => {
      const out: unknown[] = [];
      walk(node, steps, 0, out);
      return out;
    };
  }
  const full = path.startsWith('$') || path.startsWith('@') ? path : `$.${path}`;
  return (node) => (node !== null && typeof node === 'object' ? (JSONPath({ path: full, json: node as object, wrap: true }) as unknown[]) : []);
}

function toValues(found: unknown[], nulls: Set<string>, strict: boolean, expression: string): Value[] {
  const out: Value[] = [];
  const add = (v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') {
      if (!nulls.has(v)) out.push(v);
    } else if (typeof v === 'number' || typeof v === 'boolean') out.push(v);
    else out.push(JSON.stringify(v));
  };
  for (const v of found) {
    if (strict && v !== null && typeof v === 'object') throw new Error(`reference "${expression}" points to an ${Array.isArray(v) ? 'array' : 'object'}, not to values`);
    if (Array.isArray(v)) v.forEach(add);
    else add(v);
  }
  return out;
}

export class JsonFormat implements Format<unknown> {
  private readonly nulls: Set<string>;
  private readonly iterate: (doc: unknown) => unknown[];

  constructor(private readonly options: FormatOptions) {
    this.nulls = new Set(options.nulls);
    this.iterate = compilePath(options.iterator ?? '$');
  }

  reference(expression: string): Reference<unknown> {
    const path = compilePath(expression);
    const nulls = this.nulls;
    const strict = this.options.strict;
    return (record) => toValues(path(record), nulls, strict, expression);
  }

  readonly parseKey = 'json';

  parse(text: string): unknown {
    return JSON.parse(text) as unknown;
  }

  recordsIn(doc: unknown): unknown[] {
    return this.iterate(doc);
  }

  records(text: string): Iterable<unknown> {
    return this.recordsIn(this.parse(text));
  }

  async *streamRecords(input: Readable): AsyncIterable<unknown[]> {
    const steps = simpleSteps(this.options.iterator ?? '$');
    const last = steps?.[steps.length - 1];
    const prefix = steps?.slice(0, -1);
    if (steps && last && 'wildcard' in last && prefix!.every((s) => 'key' in s)) {
      yield* streamJsonArray(input, prefix!.map((s) => (s as { key: string }).key));
      return;
    }
    yield [...this.records(await readAll(input))];
  }
}
