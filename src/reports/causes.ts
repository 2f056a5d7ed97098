/**
 * Causes, not results: a report's rows grouped by what causes them (the field's shape, the
 * constraint, the path, the mapping rule and the source field that feeds it), with the number of
 * records affected, one example and the fix in plain words, most harmful first (records kept from
 * publication, then violations by records affected, then warnings). Rows are also explained one by
 * one: where in the record the field sits (object › productie › tijdspanne) and a message without
 * blank-node labels.
 */
import type { ReportRow } from './report-model.js';
import { constraintKind, datatypeWords, fixText, type ReportLang } from './fix-text.js';
import { isTextIn, localName, textIn, type FieldShape, type LangText, type ShapeCatalogue } from './shape-catalogue.js';
import type { SourceField, SourceFieldIndex } from './source-fields.js';

/** What the report knows about one source's shapes and mapping. */
export interface SourceKnowledge {
  catalogue?: ShapeCatalogue;
  fields?: SourceFieldIndex;
  /** The classes of the source's main records (where a way to a nested node starts). */
  roots: string[];
}

export interface CauseExample {
  sourceId: string;
  recordId: string;
  link?: string;
  /** The value found, in words (no blank-node label), if the result has one. */
  value?: string;
}

export interface Cause {
  key: string;
  sourceId: string;
  kind: string;
  constraint?: string;
  path?: string;
  severity?: ReportRow['severity'];
  /** The property shape behind it, when the shapes name it. */
  field?: FieldShape;
  /** From the record's main class to the node holding the field. */
  way: Way;
  rules: string[];
  sourceFields: SourceField[];
  /** Distinct records affected, of which kept out of publication. */
  records: number;
  rejected: number;
  results: number;
  example: CauseExample;
  recordIds: string[];
  /** Records with violations that have none left once this cause and every cause before it are fixed. */
  freedAfter?: number;
  /** A problem of the harvest or mapping step, not a shape result. */
  stage: ReportRow['stage'];
  message?: string;
}

const BLANK = /_:[A-Za-z0-9_.-]+/g;
const recordKey = (r: Pick<ReportRow, 'sourceId' | 'recordId'>) => `${r.sourceId}\n${r.recordId}`;

/** The value of a result in words: literal text, an IRI, or "a nested description" for a blank node. */
export function valueWords(value: string | undefined, lang: ReportLang): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.startsWith('_:')) return lang === 'nl' ? '(een geneste beschrijving zonder eigen link)' : '(a nested description without its own link)';
  const lit = /^"([\s\S]*)"(?:@[a-zA-Z-]+|\^\^<[^>]+>)?$/.exec(value);
  const text = lit ? lit[1]! : value.replace(/^<(.*)>$/, '$1');
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/**
 * Shape labels (`_:n3-83`) are the validator's blank-node labels for the property shapes: they
 * differ from run to run by a constant offset from the same files parsed again, so the offset that
 * makes every row's path agree with the shape's finds the exact property shape of each row.
 */
export function shapeOffset(rows: ReportRow[], catalogue: ShapeCatalogue): number | undefined {
  const pairs = new Map<string, string>();
  for (const r of rows) if (r.shape && /^_:n3-\d+$/.test(r.shape) && r.path) pairs.set(r.shape, r.path.replace(/^<(.*)>$/, '$1'));
  if (pairs.size === 0) return undefined;
  const numbered = [...pairs].map(([shape, path]) => ({ n: Number(shape.slice(5)), path }));
  const first = numbered[0]!;
  let best: { offset: number; hits: number } | undefined;
  // Candidate offsets: those that put the first row on a shape of its own path.
  for (const f of catalogue.fieldsOn(first.path)) {
    const k = /^n3-(\d+)$/.exec(f.id)?.[1];
    if (k === undefined) continue;
    const offset = first.n - Number(k);
    const hits = numbered.filter((p) => catalogue.field(`n3-${p.n - offset}`)?.path === p.path).length;
    if (!best || hits > best.hits) best = { offset, hits };
  }
  return best && best.hits === numbered.length ? best.offset : undefined;
}

