/**
 * Virtuoso's own bulk loader for `hub store migrate` when the store runs on this machine: the
 * graphs go as an N-Quads file into a folder Virtuoso may read (DirsAllowed in virtuoso.ini), then
 * `ld_dir` + `rdf_loader_run()` + `checkpoint` over isql, the loading path Virtuoso documents
 * for large data (scripts/ci/start-virtuoso.sh and bench/api/virtuoso.ts load it so too).
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { namedNode, quad, toNQuads } from '../core/rdf.js';
import type { GraphLoader } from './migrate.js';

const run = promisify(execFile);

export interface IsqlAccess {
  /** isql host:port, e.g. 127.0.0.1:1111. */
  address: string;
  user: string;
  password: string;
  /** A folder in Virtuoso's DirsAllowed, on this machine. */
  loadDir: string;
  /** The isql client. @defaultValue isql-vt (Debian's name) */
  command?: string;
  timeoutMs?: number;
}

/** Runs one SQL statement over isql; an `*** Error` answer is an error. */
export async function isqlExec(access: IsqlAccess, sql: string): Promise<string> {
  const { stdout, stderr } = await run(access.command ?? 'isql-vt', [access.address, access.user, access.password, `exec=${sql}`], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: access.timeoutMs ?? 60 * 60_000,
  });
  if (/\*\*\* Error/.test(stdout + stderr)) throw new Error(`isql ${access.address}: ${(stdout + stderr).trim()}`);
  return stdout;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function isqlLoader(access: IsqlAccess): GraphLoader {
  return async (graphs) => {
    const file = `hub-migrate-${randomUUID()}.nq`;
    const path = join(access.loadDir, file);
    await writeFile(path, graphs.map((g) => toNQuads(g.quads.map((q) => quad(q.subject, q.predicate, q.object, namedNode(g.graph))))).join(''));
    try {
      // The file is found by strstr: a LIKE pattern with % failed to parse when sent through isql exec=.
      // N-Quads name every quad's graph; the third argument only serves lines without one (none).
      await isqlExec(access, `ld_dir(${sqlString(access.loadDir)}, ${sqlString(file)}, 'urn:hub:migrate:unused');`);
      await isqlExec(access, 'rdf_loader_run();');
      const errors = await isqlExec(access, `SELECT ll_error FROM DB.DBA.load_list WHERE strstr(ll_file, ${sqlString(file)}) IS NOT NULL AND ll_error IS NOT NULL;`);
      if (!/\b0 Rows\./.test(errors)) throw new Error(`the bulk loader refused ${file}: ${errors.trim()}`);
      await isqlExec(access, 'checkpoint;');
    } finally {
      await rm(path, { force: true });
    }
  };
}
