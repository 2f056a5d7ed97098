/** The functions every mapping can call: GREL and IDLab (both namespaces). */
import { grelFunctions } from './grel.js';
import { IDLAB, IDLAB_LEGACY, idlabFunctions } from './idlab.js';
import { FunctionRegistry } from './registry.js';

export { FunctionRegistry, makeArgs } from './registry.js';
export type { FunctionArgs, FunctionDef, FunctionResult } from './registry.js';
export { GREL } from './grel.js';
export { IDLAB } from './idlab.js';

export function defaultFunctions(): FunctionRegistry {
  const registry = new FunctionRegistry(grelFunctions);
  for (const f of idlabFunctions) registry.add(f, f.iri.replace(IDLAB(''), IDLAB_LEGACY('')));
  return registry;
}
