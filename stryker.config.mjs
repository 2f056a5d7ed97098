// Mutation testing of the core modules (npm run mutation; not part of npm test: it takes long).
// Each module is mutated and checked against the unit tests that cover it; docs/mutation.md has the
// scores per module and how to run one module alone (STRYKER_MODULE=journal npm run mutation).
// `floor`: a little below the module's measured score (docs/mutation.md); a run breaks under the
// lowest floor among the modules it ran.
const MODULES = {
  shacl: { mutate: ['src/validation/shacl/components.ts'], tests: ['test/unit/validation/components.test.ts', 'test/unit/validation/shacl-validator.test.ts'], floor: 66 },
  journal: { mutate: ['src/store/oxigraph/journal.ts'], tests: ['test/unit/store/journal.test.ts'], floor: 60 },
  http: { mutate: ['src/connectors/http/http-client.ts'], tests: ['test/unit/connectors/http-client.test.ts'], floor: 63 },
  pipeline: { mutate: ['src/pipeline/steps/*.ts', 'src/pipeline/change-batch.ts'], tests: ['test/unit/pipeline/change-batch.test.ts', 'test/integration/pipeline/bad-records.test.ts', 'test/integration/pipeline/run-source-commits.test.ts', 'test/integration/pipeline/severity.test.ts'], floor: 78 },
  'rate-limit': { mutate: ['src/api/rest/rate-limit.ts', 'src/api/key-check.ts'], tests: ['test/integration/api/trust-proxy.test.ts', 'test/unit/api/key-check.test.ts', 'test/integration/api/rest-api.test.ts'], floor: 70 },
};

const chosen = process.env.STRYKER_MODULE ? process.env.STRYKER_MODULE.split(',') : Object.keys(MODULES);
const modules = chosen.map((name) => {
  if (!MODULES[name]) throw new Error(`STRYKER_MODULE: no module ${name} (${Object.keys(MODULES).join(', ')})`);
  return MODULES[name];
});

const label = chosen.join('+');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The project is native ESM under Jest's VM modules.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    configFile: 'jest.config.js',
    config: { testMatch: modules.flatMap((m) => m.tests).map((t) => `<rootDir>/${t}`) },
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: modules.flatMap((m) => m.mutate),
  // The sandbox needs the project's data folders and dist/ (the store's replica worker runs from it).
  ignorePatterns: ['/bench', '/docker', '/reports', '/coverage', '/data', '/tmp', '*.log'],
  checkers: [],
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2,
  // Mutants of module-level constants would rerun every test for each: left out.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `reports/mutation/${label}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  thresholds: { high: 85, low: 70, break: Math.min(...modules.map((m) => m.floor)) },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
