/**
 * publiq's Entry API JSON Schemas (fixtures/uitdatabank/entry-api/models, draft 2020-12 keywords
 * such as minContains and dependentRequired) compiled with Ajv, for checking the bodies the hub
 * builds: `entryErrors('event-post', body)` lists what does not conform, nothing when it does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { projectPath } from '../../src/core/paths.js';

const MODELS = projectPath('fixtures/uitdatabank/entry-api/models');
/** The models refer to each other as `./x.json` and `../models/x.json`: one base makes both resolve. */
const BASE = 'https://entry-api.test/models/';

function compileAll(): Ajv2020 {
  // strict off: the models carry OpenAPI keywords (example, readOnly with siblings) strict mode refuses.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateSchema: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('string', () => true);
  for (const file of readdirSync(MODELS).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(MODELS, file), 'utf8')) as Record<string, unknown>;
    delete schema.$id;
    ajv.addSchema({ ...schema, $id: `${BASE}${file}` });
  }
  return ajv;
}

const ajv = compileAll();
const cache = new Map<string, ValidateFunction>();

/** Errors of `value` against models/{model}.json (e.g. `event-post`, `place-post`, `image-post`). */
export function entryErrors(model: string, value: unknown): ErrorObject[] {
  let fn = cache.get(model);
  if (!fn) {
    fn = ajv.getSchema(`${BASE}${model}.json`);
    if (!fn) throw new Error(`No Entry API model ${model}.json in ${MODELS}`);
    cache.set(model, fn);
  }
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; anyOf?: { $ref?: string }[] } }> };
}
const openapi = JSON.parse(readFileSync(projectPath('fixtures/uitdatabank/entry-api/openapi/entry.json'), 'utf8')) as { paths: Record<string, Record<string, OpenApiOperation>> };

/**
 * The operation of `method /events/{id}/{path}` in entry.json: whether it exists, and the models
 * its JSON body may follow (an update path like `name/nl` matches `/events/{eventId}/name/{language}`).
 */
export function eventOperation(method: string, path: string): { exists: boolean; models: string[] } {
  const full = `/events/00000000-0000-0000-0000-000000000000${path ? `/${path}` : ''}`.split('/');
  for (const [template, operations] of Object.entries(openapi.paths)) {
    const parts = template.split('/');
    if (parts.length !== full.length || !parts.every((p, i) => /^\{.+\}$/.test(p) || p === full[i])) continue;
    const op = operations[method.toLowerCase()];
    if (!op) continue;
    const schema = op.requestBody?.content?.['application/json']?.schema;
    const refs = [schema?.$ref, ...(schema?.anyOf ?? []).map((s) => s.$ref)].filter((r): r is string => typeof r === 'string');
    return { exists: true, models: refs.map((r) => r.replace(/^.*\//, '').replace(/\.json$/, '')) };
  }
  return { exists: false, models: [] };
}

/** Errors of `value` against the first of `models` it conforms to (all of the first's errors when none). */
export function anyModelErrors(models: string[], value: unknown): ErrorObject[] {
  let first: ErrorObject[] | undefined;
  for (const model of models) {
    const errors = entryErrors(model, value);
    if (errors.length === 0) return [];
    first ??= errors;
  }
  return first ?? [];
}
