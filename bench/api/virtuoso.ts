/**
 * Virtuoso for the benchmark: a private instance, started with the project's own script
 * (scripts/ci/start-virtuoso.sh, so the same settings as CI) in a temporary directory on ports
 * of its own, bulk-loaded with the benchmark's N-Quads (ld_dir + rdf_loader_run over isql) and
 * shut down at the end. A shared Virtuoso is never written to: deleting millions of quads from a
 * running Virtuoso 7.2 crashed it once (segfault), so the benchmark's data is dropped with the
 * whole instance instead.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { projectPath } from '../../src/core/paths.js';

const run = promisify(execFile);

export interface VirtuosoAccess {
  /** Directory of the instance (its database, log and the files it may load). */
  dir: string;
  /** isql host:port */
  isql: string;
  password: string;
  /** SPARQL endpoint, e.g. http://127.0.0.1:8891/sparql */
  endpoint: string;
}

export function privateVirtuoso(dir: string, httpPort: number, isqlPort: number): VirtuosoAccess {
  return { dir, isql: `127.0.0.1:${isqlPort}`, password: 'dba', endpoint: `http://127.0.0.1:${httpPort}/sparql` };
}

export async function startVirtuoso(v: VirtuosoAccess): Promise<void> {
  const http = new URL(v.endpoint).port;
  const isqlPort = v.isql.split(':')[1]!;
  await run('bash', [projectPath('scripts/ci/start-virtuoso.sh')], {
    env: { ...process.env, VIRTUOSO_DIR: v.dir, VIRTUOSO_HTTP_PORT: http, VIRTUOSO_ISQL_PORT: isqlPort, VIRTUOSO_DBA_PASSWORD: v.password },
    timeout: 10 * 60_000,
  });
}

export async function isql(v: VirtuosoAccess, sql: string): Promise<string> {
  const { stdout, stderr } = await run('isql-vt', [v.isql, 'dba', v.password, `exec=${sql}`], { maxBuffer: 16 * 1024 * 1024, timeout: 30 * 60_000 });
  if (/\*\*\* Error/.test(stdout + stderr)) throw new Error(`isql: ${stdout}${stderr}`);
  return stdout;
}

/** Loads one N-Quads file of the instance's directory; throws on any loader error. */
export async function loadNQuads(v: VirtuosoAccess, file: string, defaultGraph: string): Promise<void> {
  await isql(v, `ld_dir('${v.dir}', '${file}', '${defaultGraph}');`);
  await isql(v, 'rdf_loader_run();');
  const errors = await isql(v, 'SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;');
  await isql(v, 'checkpoint;');
  if (!/\b0 Rows\./.test(errors)) throw new Error(`Virtuoso bulk load failed: ${errors}`);
}

/** Number of quads in graphs whose IRI starts with `graphPrefix` (a read-only SPARQL count). */
export async function countQuads(v: VirtuosoAccess, graphPrefix: string): Promise<number> {
  const query = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${graphPrefix}")) }`;
  const r = await fetch(`${v.endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  const json = (await r.json()) as { results: { bindings: { n: { value: string } }[] } };
  return Number(json.results.bindings[0]!.n.value);
}

/** Shuts the instance down (isql `shutdown`, which ends only the server on that port). */
export async function stopVirtuoso(v: VirtuosoAccess): Promise<void> {
  await run('isql-vt', [v.isql, 'dba', v.password, 'exec=shutdown;'], { timeout: 120_000 }).catch(() => undefined);
}