/** The property shape of one row: exact by label when the offset is known, else the best guess from path and hints. */
export function fieldOf(row: ReportRow, know: SourceKnowledge, offset: number | undefined): FieldShape | undefined {
  const cat = know.catalogue;
  if (!cat || !row.path) return undefined;
  if (row.shape && !row.shape.startsWith('_:')) {
    const exact = cat.field(row.shape);
    if (exact) return exact;
  }
  if (offset !== undefined && row.shape && /^_:n3-\d+$/.test(row.shape)) {
    const exact = cat.field(`n3-${Number(row.shape.slice(5)) - offset}`);
    if (exact && exact.path === row.path.replace(/^<(.*)>$/, '$1')) return exact;
  }
  const kind = constraintKind(row.constraint);
  const messageClass = /instance of <([^>]+)>/.exec(row.messages.join(' '))?.[1];
  let candidates = cat.fieldsOn(row.path);
  const narrowed = candidates.filter((f) => {
    switch (kind) {
      case 'MinCount':
        return f.minCount !== undefined;
      case 'MaxCount':
        return f.maxCount !== undefined;
      case 'Class':
        return messageClass ? f.class === messageClass : f.class !== undefined;
      case 'Datatype':
        return f.datatype !== undefined;
      case 'NodeKind':
        return f.nodeKind !== undefined;
      case 'Pattern':
        return f.pattern !== undefined;
      case 'In':
        return f.in !== undefined;
      default:
        return true;
    }
  });
  if (narrowed.length) candidates = narrowed;
  const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const fragment = /#([A-Za-z]+)/.exec(row.focusNode ?? '')?.[1]?.toLowerCase();
  const rule = row.rule ? localName(row.rule).toLowerCase() : undefined;
  const hinted = candidates.find((f) => (fragment && squash(f.className) === fragment) || (rule && squash(f.className) === rule));
  if (hinted) return hinted;
  // A focus node that is the record itself (an IRI without #fragment): the shapes of its own class win.
  const isRecord = !!row.focusNode && !row.focusNode.startsWith('_:') && !row.focusNode.includes('#') && know.roots.length > 0;
  const own = isRecord ? candidates.find((f) => cat.wayTo(know.roots, f.nodeShape)?.way.length === 0) : undefined;
  if (own) return own;
  // The node the hint names (`#productie`) is reached by a property of that name: its class's shapes win.
  const named = candidates.find((f) => {
    const way = know.roots.length ? cat.wayTo(know.roots, f.nodeShape, [fragment ?? '', rule ?? '']) : undefined;
    const last = way?.way.at(-1);
    return !!last && !way!.ambiguous && [fragment, rule].includes(squash(textIn(last.name, 'nl') ?? ''));
  });
  return named ?? candidates[0];
}

/** A way to a node: the property shapes to follow and whether another way was as likely. */
export interface Way {
  steps: FieldShape[];
  ambiguous: boolean;
  /** Whether any way from the record's main class is known. */
  known: boolean;
}

/** The way from the record's main class to the node holding a row's field, helped by the row's hints. */
export function wayOf(know: SourceKnowledge, field: FieldShape | undefined, row: Pick<ReportRow, 'focusNode' | 'rule'>): Way {
  if (!field || !know.catalogue || know.roots.length === 0) return { steps: [], ambiguous: false, known: false };
  const fragment = /#([A-Za-z]+)/.exec(row.focusNode ?? '')?.[1];
  const rule = row.rule ? localName(row.rule) : undefined;
  const found = know.catalogue.wayTo(know.roots, field.nodeShape, [fragment ?? '', rule ?? '']);
  return found ? { steps: found.way, ambiguous: found.ambiguous, known: true } : { steps: [], ambiguous: false, known: false };
}

/**
 * The names along the way to a field, as shown: `Mensgemaakt object › productie › tijdspanne`. When
 * several ways were as likely, the node is named by its class (`Mensgemaakt object › Gebeurtenis › tijd`).
 */
export function wayWords(know: SourceKnowledge, field: FieldShape | undefined, way: Way, lang: ReportLang): string[] {
  if (!field || !know.catalogue) return [];
  if (!way.known) return [field.className, fieldName(field, lang)];
  const root = textIn(know.catalogue.className(know.roots[0]!), lang) ?? field.className;
  if (way.steps.length === 0) return [root, fieldName(field, lang)];
  if (way.ambiguous) return [root, field.className, fieldName(field, lang)];
  return [root, ...way.steps.map((w) => fieldName(w, lang)), fieldName(field, lang)];
}

/** A field's human name: its sh:name, else its path's local name. */
export function fieldName(field: FieldShape | undefined, lang: ReportLang, path?: string): string {
  const name = field ? textIn(field.name, lang) : undefined;
  return name ?? localName((path ?? field?.path ?? '').replace(/^<(.*)>$/, '$1'));
}

interface Group {
  rows: ReportRow[];
  field?: FieldShape;
  way: Way;
}

/**
 * The rules a cause names. A missing field's result names some rule of its node (for a JSON-LD member
 * the node's `@type`), which says nothing about the field: the rules that would write it are named instead.
 */
function rulesOf(rows: ReportRow[], sourceFields: SourceField[]): string[] {
  const named = [...new Set(rows.map((r) => r.rule).filter((r): r is string => !!r))];
  const missing = rows.every((r) => constraintKind(r.constraint) === 'MinCount');
  if (missing && sourceFields.length && named.every((r) => r.endsWith('/@type'))) return [...new Set(sourceFields.map((f) => f.rule))];
  return named;
}

