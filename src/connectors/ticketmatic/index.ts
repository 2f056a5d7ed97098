/** The Ticketmatic connector as the registry lists it. */
import type { ConnectorDefinition } from '../registry.js';
import { TicketmaticConfigSchema, type TicketmaticConfig } from './config.js';
import { TicketmaticConnector, type TicketmaticState } from './ticketmatic-connector.js';

export const ticketmaticConnectorDefinition: ConnectorDefinition<TicketmaticConfig, TicketmaticState> = {
  type: 'ticketmatic',
  configSchema: TicketmaticConfigSchema,
  create: () => new TicketmaticConnector(),
};

export { TicketmaticConnector, TicketmaticConfigSchema };
export type { TicketmaticConfig, TicketmaticState };
