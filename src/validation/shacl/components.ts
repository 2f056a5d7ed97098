/**
 * SHACL Core constraint components, each compiled from its parameters into a closure.
 * Result fields follow the spec's table per component (which ones carry sh:value).
 */
import type { Term } from '../../core/rdf.js';
import { SH } from '../../core/vocab.js';
import { emit, conforms, validateShape, type CompiledShape, type Constraint } from './engine.js';
import { compareTerms, isWellFormed } from './literals.js';
import type { ShapesGraph } from './shapes-graph.js';
import { termKey, toNTriples } from './term-keys.js';

const C = (name: string) => SH(`${name}ConstraintComponent`);
const nt = (t: Term) => toNTriples(t);

/** Compiles nested shapes on demand (shapes may refer to each other recursively). */
export type ShapeResolver = (term: Term) => CompiledShape;

interface Compiler {
  g: ShapesGraph;
  node: Term;
  shape: CompiledShape;
  isProperty: boolean;
  resolve: ShapeResolver;
}

function integer(t: Term, where: string): number {
  const n = Number(t.value);
  if (t.termType !== 'Literal' || !Number.isInteger(n)) throw new Error(`${where} must be an integer, got ${t.value}`);
  return n;
}

function isTrue(t: Term | undefined): boolean {
  // Only the literal true counts (uniqueLang-002: "1"^^xsd:boolean leaves a constraint off).
  return t !== undefined && t.termType === 'Literal' && t.value === 'true';
}

const NODE_KINDS: Record<string, (t: Term) => boolean> = {
  [SH('IRI')]: (t) => t.termType === 'NamedNode',
  [SH('BlankNode')]: (t) => t.termType === 'BlankNode',
  [SH('Literal')]: (t) => t.termType === 'Literal',
  [SH('BlankNodeOrIRI')]: (t) => t.termType === 'NamedNode' || t.termType === 'BlankNode',
  [SH('BlankNodeOrLiteral')]: (t) => t.termType === 'BlankNode' || t.termType === 'Literal',
  [SH('IRIOrLiteral')]: (t) => t.termType === 'NamedNode' || t.termType === 'Literal',
};

/** Compiles an XPath-flavoured sh:pattern with sh:flags into a JavaScript RegExp. */
export function compilePattern(pattern: string, flags = '', where = 'sh:pattern'): RegExp {
  let source = pattern;
  let js = '';
  for (const f of flags) {
    if (f === 'i' || f === 'm' || f === 's') js += f;
    else if (f === 'q') source = source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (f === 'x') source = source.replace(/\[[^\]]*\]|\s+/g, (m) => (m.startsWith('[') ? m : ''));
    else throw new Error(`${where}: unsupported regular-expression flag "${f}"`);
  }
  try {
    return new RegExp(source, `${js}u`);
  } catch {
    try {
      return new RegExp(source, js);
    } catch (error) {
      throw new Error(`${where}: invalid regular expression /${pattern}/: ${(error as Error).message}`);
    }
  }
}

function langMatches(tag: string, range: string): boolean {
  if (!tag) return false;
  if (range === '*') return true;
  const t = tag.toLowerCase();
  const r = range.toLowerCase();
  return t === r || t.startsWith(`${r}-`);
}

