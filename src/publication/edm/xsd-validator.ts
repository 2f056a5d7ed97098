/**
 * XML Schema validation with libxml2 (xmllint-wasm), against schema sets copied into
 * ontologies/. The WASM xmllint has no network, and `--nonet` is passed anyway, so no schema
 * or entity is ever fetched. Loading a schema set costs ~0.3 s, so documents are validated
 * in batches: one xmllint run for many documents.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { projectPath } from '../../core/paths.js';

export interface XsdProblem {
  line: number | null;
  message: string;
}

export interface SchemaSet {
  /** The entry schema's file name. */
  entry: string;
  files: XMLFileInfo[];
}

/** All .xsd files of a folder (plus extra files) as one schema set with `entry` as entry point. */
export function loadSchemaSet(dir: string, entry: string, extra: XMLFileInfo[] = []): SchemaSet {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xsd'))
    .map((f) => ({ fileName: f, contents: readFileSync(join(dir, f), 'utf8') }));
  return { entry, files: [...files, ...extra] };
}

let edmSchemas: SchemaSet | undefined;

/** EDM-external: ontologies/edm/xsd/EDM.xsd with the schemas it imports. */
export function edmSchemaSet(): SchemaSet {
  edmSchemas ??= loadSchemaSet(projectPath('ontologies/edm/xsd'), 'EDM.xsd');
  return edmSchemas;
}

/** Validates documents against a schema set; one problem list per document (empty = valid). */
export async function validateWithXsd(documents: string[], schemas: SchemaSet): Promise<XsdProblem[][]> {
  if (documents.length === 0) return [];
  const names = documents.map((_, i) => `doc-${i}.xml`);
  const entry = schemas.files.find((f) => f.fileName === schemas.entry);
  if (!entry) throw new Error(`schema set has no entry ${schemas.entry}`);
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: names[i]!, contents })),
    schema: entry,
    preload: schemas.files.filter((f) => f !== entry),
    modifyArguments: (args) => ['--nonet', ...args],
  });
  const problems: XsdProblem[][] = documents.map(() => []);
  let last = -1;
  for (const error of result.errors) {
    // Schema-loading warnings (duplicate imports in the EDM set) and the per-file summary line
    // ("doc-1.xml fails to validate") are not problems of a document.
    if (/Schemas parser warning|fails to validate$/.test(error.rawMessage)) continue;
    const index = error.loc ? names.indexOf(error.loc.fileName) : -1;
    if (index >= 0) {
      problems[index]!.push({ line: error.loc?.lineNumber ?? null, message: error.message.trim() });
      last = index;
    } else if (last < 0) {
      throw new Error(`xmllint: ${error.rawMessage}`);
    }
    // Lines without a location continue the previous message (xmllint quotes the offending line).
  }
  const failed = new Set([...result.rawOutput.matchAll(/^(doc-\d+\.xml) fails to validate$/gm)].map((m) => names.indexOf(m[1]!)));
  for (const index of failed) {
    if (index >= 0 && problems[index]!.length === 0) problems[index]!.push({ line: null, message: 'xmllint reports the document invalid' });
  }
  return problems;
}
