/**
 * Reads the configuration file: YAML, `${VAR}` / `${VAR:-default}` from the environment (the
 * only place secrets come from), zod validation, and file checks. Every problem is reported by
 * its path (`sources[2].mapping: file not found`) in one ConfigError, so start-up fails once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { declaredRightsProblem } from './edm-rights.js';
import { ConfigError } from '../core/errors.js';
import { ConfigSchema, type HubConfig } from './schema.js';

export type ConnectorSettingsCheck = (settings: Record<string, unknown>) => string[];

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** Checks a source's `connector` block; returns problems as `key: message`. */
  checkConnector?: ConnectorSettingsCheck;
  /**
   * Read the `hub` block only, leaving `sources` out (empty): their variables (secrets) are not
   * resolved. For commands that never harvest, such as `hub jobs`.
   */
  hubOnly?: boolean;
}

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${VAR} and ${VAR:-default} in every string of a parsed YAML tree. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/.exec(value);
    const replaced = value.replace(VAR, (_m, name: string, fallback?: string) => {
      const v = env[name] ?? fallback;
      if (v === undefined) {
        problems.push(`${path}: environment variable ${name} is not set`);
        return '';
      }
      return v;
    });
    // A value that is only ${PORT} may be meant as a number.
    if (whole && /^\d+$/.test(replaced)) return Number(replaced);
    return replaced;
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}[${i}]`, problems));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, env, path ? `${path}.${k}` : k, problems)]));
  }
  return value;
}

function issuePath(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

/** A write-back problem names its source by id too (`… (source ticketmatic)`): the house's admin looks for the id, not the index. */
function sourceNote(path: (string | number)[], raw: unknown): string {
  if (path[0] !== 'sources' || typeof path[1] !== 'number' || path[2] !== 'publishTo') return '';
  const id = ((raw as { sources?: { id?: unknown }[] }).sources?.[path[1]] ?? {}).id;
  return typeof id === 'string' ? ` (source ${id})` : '';
}

export function parseConfig(text: string, file: string | undefined, options: LoadConfigOptions = {}): HubConfig {
  const baseDir = file ? dirname(resolve(file)) : process.cwd();
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError([`(file): not valid YAML: ${(error as Error).message}`], file);
  }
  if (options.hubOnly && raw && typeof raw === 'object') raw = { ...raw, sources: [] };
  const interpolated = interpolate(raw, options.env ?? process.env, '', problems);
  const parsed = ConfigSchema.safeParse(interpolated);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issuePath(issue.path)}${sourceNote(issue.path, interpolated)}: ${issue.message}`);
    throw new ConfigError(problems, file);
  }
  const config = parsed.data;
  const ids = new Set<string>();
  config.sources.forEach((source, i) => {
    if (ids.has(source.id)) problems.push(`sources[${i}].id: "${source.id}" is used twice`);
    ids.add(source.id);
    if (!existsSync(resolve(baseDir, source.mapping))) problems.push(`sources[${i}].mapping: file not found (${source.mapping})`);
    source.shapes.forEach((s, j) => {
      if (!existsSync(resolve(baseDir, s))) problems.push(`sources[${i}].shapes[${j}]: file not found (${s})`);
    });
    for (const p of options.checkConnector?.(source.connector) ?? []) problems.push(`sources[${i}].connector.${p}`);
    const rights = source.europeana.defaultRights;
    const rightsProblem = rights === undefined ? undefined : declaredRightsProblem(rights);
    if (rightsProblem) problems.push(`sources[${i}].europeana.defaultRights: ${rightsProblem}`);
  });
  if (!config.hub.baseIri.endsWith('/')) problems.push('hub.baseIri: must end with a slash');
  if (config.hub.store.type === 'sparql' && !config.hub.store.queryUrl) problems.push('hub.store.queryUrl: required when hub.store.type is sparql');
  if (problems.length > 0) throw new ConfigError(problems, file);
  return { ...config, baseDir, file };
}

export function loadConfig(file: string, options: LoadConfigOptions = {}): HubConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`(file): cannot read ${file}: ${(error as Error).message}`], file);
  }
  return parseConfig(text, file, options);
}

/** Resolves a path from the configuration against the configuration file's folder. */
export const configPath = (config: HubConfig, path: string) => resolve(config.baseDir, path);

const SECRET_KEY = /secret|password|passwd|token|apikey|api_key|adminkey|key$|^authorization$/i;

/** A copy safe to log or show: values of secret-looking keys replaced. */
export function redact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redact) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== undefined && typeof v !== 'object' ? '***' : redact(v)])) as T;
  }
  return value;
}
