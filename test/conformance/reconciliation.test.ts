/**
 * The validator of the Reconciliation Service API 0.2 schemas, checked against the
 * specification's own examples before any response of the hub is judged by it: each valid
 * example passes and each invalid one fails its schema.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECONCILIATION_DIR, SCHEMA_KINDS, describeErrors, validate } from '../helpers/reconciliation-schemas.js';

const EXAMPLES = join(RECONCILIATION_DIR, 'examples');

function examples(kind: string, verdict: 'valid' | 'invalid'): [string, unknown][] {
  const dir = join(EXAMPLES, kind, verdict);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [`${kind}/${verdict}/${f}`, JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown]);
}

const valid = SCHEMA_KINDS.flatMap((k) => examples(k, 'valid'));
const invalid = SCHEMA_KINDS.flatMap((k) => examples(k, 'invalid'));

describe('The reconciliation schema validator against the specification examples', () => {
  it('has examples for the response kinds the service gives', () => {
    for (const kind of ['manifest', 'reconciliation-result-batch', 'suggest-entities-response', 'suggest-types-response', 'suggest-properties-response', 'data-extension-response', 'data-extension-property-proposal']) {
      expect(examples(kind, 'valid').length).toBeGreaterThan(0);
    }
    expect(invalid.length).toBeGreaterThanOrEqual(10);
  });

  it.each(valid)('accepts %s', (name, value) => {
    const kind = name.split('/')[0]!;
    const errors = validate(kind, value);
    if (errors.length) throw new Error(`${name}: ${describeErrors(errors)}`);
  });

  it.each(invalid)('rejects %s', (name, value) => {
    expect(validate(name.split('/')[0]!, value).length).toBeGreaterThan(0);
  });
});
