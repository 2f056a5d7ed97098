/**
 * Files connector: every matching file in a folder, one record per row or element. A run
 * skips files whose mtime and size are unchanged, re-reads the others, and yields only rows
 * whose content hash changed; rows gone from a file and files gone from the folder become
 * deletes (unless the id shows up in another file). A checkpoint follows every file; ids a
 * file dropped ride in the checkpoint (`pendingDeletes`) until the run ends, so a crash
 * after a file was read loses none of its deletes.
 *
 * Every run lists the whole folder: the ids it yields no record for (unchanged files and rows)
 * are named in `present` messages, and the run ends with a `listing` message, so the pipeline
 * also deletes published records that no file holds any more although the saved state never
 * knew them (a run killed before its first checkpoint). A file that cannot be read, or rows
 * whose id cannot be made out in a file the state knows nothing of, make the listing incomplete.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { errorMessage } from '../../core/errors.js';
import type { CheckResult, Connector, ConnectorMessage, ReadOptions } from '../contract.js';
import type { FileRule, FilesConfig } from './config.js';
import { FileFormatError, formatOf, readFileRows } from './file-readers.js';

export interface FileEntryState {
  mtimeMs: number;
  size: number;
  /** sha256 of the whole file. */
  hash: string;
  /** Record id → sha256 of the record body. */
  rows: Record<string, string>;
}

export interface FilesState {
  files: Record<string, FileEntryState>;
  /** Ids dropped by files read so far in an unfinished run. */
  pendingDeletes?: string[];
}

type Message = ConnectorMessage<FilesState>;

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** `*` and `?` wildcards over a whole file name. */
export function matchesPattern(name: string, pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

export function ruleFor(name: string, rules: FileRule[]): FileRule | undefined {
  return rules.find((rule) => matchesPattern(name, rule.match) && formatOf(name, rule) !== undefined);
}

export class FilesConnector implements Connector<FilesConfig, FilesState> {
  readonly type = 'files';

  async check(config: FilesConfig): Promise<CheckResult> {
    try {
      const names = await this.list(config);
      return { ok: true, message: `${names.length} matching file(s) in ${resolve(config.folder)}` };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  private async list(config: FilesConfig): Promise<string[]> {
    const entries = await readdir(resolve(config.folder), { withFileTypes: true });
    // Dot-files include uploads still being written (see upload.ts).
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.') && ruleFor(e.name, config.rules)).map((e) => e.name).sort();
  }

  async *read(config: FilesConfig, state: FilesState | undefined, sourceId: string, options: ReadOptions = {}): AsyncIterable<Message> {
    const folder = resolve(config.folder);
    const files: Record<string, FileEntryState> = structuredClone(state?.files ?? {});
    const pending = new Set(state?.pendingDeletes ?? []);
    const names = await this.list(config);
    const snapshot = (): FilesState => ({ files: structuredClone(files), pendingDeletes: [...pending].sort() });
    /** What keeps this run's listing from being complete. */
    const unlisted: string[] = [];
    const present = (ids: string[]): Message[] => (ids.length > 0 ? [{ type: 'present', sourceId, recordIds: ids }] : []);

    for (const gone of Object.keys(files).filter((name) => !names.includes(name))) {
      for (const id of Object.keys(files[gone].rows)) pending.add(id);
      delete files[gone];
    }
    let done = 0;
    for (const name of names) {
      const path = join(folder, name);
      const rule = ruleFor(name, config.rules)!;
      const info = await stat(path);
      const before = files[name];
      done++;
      if (!options.full && before && before.mtimeMs === info.mtimeMs && before.size === info.size) {
        yield* present(Object.keys(before.rows));
        continue;
      }
      const content = await readFile(path);
      const hash = sha256(content);
      if (!options.full && before?.hash === hash) {
        files[name] = { ...before, mtimeMs: info.mtimeMs, size: info.size };
        yield* present(Object.keys(before.rows));
        continue;
      }
      let parsed: Awaited<ReturnType<typeof readFileRows>>;
      try {
        parsed = await readFileRows(path, name, rule, content, config);
      } catch (error) {
        if (!(error instanceof FileFormatError)) throw error;
        // Keep the file's last good state: an unreadable upload must not delete its records.
        yield { type: 'error', sourceId, recordId: name, page: name, message: `${name}: ${error.message}` };
        unlisted.push(`${name} could not be read`);
        continue;
      }
      for (const problem of parsed.problems) {
        yield { type: 'error', sourceId, recordId: problem.id ?? `${name} ${problem.locator}`, page: name, message: `${name} ${problem.locator}: ${problem.message}` };
      }
      const rows: Record<string, string> = {};
      const unchanged: string[] = [];
      const modified = new Date(info.mtimeMs).toISOString();
      for (const row of parsed.rows) {
        if (rows[row.id] !== undefined) {
          yield { type: 'error', sourceId, recordId: row.id, page: name, message: `${name} ${row.locator}: id ${row.id} appears more than once; the first one is kept` };
          continue;
        }
        rows[row.id] = sha256(row.body);
        pending.delete(row.id);
        if (!options.full && before?.rows[row.id] === rows[row.id]) {
          unchanged.push(row.id);
          continue;
        }
        yield {
          type: 'record',
          record: {
            sourceId, recordId: row.id, mediaType: row.mediaType, body: row.body, modified,
            meta: { file: name, format: formatOf(name, rule), entity: rule.entity, locator: row.locator, organisation: row.organisation ?? rule.organisation },
          },
        };
      }
      // A row that could not be read names its id where it could be made out (its error mentions it);
      // one without an id may be a row published before: the ids the file last had stay, until it reads clean.
      const anonymous = parsed.problems.filter((p) => p.id === undefined);
      if (anonymous.length > 0) {
        if (before) {
          for (const [id, rowHash] of Object.entries(before.rows)) {
            if (rows[id] !== undefined) continue;
            rows[id] = rowHash;
            unchanged.push(id);
          }
        } else {
          unlisted.push(`${name} ${anonymous[0]!.locator} could not be read and the file was not read before`);
        }
      }
      for (const id of Object.keys(before?.rows ?? {})) if (rows[id] === undefined) pending.add(id);
      files[name] = { mtimeMs: info.mtimeMs, size: info.size, hash, rows };
      yield* present(unchanged);
      yield { type: 'progress', pages: done, note: `read ${name}` };
      yield { type: 'checkpoint', state: snapshot() };
    }

    const held = new Set(Object.values(files).flatMap((f) => Object.keys(f.rows)));
    for (const id of [...pending].sort()) {
      if (!held.has(id)) yield { type: 'delete', sourceId, recordId: id };
    }
    yield unlisted.length === 0 ? { type: 'listing', complete: true } : { type: 'listing', complete: false, reason: unlisted.join('; ') };
    yield { type: 'checkpoint', state: { files } };
  }
}
