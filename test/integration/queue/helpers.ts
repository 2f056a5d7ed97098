/** Shared by the queue and fault tests: is Redis there, a config for the LDES fixture, polling. */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseConfig } from '../../../src/config/load.js';
import type { HubConfig } from '../../../src/config/schema.js';
import { checkConnectorSettings } from '../../../src/pipeline/source-runtime.js';
import { listening } from '../../helpers/services.js';

export const REPO = join(import.meta.dirname ?? process.cwd(), '../../..');

/** Whether something answers on host:port within a second (the services helper's check). */
export const reachable = listening;

export const uniquePrefix = () => `t${randomUUID().slice(0, 8)}`;

/** The YAML of a one-source hub on the LDES fixture (paths relative to config/). */
export function configYaml(o: { ldesUrl: string; dataDir: string; redisUrl: string; prefix: string; port?: number; lockMs?: number; attempts?: number; backoffMs?: number; store?: string; baseIri?: string; adminKey?: string; shapes?: string }): string {
  return `hub:
  baseIri: ${o.baseIri ?? 'http://hub.test/'}
  dataDir: ${o.dataDir}
  port: ${o.port ?? 0}
  redisUrl: ${o.redisUrl}
${o.adminKey ? `  adminKey: ${o.adminKey}\n` : ''}${o.store ?? ''}  queue:
    prefix: ${o.prefix}
    lockMs: ${o.lockMs ?? 3000}
    attempts: ${o.attempts ?? 8}
    backoffMs: ${o.backoffMs ?? 300}
sources:
  - id: dmg
    organisation: Design Museum Gent
    connector: { type: ldes, url: "${o.ldesUrl}", pollIntervalSeconds: 3600 }
    mapping: ${join(REPO, 'mappings/ghent-ldes.yml')}
    ownIriPrefixes: [https://stad.gent/id/]
    shapes: [${o.shapes ?? join(REPO, 'shapes/oslo-ce-object-2021.ttl')}]
    entityType: mensgemaaktobject
    onViolation: warn
    schedule: { onStart: never }
`;
}

export function testConfig(yaml: string): HubConfig {
  return parseConfig(yaml, join(REPO, 'config', 'test.yaml'), { checkConnector: checkConnectorSettings });
}

/** Polls `check` every `everyMs` until it returns a value, at most `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const RECORD_GRAPHS = (base: string) =>
  `SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${base}graph/dmg/") && !STRENDS(STR(?g), "/provenance") && !STRENDS(STR(?g), "/matching")) }`;
