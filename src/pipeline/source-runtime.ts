/** Builds what a source needs to run from its configuration: connector, mapper, validator. */
import { findConnector, connectorTypes } from '../connectors/index.js';
import { configPath } from '../config/load.js';
import type { HubConfig, SourceConfig } from '../config/schema.js';
import type { Connector } from '../connectors/contract.js';
import { ConfigError } from '../core/errors.js';
import { loadRecordMapper } from '../mapping/load-mapper.js';
import type { RecordMapper } from '../mapping/mapper.js';
import { ShaclValidator } from '../validation/shacl-validator.js';
import type { RecordValidator } from '../validation/validator.js';

/** What one source runs with: its connector, mapper and validator, built once per process. */
export interface SourceRuntime {
  source: SourceConfig;
  connector: Connector;
  /** The connector block, parsed by the connector's schema. */
  connectorConfig: unknown;
  mapper: RecordMapper;
  validator: RecordValidator;
}

/** Problems with a `connector` block as `key: message`, for the config loader. */
export function checkConnectorSettings(settings: Record<string, unknown>): string[] {
  const type = String(settings.type ?? '');
  const definition = findConnector(type);
  if (!definition) return [`type: unknown connector "${type}" (known: ${connectorTypes().join(', ')})`];
  const parsed = definition.configSchema.safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(block)'}: ${i.message}`);
}

export async function buildRuntime(config: HubConfig, source: SourceConfig): Promise<SourceRuntime> {
  const definition = findConnector(source.connector.type);
  if (!definition) throw new ConfigError([`sources.${source.id}.connector.type: unknown connector "${source.connector.type}"`]);
  const parsed = definition.configSchema.safeParse(source.connector);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `sources.${source.id}.connector.${i.path.join('.')}: ${i.message}`));
  const mapper = await loadRecordMapper(configPath(config, source.mapping));
  const validator = ShaclValidator.fromFiles(source.shapes.map((s) => configPath(config, s)));
  return { source, connector: definition.create(), connectorConfig: parsed.data, mapper, validator };
}
