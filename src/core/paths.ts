/** Where the project's data folders are, whether running from src/ (tests) or dist/ (built). */
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'ontologies'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

export const projectPath = (...parts: string[]) => resolve(projectRoot, ...parts);

/**
 * A file's name as the hub shows it to the public (provenance, /sources, reports): relative to
 * the project or one of `roots` when inside, else its base name. An absolute path tells a
 * visitor how the server is laid out, and is of no use to them.
 */
export function shownPath(file: string, roots: string[] = []): string {
  const absolute = resolve(file);
  for (const root of [projectRoot, ...roots]) {
    const rel = relative(resolve(root), absolute);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel.split(sep).join('/');
  }
  return basename(absolute);
}

/**
 * A message (a run's failure, a record's problem) with the server's directories taken out: a
 * path under one of `dirs` becomes its part below that directory, the directory alone its base
 * name. Run reports are public; the log keeps the full message.
 */
export function withoutDirs(message: string, dirs: string[]): string {
  const absolute = [...new Set([...dirs, projectRoot].map((d) => resolve(d)))].filter((d) => d !== sep).sort((a, b) => b.length - a.length);
  let text = message;
  for (const d of absolute) text = text.split(`${d}${sep}`).join('').split(d).join(basename(d));
  return text;
}
