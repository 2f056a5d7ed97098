/**
 * FnO functions callable from mappings (FNML), keyed by function IRI. Each declares the parameter
 * and output IRIs it knows, so that a mapping naming an unknown function, parameter or output is
 * refused when it is loaded rather than producing nothing.
 */
import type { Value } from '../rml/formats/format.js';

export type { Value };

/** The arguments of one call: parameter IRI → values (a parameter may carry several). */
export interface FunctionArgs {
  /** The first value of `parameter`, if any. */
  get(parameter: string): Value | undefined;
  /** The first value of `parameter` as a string, or `''`. */
  str(parameter: string): string;
  all(parameter: string): Value[];
}

export type FunctionResult = Value | Value[] | null | undefined;

export interface FunctionDef {
  iri: string;
  /** Parameter IRIs the function accepts. */
  parameters: string[];
  /** Output IRIs it may be asked for (rml:return); the first is the default. */
  outputs: string[];
  call(args: FunctionArgs): FunctionResult;
}

export class FunctionRegistry {
  private readonly byIri = new Map<string, FunctionDef>();

  constructor(defs: Iterable<FunctionDef> = []) {
    for (const d of defs) this.add(d);
  }

  add(def: FunctionDef, ...aliases: string[]): this {
    this.byIri.set(def.iri, def);
    for (const a of aliases) this.byIri.set(a, def);
    return this;
  }

  get(iri: string): FunctionDef | undefined {
    return this.byIri.get(iri);
  }
}

export function makeArgs(values: Map<string, Value[]>): FunctionArgs {
  return {
    get: (p) => values.get(p)?.[0],
    str: (p) => {
      const v = values.get(p)?.[0];
      return v === undefined ? '' : String(v);
    },
    all: (p) => values.get(p) ?? [],
  };
}
