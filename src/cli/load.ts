/** Loads the configuration for a command, with every connector registered and checked. */
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/load.js';
import type { HubConfig } from '../config/schema.js';
import { checkConnectorSettingsLight } from './connector-settings.js';

export function configFile(option?: string): string {
  const file = option ?? process.env.HUB_CONFIG ?? 'hub.yaml';
  if (!existsSync(file) && !option && !process.env.HUB_CONFIG) return 'config/demo.yaml';
  return file;
}

/** `hubOnly`: the `hub` block alone, for commands that never harvest (no source's secrets needed). */
export function loadHubConfig(option?: string, options: { hubOnly?: boolean } = {}): HubConfig {
  const config = loadConfig(configFile(option), options.hubOnly ? { hubOnly: true } : { checkConnector: checkConnectorSettingsLight });
  // $REDIS_URL switches any configuration to distributed mode (containers set it).
  if (!config.hub.redisUrl && process.env.REDIS_URL) config.hub.redisUrl = process.env.REDIS_URL;
  return config;
}
