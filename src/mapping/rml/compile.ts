/**
 * Compiles a mapping into closures, once: every term map becomes a function from a record to
 * terms, so mapping a record never looks at the mapping graph again. Data errors raised while
 * mapping (an invalid IRI, a missing CSV column) are rethrown naming the triples map, the term
 * map and the record.
 */
import { MappingError, errorMessage } from '../../core/errors.js';
import type { Quad, Term } from '../../core/rdf.js';
import { NamedCollections, type NamedCollectionPart } from './collections.js';
import { blankNode, defaultGraph, literal, namedNode, quad } from './terms.js';
import type { FunctionRegistry } from '../functions/index.js';
import { compileExecution } from './function-calls.js';
import { formatFor, type Format, type Value } from './formats/index.js';
import { isLanguageTag, iriSafe, resolveIri, uriSafe } from './iri.js';
import type { LogicalSourceDef, MappingDef, ObjectMapDef, SubjectMapDef, TermMapDef, TermType, TriplesMapDef } from './model.js';
import { parseTemplate } from './template.js';
import { RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE, RML, XSD } from './vocab.js';

type Triple = [Term, Term, Term];
/** What a term map adds besides its terms: collection triples, or its part of a named collection. */
type Aux = Triple | NamedCollectionPart;
/** A compiled term map: the terms for one record; collection structure goes to `aux`. */
export type TermGen = (record: unknown, aux: Aux[], run: RunState) => Term[];
type ValueGen = (record: unknown, run: RunState) => Value[];
type Role = 'subject' | 'predicate' | 'object' | 'graph';

/** A data error inside one term map; the triples map wrapper adds where. */
class TermError extends Error {
  constructor(
    message: string,
    readonly termMap: string,
  ) {
    super(message);
  }
}

/** Per-run state: blank-node naming and the parent-side join indexes. */
export interface RunState {
  /** Prefix that keeps fresh blank nodes of different runs apart. */
  blankPrefix: string;
  blankCount: number;
  /** Join index per referencing object map, built by `indexParent`. */
  indexes: Map<ObjectMapDef, Map<string, Term[]>>;
  /** Values of the reserved `hub:` references (sourceId, recordId), see HUB_REFERENCES. */
  context: Record<string, string | undefined>;
  /** Named lists and containers (rml-cc); the lists are written by `named.flush` when the run ends. */
  named: NamedCollections;
}

export function newRunState(blankPrefix: string, context: Record<string, string | undefined> = {}): RunState {
  return { blankPrefix, blankCount: 0, indexes: new Map(), context, named: new NamedCollections(blankPrefix) };
}

/**
 * References that read the run's context instead of the record: `{hub_sourceId}` and
 * `{hub_recordId}` (YARRRML `$(hub_sourceId)`) let a mapping mint hub IRIs such as
 * `id/activiteit/{hub_sourceId}/{$.id}`. No colon, so YARRRML does not take them for prefixes.
 */
export const HUB_REFERENCE = /^hub_(sourceId|recordId)$/;

const freshBlank = (run: RunState) => blankNode(`${run.blankPrefix}${run.blankCount++}`);
const labelBlank = (value: string) => blankNode(`v${value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`);

const XSD_STRING = XSD('string');
const RDF_LIST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#List';
const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE_NODE = namedNode(RDF_TYPE);
const DEFAULT_GRAPH_IRI = RML('defaultGraph');

function naturalLiteral(v: Value): Term {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return literal(String(v), namedNode(XSD('integer')));
    return literal(String(v), namedNode(XSD('double')));
  }
  if (typeof v === 'boolean') return literal(String(v), namedNode(XSD('boolean')));
  return literal(v);
}

function product<T>(lists: T[][]): T[][] {
  let out: T[][] = [[]];
  for (const list of lists) {
    const next: T[][] = [];
    for (const prefix of out) for (const item of list) next.push([...prefix, item]);
    out = next;
  }
  return out;
}

/** The key a join compares: one value per condition. */
const joinKey = (values: Value[]) => values.map(String).join('\u0000');

