/**
 * Reads a mapping file into the model: `.yml`/`.yaml` is YARRRML (translated to RML by
 * @rmlio/yarrrml-parser), anything else is RML in Turtle. Errors name the file.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MappingError, errorMessage } from '../../core/errors.js';
import { parseRdf, type Quad } from '../../core/rdf.js';
import type { MappingDef } from './model.js';
import { readRml } from './read-rml.js';

interface YarrrmlGenerator {
  convert(yarrrml: string): Quad[];
}
const require = createRequire(import.meta.url);

/** YARRRML text to RML quads (legacy vocabulary, which the reader normalises). */
export function yarrrmlToRml(text: string, file = 'YARRRML'): Quad[] {
  const Generator = require('@rmlio/yarrrml-parser/lib/rml-generator.js') as new () => YarrrmlGenerator;
  // The parser logs "prefix … was not found" to the console for every XPath step like lido:term
  // inside a reference (it then keeps the text as written, which is right): keep the console clean.
  const logger = require('js-logger') as { getLevel(): unknown; setLevel(level: unknown): void; OFF: unknown };
  const level = logger.getLevel();
  logger.setLevel(logger.OFF);
  try {
    return new Generator().convert(text);
  } catch (error) {
    throw new MappingError(`Cannot read YARRRML ${file}: ${errorMessage(error)}`, { cause: error, context: { path: file } });
  } finally {
    logger.setLevel(level);
    (require('@rmlio/yarrrml-parser/lib/logger.js') as { clear(): void }).clear();
  }
}

export const isYarrrml = (file: string) => /\.ya?ml$/i.test(file);

/** Parses a mapping's text; `file` names it in errors and is the base for relative IRIs in Turtle. */
export function parseMapping(text: string, file: string): MappingDef {
  let quads: Quad[];
  if (isYarrrml(file)) quads = yarrrmlToRml(text, file);
  else {
    try {
      quads = parseRdf(text, { format: 'text/turtle', baseIRI: pathToFileURL(file).href });
    } catch (error) {
      throw new MappingError(`Cannot parse the mapping ${file}: ${errorMessage(error)}`, { cause: error, context: { path: file } });
    }
  }
  try {
    const def = readRml(quads);
    const base = isYarrrml(file) ? undefined : text.match(/^\s*(?:@base|BASE)\s*<([^>]*)>/im)?.[1];
    if (base && /^[a-z][a-z0-9+.-]*:/i.test(base)) def.base = base;
    return def;
  } catch (error) {
    if (error instanceof MappingError) {
      throw new MappingError(`Mapping ${file}: ${error.message}`, { cause: error, context: { ...error.context, path: file } });
    }
    throw error;
  }
}

export async function loadMapping(file: string): Promise<{ def: MappingDef; text: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new MappingError(`Cannot read the mapping ${file}: ${errorMessage(error)}`, { cause: error, context: { path: file } });
  }
  return { def: parseMapping(text, file), text };
}
