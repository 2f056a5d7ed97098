/**
 * RocketRML, the JavaScript RML engine the benchmarks compare with. Its jsonld 5 needs
 * ky-universal 0.8 with ky < 1 ("ky/umd"), but npm hoisted ky-universal next to the hub's ky 1.x
 * (and loads it through `esm`, which ignores resolver hooks): the module cache is pre-seeded
 * with RocketRML's own ky 0.25 as ky-universal before RocketRML is required.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface RocketRml {
  parseFileLive(map: string, inputs: Record<string, string>, options: object): Promise<string>;
}

export function loadRocketRml(root: string): RocketRml {
  const require = createRequire(import.meta.url);
  const kyUniversal = require.resolve('ky-universal');
  const Module = require('node:module') as { new (id: string): { filename: string; loaded: boolean; exports: unknown } };
  const seeded = new Module(kyUniversal);
  seeded.filename = kyUniversal;
  seeded.loaded = true;
  seeded.exports = require(join(root, 'node_modules', 'rocketrml', 'node_modules', 'ky', 'umd.js'));
  (require.cache as Record<string, unknown>)[kyUniversal] = seeded;
  return require('rocketrml') as RocketRml;
}