export interface CompiledTriplesMap {
  def: TriplesMapDef;
  format: Format;
  /** Maps one record of this triples map's logical source, calling `emit` per quad. */
  /** `recordLabel` names the record in errors; a function is only called when there is one. */
  map(record: unknown, run: RunState, emit: (q: Quad) => void, recordLabel: string | (() => string)): void;
  /** Referencing object maps whose parent side needs an index, with the parent triples map. */
  joins: { objectMap: ObjectMapDef; parent: CompiledTriplesMap; index: (record: unknown, run: RunState, into: Map<string, Term[]>) => void }[];
}

export class MappingCompiler {
  private readonly compiled = new Map<string, CompiledTriplesMap>();
  private readonly byId: Map<string, TriplesMapDef>;
  private readonly legacy: boolean;

  constructor(
    private readonly mapping: MappingDef,
    private readonly baseIri: string,
    private readonly functions: FunctionRegistry,
  ) {
    this.byId = new Map(mapping.triplesMaps.map((t) => [t.id, t]));
    this.legacy = mapping.legacy;
  }

  compile(): CompiledTriplesMap[] {
    return this.mapping.triplesMaps.map((t) => this.triplesMap(t));
  }

  private triplesMap(def: TriplesMapDef): CompiledTriplesMap {
    const done = this.compiled.get(def.id);
    if (done) return done;
    let format: Format;
    try {
      format = formatFor(def.logicalSource, this.functions);
    } catch (error) {
      throw new MappingError(`${errorMessage(error)} (triples map <${def.id}>, logical source ${def.logicalSource.id})`, {
        cause: error,
        context: { triplesMap: def.id, termMap: def.logicalSource.id },
      });
    }
    const compiled: CompiledTriplesMap = { def, format, map: () => undefined, joins: [] };
    const ctx: TermCompiler = new TermCompiler(def, format, def.base ?? this.baseIri, this.functions, this.legacy, (om) => this.objectMap(om, def, ctx, format, compiled));
    this.compiled.set(def.id, compiled);

    const subject = ctx.term(def.subject, 'subject');
    const classes = def.subject.classes.map((c) => namedNode(c));
    const subjectGraphs = def.subject.graphs.map((g) => ctx.term(g, 'graph'));
    const poms = def.poms.map((pom) => ({
      predicates: pom.predicates.map((p) => ctx.term(p, 'predicate')),
      objects: pom.objects.map((om) => this.objectMap(om, def, ctx, format, compiled)),
      graphs: pom.graphs.map((g) => ctx.term(g, 'graph')),
    }));

    compiled.map = (record, run, emit, recordLabel) => {
      const aux: Aux[] = [];
      const named = run.named;
      /** Writes the collection triples of `aux` into graph `g`; named ones go to `run.named`. */
      const emitAux = (g: Term) => {
        for (const a of aux) {
          if (Array.isArray(a)) emit(quad(a[0] as any, a[1] as any, a[2] as any, g as any));
          else named.add(a, g, def.id, emit);
        }
      };
      try {
        const subjects = subject(record, aux, run);
        if (subjects.length === 0) return;
        const sGraphs = graphsOf(subjectGraphs, record, aux, run);
        const gs = sGraphs.length ? sGraphs : [defaultGraph()];
        for (const g of gs) {
          for (const s of subjects) for (const c of classes) emit(quad(s as any, RDF_TYPE_NODE, c, g as any));
          emitAux(g);
        }
        aux.length = 0;
        for (const pom of poms) {
          const predicates: Term[] = [];
          for (const p of pom.predicates) for (const t of p(record, aux, run)) predicates.push(t);
          if (predicates.length === 0) continue;
          const objects: Term[] = [];
          for (const o of pom.objects) for (const t of o(record, aux, run)) objects.push(t);
          if (objects.length === 0) continue;
          const pGraphs = graphsOf(pom.graphs, record, aux, run);
          const gs = sGraphs.length || pGraphs.length ? [...sGraphs, ...pGraphs] : [defaultGraph()];
          const heads = aux.some((a) => !Array.isArray(a)) ? new Set(aux.filter((a): a is NamedCollectionPart => !Array.isArray(a)).map((a) => a.head)) : undefined;
          for (const g of gs) {
            for (const s of subjects) {
              for (const p of predicates) {
                for (const o of objects) emit(quad(s as any, p as any, (heads?.has(o) ? named.headIn(o, g) : o) as any, g as any));
              }
            }
            emitAux(g);
          }
          aux.length = 0;
        }
      } catch (error) {
        if (error instanceof MappingError) throw error;
        const termMap = error instanceof TermError ? error.termMap : undefined;
        if (typeof recordLabel === 'function') recordLabel = recordLabel();
        throw new MappingError(
          `${errorMessage(error)} in ${recordLabel} (triples map <${def.id}>${def.label ? ` "${def.label}"` : ''}${termMap ? `, term map ${termMap}` : ''})`,
          { cause: error, context: { triplesMap: def.id, termMap, record: recordLabel } },
        );
      }
    };
    return compiled;
  }

