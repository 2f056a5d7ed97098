/**
 * Seeded, bounded fuzzing of POST /validate over real HTTP: RDF in several syntaxes and a source
 * record for a mapping, mutated (deep nesting, huge strings, random bytes, truncation, broken
 * quoting, other encodings, control characters) and sent as a raw body or multipart with random
 * profiles, mappings, formats and media types. No answer may be a 5xx, none may hang, and the hub
 * answers entity GETs and /health afterwards. FUZZ_SEED replays another seed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { projectPath } from '../../src/core/paths.js';
import { openTestHub, type TestHub } from '../integration/api/api-helpers.js';
import { listen, type Listening } from '../integration/api/http-server.js';
import { applyMutations, fuzzSettings, mutations, withSeed } from './mutations.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const BASES = [
  { name: 'object.ttl', type: 'text/turtle', text: `@prefix crm: <${CRM}> .\n<http://example.org/object/1> a crm:E22_Man-Made_Object ;\n  <http://purl.org/dc/terms/title> "Stoel, \\"rood\\""@nl .\n` },
  { name: 'object.nt', type: 'application/n-triples', text: `<http://example.org/object/1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${CRM}E22_Man-Made_Object> .\n` },
  { name: 'object.jsonld', type: 'application/ld+json', text: JSON.stringify({ '@id': 'http://example.org/object/1', '@type': `${CRM}E22_Man-Made_Object`, 'http://purl.org/dc/terms/title': [{ '@value': 'Stoel', '@language': 'nl' }] }) },
  { name: 'object.rdf', type: 'application/rdf+xml', text: `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:crm="${CRM}"><crm:E22_Man-Made_Object rdf:about="http://example.org/object/1"><crm:P3_has_note>note</crm:P3_has_note></crm:E22_Man-Made_Object></rdf:RDF>` },
  { name: 'event.json', type: 'application/json', text: readFileSync(projectPath('fixtures/uitdatabank/samples/event-read-example.json'), 'utf8'), mapping: 'uitdatabank-event' },
];

const upload = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  mutations,
  multipart: fc.boolean(),
  profile: fc.constantFrom('oslo-ce-object-2021', 'oslo-cultuurparticipatie-2024', 'edm-external', 'nope', ''),
  keepMapping: fc.boolean(),
  format: fc.constantFrom(undefined, 'json', 'csv', 'html', 'ttl', 'jsonld', 'xlsx'),
  type: fc.constantFrom(undefined, 'application/octet-stream', 'text/plain', 'text/turtle', 'application/json', 'text/csv; charset=latin1'),
});

let th: TestHub;
let server: Listening;
beforeAll(async () => {
  th = await openTestHub();
  server = await listen(th.app);
});
afterAll(async () => {
  await server.close();
  await th.close();
});

describe('Fuzzed uploads to /validate', () => {
  it('never answer 5xx, never hang, and leave the hub whole', async () => {
    const property = fc.asyncProperty(upload, async (u) => {
      const base = BASES[u.base]!;
      const bytes = new Uint8Array(applyMutations(base.text, u.mutations));
      const params = new URLSearchParams();
      if (u.profile) params.set('profile', u.profile);
      if (u.format) params.set('format', u.format);
      if (base.mapping && u.keepMapping) params.set('mapping', base.mapping);
      let init: RequestInit;
      if (u.multipart) {
        const form = new FormData();
        for (const [k, v] of params) form.set(k, v);
        form.set('file', new Blob([bytes], { type: u.type ?? base.type }), base.name);
        init = { method: 'POST', body: form };
      } else {
        init = { method: 'POST', headers: { 'content-type': u.type ?? base.type }, body: bytes };
      }
      const target = u.multipart ? `${server.url}/validate` : `${server.url}/validate?${params}`;
      const response = await fetch(target, { ...init, signal: AbortSignal.timeout(60_000) });
      const body = await response.text();
      // The body says what failed, should it ever be a 5xx.
      expect({ status: response.status, body: response.status >= 500 ? body : '' }).toEqual({ status: expect.any(Number), body: '' });
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
    await fc.assert(property, fuzzSettings(60, 60_000)).catch((error: unknown) => {
      throw withSeed(error);
    });
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  }, 300_000);
});
