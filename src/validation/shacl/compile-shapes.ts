/**
 * Compiles a shapes graph once into CompiledShapes and validates data graphs against them.
 * Nested shapes (sh:node, sh:property, sh:or...) compile on first use, which also makes
 * recursive references safe: the shape object exists before its constraints are filled in.
 */
import type { Literal, Quad, Term } from '../../core/rdf.js';
import { namedNode } from '../../core/rdf.js';
import { RDF, RDFS, SH } from '../../core/vocab.js';
import type { ClassHierarchy } from './class-hierarchy.js';
import { compileConstraints } from './components.js';
import { DataGraph } from './data-graph.js';
import { validateShape, type CompiledShape, type ShaclReport, type Sink } from './engine.js';
import { compilePath, readPath } from './property-path.js';
import { ShapesGraph } from './shapes-graph.js';
import { termKey } from './term-keys.js';

const TARGETS = ['targetNode', 'targetClass', 'targetSubjectsOf', 'targetObjectsOf'].map((t) => SH(t));

function label(t: Term): string {
  return t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
}

export class ShapesProgram {
  private readonly g: ShapesGraph;
  private readonly compiled = new Map<string, CompiledShape>();
  /** Shapes that have targets, in shapes-graph order. */
  readonly targeted: CompiledShape[] = [];

  constructor(quads: Iterable<Quad>) {
    this.g = new ShapesGraph(quads);
    const candidates = new Map<string, Term>();
    const addAll = (terms: Term[]) => {
      for (const t of terms) if (t.termType !== 'Literal') candidates.set(termKey(t), t);
    };
    for (const target of TARGETS) addAll(this.g.subjectsOf(target));
    // Implicit class targets: a shape that is also an rdfs:Class targets its own instances.
    const classes = new Set(this.g.subjectsOf(RDF('type'), namedNode(RDFS('Class'))).map(termKey));
    for (const kind of [SH('NodeShape'), SH('PropertyShape')]) {
      addAll(this.g.subjectsOf(RDF('type'), namedNode(kind)).filter((t) => classes.has(termKey(t))));
    }
    for (const t of candidates.values()) this.targeted.push(this.resolve(t));
    // Compile every declared shape now so that errors in unused shapes surface at load time.
    for (const kind of [SH('NodeShape'), SH('PropertyShape')]) {
      for (const t of this.g.subjectsOf(RDF('type'), namedNode(kind))) this.resolve(t);
    }
  }

  /** The compiled shape for a shapes-graph node, compiling it on first use. */
  readonly resolve = (term: Term): CompiledShape => {
    const key = termKey(term);
    const existing = this.compiled.get(key);
    if (existing) return existing;
    const g = this.g;
    const pathNode = g.one(term, SH('path'));
    const shape: CompiledShape = {
      term,
      severity: g.one(term, SH('severity'))?.value ?? SH('Violation'),
      messages: g.all(term, SH('message')).filter((m): m is Literal => m.termType === 'Literal'),
      deactivated: g.all(term, SH('deactivated')).some((t) => t.termType === 'Literal' && t.value === 'true'),
      constraints: [],
      targetNodes: g.all(term, SH('targetNode')),
      targetClasses: [
        ...g.all(term, SH('targetClass')),
        ...(g.store.countQuads(term, namedNode(RDF('type')), namedNode(RDFS('Class')), null) > 0 ? [term] : []),
      ],
      targetSubjectsOf: g.all(term, SH('targetSubjectsOf')).map((t) => t.value),
      targetObjectsOf: g.all(term, SH('targetObjectsOf')).map((t) => t.value),
    };
    this.compiled.set(key, shape);
    try {
      if (pathNode) {
        shape.path = readPath(g, pathNode);
        shape.evaluate = compilePath(shape.path);
      }
      shape.constraints = compileConstraints({ g, node: term, shape, isProperty: pathNode !== undefined, resolve: this.resolve });
    } catch (error) {
      throw new Error(`Cannot compile shape ${label(term)}: ${(error as Error).message}`, { cause: error });
    }
    return shape;
  };

  /** Validates a whole data graph: every targeted shape against each of its focus nodes. */
  validate(data: DataGraph | Iterable<Quad>, hierarchy?: ClassHierarchy): ShaclReport {
    const g = data instanceof DataGraph ? data : new DataGraph(data, hierarchy);
    const sink: Sink = { failFast: false, failed: false, results: [] };
    const ctx = { g, sink, depth: 0 };
    for (const shape of this.targeted) {
      if (shape.deactivated) continue;
      for (const focus of focusNodes(g, shape)) validateShape(ctx, shape, focus);
    }
    return { conforms: sink.results.length === 0, results: sink.results };
  }
}

/** The distinct focus nodes of a shape's targets in a data graph. */
export function focusNodes(g: DataGraph, shape: CompiledShape): Term[] {
  const { targetNodes, targetClasses, targetSubjectsOf, targetObjectsOf } = shape;
  // The common case, one class target, needs no de-duplication.
  if (targetClasses.length === 1 && !targetNodes.length && !targetSubjectsOf.length && !targetObjectsOf.length) {
    return g.instancesOf(targetClasses[0] as Term);
  }
  const out = new Map<string, Term>();
  const add = (t: Term) => {
    const k = termKey(t);
    if (!out.has(k)) out.set(k, t);
  };
  targetNodes.forEach(add);
  for (const c of targetClasses) g.instancesOf(c).forEach(add);
  for (const p of targetSubjectsOf) for (const [s] of g.pairs(p)) add(s);
  for (const p of targetObjectsOf) for (const [, o] of g.pairs(p)) add(o);
  return [...out.values()];
}