/** Groups rows into causes and sorts them by harm; `knowledge` gives each source's shapes and mapping. */
export function causesOf(rows: ReportRow[], knowledge: (sourceId: string) => SourceKnowledge): Cause[] {
  const offsets = new Map<string, number | undefined>();
  const groups = new Map<string, Group & { sourceId: string }>();
  for (const sourceId of new Set(rows.map((r) => r.sourceId))) {
    const cat = knowledge(sourceId).catalogue;
    offsets.set(sourceId, cat ? shapeOffset(rows.filter((r) => r.sourceId === sourceId), cat) : undefined);
  }
  for (const row of rows) {
    const know = knowledge(row.sourceId);
    const field = row.stage === 'validation' ? fieldOf(row, know, offsets.get(row.sourceId)) : undefined;
    const key =
      row.stage === 'validation' && row.constraint
        ? [row.sourceId, row.constraint, row.path ?? '', field?.id ?? row.shape ?? '', row.rule ?? ''].join('\n')
        : [row.sourceId, row.stage, row.messages[0]?.replace(BLANK, '_') ?? ''].join('\n');
    let g = groups.get(key);
    if (!g) {
      groups.set(key, (g = { rows: [], field, way: wayOf(know, field, row), sourceId: row.sourceId }));
    }
    g.rows.push(row);
  }
  // Two shapes that demand the same of the same nodes (Gebeurtenis.tijd and TemporeleEntiteit.tijdspanne
  // on one production) are one cause for the organisation: merged, the first shape kept.
  const merged = new Map<string, Group & { sourceId: string; key: string }>();
  for (const [key, g] of groups) {
    const first = g.rows[0]!;
    const nodes = [...new Set(g.rows.map((r) => `${r.recordId}\u0000${r.focusNode ?? ''}\u0000${r.value ?? ''}`))].sort().join('\u0001');
    const same = first.stage === 'validation' ? [g.sourceId, first.constraint, first.path, first.rule ?? '', nodes].join('\n') : key;
    const m = merged.get(same);
    if (m) m.rows.push(...g.rows);
    else merged.set(same, { ...g, key });
  }
  const causes: Cause[] = [...merged.values()].map(({ key, ...g }) => {
    const first = g.rows[0]!;
    const know = knowledge(g.sourceId);
    const records = new Set(g.rows.map(recordKey));
    const rejected = new Set(g.rows.filter((r) => r.rejected).map(recordKey));
    const severity = g.rows.some((r) => r.severity === 'Violation') ? 'Violation' : g.rows.some((r) => r.severity === 'Warning') ? 'Warning' : first.severity;
    const fragment = /#([A-Za-z]+)/.exec(first.focusNode ?? '')?.[1];
    const sourceFields = first.path && know.fields ? know.fields.fieldsFor(first.path, { rule: first.rule, focusFragment: fragment, className: g.field?.className }) : [];
    const example = g.rows.find((r) => r.value !== undefined) ?? first;
    return {
      key,
      sourceId: g.sourceId,
      kind: first.stage === 'validation' ? constraintKind(first.constraint) : first.stage,
      constraint: first.constraint,
      path: first.path,
      severity,
      field: g.field,
      way: g.way,
      rules: rulesOf(g.rows, sourceFields),
      sourceFields,
      records: records.size,
      rejected: rejected.size,
      results: g.rows.length,
      example: { sourceId: example.sourceId, recordId: example.recordId, link: example.link, value: example.value },
      recordIds: [...new Set(g.rows.map((r) => r.recordId))],
      stage: first.stage,
      message: first.stage === 'validation' ? undefined : first.messages[0],
    };
  });
  const rank = (c: Cause) => (c.rejected > 0 || c.stage !== 'validation' ? 0 : c.severity === 'Violation' ? 1 : c.severity === 'Warning' ? 2 : 3);
  causes.sort((a, b) => rank(a) - rank(b) || b.rejected - a.rejected || b.records - a.records || b.results - a.results || a.key.localeCompare(b.key));
  markFreedAfter(causes);
  return causes;
}

/**
 * For each cause in order, how many records with violations have none left once it and every cause
 * before it are fixed (cumulative): what fixing the list from the top gains.
 */
function markFreedAfter(causes: Cause[]): void {
  const blocking = new Map<string, Set<string>>();
  for (const c of causes) {
    if (c.severity !== 'Violation' && c.stage === 'validation') continue;
    for (const id of c.recordIds) {
      const k = `${c.sourceId}\n${id}`;
      let set = blocking.get(k);
      if (!set) blocking.set(k, (set = new Set()));
      set.add(c.key);
    }
  }
  let freed = 0;
  for (const c of causes) {
    for (const id of c.recordIds) {
      const set = blocking.get(`${c.sourceId}\n${id}`);
      if (set?.delete(c.key) && set.size === 0) freed++;
    }
    c.freedAfter = freed;
  }
}

