/** Loads the configuration for a command, with every connector registered and checked. */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import type { HubConfig } from '../config/schema.js';
import { checkConnectorSettingsLight } from './connector-settings.js';
import { demoSessionFor, withDemoEnv } from './demo-session.js';

export function configFile(option?: string): string {
  const file = option ?? process.env.HUB_CONFIG ?? 'hub.yaml';
  if (!existsSync(file) && !option && !process.env.HUB_CONFIG) return 'config/demo.yaml';
  return file;
}

/**
 * `hubOnly`: the `hub` block alone, for commands that never harvest (no source's secrets needed).
 * DEMO_* variables the environment lacks come from a running (or the last) `hub demo` of the same
 * data folder (demo-session.ts), so `hub sources` works in a second terminal after `npm start`.
 */
export function loadHubConfig(option?: string, options: { hubOnly?: boolean } = {}): HubConfig {
  const file = configFile(option);
  const env = withDemoEnv(process.env, demoSessionFor(file));
  const config = loadConfig(file, options.hubOnly ? { hubOnly: true, env } : { checkConnector: checkConnectorSettingsLight, env });
  // $REDIS_URL switches any configuration to distributed mode (containers set it).
  if (!config.hub.redisUrl && process.env.REDIS_URL) config.hub.redisUrl = process.env.REDIS_URL;
  return config;
}
