/**
 * rml-lv logical views. A view's records are rows: for each record of what it is a view on (a
 * logical source or another view), the cartesian product of its fields' values, each field also
 * giving its index key `name.#` and nested fields `name.child`; `#` is the record's index and
 * `<it>` the record itself. Left and inner joins add fields computed on the matching rows of a
 * parent view. Views are computed whole (not streamed): joins need all parent rows anyway.
 */
import type { Readable } from 'node:stream';
import { parseTemplate } from '../template.js';
import type { FieldDef, LogicalSourceDef, ReferenceFormulation, TermMapDef } from '../model.js';
import { CsvFormat } from './csv-format.js';
import type { Format, FormatOptions, Reference, Value } from './format.js';
import { readAll } from './format.js';
import { compilePath, JsonFormat } from './json-format.js';
import { XmlFormat } from './xml-format.js';

export type Row = Map<string, unknown>;

/** Reads the text of a (root) logical source; in the hub, the record body for every source. */
export type SourceText = (source: LogicalSourceDef) => string | Promise<string>;

function baseFormat(ls: LogicalSourceDef, formulation: ReferenceFormulation = ls.formulation): Format {
  if (formulation === 'sparql') throw new Error(`logical view on ${ls.id}: views on SPARQL results sources are not supported`);
  const options: FormatOptions = { iterator: ls.iterator, namespaces: ls.namespaces, nulls: ls.source.nulls, delimiter: ls.delimiter, strict: false };
  return formulation === 'json' ? new JsonFormat(options) : formulation === 'xml' ? new XmlFormat(options) : (new CsvFormat(options) as Format);
}

/** The plain value of a field for rows and templates. */
function plain(v: unknown): Value {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v && typeof v === 'object' && 'nodeType' in v) return (v as unknown as { textContent: string }).textContent;
  if (v && typeof v === 'object' && 'row' in v && 'header' in v) return (v as { row: string[] }).row.join(',');
  return JSON.stringify(v);
}

interface Context {
  /** Evaluates an expression map on the context record. */
  values(def: TermMapDef): Value[];
  /** The raw sub-records an iterator selects (in the field's reference formulation, if it names one). */
  iterate(iterator: string, formulation?: ReferenceFormulation): unknown[];
  /** On a view row: the index key of a referenced field, which a field copying it keeps. */
  indexOf?(reference: string): unknown;
}

class Evaluator {
  private readonly refs = new Map<string, Reference<unknown>>();
  constructor(private readonly format: Format | 'row') {}

  context(record: unknown, formulation: ReferenceFormulation | 'row'): Context {
    return {
      values: (def) => this.values(def, record),
      iterate: (iterator, own) => iterateRaw(record, iterator, own ?? formulation),
      indexOf: formulation === 'row' ? (reference) => (record as Row).get(`${reference}.#`) : undefined,
    };
  }

  private ref(expression: string): Reference<unknown> {
    let r = this.refs.get(expression);
    if (!r) {
      if (this.format === 'row') r = (row) => ((row as Row).has(expression) ? [plain((row as Row).get(expression))] : []);
      else r = this.format.reference(expression);
      this.refs.set(expression, r);
    }
    return r;
  }

  values(def: TermMapDef, record: unknown): Value[] {
    if (def.constant) return [def.constant.value];
    if (def.reference !== undefined) return this.ref(def.reference)(record);
    if (def.template !== undefined) {
      let acc = [''];
      for (const part of parseTemplate(def.template)) {
        if ('text' in part) acc = acc.map((a) => a + part.text);
        else {
          const vs = this.ref(part.reference)(record);
          if (vs.length === 0) return [];
          acc = acc.flatMap((a) => vs.map((v) => a + String(v)));
        }
      }
      return acc;
    }
    throw new Error(`field ${def.id} has no rml:reference, rml:template or rml:constant`);
  }
}

function iterateRaw(record: unknown, iterator: string, formulation: ReferenceFormulation | 'row'): unknown[] {
  if (formulation === 'json') {
    const doc = typeof record === 'string' ? (JSON.parse(record) as unknown) : record;
    return compilePath(iterator)(doc);
  }
  if (formulation === 'xml') {
    const format = new XmlFormat({ iterator, namespaces: {}, nulls: [], strict: false });
    return typeof record === 'string' ? [...format.records(record)] : [];
  }
  if (formulation === 'csv') return typeof record === 'string' ? [...new CsvFormat({ namespaces: {}, nulls: [], strict: false }).records(record)] : [];
  throw new Error('iterable fields need a reference formulation');
}

function product(rows: Row[], parts: Row[]): Row[] {
  if (parts.length === 0) return rows;
  const out: Row[] = [];
  for (const r of rows) for (const p of parts) out.push(new Map([...r, ...p]));
  return out;
}

export class ViewFormat implements Format<Row> {
  private readonly names: Set<string>;

  constructor(
    private readonly ls: LogicalSourceDef,
    /** How to read other sources (joins, views on views); defaults to the same text. */
    public sourceText?: SourceText,
  ) {
    const view = ls.view!;
    // `<it>` and an iterable field's own value are record keys, not values a term map may use.
    this.names = new Set(['#', ...referenceableNames(view.fields), ...view.joins.flatMap((j) => referenceableNames(j.fields))]);
  }

  reference(expression: string): Reference<Row> {
    if (!this.names.has(expression)) throw new Error(`logical view ${this.ls.id} has no field "${expression}" (fields: ${[...this.names].join(', ')})`);
    return (row) => (row.has(expression) ? [plain(row.get(expression))] : []);
  }

