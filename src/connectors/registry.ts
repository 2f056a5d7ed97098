/**
 * The connectors the hub knows, by configuration `type`. A plain list, as the style guide
 * prefers over a plugin framework: adding a source family is one import and one entry.
 */
import type { z } from 'zod';
import type { Connector } from './contract.js';

export interface ConnectorDefinition<C = any, S = any> {
  type: string;
  /** Schema of the connector's own settings (the `connector:` block minus `type`). */
  configSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  create(): Connector<C, S>;
  /**
   * Seconds between incremental runs that the source itself asks for (an LDES stream's
   * `ldes:pollingInterval`), used by `hub serve` when the source's schedule sets no `everyMinutes`.
   */
  pollIntervalSeconds?(config: C, state: S | undefined): number | undefined;
}

const definitions: ConnectorDefinition[] = [];

export function registerConnector(definition: ConnectorDefinition): void {
  if (definitions.some((d) => d.type === definition.type)) throw new Error(`connector type ${definition.type} registered twice`);
  definitions.push(definition);
}

export function connectorTypes(): string[] {
  return definitions.map((d) => d.type);
}

export function findConnector(type: string): ConnectorDefinition | undefined {
  return definitions.find((d) => d.type === type);
}
