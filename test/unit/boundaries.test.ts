/**
 * The module boundaries of .dependency-cruiser.cjs (run by `npm run lint`) hold on a small tree
 * that keeps them, and fail, naming the rule and the import, on a tree that breaks each kind:
 * an upward import, a sibling import (type-only), a read model reaching into validation, a
 * package outside its folder, a cycle and an import of fixtures/.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const tsconfig = JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src', 'fixtures'] });

/** A throwaway project: the given files, this tsconfig, and the hub's node_modules (for package rules). */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tsconfig.json'), tsconfig);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function cruise(dir: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [depcruise, 'src', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err'], { cwd: dir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

const allowed: Record<string, string> = {
  'src/core/rdf.ts': 'export const iri = (s: string) => s;\n',
  'src/config/schema.ts': "import { iri } from '../core/rdf.js';\nexport const base = iri('x');\n",
  'src/validation/validator.ts': "import { base } from '../config/schema.js';\nexport const shapes = base;\n",
  'src/store/store.ts': "import { Store } from 'oxigraph';\nexport const make = () => new Store();\n",
  'src/reports/report-model.ts': "import { shapes } from '../validation/validator.js';\nimport { make } from '../store/store.js';\nexport const model = [shapes, make];\n",
  'src/publication/list-index.ts': "import { make } from '../store/store.js';\nexport const index = make;\n",
  'src/pipeline/hub.ts': "import { model } from '../reports/report-model.js';\nimport { index } from '../publication/list-index.js';\nexport const hub = [model, index];\n",
  'src/queue/queues.ts': "import { Queue } from 'bullmq';\nimport { hub } from '../pipeline/hub.js';\nexport const q = [Queue, hub];\n",
  'src/api/app.ts': "import express from 'express';\nimport { hub } from '../pipeline/hub.js';\nexport const app = [express, hub];\n",
  'src/cli/main.ts': "import { app } from '../api/app.js';\nimport { q } from '../queue/queues.js';\nexport const main = [app, q];\n",
};

describe('The module boundaries (dependency-cruiser)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('pass a tree whose imports point down the layers, with each package in its own folder', async () => {
    const dir = tree(allowed);
    dirs.push(dir);
    const { code, output } = await cruise(dir);
    expect(output).toMatch(/no dependency violations found/);
    expect(code).toBe(0);
  });

  it('fail a tree that breaks them, naming each rule and import', async () => {
    const dir = tree({
      ...allowed,
      // Upward: core must not know the API.
      'src/core/upward.ts': "import { app } from '../api/app.js';\nexport const up = app;\n",
      // Sibling, type-only: mapping takes the record contract from core, not from connectors.
      'src/connectors/contract.ts': 'export interface RawRecord { body: string }\n',
      'src/mapping/mapper.ts': "import type { RawRecord } from '../connectors/contract.js';\nexport const body = (r: RawRecord) => r.body;\n",
      // Read models depend on store and core only.
      'src/publication/edm.ts': "import { shapes } from '../validation/validator.js';\nexport const edm = shapes;\n",
      // Packages: only queue/ imports bullmq.
      'src/pipeline/enqueue.ts': "import { Queue } from 'bullmq';\nexport const queue = Queue;\n",
      // A cycle.
      'src/core/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/core/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      // Test servers are not part of the hub.
      'fixtures/ldes/server.ts': 'export const server = 1;\n',
      'src/cli/demo.ts': "import { server } from '../../fixtures/ldes/server.js';\nexport const demo = server;\n",
    });
    dirs.push(dir);
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/error layer-core: src\/core\/upward\.ts → src\/api\/app\.ts/);
    expect(output).toMatch(/error layer-mapping: src\/mapping\/mapper\.ts → src\/connectors\/contract\.ts/);
    expect(output).toMatch(/error layer-publication: src\/publication\/edm\.ts → src\/validation\/validator\.ts/);
    expect(output).toMatch(/error only-queue-imports-bullmq: src\/pipeline\/enqueue\.ts → node_modules\/bullmq\//);
    expect(output).toMatch(/error no-circular: src\/core\/a\.ts → /);
    expect(output).toMatch(/no-fixtures-in-src: src\/cli\/demo\.ts → fixtures\/ldes\/server\.ts/);
    // The allowed part of the tree stays quiet.
    expect(output).not.toMatch(/src\/cli\/main\.ts →|src\/api\/app\.ts →|src\/store\/store\.ts →/);
  });
});