/** The constraints of one shape, in a fixed order (cheap checks first). */
export function compileConstraints(c: Compiler): Constraint[] {
  const { g, node, shape, isProperty, resolve } = c;
  const out: Constraint[] = [];
  const param = (name: string) => g.all(node, SH(name));
  const where = (name: string) => `sh:${name} of shape ${node.termType === 'BlankNode' ? `_:${node.value}` : node.value}`;

  for (const kind of param('nodeKind')) {
    const test = NODE_KINDS[kind.value];
    if (!test) throw new Error(`${where('nodeKind')}: unknown node kind ${kind.value}`);
    const name = kind.value.slice(SH('').length);
    out.push((ctx, focus, values) => {
      for (const v of values) if (!test(v)) emit(ctx, shape, focus, C('NodeKind'), v, () => `Value ${nt(v)} is not of node kind sh:${name}`);
    });
  }

  for (const dt of param('datatype')) {
    const iri = dt.value;
    out.push((ctx, focus, values) => {
      for (const v of values) {
        const ok = v.termType === 'Literal' && v.datatype.value === iri && isWellFormed(v);
        if (!ok) emit(ctx, shape, focus, C('Datatype'), v, () => `Value ${nt(v)} is not a valid literal of datatype <${iri}>`);
      }
    });
  }

  for (const cls of param('class')) {
    const iri = cls.value;
    out.push((ctx, focus, values) => {
      for (const v of values) {
        if (v.termType === 'Literal' || !ctx.g.isInstanceOf(v, iri)) {
          emit(ctx, shape, focus, C('Class'), v, () => `Value ${nt(v)} is not an instance of <${iri}>`);
        }
      }
    });
  }

  if (isProperty) {
    for (const t of param('minCount')) {
      const min = integer(t, where('minCount'));
      out.push((ctx, focus, values) => {
        if (values.length < min) emit(ctx, shape, focus, C('MinCount'), undefined, () => `Less than ${min} values (found ${values.length})`);
      });
    }
    for (const t of param('maxCount')) {
      const max = integer(t, where('maxCount'));
      out.push((ctx, focus, values) => {
        if (values.length > max) emit(ctx, shape, focus, C('MaxCount'), undefined, () => `More than ${max} values (found ${values.length})`);
      });
    }
  }

  const ranges: Array<[string, string, (cmp: number) => boolean, string]> = [
    ['minExclusive', 'MinExclusive', (x) => x > 0, '>'],
    ['minInclusive', 'MinInclusive', (x) => x >= 0, '>='],
    ['maxExclusive', 'MaxExclusive', (x) => x < 0, '<'],
    ['maxInclusive', 'MaxInclusive', (x) => x <= 0, '<='],
  ];
  for (const [name, comp, ok, op] of ranges) {
    for (const bound of param(name)) {
      out.push((ctx, focus, values) => {
        for (const v of values) {
          const cmp = compareTerms(v, bound);
          if (cmp === undefined || !ok(cmp)) emit(ctx, shape, focus, C(comp), v, () => `Value ${nt(v)} is not ${op} ${nt(bound)}`);
        }
      });
    }
  }

  for (const [name, comp, ok] of [
    ['minLength', 'MinLength', (len: number, n: number) => len >= n],
    ['maxLength', 'MaxLength', (len: number, n: number) => len <= n],
  ] as const) {
    for (const t of param(name)) {
      const n = integer(t, where(name));
      out.push((ctx, focus, values) => {
        for (const v of values) {
          if (v.termType === 'BlankNode' || !ok([...v.value].length, n)) {
            emit(ctx, shape, focus, C(comp), v, () => `Value ${nt(v)} has ${name === 'minLength' ? 'fewer' : 'more'} than ${n} characters`);
          }
        }
      });
    }
  }

  const flags = g.one(node, SH('flags'))?.value ?? '';
  for (const p of param('pattern')) {
    const re = compilePattern(p.value, flags, where('pattern'));
    out.push((ctx, focus, values) => {
      for (const v of values) {
        if (v.termType === 'BlankNode' || !re.test(v.value)) emit(ctx, shape, focus, C('Pattern'), v, () => `Value ${nt(v)} does not match /${p.value}/`);
      }
    });
  }

  for (const list of param('languageIn')) {
    const ranges = g.list(list).map((t) => t.value);
    out.push((ctx, focus, values) => {
      for (const v of values) {
        const ok = v.termType === 'Literal' && ranges.some((r) => langMatches(v.language, r));
        if (!ok) emit(ctx, shape, focus, C('LanguageIn'), v, () => `Language of ${nt(v)} is not one of ${ranges.join(', ')}`);
      }
    });
  }

  if (isProperty && param('uniqueLang').some(isTrue)) {
    out.push((ctx, focus, values) => {
      const seen = new Set<string>();
      const reported = new Set<string>();
      for (const v of values) {
        if (v.termType !== 'Literal' || !v.language) continue;
        const lang = v.language.toLowerCase();
        if (seen.has(lang) && !reported.has(lang)) {
          reported.add(lang);
          emit(ctx, shape, focus, C('UniqueLang'), undefined, () => `Language "${lang}" is used by more than one value`);
        }
        seen.add(lang);
      }
    });
  }

  for (const p of param('equals')) {
    const iri = p.value;
    out.push((ctx, focus, values) => {
      const other = ctx.g.objects(focus, iri);
      const mine = new Set(values.map(termKey));
      const theirs = new Set(other.map(termKey));
      for (const v of values) if (!theirs.has(termKey(v))) emit(ctx, shape, focus, C('Equals'), v, () => `Value ${nt(v)} is not a value of <${iri}>`);
      for (const o of other) if (!mine.has(termKey(o))) emit(ctx, shape, focus, C('Equals'), o, () => `Value ${nt(o)} of <${iri}> is missing here`);
    });
  }

  for (const p of param('disjoint')) {
    const iri = p.value;
    out.push((ctx, focus, values) => {
      const other = new Set(ctx.g.objects(focus, iri).map(termKey));
      if (other.size === 0) return;
      for (const v of values) if (other.has(termKey(v))) emit(ctx, shape, focus, C('Disjoint'), v, () => `Value ${nt(v)} is also a value of <${iri}>`);
    });
  }

  if (isProperty) {
    for (const [name, comp, ok] of [
      ['lessThan', 'LessThan', (x: number) => x < 0],
      ['lessThanOrEquals', 'LessThanOrEquals', (x: number) => x <= 0],
    ] as const) {
      for (const p of param(name)) {
        const iri = p.value;
        out.push((ctx, focus, values) => {
          const other = ctx.g.objects(focus, iri);
          for (const v of values) {
            for (const o of other) {
              const cmp = compareTerms(v, o);
              if (cmp === undefined || !ok(cmp)) {
                emit(ctx, shape, focus, C(comp), v, () => `Value ${nt(v)} is not ${name === 'lessThan' ? '<' : '<='} ${nt(o)} of <${iri}>`);
              }
            }
          }
        });
      }
    }
  }

  for (const t of param('hasValue')) {
    const key = termKey(t);
    out.push((ctx, focus, values) => {
      if (!values.some((v) => termKey(v) === key)) emit(ctx, shape, focus, C('HasValue'), undefined, () => `Missing required value ${nt(t)}`);
    });
  }

  for (const list of param('in')) {
    const members = g.list(list);
    const allowed = new Set(members.map(termKey));
    out.push((ctx, focus, values) => {
      for (const v of values) {
        if (!allowed.has(termKey(v))) emit(ctx, shape, focus, C('In'), v, () => `Value ${nt(v)} is not one of ${members.map(nt).join(', ')}`);
      }
    });
  }

  // Nested shapes are resolved on first use (they may not be compiled yet), then kept.
  const lazy = (t: Term) => {
    let shape: CompiledShape | undefined;
    return () => (shape ??= resolve(t));
  };

  for (const t of param('not')) {
    const target = lazy(t);
    out.push((ctx, focus, values) => {
      const other = target();
      for (const v of values) if (conforms(ctx, other, v)) emit(ctx, shape, focus, C('Not'), v, () => `Value ${nt(v)} conforms to shape ${t.value}, which it must not`);
    });
  }

  for (const [name, comp, ok] of [
    ['and', 'And', (n: number, total: number) => n === total],
    ['or', 'Or', (n: number) => n > 0],
    ['xone', 'Xone', (n: number) => n === 1],
  ] as const) {
    for (const list of param(name)) {
      const members = g.list(list);
      let resolved: CompiledShape[] | undefined;
      out.push((ctx, focus, values) => {
        const shapes = (resolved ??= members.map(resolve));
        for (const v of values) {
          let n = 0;
          for (const s of shapes) {
            if (conforms(ctx, s, v)) n++;
            else if (name === 'and') break;
            if (name === 'or' && n > 0) break;
          }
          if (!ok(n, shapes.length)) emit(ctx, shape, focus, C(comp), v, () => `Value ${nt(v)} does not satisfy sh:${name} (${n} of ${shapes.length} shapes)`);
        }
      });
    }
  }

  for (const t of param('node')) {
    const target = lazy(t);
    out.push((ctx, focus, values) => {
      const other = target();
      for (const v of values) if (!conforms(ctx, other, v)) emit(ctx, shape, focus, C('Node'), v, () => `Value ${nt(v)} does not conform to shape ${t.value}`);
    });
  }

  for (const t of param('property')) {
    const target = lazy(t);
    out.push((ctx, _focus, values) => {
      const prop = target();
      for (const v of values) {
        validateShape(ctx, prop, v);
        if (ctx.sink.failFast && ctx.sink.failed) return;
      }
    });
  }

  if (isProperty) out.push(...qualified(c));

  if (param('closed').some(isTrue)) {
    const allowed = new Set<string>();
    for (const p of param('property')) {
      const path = g.one(p, SH('path'));
      if (path?.termType === 'NamedNode') allowed.add(path.value);
    }
    for (const list of param('ignoredProperties')) for (const t of g.list(list)) allowed.add(t.value);
    out.push((ctx, focus, values) => {
      for (const v of values) {
        const outgoing = ctx.g.outgoing(v);
        if (!outgoing) continue;
        for (const [p, objects] of outgoing) {
          if (allowed.has(p)) continue;
          const path = { kind: 'predicate' as const, iri: p };
          for (const o of objects) emit(ctx, shape, focus, C('Closed'), o, () => `Property <${p}> is not allowed on a closed shape`, path);
        }
      }
    });
  }

  return out;
}

