/**
 * The hub's module boundaries, checked by `npm run lint` (so by `npm test`):
 *
 *   core ← config ← {connectors, mapping, validation, store} ← {reports, publication} ← pipeline ← {queue, api, cli}
 *
 * A folder imports only folders to its left, never a sibling in its own group; only store/ imports
 * oxigraph, only queue/ bullmq, only api/ express; nothing in src/ imports fixtures/; no cycles.
 * Type-only imports count (tsPreCompilationDeps): a type is part of the contract too.
 * test/unit/boundaries.test.ts shows that each kind of rule fails on a wrong import.
 */
const ALL = '(core|config|connectors|mapping|validation|store|reports|publication|pipeline|queue|api|cli)';

/** What each folder of src/ may import besides itself. */
const allowed = {
  core: [],
  config: ['core'],
  connectors: ['core', 'config'],
  mapping: ['core', 'config'],
  validation: ['core', 'config'],
  store: ['core', 'config'],
  // The report model holds validation results and reads run reports from the store.
  reports: ['core', 'config', 'validation', 'store'],
  // Read models over the store; config for the edm:rights patterns and config types.
  publication: ['core', 'config', 'store'],
  pipeline: ['core', 'config', 'connectors', 'mapping', 'validation', 'store', 'reports', 'publication'],
  queue: ['core', 'config', 'connectors', 'mapping', 'validation', 'store', 'reports', 'publication', 'pipeline'],
  api: ['core', 'config', 'connectors', 'mapping', 'validation', 'store', 'reports', 'publication', 'pipeline'],
  // cli is where the process is put together: `hub serve` starts the API, `hub worker` and
  // `hub jobs` the queue's workers and admin. Justified exception to the sibling rule.
  cli: ['core', 'config', 'connectors', 'mapping', 'validation', 'store', 'reports', 'publication', 'pipeline', 'queue', 'api'],
};

const layerRules = Object.entries(allowed).map(([folder, may]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder}/ may import only ${may.length ? may.map((f) => `src/${f}/`).join(', ') : 'nothing else in src/'} (core ← config ← {connectors, mapping, validation, store} ← {reports, publication} ← pipeline ← {queue, api, cli})`,
  severity: 'error',
  from: { path: `^src/${folder}/` },
  to: { path: `^src/${ALL}/`, pathNot: `^src/(${[folder, ...may].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-src-outside',
      comment: 'src/ imports only src/ and packages: mappings, shapes, ontologies and fixtures are data, read by path',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(?!src/|node_modules/)', pathNot: '^fixtures/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'no-fixtures-in-src',
      comment: 'nothing in src/ imports fixtures/ (the fixture servers simulate external systems for tests and the demo)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^fixtures/' },
    },
    {
      name: 'only-store-imports-oxigraph',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '^node_modules/oxigraph/' },
    },
    {
      name: 'only-queue-imports-bullmq',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/queue/' },
      to: { path: '^node_modules/bullmq/' },
    },
    {
      name: 'only-api-imports-express',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/api/' },
      to: { path: ['^node_modules/express/', '^node_modules/@types/express/', '^node_modules/express-rate-limit/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'an import that does not resolve would hide a dependency from every rule above',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Packages and the fixture servers are seen imported, not followed: their own imports are not src's.
    doNotFollow: { path: ['node_modules', '^fixtures/'] },
    tsPreCompilationDeps: true,
    // Paths as imported, not as the file system links them (the boundaries test links node_modules in).
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
