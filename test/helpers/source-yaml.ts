/**
 * Source entries of a test configuration (YAML under `sources:`), as the demo declares them: the
 * Ticketmatic fixture account, UiTdatabank Search fixture entities, and the write-back block.
 * Each entry ends without a newline, so extra keys (`schedule`, `publishTo`) can follow it.
 */
import { projectPath } from '../../src/core/paths.js';

const path = (f: string) => JSON.stringify(projectPath(f));
const CP_SHAPES = `[${path('shapes/oslo-cultuurparticipatie-2024.ttl')}]`;

/** The Ticketmatic fixture (`tmUrl` as the fixture gives it) as source `ticketmatic`. */
export function ticketmaticSource(tmUrl: string, account: string, organisation?: string): string {
  return `
  - id: ticketmatic${organisation ? `\n    organisation: ${organisation}` : ''}
    connector: { type: ticketmatic, baseUrl: ${JSON.stringify(tmUrl.replace(/\/[^/]+$/, ''))}, account: ${account}, accessKey: a1b2c3d4e5f6, secretKey: test-secret-key, backoffMs: 0 }
    mapping: ${path('mappings/ticketmatic-event.yml')}
    shapes: ${CP_SHAPES}
    entityType: activiteit
    onViolation: warn`;
}

const UIT = {
  places: { mapping: 'mappings/uitdatabank-place.yml', entityType: 'locatie' },
  events: { mapping: 'mappings/uitdatabank-event.yml', entityType: 'activiteit' },
  organizers: { mapping: 'mappings/uitdatabank-organizer.yml', entityType: 'organisator' },
} as const;

/** One entity of the UiTdatabank Search fixture as source `id`. */
export function uitSource(id: string, searchUrl: string, clientId: string, entity: keyof typeof UIT, organisation?: string): string {
  return `
  - id: ${id}${organisation ? `\n    organisation: ${organisation}` : ''}
    connector: { type: uitdatabank, baseUrl: ${JSON.stringify(searchUrl)}, clientId: ${clientId}, entities: [${entity}], backoffMs: 0 }
    mapping: ${path(UIT[entity].mapping)}
    shapes: ${CP_SHAPES}
    entityType: ${UIT[entity].entityType}
    onViolation: warn`;
}

export interface PublishToYaml {
  entryUrl: string;
  searchUrl: string;
  tokenUrl: string;
  clientId: string;
  /** As written in the YAML: a value, or `\${VAR}` for the environment. */
  clientSecret: string;
  enabled?: boolean;
  workflow?: string;
  /** Further keys of the block, as YAML lines indented for it (`organizer: {…}`). */
  more?: string[];
}

/** The write-back block of a source entry (publishTo.uitdatabank). */
export function publishToYaml(p: PublishToYaml): string {
  const lines = [
    ...(p.enabled === undefined ? [] : [`enabled: ${p.enabled}`]),
    `entryUrl: ${p.entryUrl}`,
    `searchUrl: ${p.searchUrl}`,
    `tokenUrl: ${p.tokenUrl}`,
    `clientId: ${p.clientId}`,
    `clientSecret: ${p.clientSecret}`,
    ...(p.workflow ? [`workflow: ${p.workflow}`] : []),
    ...(p.more ?? []),
  ];
  return `
    publishTo:
      uitdatabank:
${lines.map((l) => `        ${l}`).join('\n')}`;
}