/** A cause in the words of a language: field, where, what it means, the fix, and the technical names. */
export interface CauseText {
  field: string;
  where: string;
  /** What the field means (the shape's description), with whether it is in the page's language. */
  meaning?: string;
  meaningLang?: ReportLang;
  fix: string;
  expected?: string;
}

export function causeText(c: Cause, know: SourceKnowledge, lang: ReportLang): CauseText {
  if (c.stage !== 'validation') {
    const msg = (c.message ?? '').replace(BLANK, lang === 'nl' ? '(geneste beschrijving)' : '(nested description)');
    return { field: c.stage, where: '', fix: msg };
  }
  const words = wayWords(know, c.field, c.way, lang);
  const field = fieldName(c.field, lang, c.path);
  const where = words.slice(0, -1).join(' › ');
  const expectedClass = c.field?.class && know.catalogue ? textIn(know.catalogue.className(c.field.class), lang) : undefined;
  const fix = fixText(
    {
      kind: c.kind,
      field,
      where: where || undefined,
      sourceFields: c.sourceFields.map((s) => s.field),
      found: valueWords(c.example.value, lang),
      minCount: c.field?.minCount,
      maxCount: c.field?.maxCount,
      expectedClass,
      datatype: c.field?.datatype,
      pattern: c.field?.pattern,
      allowed: c.field?.in,
      nodeKind: c.field?.nodeKind,
    },
    lang,
  );
  const description: LangText | undefined = c.field?.description;
  const meaning = description ? textIn(description, lang) : undefined;
  const expected =
    c.kind === 'Datatype' ? datatypeWords(c.field?.datatype, lang) : c.kind === 'Class' ? expectedClass : c.kind === 'MinCount' ? `≥ ${c.field?.minCount ?? 1}` : c.kind === 'MaxCount' ? `≤ ${c.field?.maxCount ?? 1}` : undefined;
  return {
    field,
    where,
    ...(meaning ? { meaning, meaningLang: description && isTextIn(description, lang) ? lang : lang === 'nl' ? 'en' : 'nl' } : {}),
    fix,
    ...(expected ? { expected } : {}),
  };
}

/** One row explained: where in the record, the field's name and a message without blank-node labels. */
export function explainRow(row: ReportRow, know: SourceKnowledge, offset: number | undefined, lang: ReportLang): { where: string; message: string } {
  if (row.stage !== 'validation' || !row.constraint) return { where: '', message: (row.messages[0] ?? '').replace(BLANK, lang === 'nl' ? '(geneste beschrijving)' : '(nested description)') };
  const field = fieldOf(row, know, offset);
  const words = wayWords(know, field, wayOf(know, field, row), lang);
  const name = fieldName(field, lang, row.path);
  const expectedClass = field?.class && know.catalogue ? textIn(know.catalogue.className(field.class), lang) : undefined;
  const message = fixText(
    { kind: constraintKind(row.constraint), field: name, sourceFields: [], found: valueWords(row.value, lang), minCount: field?.minCount, maxCount: field?.maxCount, expectedClass, datatype: field?.datatype, pattern: field?.pattern, allowed: field?.in, nodeKind: field?.nodeKind },
    lang,
  )
    // The row's own message is the first sentence(s); where the source field is, the cause says.
    .replace(/ (Geen veld|No field|In uw systeem|In your system)[\s\S]*$/, '');
  return { where: words.length ? words.slice(0, -1).join(' › ') : '', message };
}

/** Explains rows of several sources (each source's shape labels resolved once). */
export function explainer(rows: ReportRow[], knowledge: (sourceId: string) => SourceKnowledge, lang: ReportLang): (row: ReportRow) => { where: string; message: string } {
  const offsets = new Map<string, number | undefined>();
  for (const sourceId of new Set(rows.map((r) => r.sourceId))) {
    const cat = knowledge(sourceId).catalogue;
    offsets.set(sourceId, cat ? shapeOffset(rows.filter((r) => r.sourceId === sourceId), cat) : undefined);
  }
  return (row) => explainRow(row, knowledge(row.sourceId), offsets.get(row.sourceId), lang);
}

/** Records whose results are all warnings or infos (no violation, no harvest or mapping problem). */
export function warnedOnly(rows: ReportRow[]): number {
  const bad = new Set<string>();
  const any = new Set<string>();
  for (const r of rows) {
    any.add(recordKey(r));
    if (r.severity === 'Violation' || r.stage !== 'validation') bad.add(recordKey(r));
  }
  return [...any].filter((k) => !bad.has(k)).length;
}
