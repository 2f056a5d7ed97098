/**
 * Real processes for the fault tests: `hub serve` (API + the embedded store's publish worker)
 * and `hub worker` children from dist/ (built by `npm test` before jest runs), a config file in a
 * temporary folder, and readers of the outcome (record graphs through /sparql, runs in Redis).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO, waitFor } from '../integration/queue/helpers.js';

export const MAIN = join(REPO, 'dist/src/cli/main.js');
export const built = () => existsSync(MAIN);

export interface HubProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr (its JSON logs) so far. */
  output(): string;
  /** Resolves with the exit code/signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startHub(args: string[], configFile: string, env: NodeJS.ProcessEnv = {}): HubProcess {
  const child = spawn(process.execPath, [MAIN, '--config', configFile, ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

export async function startServe(configFile: string, env?: NodeJS.ProcessEnv): Promise<HubProcess & { url: string }> {
  const p = startHub(['serve'], configFile, env);
  const url = await waitFor('hub serve to listen', async () => /listening on (http:\/\/[^/\s]+\/)/.exec(p.output())?.[1], 30000);
  return { ...p, url };
}

export async function startWorker(configFile: string, extra: string[] = [], env?: NodeJS.ProcessEnv): Promise<HubProcess> {
  const p = startHub(['worker', ...extra], configFile, env);
  await waitFor('hub worker to be ready', async () => p.output().includes('ready ('), 30000);
  return p;
}

export async function stop(p: HubProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 15000);
  await p.exited;
  clearTimeout(timer);
}

export async function writeConfig(dir: string, yaml: string): Promise<string> {
  const file = join(dir, 'hub.yaml');
  await writeFile(file, yaml);
  return file;
}

/** Number of record graphs of source dmg, counted by the hub's SPARQL endpoint. */
export async function countRecordGraphs(apiUrl: string, base: string): Promise<number> {
  const query = `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}graph/dmg/") && !STRENDS(STR(?g), "/provenance") && !STRENDS(STR(?g), "/matching")) }`;
  const res = await fetch(`${apiUrl}sparql?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } });
  if (!res.ok) throw new Error(`SPARQL answered ${res.status}`);
  const json = (await res.json()) as { results: { bindings: { n: { value: string } }[] } };
  return Number(json.results.bindings[0]!.n.value);
}
