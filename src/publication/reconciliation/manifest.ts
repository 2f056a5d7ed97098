/**
 * The service manifest (Reconciliation Service API 0.2): what a client such as OpenRefine reads
 * from GET /reconcile to learn the identifier and schema spaces, the types it offers by
 * default, and where the view, preview, suggest and property proposal services are.
 */
import { normaliseBase } from '../../core/identifiers.js';
import { HUB } from '../../core/vocab.js';
import { RECONCILE_TYPES } from './vocabulary.js';

export const PREVIEW_SIZE = { width: 400, height: 160 };

export function reconciliationManifest(baseIri: string, name: string): Record<string, unknown> {
  const base = normaliseBase(baseIri);
  const service = `${base}reconcile`;
  return {
    versions: ['0.2'],
    name: `${name} reconciliation`,
    identifierSpace: `${base}id/`,
    schemaSpace: HUB(''),
    documentation: `${base}api/docs`,
    // Entity ids are IRIs that dereference (hub IRIs at this hub, others at their source).
    view: { url: '{{id}}' },
    defaultTypes: RECONCILE_TYPES.map((t) => ({ id: t.id, name: t.name })),
    preview: { url: `${service}/preview?id={{id}}`, ...PREVIEW_SIZE },
    suggest: {
      entity: { service_url: service, service_path: '/suggest/entity' },
      type: { service_url: service, service_path: '/suggest/type' },
      property: { service_url: service, service_path: '/suggest/property' },
    },
    extend: { propose_properties: { service_url: service, service_path: '/properties/propose' }, property_settings: [] },
  };
}
