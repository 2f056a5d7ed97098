/**
 * The floor of bench:formats: the bare parse of exactly the bytes the connector received (the
 * captured answers of the fixture server, or the LIDO export file), saxes for XML (with
 * namespaces, as the connectors parse), JSON.parse for JSON. Nothing is done with the result.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';

export interface FloorResult {
  files: number;
  bytes: number;
  ms: number;
  /** Elements (XML) seen, so the parse cannot be optimised away. */
  elements: number;
}

function parseXml(text: string): number {
  let elements = 0;
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', () => elements++);
  parser.write(text).close();
  return elements;
}

/** Parses every file of `paths` (read into memory first: the floor times the parse, not the disk). */
export function bareParse(paths: string[], syntax: 'xml' | 'json'): FloorResult {
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  let elements = 0;
  const started = performance.now();
  for (const text of texts) {
    if (syntax === 'xml') elements += parseXml(text);
    else elements += JSON.parse(text) ? 1 : 0;
  }
  return { files: texts.length, bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), ms: performance.now() - started, elements };
}

export const filesIn = (dir: string) => readdirSync(dir).sort().map((f) => join(dir, f));