  private objectMap(om: ObjectMapDef, def: TriplesMapDef, ctx: TermCompiler, format: Format, self: CompiledTriplesMap): TermGen {
    if (om.parentTriplesMap === undefined) return ctx.term(om, 'object');
    const parentDef = this.byId.get(om.parentTriplesMap);
    if (!parentDef) {
      throw new MappingError(`rml:parentTriplesMap <${om.parentTriplesMap}> is not a triples map (triples map <${def.id}>, term map ${om.id})`, {
        context: { triplesMap: def.id, termMap: om.id },
      });
    }
    const parent = this.triplesMap(parentDef);
    if (om.joins.length === 0 && sameSource(def.logicalSource, parentDef.logicalSource)) {
      const parentSubject = new TermCompiler(parentDef, format, parentDef.base ?? this.baseIri, this.functions, this.legacy).term(parentDef.subject, 'subject');
      return parentSubject;
    }
    const parentCtx = new TermCompiler(parentDef, parent.format, parentDef.base ?? this.baseIri, this.functions, this.legacy);
    const parentSubject = parentCtx.term(parentDef.subject, 'subject');
    const parentKeys = om.joins.map((j) => parentCtx.values(j.parent, false));
    const childKeys = om.joins.map((j) => ctx.values(j.child, false));
    self.joins.push({
      objectMap: om,
      parent,
      index: (record, run, into) => {
        const lists = parentKeys.map((k) => k(record, run));
        if (lists.some((l) => l.length === 0) && lists.length) return;
        const subjects = parentSubject(record, [], run);
        for (const combo of product(lists)) {
          const key = joinKey(combo);
          const list = into.get(key);
          if (list) list.push(...subjects);
          else into.set(key, [...subjects]);
        }
      },
    });
    return (record, _aux, run) => {
      const index = run.indexes.get(om);
      if (!index) throw new TermError(`the join index of the parent triples map <${parentDef.id}> was not built`, om.id);
      const lists = childKeys.map((k) => k(record, run));
      const out: Term[] = [];
      const seen = new Set<string>();
      for (const combo of product(lists)) {
        for (const t of index.get(joinKey(combo)) ?? []) {
          const k = `${t.termType}${t.value}`;
          if (!seen.has(k)) {
            seen.add(k);
            out.push(t);
          }
        }
      }
      return out;
    };
  }
}

/** Whether a template starts with a valid absolute IRI before its first reference. */
function templateIsAbsolute(template: string): boolean {
  let parts;
  try {
    parts = parseTemplate(template);
  } catch {
    return false;
  }
  const first = parts[0];
  return parts.length > 1 && 'text' in first && resolveIri(first.text, undefined) !== undefined && parts.every((p) => 'reference' in p || resolveIri(`http://x/${p.text}`, undefined) !== undefined);
}

function graphsOf(gens: TermGen[], record: unknown, aux: Aux[], run: RunState): Term[] {
  const out: Term[] = [];
  for (const g of gens) for (const t of g(record, aux, run)) out.push(t);
  return out;
}

