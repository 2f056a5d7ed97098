/**
 * `hub map <mapping.ttl|rules.yml> [--base IRI]`: runs an RML or YARRRML mapping over the files it
 * names (relative paths resolve against the mapping file's folder, as the RML test suites do) and
 * writes N-Quads to `out` as records are mapped. Throws MappingError, naming the mapping, triples
 * map, term map, source and record, when the mapping or its input is in error.
 */
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Quad } from '../core/rdf.js';
import { executeMapping, type ExecuteResult } from './rml/map-source-files.js';
import { loadMapping } from './rml/load-mapping.js';
import { quadToNQuads } from './rml/nquads.js';

export interface RunMappingFileOptions {
  /** Base IRI for relative IRIs. @defaultValue the mapping's @base, else http://example.com/ */
  baseIri?: string;
  /** Where the N-Quads go (e.g. process.stdout). */
  out: Writable;
}

/** Bytes of N-Quads gathered before writing to `out`. */
const FLUSH_BYTES = 64 * 1024;

export async function runMappingFile(file: string, options: RunMappingFileOptions): Promise<ExecuteResult> {
  const path = resolve(file);
  const { def } = await loadMapping(path);
  let buffer = '';
  const flush = async () => {
    if (!buffer) return;
    const chunk = buffer;
    buffer = '';
    if (!options.out.write(chunk)) await new Promise<void>((done) => options.out.once('drain', done));
  };
  const result = await executeMapping(def, {
    baseIri: options.baseIri,
    mappingDir: dirname(path),
    emit: (q: Quad) => {
      buffer += quadToNQuads(q);
    },
    afterRecord: () => (buffer.length >= FLUSH_BYTES ? flush() : undefined),
  });
  await flush();
  return result;
}
