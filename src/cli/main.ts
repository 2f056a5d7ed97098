#!/usr/bin/env node
/**
 * The `hub` command. Each subcommand explains itself with --help; configuration comes from
 * --config, else $HUB_CONFIG, else ./hub.yaml, else the bundled demo configuration.
 */
import { Command, Option } from 'commander';
import { once } from 'node:events';
import { ConfigError, errorMessage } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Hub } from '../pipeline/hub.js';

// Subcommands import what they need when they run, so `hub --help` starts fast.
const lazy = {
  app: () => import('../api/app.js'),
  hubPorts: () => import('../pipeline/hub-ports.js'),
  queuePorts: () => import('../queue/app-ports.js'),
  hub: () => import('../pipeline/hub.js'),
  logger: () => import('../core/logger.js'),
  load: () => import('./load.js'),
  fixtures: () => import('./fixture-servers.js'),
  progress: () => import('./progress.js'),
  distributed: () => import('./distributed.js'),
  jobs: () => import('./jobs.js'),
  store: () => import('./store.js'),
  links: () => import('./links.js'),
  push: () => import('./push.js'),
  demoSession: () => import('./demo-session.js'),
  demoHarvest: () => import('./demo-harvest.js'),
};

const program = new Command();
program
  .name('hub')
  .description('Culture LOD hub: harvest Flemish culture sources, map them to OSLO (RML), validate (SHACL), publish (SPARQL, REST, LDES, OAI-PMH).')
  .showHelpAfterError()
  .addOption(new Option('-c, --config <file>', 'configuration file (default: $HUB_CONFIG, ./hub.yaml, or config/demo.yaml)'));

const configOption = () => program.opts<{ config?: string }>().config;

async function openHub(configPath?: string): Promise<{ hub: Hub; log: Logger }> {
  const log = (await lazy.logger()).createLogger();
  const config = (await lazy.load()).loadHubConfig(configPath);
  const { Hub } = await lazy.hub();
  const hub = await Hub.open(config, { log: { info: (m, f) => log.info(f ?? {}, m), error: (m, f) => log.error(f ?? {}, m) } });
  return { hub, log };
}

