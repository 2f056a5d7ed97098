/**
 * FNML function executions, compiled once: the function, its parameters and the output asked for
 * are checked against the registry when the mapping is compiled; a call gathers each parameter's
 * values from its input maps. Shared by term maps (compile.ts) and view fields (view-fields.ts),
 * which compile the input maps their own way.
 */
import { errorMessage } from '../../core/errors.js';
import { makeArgs, type FunctionRegistry } from '../functions/index.js';
import type { Value } from './formats/format.js';
import type { TermMapDef } from './model.js';

/** The values of an expression for a record; `C` is whatever else the caller's expressions need. */
export type Values<C> = (record: unknown, context: C) => Value[];

export interface ExecutionErrors {
  /** A mapping error, found while compiling (unknown function, parameter or output). */
  compile(message: string, termMap: string): Error;
  /** A function that threw on a record. */
  call(message: string, termMap: string): Error;
}

export function compileExecution<C>(def: TermMapDef, functions: FunctionRegistry, input: (value: TermMapDef) => Values<C>, errors: ExecutionErrors): Values<C> {
  const exec = def.execution!;
  const fnIri = exec.fn.constant?.value;
  if (!fnIri) throw errors.compile('the function must be given as a constant', exec.id);
  const fn = functions.get(fnIri);
  if (!fn) throw errors.compile(`unknown function <${fnIri}>`, exec.id);
  if (def.returns && !fn.outputs.includes(def.returns)) throw errors.compile(`function <${fnIri}> has no output <${def.returns}>`, def.id);
  const inputs = exec.inputs.map((i) => {
    if (!fn.parameters.includes(i.parameter)) throw errors.compile(`function <${fnIri}> has no parameter <${i.parameter}>`, exec.id);
    return { parameter: i.parameter, values: input(i.value) };
  });
  return (record, context) => {
    const args = new Map<string, Value[]>();
    for (const i of inputs) {
      const vs = i.values(record, context);
      const prev = args.get(i.parameter);
      args.set(i.parameter, prev ? [...prev, ...vs] : vs);
    }
    let result;
    try {
      result = fn.call(makeArgs(args));
    } catch (error) {
      throw errors.call(`function <${fnIri}> failed: ${errorMessage(error)}`, exec.id);
    }
    if (result === null || result === undefined) return [];
    return Array.isArray(result) ? result : [result];
  };
}