/** Whether two logical sources give the same records (views: only the same view does). */
function sameSource(a: LogicalSourceDef, b: LogicalSourceDef): boolean {
  if (a === b) return true;
  if (a.view || b.view) return false;
  return a.source.path === b.source.path && a.iterator === b.iterator && a.formulation === b.formulation;
}

/** Compiles the term maps of one triples map against its format and base IRI. */
class TermCompiler {
  constructor(
    private readonly tm: TriplesMapDef,
    private readonly format: Format,
    private readonly base: string,
    private readonly functions: FunctionRegistry,
    private readonly legacy: boolean,
    /** Compiles a referencing object map (rml:parentTriplesMap) met inside a gather map. */
    private readonly referencing?: (om: ObjectMapDef) => TermGen,
  ) {}

  private error(message: string, termMap: string): MappingError {
    return new MappingError(`${message} (triples map <${this.tm.id}>, term map ${termMap})`, { context: { triplesMap: this.tm.id, termMap } });
  }

  /** The values of an expression map (strings, or JSON numbers/booleans); `iri` encodes template parts. */
  values(def: TermMapDef, iri: boolean | 'uri'): ValueGen {
    if (def.constant) {
      const v = [def.constant.value];
      return () => v;
    }
    if (def.reference !== undefined && HUB_REFERENCE.test(def.reference)) {
      const key = def.reference.slice(4);
      return (_record, run) => {
        const v = run.context[key];
        return v === undefined ? [] : [v];
      };
    }
    if (def.reference !== undefined) {
      let ref;
      try {
        ref = this.format.reference(def.reference);
      } catch (error) {
        throw this.error(`invalid reference "${def.reference}": ${errorMessage(error)}`, def.id);
      }
      return (record) => {
        try {
          return ref(record);
        } catch (error) {
          throw new TermError(errorMessage(error), def.id);
        }
      };
    }
    if (def.template !== undefined) return this.template(def, iri);
    if (def.execution) return this.execution(def);
    throw this.error('the expression map has no value', def.id);
  }

  private template(def: TermMapDef, iri: boolean | 'uri'): ValueGen {
    let parts;
    try {
      parts = parseTemplate(def.template!);
    } catch (error) {
      throw this.error(errorMessage(error), def.id);
    }
    const gens = parts.map((p) => {
      if ('text' in p) {
        const t = [p.text];
        return () => t;
      }
      return this.values({ id: def.id, reference: p.reference }, false);
    });
    const encode = iri === 'uri' ? uriSafe : iri ? iriSafe : (s: string) => s;
    if (gens.length === 1 && 'text' in parts[0]) {
      const t = [parts[0].text];
      return () => t;
    }
    return (record, run) => {
      let acc = [''];
      for (let i = 0; i < gens.length; i++) {
        const vs = gens[i](record, run);
        if (vs.length === 0) return [];
        const isText = 'text' in parts[i];
        if (vs.length === 1) {
          const s = isText ? (vs[0] as string) : encode(String(vs[0]));
          for (let j = 0; j < acc.length; j++) acc[j] += s;
        } else {
          const next: string[] = [];
          for (const a of acc) for (const v of vs) next.push(a + (isText ? v : encode(String(v))));
          acc = next;
        }
      }
      return acc;
    };
  }

  private execution(def: TermMapDef): ValueGen {
    return compileExecution(def, this.functions, (input) => this.values(input, input.termType === 'iri'), {
      compile: (message, termMap) => this.error(message, termMap),
      call: (message, termMap) => new TermError(message, termMap),
    });
  }

  private termType(def: TermMapDef, role: Role): TermType {
    if (def.termType) return def.termType;
    if (role !== 'object') return 'iri';
    if (def.gather) return 'blank';
    if (def.reference !== undefined || def.language || def.datatype || def.execution) return 'literal';
    return 'iri';
  }

