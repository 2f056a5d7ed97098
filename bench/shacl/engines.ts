/**
 * The three SHACL engines under one interface for the benchmark: the hub's own engine,
 * shacl-engine and rdf-validate-shacl. Each prepares its shapes once, then validates one
 * record's quads at a time and returns whether it conforms and how many results it reported.
 */
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator as ShaclEngineValidator } from 'shacl-engine';
import type { Quad } from '../../src/core/rdf.js';
import { ShaclValidator } from '../../src/validation/shacl-validator.js';

export interface Outcome {
  conforms: boolean;
  results: number;
}

export interface Engine {
  name: string;
  validate(quads: Quad[]): Promise<Outcome> | Outcome;
}

/** The hub's engine. `background` triples (class hierarchy) are part of its shapes set. */
export function hubEngine(shapes: Quad[], background: Quad[] = []): Engine {
  const v = new ShaclValidator([...shapes, ...background], { id: 'bench', version: '0' });
  return {
    name: 'hub (src/validation)',
    validate: (quads) => {
      const r = v.validateDetailed(quads);
      return { conforms: r.conforms, results: r.results.length };
    },
  };
}

/** shacl-engine 1.x; background triples are merged into every record's data graph. */
export function shaclEngine(shapes: Quad[], background: Quad[] = []): Engine {
  const validator = new ShaclEngineValidator(new N3.Store(shapes), { factory: N3.DataFactory });
  return {
    name: 'shacl-engine',
    validate: async (quads) => {
      const report = await validator.validate({ dataset: new N3.Store([...quads, ...background]) } as any);
      return { conforms: report.conforms, results: report.results.length };
    },
  };
}

/** rdf-validate-shacl; background triples are merged into every record's data graph. */
export function rdfValidateShacl(shapes: Quad[], background: Quad[] = []): Engine {
  const validator = new SHACLValidator(new N3.Store(shapes) as any);
  return {
    name: 'rdf-validate-shacl',
    validate: async (quads) => {
      const report = await validator.validate(new N3.Store([...quads, ...background]) as any);
      return { conforms: report.conforms, results: report.results.length };
    },
  };
}
