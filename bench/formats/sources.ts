/**
 * The six sector formats of bench:formats and the source each is harvested as: the connector, the
 * mapping and the shapes config/demo.yaml gives the same kind of source, so the run is the one
 * `hub harvest <source> --full` makes.
 */
import { LIDO_EXPORT_RULE } from './lido-export.js';

/** Credentials the fixture servers demand (loopback test servers, not secrets). */
export const TM = { account: 'bench-cc', accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key' };
export const MEEMOO_AUTH = { username: 'harvester', password: 'secret' };

export const FORMATS = ['lido', 'mets', 'oai_dc', 'ghent', 'uitdatabank', 'ticketmatic'] as const;
export type Format = (typeof FORMATS)[number];

export const FORMAT_LABELS: Record<Format, string> = {
  lido: 'LIDO (files: one export)',
  mets: 'METS (meemoo OAI-PMH)',
  oai_dc: 'oai_dc (Datahub OAI-PMH)',
  ghent: 'Ghent JSON-LD (LDES)',
  uitdatabank: 'UiTdatabank (Search API)',
  ticketmatic: 'Ticketmatic (API v1)',
};

/** How the bare parse (the floor) reads the input. */
export const FORMAT_SYNTAX: Record<Format, 'xml' | 'json'> = { lido: 'xml', mets: 'xml', oai_dc: 'xml', ghent: 'json', uitdatabank: 'json', ticketmatic: 'json' };

/** Records per page (OAI-PMH list page, LDES node, `limit` of UiTdatabank and Ticketmatic). */
export const DEFAULT_PAGE_SIZES: Record<Format, number> = { lido: 0, mets: 100, oai_dc: 100, ghent: 100, uitdatabank: 2000, ticketmatic: 1000 };

const OBJECT_SHAPES = ['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'];
const OBJECT_EVENT_SHAPES = ['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-event-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'];
const ACTIVITY_SHAPES = ['shapes/oslo-cultuurparticipatie-2024.ttl'];

/** The source block (paths relative to the project root) for a format whose input is at `input` (a URL, or the LIDO folder). */
export function sourceFor(format: Format, input: string, pageSize: number): Record<string, unknown> {
  const common = { id: `bench-${format.replace('_', '-')}`, name: `bench:formats ${FORMAT_LABELS[format]}`, organisation: 'Bench', onViolation: 'warn' };
  switch (format) {
    case 'lido':
      return { ...common, connector: { type: 'files', folder: input, rules: [LIDO_EXPORT_RULE] }, mapping: 'mappings/lido-object.yml', shapes: OBJECT_EVENT_SHAPES, entityType: 'mensgemaaktobject' };
    case 'mets':
      return { ...common, connector: { type: 'oai-pmh', baseUrl: input, metadataPrefix: 'mets', ...MEEMOO_AUTH }, mapping: 'mappings/meemoo-object.yml', shapes: OBJECT_SHAPES, entityType: 'mensgemaaktobject' };
    case 'oai_dc':
      return { ...common, connector: { type: 'oai-pmh', baseUrl: input, metadataPrefix: 'oai_dc' }, mapping: 'mappings/oai-dc-object.yml', shapes: OBJECT_SHAPES, entityType: 'mensgemaaktobject' };
    case 'ghent':
      return { ...common, connector: { type: 'ldes', url: input }, mapping: 'mappings/ghent-ldes.yml', ownIriPrefixes: ['https://stad.gent/id/'], shapes: OBJECT_EVENT_SHAPES, entityType: 'mensgemaaktobject' };
    case 'uitdatabank':
      return { ...common, connector: { type: 'uitdatabank', baseUrl: input, clientId: 'bench', entities: ['events'], pageSize }, mapping: 'mappings/uitdatabank-event.yml', shapes: ACTIVITY_SHAPES, entityType: 'activiteit' };
    case 'ticketmatic':
      return { ...common, connector: { type: 'ticketmatic', baseUrl: input, ...TM, pageSize }, mapping: 'mappings/ticketmatic-event.yml', shapes: ACTIVITY_SHAPES, entityType: 'activiteit' };
  }
}
