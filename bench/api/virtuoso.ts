/**
 * Virtuoso for the benchmark: bulk-loads the benchmark's N-Quads file (ld_dir + rdf_loader_run over
 * isql) and removes every quad in the benchmark's graph namespace afterwards, leaving the data of
 * others in a shared Virtuoso alone.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface VirtuosoAccess {
  /** isql host:port. @defaultValue 127.0.0.1:1111 */
  isql: string;
  user: string;
  password: string;
  /** SPARQL endpoint, e.g. http://127.0.0.1:8890/sparql */
  endpoint: string;
}

export async function isql(v: VirtuosoAccess, sql: string): Promise<string> {
  const { stdout } = await run('isql-vt', [v.isql, v.user, v.password, `exec=${sql}`], { maxBuffer: 16 * 1024 * 1024, timeout: 30 * 60_000 });
  if (/\*\*\* Error/.test(stdout)) throw new Error(`isql: ${stdout}`);
  return stdout;
}

/** Loads one N-Quads file (which must lie in a directory of Virtuoso's DirsAllowed); returns the load_list errors. */
export async function loadNQuads(v: VirtuosoAccess, dir: string, file: string, defaultGraph: string): Promise<void> {
  await isql(v, `ld_dir('${dir}', '${file}', '${defaultGraph}');`);
  await isql(v, 'rdf_loader_run();');
  const errors = await isql(v, `SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_file LIKE '${dir}/%' AND ll_error IS NOT NULL;`);
  await isql(v, 'checkpoint;');
  if (!/\b0 Rows\./.test(errors)) throw new Error(`Virtuoso bulk load failed: ${errors}`);
}

/** Deletes every quad whose graph IRI starts with `graphPrefix`, and the loader's list entries for `dir`. */
export async function clearNamespace(v: VirtuosoAccess, graphPrefix: string, dir: string): Promise<void> {
  await isql(v, `log_enable(3,1); DELETE FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE '${graphPrefix}%';`);
  await isql(v, `DELETE FROM DB.DBA.load_list WHERE ll_file LIKE '${dir}/%';`);
  await isql(v, 'checkpoint;');
}

/** Number of quads in graphs under `graphPrefix`. */
export async function countNamespace(v: VirtuosoAccess, graphPrefix: string): Promise<number> {
  const out = await isql(v, `SELECT COUNT(*) FROM DB.DBA.RDF_QUAD WHERE id_to_iri(G) LIKE '${graphPrefix}%';`);
  const m = /_{5,}\s+(\d+)/.exec(out);
  if (!m) throw new Error(`unexpected isql answer: ${out}`);
  return Number(m[1]);
}
