/**
 * rml-lv fields: how one record of what a view is on becomes view rows. A row maps column names to
 * values: each field gives its value under its name and its index key under `name.#`, nested fields
 * give `name.child`; `#` is the record's index and `<it>` the record itself. Fields multiply: the
 * rows of one record are the cartesian product of its fields' values.
 */
import type { FunctionRegistry } from '../../functions/index.js';
import { compileExecution, type Values } from '../function-calls.js';
import { parseTemplate } from '../template.js';
import type { FieldDef, LogicalSourceDef, ReferenceFormulation, TermMapDef } from '../model.js';
import { CsvFormat } from './csv-format.js';
import type { Format, FormatOptions, Reference, Value } from './format.js';
import { compilePath, JsonFormat } from './json-format.js';
import { XmlFormat } from './xml-format.js';

export type Row = Map<string, unknown>;
/** What the records a view reads are: those of a reference formulation, or rows of another view. */
export type RecordKind = ReferenceFormulation | 'row';

/** The format of a logical source, or of its records read in another reference formulation. */
export function baseFormat(ls: LogicalSourceDef, formulation: ReferenceFormulation = ls.formulation): Format {
  if (formulation === 'sparql') throw new Error(`logical view on ${ls.id}: views on SPARQL results sources are not supported`);
  const options: FormatOptions = { iterator: ls.iterator, namespaces: ls.namespaces, nulls: ls.source.nulls, delimiter: ls.delimiter, strict: false };
  return formulation === 'json' ? new JsonFormat(options) : formulation === 'xml' ? new XmlFormat(options) : (new CsvFormat(options) as Format);
}

/** The plain value of a column for references and templates. */
export function plain(v: unknown): Value {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v && typeof v === 'object' && 'nodeType' in v) return (v as unknown as { textContent: string }).textContent;
  if (v && typeof v === 'object' && 'row' in v && 'header' in v) return (v as { row: string[] }).row.join(',');
  return JSON.stringify(v);
}

/** Evaluates expression maps and iterators on records of one kind; references are compiled once. */
class Evaluator {
  private readonly refs = new Map<string, Reference<unknown>>();
  private readonly executions = new Map<TermMapDef, Values<undefined>>();
  private readonly templates = new Map<string, ReturnType<typeof parseTemplate>>();
  constructor(
    private readonly format: Format | undefined,
    private readonly kind: RecordKind,
    private readonly functions: FunctionRegistry,
    private readonly namespaces: Record<string, string>,
  ) {}

  prepare(def: TermMapDef): void {
    this.execution(def);
  }

  private execution(def: TermMapDef): Values<undefined> {
    let e = this.executions.get(def);
    if (!e) {
      const error = (message: string, termMap: string) => new Error(`${message} (field expression ${termMap})`);
      e = compileExecution<undefined>(def, this.functions, (input) => (record) => this.values(input, record), { compile: error, call: error });
      this.executions.set(def, e);
    }
    return e;
  }

  private ref(expression: string): Reference<unknown> {
    let r = this.refs.get(expression);
    if (!r) {
      r = this.format ? this.format.reference(expression) : (row) => ((row as Row).has(expression) ? [plain((row as Row).get(expression))] : []);
      this.refs.set(expression, r);
    }
    return r;
  }

  values(def: TermMapDef, record: unknown): Value[] {
    if (def.constant) return [def.constant.value];
    if (def.reference !== undefined) return this.ref(def.reference)(record);
    if (def.template !== undefined) {
      let parts = this.templates.get(def.template);
      if (!parts) this.templates.set(def.template, (parts = parseTemplate(def.template)));
      let acc = [''];
      for (const part of parts) {
        if ('text' in part) acc = acc.map((a) => a + part.text);
        else {
          const vs = this.ref(part.reference)(record);
          if (vs.length === 0) return [];
          acc = acc.flatMap((a) => vs.map((v) => a + String(v)));
        }
      }
      return acc;
    }
    if (def.execution) return this.execution(def)(record, undefined);
    throw new Error(`field ${def.id} has no rml:reference, rml:template, rml:constant or rml:functionExecution`);
  }

  private readonly iterators = new Map<string, (record: unknown) => unknown[]>();

  /**
   * The sub-records an iterable field selects, read in `own` formulation when it names one: a
   * string value (a CSV column holding JSON, say) is parsed first, a JSON value or XML node is
   * iterated as it is.
   */
  iterate(record: unknown, iterator: string | undefined, own?: ReferenceFormulation): unknown[] {
    const kind = own ?? this.kind;
    const key = `${kind} ${iterator ?? ''}`;
    let it = this.iterators.get(key);
    if (!it) this.iterators.set(key, (it = iteratorFor(kind, iterator, this.namespaces)));
    return it(record);
  }
}