  /** A term map for `role`; checks what can be checked now and returns the closure. */
  term(def: TermMapDef | SubjectMapDef, role: Role): TermGen {
    const gen = this.termUnwrapped(def, role);
    const condition = def.condition ? this.values(def.condition, false) : undefined;
    return (record, aux, run) => {
      if (condition && !condition(record, run).some((v) => v === true || v === 'true')) return [];
      try {
        return gen(record, aux, run);
      } catch (error) {
        if (error instanceof TermError || error instanceof MappingError) throw error;
        throw new TermError(errorMessage(error), def.id);
      }
    };
  }

  private termUnwrapped(def: TermMapDef, role: Role): TermGen {
    if (def.gather) return this.gather(def, role);
    if (def.constant) return this.constant(def, role);
    const termType = this.termType(def, role);
    if (role === 'subject' && termType === 'literal') throw this.error('a subject cannot be a literal', def.id);
    if ((role === 'predicate' || role === 'graph') && termType !== 'iri' && termType !== 'uri' && termType !== 'unsafeIri') throw this.error(`a ${role} must be an IRI`, def.id);
    if (termType === 'blank' && def.reference === undefined && def.template === undefined && !def.execution) return (_r, _a, run) => [freshBlank(run)];
    const values = this.values(def, termType === 'uri' ? 'uri' : termType === 'iri');
    const legacy = this.legacy;
    const base = this.base;
    const id = def.id;
    switch (termType) {
      case 'iri':
      case 'uri':
      case 'unsafeIri': {
        const unsafe = termType === 'unsafeIri';
        const isDefaultGraph = role === 'graph';
        if (termType === 'iri' && !isDefaultGraph && def.template !== undefined && templateIsAbsolute(def.template)) {
          // An absolute IRI prefix followed by IRI-safe encoded values is always a valid IRI.
          return (record, _aux, run) => values(record, run).map((v) => namedNode(v as string, true));
        }
        return (record, _aux, run) => {
          const out: Term[] = [];
          for (const v of values(record, run)) {
            const s = String(v);
            if (isDefaultGraph && s === DEFAULT_GRAPH_IRI) {
              out.push(defaultGraph());
              continue;
            }
            const iri = unsafe ? (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(s) ? s : base + s) : resolveIri(s, base);
            if (iri === undefined) {
              if (legacy) continue;
              throw new TermError(`"${s}" does not make a valid IRI`, id);
            }
            out.push(namedNode(iri, !unsafe));
          }
          return out;
        };
      }
      case 'blank':
        return (record, _aux, run) => values(record, run).map((v) => labelBlank(String(v)));
      case 'literal':
        return this.literal(def, values);
    }
  }

  private constant(def: TermMapDef, role: Role): TermGen {
    const c = def.constant!;
    if (role === 'graph' && c.value === DEFAULT_GRAPH_IRI) {
      const t = [defaultGraph() as Term];
      return () => t;
    }
    if (this.legacy && role !== 'object' && c.termType === 'Literal') {
      // YARRRML writes a constant subject/predicate/graph without $() as a string: it means an IRI.
      const iri = resolveIri(c.value, this.base);
      if (!iri) throw this.error(`"${c.value}" does not make a valid IRI`, def.id);
      const t = [namedNode(iri) as Term];
      return () => t;
    }
    if (role === 'subject' && c.termType === 'Literal') throw this.error('a subject cannot be a literal', def.id);
    if ((role === 'predicate' || role === 'graph') && c.termType !== 'NamedNode') throw this.error(`a ${role} must be an IRI`, def.id);
    let term: Term = c;
    if (c.termType === 'NamedNode' && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(c.value)) {
      // A relative IRI constant (YARRRML `id/x~iri`) is relative to the run's base IRI.
      const iri = resolveIri(c.value, this.base);
      if (!iri) throw this.error(`"${c.value}" does not make a valid IRI`, def.id);
      term = namedNode(iri);
    }
    if (c.termType === 'Literal' && (def.language || def.datatype)) {
      const lang = def.language?.constant?.value;
      const dt = def.datatype?.constant?.value;
      term = lang ? literal(c.value, lang) : dt ? literal(c.value, namedNode(dt)) : c;
    }
    const t = [term];
    return () => t;
  }