/** Serves the API; resolves with its URL once it listens. */
async function serve(hub: Hub, log: Logger): Promise<string> {
  const { createApp, closeApp } = await lazy.app();
  // Distributed mode (hub.redisUrl / $REDIS_URL): harvests are enqueued, workers run them.
  const distributed = hub.config.hub.redisUrl ? await (await lazy.distributed()).startDistributedServe(hub, log) : undefined;
  const logError = (message: string, error: unknown) => log.error({ err: error }, message);
  const ports = (await lazy.hubPorts()).hubPorts(hub, logError);
  const app = createApp({ ...ports, ...(distributed ? (await lazy.queuePorts()).queuePorts(distributed.queues) : {}), log: logError });
  const { host, port } = hub.config.hub;
  const server = app.listen(port, host);
  await once(server, 'listening');
  const actualPort = (server.address() as { port: number }).port;
  log.info({ url: `http://${host}:${actualPort}/` }, 'serving');
  process.stderr.write(`Culture LOD hub listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}/ (SPARQL at /sparql)\n`);
  if (distributed) await distributed.startSchedules();
  else await hub.startSchedules();
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    server.close();
    closeApp(app);
    await distributed?.close();
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}/`;
}

program
  .command('serve')
  .description('Start the HTTP API (SPARQL, REST, LDES, OAI-PMH) and the configured harvest schedules.')
  .action(async () => {
    const { hub, log } = await openHub(configOption());
    await serve(hub, log);
  });

program
  .command('demo')
  .description('Start the bundled fixture sources on loopback and the hub on config/demo.yaml (what `npm start` runs).')
  .action(async () => {
    const fixtures = await (await lazy.fixtures()).startFixtureServers();
    Object.assign(process.env, fixtures.env);
    const session = await lazy.demoSession();
    // `hub harvest` from another terminal asks the demo through its admin API: give it a key.
    process.env.HUB_ADMIN_KEY ||= session.newDemoAdminKey();
    const { hub, log } = await openHub(configOption() ?? 'config/demo.yaml');
    const url = await serve(hub, log);
    // For `hub sources`, `hub harvest` … in another terminal (demo-session.ts).
    const file = session.writeDemoSession(hub.config.hub.dataDir, { pid: process.pid, url, adminKey: hub.config.hub.adminKey || undefined, env: fixtures.env });
    process.stderr.write(`Other hub commands in this folder find the demo through ${file}\n`);
  });

program
  .command('fixtures')
  .description(
    'Start only the demo’s fixture sources on loopback ports base..base+4 (for `hub worker`, `hub harvest` and `hub serve` in distributed mode) and print their DEMO_* variables as shell exports; SIGTERM or Ctrl+C stops them.',
  )
  .option('--port <port>', 'first of five ports (default: $DEMO_FIXTURE_PORT or 4100)', (v) => Number(v))
  .option('--data-dir <dir>', 'the demo data folder; the files source folder is kept beside it (default: $HUB_DATA_DIR or ./data/demo)')
  .option('--json', 'print the variables as one JSON object instead')
  .action(async (opts: { port?: number; dataDir?: string; json?: boolean }) => {
    const fixtures = await (await lazy.fixtures()).startFixtureServers({ port: opts.port, dataDir: opts.dataDir });
    const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
    process.stdout.write(opts.json ? `${JSON.stringify(fixtures.env)}\n` : Object.entries(fixtures.env).map(([k, v]) => `export ${k}=${quote(v)}\n`).join(''));
    await new Promise<void>((resolve) => {
      const stop = () => void fixtures.close().then(resolve);
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      // The servers stopping on their own ends the command too, as a failure.
      fixtures.child.once('exit', (code) => {
        if (code !== 0) process.exitCode = 1;
        resolve();
      });
    });
  });

program
  .command('harvest')
  .description('Harvest one source now (incremental unless --full), with a progress line and a final summary.')
  .argument('<source>', 'source id from the configuration')
  .option('--full', 'read everything again, ignoring the saved cursor')
  .action(async (sourceId: string, opts: { full?: boolean }) => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    const progress = (await lazy.progress()).progressReporter();
    if (config.hub.redisUrl) {
      // Distributed mode: the workers harvest (the store may be owned by `hub serve`); wait for the run.
      const run = await (await lazy.distributed()).harvestThroughQueue(config, sourceId, { full: opts.full, onProgress: (r) => progress.update(r) });
      progress.done(run);
      process.exitCode = run.status === 'completed' ? 0 : 1;
      return;
    }
    // A running demo owns the embedded store: ask it to harvest.
    const { demoSessionFor, demoAnswers } = await lazy.demoSession();
    const demo = demoSessionFor((await lazy.load()).configFile(configOption()));
    if (demo && (await demoAnswers(demo))) {
      if (!config.sources.some((s) => s.id === sourceId)) throw new Error(`No source "${sourceId}" in the configuration (known: ${config.sources.map((s) => s.id).join(', ') || 'none'})`);
      process.stderr.write(`Asking the running demo (${demo.url}, process ${demo.pid}) to harvest ${sourceId}\n`);
      const run = await (await lazy.demoHarvest()).harvestThroughDemo(demo, sourceId, { full: opts.full });
      progress.done(run);
      process.exitCode = run.status === 'completed' ? 0 : 1;
      return;
    }
    const hub = await (await lazy.hub()).Hub.open(config);
    try {
      const run = await hub.harvest(sourceId, { full: opts.full, onProgress: (r) => progress.update(r) });
      progress.done(run);
      process.exitCode = run.status === 'completed' ? 0 : 1;
    } finally {
      await hub.close();
    }
  });

program
  .command('sources')
  .description('List the configured sources with their last run, counts and state.')
  .action(async () => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    const { StateStore } = await import('../pipeline/state-store.js');
    const states = new StateStore(config.hub.dataDir);
    const rows = [['SOURCE', 'CONNECTOR', 'LAST RUN', 'STATUS', 'SEEN', 'PUBLISHED', 'REJECTED', 'DELETED', 'ERRORS']];
    for (const s of config.sources) {
      const last = (await states.read(s.id)).runs.at(-1);
      rows.push([s.id, s.connector.type, last?.finishedAt ?? '-', last?.status ?? 'never run', ...[last?.seen, last?.published, last?.rejected, last?.deleted, last?.errors].map((n) => String(n ?? 0))]);
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  });

program
  .command('worker')
  .description('Run queue workers (distributed mode: hub.redisUrl or $REDIS_URL): harvest and process jobs, and publish jobs when the store is remote.')
  .option('--concurrency <n>', 'jobs run in parallel per queue', '1')
  .option('--roles <list>', 'comma-separated: harvest,process,publish (default: harvest,process, plus publish with a remote store)')
  .option('--metrics-port <port>', 'serve this worker\'s Prometheus metrics on /metrics')
  .action(async (opts: { concurrency?: string; roles?: string; metricsPort?: string }) => {
    const log = (await lazy.logger()).createLogger();
    const config = (await lazy.load()).loadHubConfig(configOption());
    await (await lazy.distributed()).runWorker(config, log, opts);
  });

program
  .command('jobs')
  .description('List, inspect and replay queue jobs (distributed mode): jobs list [--state failed], jobs show ID, jobs retry ID.')
  .argument('[action]', 'list | show | retry', 'list')
  .argument('[id]', 'job id (show, retry)')
  .option('--state <state>', 'failed, active, waiting, delayed, completed', 'failed')
  .option('--queue <queue>', 'harvest, process or publish (default: all)')
  .option('--limit <n>', 'most jobs listed', '50')
  .option('--json', 'print JSON')
  .action(async (action: string, id: string | undefined, opts: { state?: string; queue?: string; limit?: string; json?: boolean }) => {
    // Jobs are read and replayed through Redis alone: the sources' settings (and secrets) are not needed.
    const config = (await lazy.load()).loadHubConfig(configOption(), { hubOnly: true });
    await (await lazy.jobs()).runJobs(config, action, id, opts);
  });

program
  .command('links')
  .description(
    'Curators decide on entity links: links review, links decisions, links merge A B, links never-merge A B, links split A, links withdraw ID, links cluster IRI; ' +
      'suggested authority links from other reconciliation services: links suggest [--source S], links suggestions, links accept ID, links reject ID. ' +
      'With --url (or $HUB_URL) through the running hub\'s admin API ($HUB_ADMIN_KEY), else on the configured store (the embedded one only while the hub is stopped).',
  )
  .argument('<action>', 'review | decisions | merge | never-merge | split | withdraw | cluster | suggest | suggestions | accept | reject')
  .argument('[args...]', 'hub entity IRIs (merge, never-merge: two; split, cluster: one), a decision id (withdraw) or a suggestion id (accept, reject)')
  .option('--url <url>', 'the running hub, e.g. http://localhost:3000/ (default: $HUB_URL)')
  .option('--note <text>', 'why (merge, never-merge, split)')
  .option('--curator <name>', 'who decides (default: cli)')
  .option('--limit <n>', 'pairs shown (review)')
  .option('--offset <n>', 'pairs skipped (review)')
  .option('--source <id>', 'only entities of this source (suggest)')
  .option('--json', 'print JSON')
  .action(async (action: string, args: string[], opts: { url?: string; note?: string; curator?: string; limit?: string; offset?: string; source?: string; json?: boolean }) => {
    const config = (await lazy.load()).loadHubConfig(configOption(), { hubOnly: true });
    process.exitCode = await (await lazy.links()).linksCommand(config, action, args, opts);
  });

program
  .command('push')
  .description(
    "Push a source's events into UiTdatabank now (the push that follows every run of a source with publishTo.uitdatabank), or with --dry-run list what it would send: creates, updates with field-level diffs, deletes. " +
      "With --url (or $HUB_URL) through the running hub's admin API ($HUB_ADMIN_KEY), else on the configured store (the embedded one only while the hub is stopped). Exit 1 when an event was refused or failed.",
  )
  .argument('<target>', 'uitdatabank')
  .argument('<source>', 'source id from the configuration')
  .option('--dry-run', 'send nothing: list the creates, updates and deletes a push would send')
  .option('--json', 'print JSON')
  .option('--url <url>', 'the running hub, e.g. http://localhost:3000/ (default: $HUB_URL)')
  .action(async (target: string, sourceId: string, opts: { dryRun?: boolean; json?: boolean; url?: string }) => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    // A running demo owns the embedded store: ask it, with the admin key its session file holds.
    const { demoSessionFor, demoAnswers } = await lazy.demoSession();
    const demo = opts.url || process.env.HUB_URL ? undefined : demoSessionFor((await lazy.load()).configFile(configOption()));
    if (demo && (await demoAnswers(demo))) {
      process.stderr.write(`Asking the running demo (${demo.url}, process ${demo.pid}) to ${opts.dryRun ? 'list what it would push for' : 'push'} ${sourceId}\n`);
      process.exitCode = await (await lazy.push()).pushCommand(config, target, sourceId, { ...opts, url: demo.url, adminKey: demo.adminKey });
      return;
    }
    process.exitCode = await (await lazy.push()).pushCommand(config, target, sourceId, opts);
  });

const store = program
  .command('store')
  .description('Check or repair the embedded store\'s files (dataDir/store: snapshot.nq, journal.log), or move to a remote store: store verify, store repair, store migrate.');

store
  .command('verify')
  .description('Read the snapshot and the journal through and check every checksum; print what was found. Exit 0 sound, 1 damaged. Safe while the hub runs.')
  .action(async () => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    process.exitCode = await (await lazy.store()).verifyCommand(config);
  });

store
  .command('repair')
  .description(
    'With the hub stopped: keep everything before the damage (the snapshot if sound, the journal entries before the first damaged one), ' +
      'move the damaged files aside with a timestamp, and clear the saved checkpoints of every source whose records may have been lost, ' +
      'so that its next harvest reads it from scratch (and deletes what is gone). A damaged snapshot: every source.',
  )
  .action(async () => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    process.exitCode = await (await lazy.store()).repairCommand(config);
  });

store
  .command('migrate')
  .description(
    'With the hub stopped: copy the embedded store into the remote SPARQL store configured beside it (hub.store.queryUrl …) by bulk load, ' +
      'verify by counts (quads per graph and in total), then switch the configuration file to hub.store.type: sparql (keeping a backup). ' +
      'Refuses a target that holds graphs under the base IRI unless --replace; a rerun after an interruption copies what is still missing.',
  )
  .requiredOption('--to <type>', 'the store to move to: sparql')
  .option('--dry-run', 'count and plan only; write nothing')
  .option('--replace', 'overwrite what the target holds under the base IRI')
  .option('--isql <host:port>', "load through Virtuoso's bulk loader (ld_dir, rdf_loader_run) over isql; the store must run on this machine")
  .option('--load-dir <dir>', 'with --isql: a folder in Virtuoso\'s DirsAllowed for the N-Quads files')
  .option('--batch-quads <n>', 'quads per load', (v) => Number(v))
  .action(async (opts: { to: string; dryRun?: boolean; replace?: boolean; isql?: string; loadDir?: string; batchQuads?: number }) => {
    const config = (await lazy.load()).loadHubConfig(configOption());
    process.exitCode = await (await import('./store-migrate.js')).migrateCommand(config, opts);
  });

program
  .command('check-config')
  .description('Validate the configuration file and list every problem by path.')
  .action(async () => {
    const { loadHubConfig, configFile } = await lazy.load();
    const config = loadHubConfig(configOption());
    process.stdout.write(`${configFile(configOption())}: ${config.sources.length} source(s), configuration is valid\n`);
  });

program
  .command('map')
  .description('Run an RML (.ttl) or YARRRML (.yml) mapping over the input files it names (resolved from the mapping file\'s folder) and write N-Quads to stdout.')
  .argument('<mapping>', 'mapping file: RML Turtle or YARRRML')
  .option('--base <iri>', 'base IRI for relative IRIs', 'http://example.com/base/')
  .action(async (mapping: string, opts: { base: string }) => {
    const { runMappingFile } = await import('../mapping/run-mapping-file.js');
    await runMappingFile(mapping, { baseIri: opts.base, out: process.stdout });
  });

program
  .command('validate')
  .description('Validate an RDF file against SHACL shapes; exit 0 conforms, 1 violations, 2 error. One file may hold data and shapes.')
  .requiredOption('--data <file>', 'data file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML)')
  .option('--shapes <file>', 'shapes file (omit when the data file holds the shapes)')
  .option('--format <format>', 'report format: text, ttl, json, html, csv', 'text')
  .action(async (opts: { data: string; shapes?: string; format: string }) => {
    const { validateFiles } = await import('../reports/validate-files.js');
    const result = await validateFiles({ data: opts.data, shapes: opts.shapes, format: opts.format as never });
    process.stdout.write(result.output);
    process.exitCode = result.exitCode;
  });

program
  .command('export')
  .description('Export published records; `hub export edm` writes one EDM (RDF/XML) file per heritage object, as Metis accepts in a zip upload.')
  .argument('<format>', 'edm')
  .option('--set <set>', 'only this OAI set (org:…, source:…) or organisation name')
  .option('--out <dir>', 'output folder', 'export/edm')
  .action(async (format: string, opts: { set?: string; out: string }) => {
    if (format !== 'edm') throw new Error(`unknown export format "${format}" (known: edm)`);
    const config = (await lazy.load()).loadHubConfig(configOption());
    const hub = await (await lazy.hub()).Hub.open(config, { readOnly: true });
    try {
      const { exportEdm } = await import('../publication/edm/export-edm.js');
      const { RightsMap } = await import('../publication/edm/rights-map.js');
      const result = await exportEdm({
        store: hub.store,
        rightsMap: RightsMap.load().withSourceDeclarations(config.sources),
        set: opts.set,
        outDir: opts.out,
        provider: config.hub.aggregator,
        organisations: Object.fromEntries(config.sources.map((s) => [s.id, s.organisation])),
      });
      process.stdout.write(`${result.files.length} EDM record(s) written to ${result.outDir}; ${result.withheld.length} withheld (see withheld.tsv)\n`);
    } finally {
      await hub.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hub: ${errorMessage(error)}\n`);
  process.exit(1);
});
