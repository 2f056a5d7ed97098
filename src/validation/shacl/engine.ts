/**
 * The run-time half of the engine: compiled shapes and how one shape is checked against one
 * focus node. Compilation (compile-shapes.ts) turns each constraint into a closure, so checking
 * is a loop over closures with no lookups in the shapes graph.
 */
import type { Literal, Term } from '../../core/rdf.js';
import type { DataGraph } from './data-graph.js';
import type { PathAst, PathEvaluator } from './property-path.js';

/** One validation result with RDF terms (the rich form behind the contract's ValidationResult). */
export interface ShaclResult {
  focusNode: Term;
  path?: PathAst;
  value?: Term;
  sourceShape: Term;
  /** sh:sourceConstraintComponent IRI. */
  component: string;
  /** sh:resultSeverity IRI. */
  severity: string;
  /** sh:message values of the shape, or one generated English message. */
  messages: Literal[] | string[];
}

export interface ShaclReport {
  conforms: boolean;
  results: ShaclResult[];
}

/** Collects results; in fail-fast mode (conformance checks of sh:node, sh:or...) it only notes a failure. */
export interface Sink {
  readonly failFast: boolean;
  failed: boolean;
  readonly results: ShaclResult[];
}

export interface Context {
  readonly g: DataGraph;
  readonly sink: Sink;
  readonly depth: number;
}

export type Constraint = (ctx: Context, focus: Term, values: readonly Term[]) => void;

export interface CompiledShape {
  readonly term: Term;
  path?: PathAst;
  evaluate?: PathEvaluator;
  severity: string;
  messages: Literal[];
  deactivated: boolean;
  constraints: Constraint[];
  targetNodes: Term[];
  targetClasses: Term[];
  targetSubjectsOf: string[];
  targetObjectsOf: string[];
}

/** How deep sh:node/sh:property may nest at run time before we call the shapes recursive. */
const MAX_DEPTH = 64;

export function validateShape(ctx: Context, shape: CompiledShape, focus: Term): void {
  if (shape.deactivated) return;
  const values = shape.evaluate ? shape.evaluate(ctx.g, focus) : [focus];
  for (const c of shape.constraints) {
    c(ctx, focus, values);
    if (ctx.sink.failFast && ctx.sink.failed) return;
  }
}

/** Whether `node` conforms to `shape` (no result of any severity), stopping at the first result. */
export function conforms(ctx: Context, shape: CompiledShape, node: Term): boolean {
  if (ctx.depth > MAX_DEPTH) {
    throw new Error(`shape ${shape.term.value} is recursive: validation nested deeper than ${MAX_DEPTH} shapes`);
  }
  const sink: Sink = { failFast: true, failed: false, results: [] };
  validateShape({ g: ctx.g, sink, depth: ctx.depth + 1 }, shape, node);
  return !sink.failed;
}

/** Records one result of `shape`; `message` builds the default text only when it is needed. */
export function emit(
  ctx: Context,
  shape: CompiledShape,
  focus: Term,
  component: string,
  value: Term | undefined,
  message: () => string,
  path: PathAst | undefined = shape.path,
): void {
  ctx.sink.failed = true;
  if (ctx.sink.failFast) return;
  ctx.sink.results.push({
    focusNode: focus,
    path,
    value,
    sourceShape: shape.term,
    component,
    severity: shape.severity,
    messages: shape.messages.length ? shape.messages : [message()],
  });
}
