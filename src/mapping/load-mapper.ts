/**
 * Picks the mapper for a mapping file: YAML with `kind: jsonld` is the JSON-LD normaliser;
 * other YAML is YARRRML and `.ttl` is RML, both run by the RML engine.
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { MappingError } from '../core/errors.js';
import { shownPath } from '../core/paths.js';
import { JsonLdRecordMapper } from './jsonld-mapper.js';
import type { RecordMapper } from './mapper.js';
import { RmlRecordMapper } from './rml/rml-record-mapper.js';

const cache = new Map<string, Promise<RecordMapper>>();

async function load(file: string): Promise<RecordMapper> {
  // The id is published (provenance, report rules): never the absolute path.
  const id = shownPath(file);
  if (/\.ya?ml$/i.test(file)) {
    const doc = parseYaml(await readFile(file, 'utf8')) as Record<string, unknown> | null;
    if (doc && doc.kind === 'jsonld') return JsonLdRecordMapper.load(file, id);
  }
  if (!/\.(ya?ml|ttl)$/i.test(file)) {
    throw new MappingError(`Mapping ${id}: unknown mapping language (expected .yml/.yaml YARRRML or .ttl RML)`, { context: { mapping: id } });
  }
  return RmlRecordMapper.load(file, id);
}

/** Loads (once per file) the mapper for a mapping file. */
export function loadRecordMapper(file: string): Promise<RecordMapper> {
  let mapper = cache.get(file);
  if (!mapper) {
    mapper = load(file);
    mapper.catch(() => cache.delete(file));
    cache.set(file, mapper);
  }
  return mapper;
}