  private literal(def: TermMapDef, values: ValueGen): TermGen {
    const natural = !this.legacy && (def.reference !== undefined || !!def.execution) && !def.language && !def.datatype;
    if (def.language) {
      const langValues = this.values(def.language, false);
      const langId = def.language.id;
      if (def.language.constant && !isLanguageTag(def.language.constant.value)) throw this.error(`"${def.language.constant.value}" is not a language tag`, langId);
      return (record, _aux, run) => {
        const langs = langValues(record, run);
        if (langs.length === 0) return values(record, run).map((v) => literal(String(v)));
        const lang = String(langs[0]);
        if (!isLanguageTag(lang)) throw new TermError(`"${lang}" is not a language tag`, langId);
        return values(record, run).map((v) => literal(String(v), lang));
      };
    }
    if (def.datatype) {
      const dtValues = this.values(def.datatype, true);
      const dtId = def.datatype.id;
      const base = this.base;
      return (record, _aux, run) => {
        const dts = dtValues(record, run);
        const iri = dts.length ? resolveIri(String(dts[0]), base) : XSD_STRING;
        if (!iri) throw new TermError(`"${String(dts[0])}" is not a datatype IRI`, dtId);
        const dt = namedNode(iri);
        return values(record, run).map((v) => literal(String(v), dt));
      };
    }
    if (natural) return (record, _aux, run) => values(record, run).map(naturalLiteral);
    return (record, _aux, run) => values(record, run).map((v) => literal(String(v)));
  }

  /** rml-cc gather maps: the gathered terms become an RDF list or container. */
  private gather(def: TermMapDef, role: Role): TermGen {
    const items = def.gather!.map((item) => {
      if ((item as ObjectMapDef).parentTriplesMap === undefined) return this.term(item, 'object');
      if (!this.referencing) throw this.error('a referencing object map cannot be gathered here', item.id);
      return this.referencing(item as ObjectMapDef);
    });
    const headDef = def.template !== undefined || def.reference !== undefined || def.constant || def.execution ? { ...def, gather: undefined } : undefined;
    const head = headDef ? this.term(headDef, role === 'object' ? 'subject' : role) : undefined;
    const asList = def.gatherAs === RDF_LIST;
    const containerType = namedNode(def.gatherAs!);
    const cartesian = def.gatherStrategy === 'cartesianProduct';
    const allowEmpty = def.allowEmpty ?? false;
    const first = namedNode(RDF_FIRST);
    const rest = namedNode(RDF_REST);
    const nil = namedNode(RDF_NIL);
    return (record, aux, run) => {
      const lists = items.map((g) => g(record, aux, run));
      const collections = cartesian ? product(lists) : [lists.flat()];
      const heads = head ? head(record, aux, run) : undefined;
      if (heads && heads.length === 0) return [];
      const out: Term[] = [];
      for (const terms of collections) {
        if (terms.length === 0 && !allowEmpty) continue;
        if (asList) {
          if (terms.length === 0) {
            out.push(nil);
            continue;
          }
          if (heads) {
            aux.push({ head: heads[0], members: terms });
            out.push(heads[0]);
            continue;
          }
          const nodes = terms.map(() => freshBlank(run));
          terms.forEach((t, i) => {
            aux.push([nodes[i], first, t]);
            aux.push([nodes[i], rest, i + 1 < nodes.length ? nodes[i + 1] : nil]);
          });
          out.push(nodes[0]);
        } else {
          if (heads) {
            aux.push({ head: heads[0], members: terms, container: containerType });
            out.push(heads[0]);
            continue;
          }
          const node = freshBlank(run);
          aux.push([node, RDF_TYPE_NODE, containerType]);
          terms.forEach((t, i) => aux.push([node, namedNode(`${RDF_NS}_${i + 1}`), t]));
          out.push(node);
        }
      }
      return out;
    };
  }
}
