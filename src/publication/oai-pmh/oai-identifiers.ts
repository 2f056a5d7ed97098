/**
 * OAI identifiers of heritage records: `oai:{repository}:{sourceId}:{recordId}` with the record
 * id percent-encoded as in the hub's IRIs. Source ids never hold a colon, so the id parses back.
 */
import { segment } from '../../core/identifiers.js';

/** The repository part: the host of the hub's base IRI (`localhost`, `hub.example.be`). */
export function repositoryIdentifier(baseIri: string): string {
  try {
    return new URL(baseIri).hostname || 'culture-lod-hub';
  } catch {
    return 'culture-lod-hub';
  }
}

export function oaiIdentifier(repository: string, sourceId: string, recordId: string): string {
  return `oai:${repository}:${sourceId}:${segment(recordId)}`;
}

export function parseOaiIdentifier(repository: string, identifier: string): { sourceId: string; recordId: string } | undefined {
  const prefix = `oai:${repository}:`;
  if (!identifier.startsWith(prefix)) return undefined;
  const rest = identifier.slice(prefix.length);
  const colon = rest.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return { sourceId: rest.slice(0, colon), recordId: decodeURIComponent(rest.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}
