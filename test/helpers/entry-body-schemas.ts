/**
 * Checks a request the write-back would send as the strict fixture Entry API does
 * (fixtures/uitdatabank/entry-schemas.ts: entry.json's body schemas, stricter than publiq states
 * them, unknown and read-only properties refused; entry-documents.ts: terms from the documented
 * taxonomy): `requestErrors('POST', '/events', body)` lists what the fixture would refuse, nothing
 * when it would accept the body.
 */
import { termErrors, type EntryKind } from '../../fixtures/uitdatabank/entry-documents.js';
import { EntrySchemas } from '../../fixtures/uitdatabank/entry-schemas.js';

const schemas = new EntrySchemas();
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** The entry.json operation of `method path` (path below the API root; `{id}` may be any uuid). */
export function operationOf(method: string, path: string): { operationId: string; hasBody: boolean } | undefined {
  return schemas.match(method, path)?.operation;
}

/** What the strict fixture would refuse in this request: `jsonPointer: error` lines. */
export function requestErrors(method: string, path: string, body?: unknown): string[] {
  const operation = operationOf(method, path);
  if (!operation) return [`${method} ${path}: no such operation in entry.json`];
  if (!operation.hasBody) return body === undefined ? [] : [`${method} ${path} takes no body`];
  const errors = schemas.validate(operation.operationId, body);
  const kind = /^(event|place)s?-post$/.exec(operation.operationId)?.[1];
  if (errors.length === 0 && kind) errors.push(...termErrors(`${kind}s` as EntryKind, (body as { terms?: unknown }).terms));
  return errors.map((e) => `${e.jsonPointer}: ${e.error}`);
}

/** As requestErrors, for an update below `/events/{id}/` (path '' is the event itself). */
export function eventUpdateErrors(update: { method: string; path: string; body?: unknown }): string[] {
  return requestErrors(update.method, `/events/${SOME_ID}${update.path ? `/${update.path}` : ''}`, update.body);
}
