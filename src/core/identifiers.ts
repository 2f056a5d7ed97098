/**
 * The IRIs the hub mints. Stable by construction: the same source record gets the same
 * IRIs on every run, so re-harvests replace rather than duplicate.
 *
 *   entity      {base}id/{entityType}/{sourceId}/{recordId}
 *   record      {base}graph/{sourceId}/{recordId}              (named graph with the record's triples)
 *   provenance  {base}graph/{sourceId}/{recordId}/provenance   (PROV-O about the record graph; a tombstone after a delete)
 *   source      {base}source/{sourceId}
 *   run         {base}run/{sourceId}/{runId}
 *   report      {base}report/{sourceId}/{runId}
 *   entities    {base}graph/entities                       (every record graph's triples merged, each once: the SPARQL default graph)
 */

/**
 * Percent-encodes a record id into one IRI path segment (ids may hold slashes, colons, spaces).
 * A lone surrogate (a broken source id) is encoded as U+FFFD, as any UTF-8 encoder writes it:
 * encodeURIComponent would throw, and a delete of that id would fail its whole run.
 */
export function segment(id: string): string {
  const wellFormed = id.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return encodeURIComponent(wellFormed).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function normaliseBase(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}

export const entityIri = (base: string, entityType: string, sourceId: string, recordId: string) =>
  `${normaliseBase(base)}id/${entityType}/${sourceId}/${segment(recordId)}`;

export const recordGraphIri = (base: string, sourceId: string, recordId: string) =>
  `${normaliseBase(base)}graph/${sourceId}/${segment(recordId)}`;

export const provenanceGraphIri = (base: string, sourceId: string, recordId: string) =>
  `${recordGraphIri(base, sourceId, recordId)}/provenance`;

export const sourceIri = (base: string, sourceId: string) => `${normaliseBase(base)}source/${sourceId}`;

export const runIri = (base: string, sourceId: string, runId: string) => `${normaliseBase(base)}run/${sourceId}/${runId}`;

export const reportIri = (base: string, sourceId: string, runId: string) => `${normaliseBase(base)}report/${sourceId}/${runId}`;

/** The merged entity data: each triple of every record graph once (docs/data-model.md). */
export const entitiesGraphIri = (base: string) => `${normaliseBase(base)}graph/entities`;
