/**
 * `hub store migrate --to sparql`: the way out of a full embedded store. Copies its graphs into the
 * remote SPARQL store the configuration describes (hub.store.queryUrl …, beside `type: oxigraph`),
 * verifies by counts, and only then switches the configuration file to `type: sparql` (the old
 * file kept as a backup). The harvest state (dataDir/state, or Redis) is the store's neighbour,
 * not its content: it stays where it is and the next harvest of each source is incremental.
 * A migration cut short leaves a marker (dataDir/store-migrate.json): a rerun to the same store
 * copies what is still missing instead of refusing a target that is not empty.
 */
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { HubConfig } from '../config/schema.js';
import { HubError, StoreError } from '../core/errors.js';
import { StateStore } from '../pipeline/state-store.js';
import { migrateStore, type GraphLoader, type MigrateOutcome, type MigrationTarget } from '../store/migrate.js';
import { createStore } from '../store/create-store.js';

export interface MigrateCommandOptions {
  to: string;
  dryRun?: boolean;
  replace?: boolean;
  /** Load through Virtuoso's bulk loader over isql at this address (host:port) instead of SPARQL Update. */
  isql?: string;
  /** The folder (in Virtuoso's DirsAllowed) the N-Quads files go to, with --isql. */
  loadDir?: string;
  /** Quads per load. @defaultValue 100000 (SPARQL Update), 1000000 (isql) */
  batchQuads?: number;
  env?: NodeJS.ProcessEnv;
}

interface Marker {
  target: string;
  startedAt: string;
}

const markerPath = (config: HubConfig) => join(config.hub.dataDir, 'store-migrate.json');