/** sh:qualifiedValueShape with its counts and the sibling shapes of sh:qualifiedValueShapesDisjoint. */
function qualified(c: Compiler): Constraint[] {
  const { g, node, shape, resolve } = c;
  const out: Constraint[] = [];
  const disjoint = isTrue(g.one(node, SH('qualifiedValueShapesDisjoint')));
  const min = g.one(node, SH('qualifiedMinCount'));
  const max = g.one(node, SH('qualifiedMaxCount'));
  for (const q of g.all(node, SH('qualifiedValueShape'))) {
    const siblings: Term[] = [];
    if (disjoint) {
      for (const parent of g.subjectsOf(SH('property'), node)) {
        for (const prop of g.all(parent, SH('property'))) {
          for (const s of g.all(prop, SH('qualifiedValueShape'))) if (!s.equals(q)) siblings.push(s);
        }
      }
    }
    let resolved: [CompiledShape, CompiledShape[]] | undefined;
    const count = (ctx: Parameters<Constraint>[0], values: readonly Term[]) => {
      const [qs, sibs] = (resolved ??= [resolve(q), siblings.map(resolve)]);
      let n = 0;
      for (const v of values) if (conforms(ctx, qs, v) && !sibs.some((s) => conforms(ctx, s, v))) n++;
      return n;
    };
    if (min) {
      const m = integer(min, 'sh:qualifiedMinCount');
      out.push((ctx, focus, values) => {
        const n = count(ctx, values);
        if (n < m) emit(ctx, shape, focus, C('QualifiedMinCount'), undefined, () => `Fewer than ${m} values conform to shape ${q.value} (found ${n})`);
      });
    }
    if (max) {
      const m = integer(max, 'sh:qualifiedMaxCount');
      out.push((ctx, focus, values) => {
        const n = count(ctx, values);
        if (n > m) emit(ctx, shape, focus, C('QualifiedMaxCount'), undefined, () => `More than ${m} values conform to shape ${q.value} (found ${n})`);
      });
    }
  }
  return out;
}
