/**
 * shacl-engine on one data file, as a whole process (the counterpart of `hub validate` in the
 * whole-graph benchmark): parses shapes and data with n3, validates the whole graph once and
 * prints a JSON summary, `{ conforms, results, keys? }`, on stdout.
 * Run: node dist/bench/shacl/shacl-engine-file.js SHAPES DATA [--keys]
 */
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import N3 from 'n3';
import { Validator } from 'shacl-engine';
import type { Quad, Term } from '../../src/core/rdf.js';

/** What the benchmark compares per result: focus node, constraint component, value. */
export function engineResultKey(r: { focusNode?: { term?: Term }; constraintComponent?: Term; value?: { term?: Term } }): string {
  return [r.focusNode?.term?.value ?? '-', r.constraintComponent?.value ?? '-', r.value?.term ? N3.termToId(r.value.term as Parameters<typeof N3.termToId>[0]) : '-'].join(' | ');
}

/** Parses with n3 (format by extension) and validates with shacl-engine. */
export async function validateWithShaclEngine(shapesFile: string, dataFile: string): Promise<{ conforms: boolean; results: unknown[] }> {
  const parse = async (file: string) =>
    new N3.Store(new N3.Parser({ baseIRI: pathToFileURL(file).href, format: file.endsWith('.nt') ? 'N-Triples' : undefined }).parse(await readFile(file, 'utf8')) as Quad[]);
  const shapes = await parse(shapesFile);
  const data = await parse(dataFile);
  const validator = new Validator(shapes, { factory: N3.DataFactory });
  return validator.validate({ dataset: data });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [shapesFile, dataFile] = process.argv.slice(2);
  if (!shapesFile || !dataFile) throw new Error('usage: shacl-engine-file.js SHAPES DATA [--keys]');
  validateWithShaclEngine(shapesFile, dataFile)
    .then((report) => {
      const keys = process.argv.includes('--keys') ? report.results.map((r) => engineResultKey(r as never)) : undefined;
      process.stdout.write(`${JSON.stringify({ conforms: report.conforms, results: report.results.length, keys })}\n`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    });
}