async function readMarker(config: HubConfig): Promise<Marker | undefined> {
  try {
    return JSON.parse(await readFile(markerPath(config), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

/** Sets hub.store.type to sparql in the configuration file (comments and ${VARS} kept); returns the backup's path. */
export async function switchConfigToSparql(file: string, now = new Date()): Promise<string> {
  const text = await readFile(file, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length) throw new HubError(`${file}: not valid YAML: ${doc.errors[0]!.message}`, { code: 'STORE_MIGRATE' });
  const backup = `${file}.before-migrate-${now.toISOString().replace(/[:.]/g, '-')}`;
  await copyFile(file, backup);
  doc.setIn(['hub', 'store', 'type'], 'sparql');
  const tmp = `${file}.tmp`;
  await writeFile(tmp, doc.toString());
  await rename(tmp, file);
  return backup;
}

function summary(outcome: MigrateOutcome, target: string): string {
  if (outcome.dryRun) return `Dry run: nothing written. ${outcome.graphs} graphs (${outcome.quads} quads) would be copied to ${target}.\n`;
  const lines = [`Copied ${outcome.copiedGraphs} graphs (${outcome.copiedQuads} quads) to ${target}.`];
  if (outcome.verified) lines.push(`Verified: every graph holds as many quads on both sides (${outcome.targetQuads} quads under the base IRI, the entities graph included).`);
  else {
    lines.push(`NOT verified: ${outcome.mismatches.length} graph(s) differ, e.g.:`);
    for (const m of outcome.mismatches.slice(0, 10)) lines.push(`  ${m.graph}: ${m.source} quads in the embedded store, ${m.target} in ${target}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function migrateCommand(config: HubConfig, options: MigrateCommandOptions, out: { write(text: string): unknown } = process.stdout): Promise<number> {
  if (options.to !== 'sparql') throw new HubError(`store migrate: --to ${options.to} is not known (known: sparql)`, { code: 'STORE_MIGRATE' });
  const settings = config.hub.store;
  if (settings.type !== 'oxigraph') {
    out.write('This configuration already uses a remote SPARQL store (hub.store.type: sparql): nothing to migrate.\n');
    return 0;
  }
  if (!settings.queryUrl) {
    throw new HubError('store migrate: no remote store is configured: set hub.store.queryUrl (and updateUrl, username, password as the store needs) beside type: oxigraph, then run this again', { code: 'STORE_MIGRATE' });
  }
  if (!config.file) throw new HubError('store migrate: the configuration has no file to switch', { code: 'STORE_MIGRATE' });
  if (options.isql && !options.loadDir) throw new HubError('store migrate: --isql needs --load-dir, a folder in Virtuoso\'s DirsAllowed', { code: 'STORE_MIGRATE' });
  const targetName = `the SPARQL store at ${settings.queryUrl}`;
  const sourceName = `the embedded store in ${config.hub.dataDir}`;

  const { SparqlStore } = await import('../store/sparql-store.js');
  const remote = { ...settings, type: 'sparql' as const };
  // Plain graph writes (no base IRI: the copy does not touch the entities graph), and a store that keeps it, to build it once at the end.
  const plain = SparqlStore.fromConfig({ store: remote, sparql: { ...config.hub.sparql, timeoutMs: 600_000 } });
  const withEntities = SparqlStore.fromConfig({ store: remote, sparql: { ...config.hub.sparql, timeoutMs: 600_000 }, baseIri: config.hub.baseIri });
  const target: MigrationTarget = { select: (q, o) => plain.select(q, o), commit: (c) => plain.commit(c), rebuildEntities: () => withEntities.rebuildEntities() };
  let loader: GraphLoader | undefined;
  if (options.isql) {
    const { isqlLoader } = await import('../store/migrate-virtuoso.js');
    const env = options.env ?? process.env;
    loader = isqlLoader({ address: options.isql, user: env.VIRTUOSO_DBA_USER ?? 'dba', password: env.VIRTUOSO_DBA_PASSWORD ?? settings.password ?? 'dba', loadDir: options.loadDir! });
  }

  // Opened for writing: a running hub holds the store, and a copy taken beside it would miss its next commits.
  const source = await createStore({ ...config.hub, sparql: { ...config.hub.sparql, timeoutMs: 600_000 } });
  try {
    await source.open();
  } catch (error) {
    if (error instanceof StoreError && /in use by process/.test(error.message)) throw new HubError(`store migrate: ${error.message}: stop the hub (hub serve, workers) and run this again`, { code: 'STORE_MIGRATE', cause: error });
    throw error;
  }
  const marker = await readMarker(config);
  const resume = marker?.target === settings.queryUrl;
  let outcome: MigrateOutcome;
  try {
    if (!options.dryRun) await writeFile(markerPath(config), JSON.stringify({ target: settings.queryUrl, startedAt: marker?.startedAt ?? new Date().toISOString() } satisfies Marker));
    if (resume) out.write(`Resuming the migration to ${settings.queryUrl} started ${marker!.startedAt}.\n`);
    outcome = await migrateStore({
      source, sourceName, target, targetName, baseIri: config.hub.baseIri, replace: options.replace, resume, dryRun: options.dryRun, loader,
      batchQuads: options.batchQuads ?? (options.isql ? 1_000_000 : 100_000),
      log: (line) => out.write(`${line}\n`),
    });
  } finally {
    await source.close();
    await plain.close();
    await withEntities.close();
  }
  out.write(summary(outcome, targetName));
  if (outcome.dryRun) return 0;
  if (!outcome.verified) {
    out.write(`The configuration was NOT switched. Run \`hub store migrate --to sparql\` again to copy what differs (the embedded store is untouched).\n`);
    return 1;
  }
  const backup = await switchConfigToSparql(config.file);
  await rm(markerPath(config), { force: true });
  out.write(`Switched ${config.file} to hub.store.type: sparql; the old file is kept as ${backup}.\n`);
  const states = new StateStore(config.hub.dataDir);
  const carried = [];
  for (const s of config.sources) if ((await states.read(s.id)).connector !== undefined) carried.push(s.id);
  out.write(
    `Harvest state stays in ${config.hub.redisUrl ? 'Redis' : join(config.hub.dataDir, 'state')}: ${carried.length ? `the next harvest of ${carried.join(', ')} continues from its checkpoint` : 'no source has a checkpoint yet'}. ` +
      `The embedded store's files (${join(config.hub.dataDir, 'store')}) are left as they were; remove them once the hub runs on the remote store.\n`,
  );
  return 0;
}
