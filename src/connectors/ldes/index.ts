import type { ConnectorDefinition } from '../registry.js';
import { LdesConfigSchema, type LdesConfig, type LdesState } from './config.js';
import { LdesConnector } from './ldes-connector.js';

export const ldesConnectorDefinition: ConnectorDefinition<LdesConfig, LdesState> = {
  type: 'ldes',
  configSchema: LdesConfigSchema,
  create: () => new LdesConnector(),
  // The stream's own interval wins over the configured default.
  pollIntervalSeconds: (config, state) => state?.pollingInterval ?? config.pollIntervalSeconds,
};
