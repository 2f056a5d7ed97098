import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';
import request from 'supertest';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApiV1Router } from '../../../src/api/routes/api-v1.js';
import { openTestHub, publish, t, type TestHub } from './api-helpers.js';
import { entityIri } from '../../../src/core/identifiers.js';
import { BASE } from './api-helpers.js';

let th: TestHub;
let doc: any;

beforeAll(async () => {
  th = await openTestHub({ sources: [{ id: 'dmg', entityType: 'mensgemaaktobject' }] });
  await publish(th.hub, 'dmg', [{ recordId: 'r1', quads: [t(entityIri(BASE, 'mensgemaaktobject', 'dmg', 'r1'), 'http://purl.org/dc/terms/title', 'Stoel')] }]);
  const r = await request(th.app).get('/api/openapi.json');
  expect(r.status).toBe(200);
  doc = JSON.parse(r.text);
});
afterAll(() => th.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Structural checks of OpenAPI 3.1 that matter for clients and code generators. */
function structuralProblems(d: any): string[] {
  const problems: string[] = [];
  if (d.openapi !== '3.1.0') problems.push(`openapi is ${d.openapi}`);
  if (!d.info?.title || !d.info?.version) problems.push('info.title and info.version are required');
  if (!d.paths || typeof d.paths !== 'object') problems.push('paths missing');
  const operationIds = new Set<string>();
  const resolve = (ref: string) => ref.replace(/^#\//, '').split('/').reduce((o: any, k) => o?.[k], d);
  for (const [path, item] of Object.entries<any>(d.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`${path}: must start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries<any>(item)) {
      if (!METHODS.includes(method)) problems.push(`${path}: unknown method ${method}`);
      if (!op.responses || Object.keys(op.responses).length === 0) problems.push(`${method} ${path}: no responses`);
      for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${method} ${path}: bad status ${status}`);
        if (!response.description) problems.push(`${method} ${path} ${status}: description is required`);
        for (const media of Object.values<any>(response.content ?? {})) if (media.schema?.$ref && resolve(media.schema.$ref) === undefined) problems.push(`${method} ${path}: unresolved ${media.schema.$ref}`);
      }
      if (op.operationId) {
        if (operationIds.has(op.operationId)) problems.push(`duplicate operationId ${op.operationId}`);
        operationIds.add(op.operationId);
      }
      const pathParams = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
      for (const p of op.parameters ?? []) {
        if (!p.name || !['query', 'header', 'path', 'cookie'].includes(p.in)) problems.push(`${method} ${path}: bad parameter ${JSON.stringify(p)}`);
        if (p.in === 'path' && p.required !== true) problems.push(`${method} ${path}: path parameter ${p.name} must be required`);
        if (!p.schema) problems.push(`${method} ${path}: parameter ${p.name} has no schema`);
      }
      if (JSON.stringify([...pathParams].sort()) !== JSON.stringify([...templated].sort())) problems.push(`${method} ${path}: path parameters ${pathParams} do not match the template`);
    }
  }
  return problems;
}

/**
 * Validates against the official OAS 3.1 JSON Schema bundled with the parser (no network: the
 * document has only local $refs, and external resolution is switched off so none is fetched).
 */
async function oasProblems(d: unknown): Promise<string> {
  const result = await validate(structuredClone(d) as never, { resolve: { external: false } });
  return result.valid ? '' : compileErrors(result);
}

