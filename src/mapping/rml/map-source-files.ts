/**
 * Runs a compiled mapping over files: parent sides of joins are indexed first (the only state
 * that grows with the input), then every triples map streams its source record by record.
 */
import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MappingError, errorMessage } from '../../core/errors.js';
import type { Quad, Term } from '../../core/rdf.js';
import { defaultFunctions, type FunctionRegistry } from '../functions/index.js';
import { firstTarGzEntry, firstTarXzEntry, firstZipEntry } from './archive.js';
import { ViewFormat } from './formats/view-format.js';
import { MappingCompiler, newRunState, type CompiledTriplesMap, type RunState } from './compile.js';
import type { LogicalSourceDef, MappingDef } from './model.js';

export interface ExecuteOptions {
  /** Base IRI for relative IRIs. @defaultValue http://example.com/ */
  baseIri?: string;
  /** Folder that `rml:MappingDirectory` and legacy relative sources resolve against. */
  mappingDir: string;
  /** Folder for `rml:CurrentWorkingDirectory`. @defaultValue process.cwd() */
  cwd?: string;
  functions?: FunctionRegistry;
  /** Receives each quad with the IRI of the triples map that made it. */
  emit(quad: Quad, triplesMap: string): void;
  /** Awaited after each batch of records, e.g. to wait for a slow output stream (backpressure). */
  afterRecord?(): Promise<void> | void;
}

export interface ExecuteResult {
  records: number;
  quads: number;
}

function sourcePath(ls: LogicalSourceDef, options: ExecuteOptions): string {
  const p = ls.source.path;
  if (isAbsolute(p)) return p;
  return resolve(ls.source.root === 'cwd' ? (options.cwd ?? process.cwd()) : options.mappingDir, p);
}

async function openSource(ls: LogicalSourceDef, options: ExecuteOptions, triplesMap: string): Promise<Readable> {
  const path = sourcePath(ls, options);
  const where = { triplesMap, path };
  try {
    await access(path);
  } catch {
    throw new MappingError(`Source file ${path} does not exist (triples map <${triplesMap}>, logical source ${ls.id})`, { context: where });
  }
  const compression = ls.source.compression;
  if (compression === 'zip' || compression === 'targz' || compression === 'tarxz') {
    const bytes = await readFile(path);
    const unpack = compression === 'zip' ? firstZipEntry : compression === 'targz' ? firstTarGzEntry : firstTarXzEntry;
    try {
      return Readable.from([unpack(bytes)]);
    } catch (error) {
      throw new MappingError(`Cannot unpack ${path}: ${errorMessage(error)} (triples map <${triplesMap}>)`, { cause: error, context: where });
    }
  }
  if (compression && compression !== 'gzip') {
    throw new MappingError(`Compression rml:${compression} of ${path} is not supported (triples map <${triplesMap}>)`, { context: where });
  }
  const encoding = ls.source.encoding?.toUpperCase();
  if (encoding === 'UTF-16' && !compression) {
    // UTF-16 sources are small in practice: decode whole (BOM decides the byte order).
    const bytes = await readFile(path);
    const be = bytes[0] === 0xfe && bytes[1] === 0xff;
    return Readable.from([new TextDecoder(be ? 'utf-16be' : 'utf-16le').decode(bytes)]);
  }
  if (encoding && encoding !== 'UTF-8' && encoding !== 'UTF8') {
    throw new MappingError(`Encoding rml:${ls.source.encoding} of ${path} is not supported (triples map <${triplesMap}>)`, { context: where });
  }
  const stream = createReadStream(path);
  return compression === 'gzip' ? stream.pipe(createGunzip()) : stream;
}

async function* recordsOf(tm: CompiledTriplesMap, options: ExecuteOptions): AsyncIterable<unknown> {
  for await (const batch of batchesOf(tm, options)) yield* batch;
}

/** The records of a triples map's source, a chunk's worth at a time (fewer awaits per record). */
async function* batchesOf(tm: CompiledTriplesMap, options: ExecuteOptions): AsyncIterable<unknown[]> {
  const input = await openSource(tm.def.logicalSource, options, tm.def.id);
  try {
    yield* tm.format.streamRecords(input);
  } catch (error) {
    if (error instanceof MappingError) throw error;
    throw new MappingError(`Cannot read ${sourcePath(tm.def.logicalSource, options)}: ${errorMessage(error)} (triples map <${tm.def.id}>)`, {
      cause: error,
      context: { triplesMap: tm.def.id, path: sourcePath(tm.def.logicalSource, options) },
    });
  }
}

/** Compiles `mapping` and runs it over its sources; throws MappingError at the first error. */
export async function executeMapping(mapping: MappingDef, options: ExecuteOptions): Promise<ExecuteResult> {
  const compiled = new MappingCompiler(mapping, options.baseIri ?? mapping.base ?? 'http://example.com/', options.functions ?? defaultFunctions()).compile();
  const run: RunState = newRunState(`b${Date.now().toString(36)}_`);
  for (const tm of compiled) {
    // Logical views read the other sources they join with themselves.
    if (tm.format instanceof ViewFormat) tm.format.openSource = (root) => openSource(root, options, tm.def.id);
  }
  for (const tm of compiled) {
    for (const join of tm.joins) {
      const index = new Map<string, Term[]>();
      let n = 0;
      for await (const record of recordsOf(join.parent, options)) {
        n++;
        try {
          join.index(record, run, index);
        } catch (error) {
          throw new MappingError(`${errorMessage(error)} in record ${n} of the parent triples map <${join.parent.def.id}>`, {
            cause: error,
            context: { triplesMap: join.parent.def.id, record: n },
          });
        }
      }
      run.indexes.set(join.objectMap, index);
    }
  }
  let records = 0;
  let quads = 0;
  for (const tm of compiled) {
    let n = 0;
    const emit = (q: Quad) => {
      quads++;
      options.emit(q, tm.def.id);
    };
    const path = sourcePath(tm.def.logicalSource, options);
    for await (const batch of batchesOf(tm, options)) {
      for (const record of batch) {
        const index = ++n;
        tm.map(record, run, emit, () => `record ${index} of ${path}`);
      }
      if (options.afterRecord) await options.afterRecord();
    }
    records += n;
  }
  // Named lists (rml-cc) are complete only now.
  run.named.flush((q, triplesMap) => {
    quads++;
    options.emit(q, triplesMap);
  });
  return { records, quads };
}