  *records(text: string): Iterable<Row> {
    yield* computeRows(this.ls, () => text);
  }

  async *streamRecords(input: Readable): AsyncIterable<Row[]> {
    const own = await readAll(input);
    const texts = new Map<LogicalSourceDef, string>();
    const provider = this.sourceText;
    // Gather the texts of every root source the view tree reads, then compute synchronously.
    for (const root of roots(this.ls)) texts.set(root, root === rootOf(this.ls) || !provider ? own : await provider(root));
    yield computeRows(this.ls, (root) => texts.get(root) ?? own);
  }
}

function referenceableNames(fields: FieldDef[], prefix = ''): string[] {
  return fields.flatMap((f) => [
    ...(f.iterator === undefined ? [`${prefix}${f.name}`] : []),
    `${prefix}${f.name}.#`,
    ...referenceableNames(f.fields, `${prefix}${f.name}.`),
  ]);
}

function rootOf(ls: LogicalSourceDef): LogicalSourceDef {
  return ls.view ? rootOf(ls.view.viewOn) : ls;
}

function roots(ls: LogicalSourceDef, out = new Set<LogicalSourceDef>()): Set<LogicalSourceDef> {
  if (!ls.view) out.add(ls);
  else {
    roots(ls.view.viewOn, out);
    for (const j of ls.view.joins) roots(j.parent, out);
  }
  return out;
}

function expandFields(fields: FieldDef[], ctx: Context, prefix: string, evaluator: (formulation: ReferenceFormulation | undefined) => (record: unknown) => Context): Row[] {
  let rows: Row[] = [new Map()];
  for (const f of fields) {
    const name = `${prefix}${f.name}`;
    const values: unknown[] = f.iterator !== undefined ? ctx.iterate(f.iterator, f.formulation) : ctx.values(f.expression!);
    const parts: Row[] = [];
    const copied = f.expression?.reference !== undefined && ctx.indexOf ? ctx.indexOf(f.expression.reference) : undefined;
    values.forEach((v, i) => {
      const base: Row = new Map<string, unknown>([
        [name, v],
        [`${name}.#`, copied ?? i],
      ]);
      if (f.fields.length === 0) parts.push(base);
      else for (const child of expandFields(f.fields, evaluator(f.formulation)(v), `${name}.`, evaluator)) parts.push(new Map([...base, ...child]));
    });
    rows = product(rows, parts);
  }
  return rows;
}

function computeRows(ls: LogicalSourceDef, text: (root: LogicalSourceDef) => string): Row[] {
  const view = ls.view!;
  const on = view.viewOn;
  let contexts: { record: unknown; ctx: Context }[];
  const onFormulation: ReferenceFormulation | 'row' = on.view ? 'row' : on.formulation;
  const formats = new Map<string, Evaluator>();
  const evaluatorFor = (formulation: ReferenceFormulation | 'row') => {
    let e = formats.get(formulation);
    if (!e) formats.set(formulation, (e = new Evaluator(formulation === 'row' ? 'row' : baseFormat(on, formulation))));
    return e;
  };
  const childContext = (parentFormulation: ReferenceFormulation | 'row') => (formulation: ReferenceFormulation | undefined) => {
    const f = formulation ?? (parentFormulation === 'row' ? 'json' : parentFormulation);
    return (record: unknown) => evaluatorFor(f).context(typeof record === 'string' && f === 'json' ? safeJson(record) : record, f);
  };
  if (on.view) {
    contexts = computeRows(on, text).map((row) => ({ record: row, ctx: evaluatorFor('row').context(row, 'row') }));
  } else {
    const records = [...baseFormat(on).records(text(on))];
    contexts = records.map((record) => ({ record, ctx: evaluatorFor(on.formulation).context(record, on.formulation) }));
  }
  let rows: Row[] = [];
  contexts.forEach(({ record, ctx }, i) => {
    for (const r of expandFields(view.fields, ctx, '', childContext(onFormulation))) {
      rows.push(new Map<string, unknown>([['#', i], ['<it>', record instanceof Map ? (record as Row).get('<it>') : record], ...r]));
    }
  });
  for (const join of view.joins) {
    const parentRows = computeRows(join.parent, text);
    const rowEval = new Evaluator('row');
    const index = new Map<string, Row[]>();
    for (const pr of parentRows) {
      for (const key of keys(join.conditions.map((c) => rowEval.values(c.parent, pr)))) {
        const list = index.get(key);
        if (list) list.push(pr);
        else index.set(key, [pr]);
      }
    }
    const joined: Row[] = [];
    for (const row of rows) {
      const matches = keys(join.conditions.map((c) => rowEval.values(c.child, row))).flatMap((k) => index.get(k) ?? []);
      if (matches.length === 0) {
        if (!join.inner) joined.push(row);
        continue;
      }
      for (const pr of matches) {
        const parts = expandFields(join.fields, rowEval.context(pr, 'row'), '', childContext('row'));
        for (const p of parts) joined.push(new Map([...row, ...p]));
      }
    }
    rows = joined;
  }
  return rows;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function keys(lists: Value[][]): string[] {
  let out = [''];
  for (const list of lists) {
    if (list.length === 0) return [];
    out = out.flatMap((prefix) => list.map((v) => `${prefix}\u0000${String(v)}`));
  }
  return out;
}