/** Spectral's `spectral:oas` ruleset (.spectral.yaml) on a document: every result, of any severity. */
async function spectralResults(d: unknown): Promise<{ code: string; message: string; path: string[] }[]> {
  const dir = await tempDir('openapi-');
  try {
    const file = join(dir.path, 'openapi.json');
    await writeFile(file, JSON.stringify(d, null, 1));
    const cli = projectPath('node_modules/@stoplight/spectral-cli/dist/index.js');
    const child = spawn(process.execPath, [cli, 'lint', '--quiet', '-f', 'json', '--fail-severity', 'hint', '-r', projectPath('.spectral.yaml'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    await once(child, 'close');
    return JSON.parse(out.trim() || '[]');
  } finally {
    await dir.cleanup();
  }
}

const operations = (d: any) => Object.entries<any>(d.paths).flatMap(([path, item]) => Object.entries<any>(item).map(([method, op]) => ({ path, method, op })));
const hasExample = (op: any) =>
  JSON.stringify(op).includes('"example"') || JSON.stringify(op).includes('"examples"');

describe('The OpenAPI document', () => {
  it('lints clean with Spectral spectral:oas: no errors, no warnings, no hints', async () => {
    expect((await spectralResults(doc)).map((r) => `${r.code} at ${r.path.join('.')}: ${r.message}`)).toEqual([]);
  }, 60000);

  it('would be flagged by Spectral without a contact or an operation description', async () => {
    const broken = structuredClone(doc);
    delete broken.info.contact;
    delete broken.paths['/api/v1'].get.description;
    expect((await spectralResults(broken)).map((r) => r.code).sort()).toEqual(['info-contact', 'operation-description']);
  }, 60000);

  it('describes every operation, with examples, and every error answer as problem+json with an example', () => {
    for (const { path, method, op } of operations(doc)) {
      expect([path, method, typeof op.description === 'string' && op.description.length > 20]).toEqual([path, method, true]);
      expect([path, method, hasExample(op)]).toEqual([path, method, true]);
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (!/^[45]/.test(status)) continue;
        const media = response.content?.['application/problem+json'];
        expect([path, method, status, media?.schema?.$ref, media?.example?.status]).toEqual([path, method, status, '#/components/schemas/Problem', Number(status)]);
      }
    }
  });


  it('validates against the official OpenAPI 3.1 schema', async () => {
    expect(await oasProblems(doc)).toBe('');
  });

  it('would be rejected by that validator if it broke the schema', async () => {
    const broken = structuredClone(doc);
    delete broken.paths['/api/v1'].get.responses['200'].description;
    expect(await oasProblems(broken)).toMatch(/description/);
  });

  it('is structurally valid OpenAPI 3.1', () => {
    expect(structuralProblems(doc)).toEqual([]);
  });

  it('documents only paths that are served', async () => {
    for (const path of Object.keys(doc.paths)) {
      const concrete = path === '/id' ? '/id?iri=https://elsewhere.example/none' : path.replace('{file}', 'ghent-generiek-basis.jsonld').replace('{id}', path.startsWith('/api/v1/sources') ? 'dmg' : path.startsWith('/api/v1/heritage-objects') ? 'dmg:r1' : 'dmg:none');
      const r = await request(th.app).get(concrete);
      // A served route answers 200, or its own 404 (unknown resource) or 400 (a required parameter
      // missing: /reconcile/suggest/*, /reconcile/preview), never the app's catch-all.
      expect([path, r.status === 200 || ((r.status === 404 || r.status === 400) && !JSON.parse(r.text).detail.startsWith('Nothing at'))]).toEqual([path, true]);
    }
  });

  it('documents every /api/v1 route the router serves', () => {
    const router = createApiV1Router(hubPorts(th.hub)) as unknown as { stack: { route?: { path: string } }[] };
    const served = router.stack.filter((l) => l.route).map((l) => l.route!.path);
    expect(served.length).toBeGreaterThan(3);
    const documented = Object.keys(doc.paths);
    for (const route of served) {
      const pattern = new RegExp(`^${route.replace(/:[a-z]+/g, '[^/]+')}$`);
      const asTemplate = route.replace(/:([a-z]+)/g, '{$1}');
      expect([route, documented.some((p) => p === asTemplate || pattern.test(p.replace(/\{[^}]+\}/g, 'x')))]).toEqual([route, true]);
    }
  });

  it('documents exactly the query parameters a collection accepts', async () => {
    const params = doc.paths['/api/v1/agents'].get.parameters.map((p: any) => p.name).sort();
    expect(params).toEqual(['cursor', 'format', 'from', 'limit', 'location', 'modifiedSince', 'organisation', 'q', 'source', 'to', 'type']);
    const undocumented = await request(th.app).get('/api/v1/agents?sort=title');
    expect(undocumented.status).toBe(400);
  });

  it('documents every search parameter of activities (publiq names) and heritage objects, each with a description and an example', async () => {
    const names = (path: string) => doc.paths[path].get.parameters.map((p: any) => p.name);
    expect(names('/api/v1/activities')).toEqual(expect.arrayContaining(['text', 'q', 'dateFrom', 'dateTo', 'localTimeFrom', 'calendarType', 'postalCode', 'regions', 'coordinates', 'distance', 'bounds', 'termIds', 'minAge', 'price', 'bookingAvailability', 'uitpas', 'sort[start]', 'sort[distance]', 'facets[]', 'start', 'cursor']));
    expect(names('/api/v1/heritage-objects')).toEqual(expect.arrayContaining(['keeper', 'objectType', 'maker', 'material', 'periodFrom', 'periodTo', 'rightsCategory', 'hasImage', 'hasIiif', 'sort[periodFrom]', 'facets[]']));
    expect(names('/api/v1/events')).toEqual(names('/api/v1/activities'));
    for (const path of ['/api/v1/activities', '/api/v1/heritage-objects']) {
      for (const p of doc.paths[path].get.parameters) expect([path, p.name, p.description.length > 10, p.example !== undefined]).toEqual([path, p.name, true, true]);
    }
    // Every documented parameter is accepted (a parameter the router refuses would answer 400 naming it).
    for (const p of doc.paths['/api/v1/heritage-objects'].get.parameters.filter((x: any) => !['cursor', 'format'].includes(x.name))) {
      const value = Array.isArray(p.example) ? p.example[0] : p.example;
      const r = await request(th.app).get(`/api/v1/heritage-objects?${p.name.replace('[]', '')}${p.name.endsWith('[]') ? '[]' : ''}=${encodeURIComponent(String(value))}`);
      expect([p.name, r.status]).toEqual([p.name, 200]);
    }
  });

  it('is rendered by the docs page without external scripts', async () => {
    const r = await request(th.app).get('/api/docs');
    expect(r.status).toBe(200);
    expect(r.text).not.toMatch(/<script[^>]+src=|https?:\/\/cdn/);
    for (const path of Object.keys(doc.paths)) expect(r.text).toContain(path.replace(/&/g, '&amp;'));
  });
});
