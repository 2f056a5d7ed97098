/**
 * rml-lv logical views as a format whose records are view rows (see view-fields.ts). Rows stream:
 * each record of what the view is on (a logical source, or another view's rows) becomes its rows
 * as it is read. Only the parent side of a join is held, as an index from join key to rows, built
 * before the first row; left joins keep rows without a match, inner joins drop them.
 */
import type { Readable } from 'node:stream';
import { defaultFunctions, type FunctionRegistry } from '../../functions/index.js';
import type { LogicalSourceDef, ViewJoinDef } from '../model.js';
import { readAll, type Format, type Reference, type Value } from './format.js';
import { baseFormat, FieldExpander, plain, type RecordKind, type Row } from './view-fields.js';

export type { Row } from './view-fields.js';

/** Opens a root logical source that a view reads besides its own input (joins, views on views). */
export type OpenSource = (source: LogicalSourceDef) => Promise<Readable>;

/** A view compiled once: field expanders for it and its joins, and the plans it reads from. */
class ViewPlan {
  readonly on: LogicalSourceDef;
  readonly inner?: ViewPlan;
  private readonly fields: FieldExpander;
  readonly joins: { def: ViewJoinDef; parent: ViewPlan; fields: FieldExpander }[];

  constructor(
    readonly ls: LogicalSourceDef,
    functions: FunctionRegistry,
  ) {
    const view = ls.view!;
    this.on = view.viewOn;
    this.inner = this.on.view ? new ViewPlan(this.on, functions) : undefined;
    const kind: RecordKind = this.inner ? 'row' : this.on.formulation;
    const root = rootOf(ls);
    this.fields = new FieldExpander(root, view.fields, kind, functions);
    this.joins = view.joins.map((def) => {
      if (!def.parent.view) throw new Error(`the parent of a join of logical view ${ls.id} is ${def.parent.id}, which is not a logical view`);
      return { def, parent: new ViewPlan(def.parent, functions), fields: new FieldExpander(root, def.fields, 'row', functions) };
    });
  }

  /** The rows of record number `index` of what the view is on, before joins. */
  rowsOf(record: unknown, index: number): Row[] {
    const it = this.inner ? (record as Row).get('<it>') : record;
    return this.fields.rows(record).map((r) => new Map<string, unknown>([['#', index], ['<it>', it], ...r]));
  }

  /** Applies the joins, given one parent index per join. */
  join(rows: Row[], indexes: Map<string, Row[]>[]): Row[] {
    this.joins.forEach((j, n) => {
      const joined: Row[] = [];
      for (const row of rows) {
        const matches = keys(j.def.conditions.map((c) => j.fields.rowValues(c.child, row))).flatMap((k) => indexes[n].get(k) ?? []);
        if (matches.length === 0) {
          if (!j.def.inner) joined.push(row);
          continue;
        }
        for (const parentRow of matches) for (const p of j.fields.rows(parentRow)) joined.push(new Map([...row, ...p]));
      }
      rows = joined;
    });
    return rows;
  }

  /** Adds parent rows to the index of join `n`, under each of their join keys. */
  index(n: number, parentRows: Row[], into: Map<string, Row[]>): void {
    const j = this.joins[n];
    for (const pr of parentRows) {
      for (const key of keys(j.def.conditions.map((c) => j.fields.rowValues(c.parent, pr)))) {
        const list = into.get(key);
        if (list) list.push(pr);
        else into.set(key, [pr]);
      }
    }
  }
}

/** All rows of a view over whole texts (the hub's one-record-at-a-time path). */
function rowsOfText(plan: ViewPlan, text: (root: LogicalSourceDef) => string): Row[] {
  const indexes = plan.joins.map((j, n) => {
    const index = new Map<string, Row[]>();
    plan.index(n, rowsOfText(j.parent, text), index);
    return index;
  });
  const records: unknown[] = plan.inner ? rowsOfText(plan.inner, text) : [...baseFormat(plan.on).records(text(plan.on))];
  const out: Row[] = [];
  records.forEach((record, i) => out.push(...plan.join(plan.rowsOf(record, i), indexes)));
  return out;
}

/** The rows of a view in batches, streaming the source it is on; `own` is that source's input. */
async function* rowsOfStream(plan: ViewPlan, open: OpenSource, own?: Readable): AsyncIterable<Row[]> {
  const indexes: Map<string, Row[]>[] = [];
  for (const [n, j] of plan.joins.entries()) {
    const index = new Map<string, Row[]>();
    for await (const batch of rowsOfStream(j.parent, open)) plan.index(n, batch, index);
    indexes.push(index);
  }
  const batches = plan.inner ? rowsOfStream(plan.inner, open, own) : baseFormat(plan.on).streamRecords(own ?? (await open(plan.on)));
  let i = 0;
  for await (const batch of batches) {
    const out: Row[] = [];
    for (const record of batch) out.push(...plan.join(plan.rowsOf(record, i++), indexes));
    if (out.length) yield out;
  }
}

export class ViewFormat implements Format<Row> {
  private readonly names: Set<string>;
  private readonly plan: ViewPlan;

  constructor(
    private readonly ls: LogicalSourceDef,
    /** Functions for function executions in fields. @defaultValue GREL and IDLab */
    functions: FunctionRegistry = defaultFunctions(),
    /** How to open the other sources a view reads (joins); without it they read the same input. */
    public openSource?: OpenSource,
  ) {
    const view = ls.view!;
    this.plan = new ViewPlan(ls, functions);
    // `<it>` and an iterable field's own value are record keys, not values a term map may use.
    this.names = new Set(['#', ...referenceableNames(view.fields), ...view.joins.flatMap((j) => referenceableNames(j.fields))]);
  }

  reference(expression: string): Reference<Row> {
    if (!this.names.has(expression)) throw new Error(`logical view ${this.ls.id} has no field "${expression}" (fields: ${[...this.names].join(', ')})`);
    return (row) => (row.has(expression) ? [plain(row.get(expression))] : []);
  }

  records(text: string): Iterable<Row> {
    return rowsOfText(this.plan, () => text);
  }

  async *streamRecords(input: Readable): AsyncIterable<Row[]> {
    if (this.openSource) {
      yield* rowsOfStream(this.plan, this.openSource, input);
      return;
    }
    // Without a way to open other sources, every source of the view reads this input.
    yield this.records(await readAll(input)) as Row[];
  }
}

function referenceableNames(fields: ViewJoinDef['fields'], prefix = ''): string[] {
  return fields.flatMap((f) => [...(f.iterable ? [] : [`${prefix}${f.name}`]), `${prefix}${f.name}.#`, ...referenceableNames(f.fields, `${prefix}${f.name}.`)]);
}

function rootOf(ls: LogicalSourceDef): LogicalSourceDef {
  return ls.view ? rootOf(ls.view.viewOn) : ls;
}

/** The join keys of one row: one value per condition, every combination. */
function keys(lists: Value[][]): string[] {
  let out = [''];
  for (const list of lists) {
    if (list.length === 0) return [];
    out = out.flatMap((prefix) => list.map((v) => `${prefix}\u0000${String(v)}`));
  }
  return out;
}
