import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFiles } from '../../../src/reports/validate-files.js';
import { PREFIXES } from '../validation/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'validate-files-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const shapes = file('shapes.ttl', `${PREFIXES} ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .`);

describe('validateFiles', () => {
  it('exits 0 when the data conforms and 1 on violations', async () => {
    const good = file('good.ttl', `${PREFIXES} ex:a a ex:C ; ex:name "A" .`);
    const bad = file('bad.ttl', `${PREFIXES} ex:a a ex:C .`);
    expect(await validateFiles({ shapes, data: good })).toEqual({ exitCode: 0, output: 'Conforms: no validation results.\n' });
    const result = await validateFiles({ shapes, data: bad, format: 'csv' });
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('http://example.org/a');
  });

  it('exits 0 when there are only warnings', async () => {
    const warn = file('warn.ttl', `${PREFIXES} ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:severity sh:Warning ; sh:class ex:C .`);
    const result = await validateFiles({ data: warn, format: 'json' });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.output)['sh:conforms']).toBe(false);
  });

  it('reads shapes and data from one file, as the W3C suite does', async () => {
    const both = file('both.ttl', `${PREFIXES} ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:C .`);
    const result = await validateFiles({ data: both, format: 'ttl' });
    expect(result.exitCode).toBe(1);
    expect(result.output).toContain('sh:ClassConstraintComponent');
  });

  it('reads N-Triples, JSON-LD and RDF/XML data', async () => {
    const nt = file('d.nt', '<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/C> .\n');
    const json = file('d.jsonld', JSON.stringify({ '@id': 'http://example.org/a', '@type': 'http://example.org/C', 'http://example.org/name': 'A' }));
    const xml = file('d.rdf', `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <ex:C rdf:about="http://example.org/a"><ex:name>A</ex:name></ex:C>
</rdf:RDF>`);
    expect((await validateFiles({ shapes, data: nt })).exitCode).toBe(1);
    expect((await validateFiles({ shapes, data: json })).exitCode).toBe(0);
    expect((await validateFiles({ shapes, data: xml })).exitCode).toBe(0);
  });

  it('exits 2 with a message on unreadable input, never fetching remote JSON-LD contexts', async () => {
    const broken = file('broken.ttl', `${PREFIXES} ex:a ex:p .`);
    expect(await validateFiles({ shapes, data: broken })).toMatchObject({ exitCode: 2, output: expect.stringMatching(/Cannot parse .*broken\.ttl/) });
    expect((await validateFiles({ shapes, data: join(dir, 'missing.ttl') })).exitCode).toBe(2);
    const remote = file('remote.jsonld', JSON.stringify({ '@context': 'https://example.org/never-fetched.jsonld', '@id': 'http://example.org/a' }));
    expect(await validateFiles({ shapes, data: remote })).toMatchObject({ exitCode: 2, output: expect.stringContaining('not available locally') });
    expect((await validateFiles({ shapes, data: broken, format: 'pdf' as never })).exitCode).toBe(2);
  });
});
