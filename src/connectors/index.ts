/** Registers every connector the hub ships; import this once before reading configuration. */
import { registerConnector } from './registry.js';
import { ldesConnectorDefinition } from './ldes/index.js';
import { oaiPmhConnectorDefinition } from './oai-pmh/index.js';
import { uitdatabankConnectorDefinition } from './uitdatabank/index.js';
import { ticketmaticConnectorDefinition } from './ticketmatic/index.js';
import { filesConnectorDefinition } from './files/index.js';

for (const definition of [ldesConnectorDefinition, oaiPmhConnectorDefinition, uitdatabankConnectorDefinition, ticketmaticConnectorDefinition, filesConnectorDefinition]) registerConnector(definition);

export { findConnector, connectorTypes } from './registry.js';
