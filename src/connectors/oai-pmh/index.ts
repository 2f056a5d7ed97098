/** The OAI-PMH connector as the registry lists it. */
import type { ConnectorDefinition } from '../registry.js';
import { OaiPmhConfigSchema, type OaiPmhConfig } from './config.js';
import { OaiPmhConnector, type OaiPmhState } from './oai-pmh-connector.js';

export const oaiPmhConnectorDefinition: ConnectorDefinition<OaiPmhConfig, OaiPmhState> = {
  type: 'oai-pmh',
  configSchema: OaiPmhConfigSchema,
  create: () => new OaiPmhConnector(),
};

export { OaiPmhConnector, OaiPmhConfigSchema };
export type { OaiPmhConfig, OaiPmhState };
export { OaiPmhClient } from './client.js';