/** Iterates records of `kind`; without an iterator, a JSON or XML value is one record (its root). */
function iteratorFor(kind: RecordKind, iterator: string | undefined, namespaces: Record<string, string>): (record: unknown) => unknown[] {
  const options = { iterator: iterator ?? (kind === 'xml' ? '/' : undefined), namespaces, nulls: [], strict: false };
  if (kind === 'json') {
    const path = compilePath(iterator ?? '$');
    return (record) => path(typeof record === 'string' ? safeJson(record) : record);
  }
  if (kind === 'xml') {
    const xml = new XmlFormat(options);
    return (record) => (typeof record === 'string' ? [...xml.records(record)] : xml.select(record));
  }
  if (kind === 'csv') {
    const csv = new CsvFormat(options);
    return (record) => (typeof record === 'string' ? [...csv.records(record)] : []);
  }
  throw new Error(`an iterable field on a view's rows needs its own reference formulation (iterator "${iterator ?? ''}")`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function product(rows: Row[], parts: Row[]): Row[] {
  if (parts.length === 0) return rows;
  const out: Row[] = [];
  for (const r of rows) for (const p of parts) out.push(new Map([...r, ...p]));
  return out;
}

/** Expands fields over records: one per view (its own fields) or per join (the joined fields). */
export class FieldExpander {
  private readonly evaluators = new Map<RecordKind, Evaluator>();

  constructor(
    /** The root logical source, whose iterator/namespaces/nulls the formats share. */
    private readonly root: LogicalSourceDef,
    private readonly fields: FieldDef[],
    /** The kind of the records `rows` is given. */
    private readonly kind: RecordKind,
    private readonly functions: FunctionRegistry,
  ) {
    this.prepare(fields, kind);
  }

  /** Compiles the function executions of the fields now, so that a bad one fails before any record. */
  private prepare(fields: FieldDef[], kind: RecordKind): void {
    for (const f of fields) {
      if (f.expression?.execution) this.evaluator(kind).prepare(f.expression);
      this.prepare(f.fields, f.formulation ?? (kind === 'row' ? 'json' : kind));
    }
  }

  private evaluator(kind: RecordKind): Evaluator {
    let e = this.evaluators.get(kind);
    if (!e) this.evaluators.set(kind, (e = new Evaluator(kind === 'row' ? undefined : baseFormat(this.root, kind), kind, this.functions, this.root.namespaces)));
    return e;
  }

  /** The rows the fields give for one record (without `#` and `<it>`). */
  rows(record: unknown): Row[] {
    return this.expand(this.fields, record, this.kind, '');
  }

  private expand(fields: FieldDef[], record: unknown, kind: RecordKind, prefix: string): Row[] {
    const evaluator = this.evaluator(kind);
    let rows: Row[] = [new Map()];
    for (const f of fields) {
      const name = `${prefix}${f.name}`;
      let values: unknown[];
      if (!f.iterable) values = evaluator.values(f.expression!, record);
      else {
        const over = f.expression ? evaluator.values(f.expression, record) : [record];
        values = over.flatMap((v) => evaluator.iterate(v, f.iterator, f.formulation));
      }
      // A field copying another view's column keeps that column's index key.
      const copied = kind === 'row' && f.expression?.reference !== undefined ? (record as Row).get(`${f.expression.reference}.#`) : undefined;
      // Children read a value in the field's own formulation, or in that of the record (JSON for rows).
      const childKind: RecordKind = f.formulation ?? (kind === 'row' ? 'json' : kind);
      const parts: Row[] = [];
      values.forEach((v, i) => {
        const base: Row = new Map<string, unknown>([
          [name, v],
          [`${name}.#`, copied ?? i],
        ]);
        if (f.fields.length === 0) parts.push(base);
        else {
          const child = typeof v === 'string' && childKind === 'json' ? safeJson(v) : v;
          for (const c of this.expand(f.fields, child, childKind, `${name}.`)) parts.push(new Map([...base, ...c]));
        }
      });
      rows = product(rows, parts);
    }
    return rows;
  }

  /** Evaluates an expression map (a join condition) on a view row. */
  rowValues(def: TermMapDef, row: Row): Value[] {
    return this.evaluator('row').values(def, row);
  }
}
