/**
 * What a running `hub demo` leaves for `hub` commands started from another terminal:
 * `<dataDir>/demo-session.json` (mode 0600) with the demo's process id, its URL, its admin key and
 * the DEMO_* variables of its fixture sources. A command whose configuration reads DEMO_* variables
 * that are not set takes them from there (the fixture ports are fixed, so they hold after a
 * restart too), and `hub harvest` asks the running demo to harvest, since the demo's process owns
 * the embedded store. Variables set in the environment always win.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config/load.js';

export const DEMO_SESSION_FILE = 'demo-session.json';

export interface DemoSession {
  pid: number;
  /** The demo's base URL, e.g. http://127.0.0.1:3000/ */
  url: string;
  adminKey?: string;
  /** The DEMO_* variables config/demo.yaml reads. */
  env: Record<string, string>;
}

/** A key for the demo's admin routes when the configuration sets none (the CLI reads it from the session file). */
export const newDemoAdminKey = (): string => randomBytes(24).toString('base64url');

export function writeDemoSession(dataDir: string, session: DemoSession): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DEMO_SESSION_FILE);
  const env = Object.fromEntries(Object.entries(session.env).filter(([k]) => k.startsWith('DEMO_')));
  // Written aside and renamed, so a command never reads half a file; 0600: it holds the admin key.
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ ...session, env }, null, 1)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return file;
}

export function readDemoSession(dataDir: string): DemoSession | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, DEMO_SESSION_FILE), 'utf8')) as Partial<DemoSession>;
    if (typeof parsed.url !== 'string' || typeof parsed.pid !== 'number' || !parsed.env || typeof parsed.env !== 'object') return undefined;
    const env = Object.fromEntries(Object.entries(parsed.env).filter(([k, v]) => k.startsWith('DEMO_') && typeof v === 'string')) as Record<string, string>;
    return { pid: parsed.pid, url: parsed.url, env, ...(typeof parsed.adminKey === 'string' ? { adminKey: parsed.adminKey } : {}) };
  } catch {
    return undefined;
  }
}

/** True while the process that wrote the session runs (signal 0 tests without signalling). */
export function demoRunning(session: DemoSession): boolean {
  try {
    process.kill(session.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the demo that wrote the session still runs and answers on its URL: a process id can
 * be reused after a crash, so the process alone does not say the demo is there.
 */
export async function demoAnswers(session: DemoSession, timeoutMs = 2000): Promise<boolean> {
  if (!demoRunning(session)) return false;
  try {
    await fetch(new URL('health', session.url), { signal: AbortSignal.timeout(timeoutMs) });
    return true;
  } catch {
    return false;
  }
}

/**
 * The demo session of the data folder a configuration file names, if a demo left one: read from
 * the file's `hub` block alone (its sources' variables may be the very ones missing).
 */
export function demoSessionFor(file: string, env: NodeJS.ProcessEnv = process.env): DemoSession | undefined {
  let dataDir: string;
  try {
    dataDir = loadConfig(file, { hubOnly: true, env }).hub.dataDir;
  } catch {
    return undefined;
  }
  return readDemoSession(dataDir);
}

/** The environment with the demo's DEMO_* variables under it: those set already win. */
export function withDemoEnv(env: NodeJS.ProcessEnv, session: DemoSession | undefined): NodeJS.ProcessEnv {
  return session ? { ...session.env, ...env } : env;
}
