/** The UiTdatabank connector as the registry lists it. */
import type { ConnectorDefinition } from '../registry.js';
import { UitdatabankConfigSchema, type UitdatabankConfig } from './config.js';
import { UitdatabankConnector, type UitdatabankState } from './uitdatabank-connector.js';

export const uitdatabankConnectorDefinition: ConnectorDefinition<UitdatabankConfig, UitdatabankState> = {
  type: 'uitdatabank',
  configSchema: UitdatabankConfigSchema,
  create: () => new UitdatabankConnector(),
};

export { UitdatabankConnector, UitdatabankConfigSchema };
export type { UitdatabankConfig, UitdatabankState };
