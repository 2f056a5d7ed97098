/**
 * The connector settings check the CLI runs on every configuration it loads: the same zod schemas
 * the connectors register (connectors/<type>/config.ts), imported without the connectors
 * themselves, so that `hub sources` or `hub check-config` never load jsonld, exceljs or the XML
 * stack only to read a YAML file. test/unit/cli/connector-settings.test.ts keeps this list equal
 * to the registry's.
 */
import type { z } from 'zod';
import { FilesConfigSchema } from '../connectors/files/config.js';
import { LdesConfigSchema } from '../connectors/ldes/config.js';
import { OaiPmhConfigSchema } from '../connectors/oai-pmh/config.js';
import { TicketmaticConfigSchema } from '../connectors/ticketmatic/config.js';
import { UitdatabankConfigSchema } from '../connectors/uitdatabank/config.js';

export const CONNECTOR_SCHEMAS: Readonly<Record<string, z.ZodTypeAny>> = {
  ldes: LdesConfigSchema,
  'oai-pmh': OaiPmhConfigSchema,
  uitdatabank: UitdatabankConfigSchema,
  ticketmatic: TicketmaticConfigSchema,
  files: FilesConfigSchema,
};

/** Problems in a source's `connector` block as `key: message`, worded as pipeline/source-runtime.ts words them. */
export function checkConnectorSettingsLight(settings: Record<string, unknown>): string[] {
  const type = String(settings.type ?? '');
  const schema = Object.hasOwn(CONNECTOR_SCHEMAS, type) ? CONNECTOR_SCHEMAS[type] : undefined;
  if (!schema) return [`type: unknown connector "${type}" (known: ${Object.keys(CONNECTOR_SCHEMAS).join(', ')})`];
  const parsed = schema.safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(block)'}: ${i.message}`);
}
