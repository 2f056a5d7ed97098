/**
 * The Reconciliation Service API 0.2 JSON Schemas (test/conformance/reconciliation/schemas,
 * draft 7, see PROVENANCE.md) compiled with Ajv: `validate(kind, value)` gives the errors of a
 * value against schemas/{kind}.json, none when it conforms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';

export const RECONCILIATION_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'reconciliation');
const SCHEMAS = join(RECONCILIATION_DIR, 'schemas');

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as AnySchema & Record<string, unknown>;

/** Schema kinds (file names without .json) a value can be checked against; openapi.json and type.json are only referenced. */
export const SCHEMA_KINDS = readdirSync(SCHEMAS)
  .filter((f) => f.endsWith('.json') && f !== 'openapi.json' && f !== 'type.json')
  .map((f) => f.slice(0, -5))
  .sort();

function compile(): Map<string, ValidateFunction> {
  // The files declare "$schema": "http://json-schema.org/schema#" (whatever is current), written
  // for draft 7: Ajv's default draft. Meta-validation is off since Ajv does not know that alias;
  // strict is off since they use keywords (e.g. "definitions" inside "properties") strict mode refuses.
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  // data-extension-response.json uses format "uri" (an absolute URI: a scheme, no spaces); the
  // Swagger schema behind manifest.authentication uses "email".
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addSchema(read(join(SCHEMAS, 'openapi.json')));
  ajv.addSchema(read(join(SCHEMAS, 'type.json')));
  return new Map(SCHEMA_KINDS.map((kind) => [kind, ajv.compile(read(join(SCHEMAS, `${kind}.json`)))]));
}

const validators = compile();

export function validate(kind: string, value: unknown): ErrorObject[] {
  const fn = validators.get(kind);
  if (!fn) throw new Error(`No reconciliation schema ${kind}.json (have: ${SCHEMA_KINDS.join(', ')})`);
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/** A readable list of errors, for test failure messages. */
export const describeErrors = (errors: ErrorObject[]) => errors.map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
