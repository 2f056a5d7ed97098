/**
 * Virtuoso for the benchmark: a private instance, started with the project's own script
 * (scripts/ci/start-virtuoso.sh, so the same settings as CI) in a temporary directory on ports
 * of its own, bulk-loaded with the benchmark's N-Quads (ld_dir + rdf_loader_run over isql) and
 * shut down at the end. A shared Virtuoso is never written to: deleting millions of quads from a
 * running Virtuoso 7.2 crashed it once (segfault), so the benchmark's data is dropped with the
 * whole instance instead.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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
  /** Buffer pool of the instance, 8 KB pages (NumberOfBuffers, MaxDirtyBuffers). @defaultValue the CI script's */
  buffers?: { number: number; maxDirty: number };
}

export function privateVirtuoso(dir: string, httpPort: number, isqlPort: number, buffers?: VirtuosoAccess['buffers']): VirtuosoAccess {
  return { dir, isql: `127.0.0.1:${isqlPort}`, password: 'dba', endpoint: `http://127.0.0.1:${httpPort}/sparql`, buffers };
}

export async function startVirtuoso(v: VirtuosoAccess): Promise<void> {
  const http = new URL(v.endpoint).port;
  const isqlPort = v.isql.split(':')[1]!;
  const buffers = v.buffers ? { VIRTUOSO_NUMBER_OF_BUFFERS: String(v.buffers.number), VIRTUOSO_MAX_DIRTY_BUFFERS: String(v.buffers.maxDirty) } : {};
  await run('bash', [projectPath('scripts/ci/start-virtuoso.sh')], {
    env: { ...process.env, VIRTUOSO_DIR: v.dir, VIRTUOSO_HTTP_PORT: http, VIRTUOSO_ISQL_PORT: isqlPort, VIRTUOSO_DBA_PASSWORD: v.password, ...buffers },
    timeout: 10 * 60_000,
  });
}

export async function isql(v: VirtuosoAccess, sql: string, timeoutMs = 30 * 60_000): Promise<string> {
  const { stdout, stderr } = await run('isql-vt', [v.isql, 'dba', v.password, `exec=${sql}`], { maxBuffer: 16 * 1024 * 1024, timeout: timeoutMs });
  if (/\*\*\* Error/.test(stdout + stderr)) throw new Error(`isql: ${stdout}${stderr}`);
  return stdout;
}

/**
 * Loads one N-Quads file of the instance's directory (ld_dir, one rdf_loader_run, checkpoint);
 * throws on any loader error. Returns how long the loader and the checkpoint took, ms.
 */
export async function loadNQuads(v: VirtuosoAccess, file: string, defaultGraph: string, timeoutMs = 30 * 60_000): Promise<{ loadMs: number; checkpointMs: number }> {
  const t0 = performance.now();
  await isql(v, `ld_dir('${v.dir}', '${file}', '${defaultGraph}');`);
  await isql(v, 'rdf_loader_run();', timeoutMs);
  const loadMs = performance.now() - t0;
  const errors = await isql(v, 'SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;');
  const t1 = performance.now();
  await isql(v, 'checkpoint;', timeoutMs);
  const checkpointMs = performance.now() - t1;
  if (!/\b0 Rows\./.test(errors)) throw new Error(`Virtuoso bulk load failed: ${errors}`);
  return { loadMs, checkpointMs };
}

/**
 * Quads in graphs whose IRI starts with `graphPrefix`, counted over isql: no HTTP time limit
 * (the SPARQL endpoint stops queries after MaxQueryExecutionTime and answers a partial count).
 */
export async function countQuadsIsql(v: VirtuosoAccess, graphPrefix: string): Promise<number> {
  const out = await isql(v, `SPARQL SELECT COUNT(*) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${graphPrefix}")) };`, 60 * 60_000);
  const m = /_{10,}\s+(\d+)\s/.exec(out);
  if (!m) throw new Error(`isql count: unexpected output ${out}`);
  return Number(m[1]);
}

/** Whether something answers SPARQL at the endpoint (any store, ours or not). */
export async function answers(endpoint: string): Promise<boolean> {
  try {
    const r = await fetch(`${endpoint}?query=${encodeURIComponent('ASK {}')}`, { signal: AbortSignal.timeout(5000) });
    await r.text();
    return true;
  } catch {
    return false;
  }
}

/** Process id of the running instance (from its lock file), if any. */
export function virtuosoPid(v: VirtuosoAccess): number | undefined {
  const lock = `${v.dir}/virtuoso.lck`;
  const m = existsSync(lock) ? /VIRT_PID=(\d+)/.exec(readFileSync(lock, 'utf8')) : null;
  return m ? Number(m[1]) : undefined;
}

/** Peak resident set (VmHWM) of the running instance, MB. */
export function virtuosoPeakRssMb(v: VirtuosoAccess): number | undefined {
  const pid = virtuosoPid(v);
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return undefined;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : undefined;
}

/** Number of quads in graphs whose IRI starts with `graphPrefix` (a read-only SPARQL count). */
export async function countQuads(v: VirtuosoAccess, graphPrefix: string): Promise<number> {
  const query = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${graphPrefix}")) }`;
  const r = await fetch(`${v.endpoint}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  const json = (await r.json()) as { results: { bindings: { n: { value: string } }[] } };
  return Number(json.results.bindings[0]!.n.value);
}

/**
 * Shuts the instance down (isql `shutdown`, which ends only the server on that port) and waits
 * until its process has exited (at most `waitMs`), so that its ports and files are free.
 */
export async function stopVirtuoso(v: VirtuosoAccess, waitMs = 10 * 60_000): Promise<void> {
  const pid = virtuosoPid(v);
  await run('isql-vt', [v.isql, 'dba', v.password, 'exec=shutdown;'], { timeout: 120_000 }).catch(() => undefined);
  for (const end = Date.now() + waitMs; pid !== undefined && existsSync(`/proc/${pid}`) && Date.now() < end; ) await sleep(250);
}
