/** Minimal typings for shacl-engine (ships none); only what the benchmark uses. */
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Term } from '@rdfjs/types';
  export class Validator {
    constructor(shapes: DatasetCore, options: { factory: DataFactory; [key: string]: unknown });
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }): Promise<{ conforms: boolean; results: unknown[] }>;
  }
}
