/**
 * Which records are heritage objects, read from the provenance graphs (docs/data-model.md):
 * record graphs whose main entity is a CIDOC-CRM physical object (OSLO Cultureel Erfgoed
 * MensgemaaktObject / MaterieelDing), and the tombstones of such records.
 */
import type { Bindings, StoreReader } from '../../store/store.js';
import { CRM, HUB, PROV } from '../../core/vocab.js';

/** OSLO CE object classes (CRM 6 and CRM 7 names). */
export const HERITAGE_CLASSES = [
  CRM('E22_Man-Made_Object'),
  CRM('E22_Human-Made_Object'),
  CRM('E18_Physical_Thing'),
  CRM('E24_Physical_Man-Made_Thing'),
  CRM('E24_Physical_Human-Made_Thing'),
];

/** Entity types whose tombstones count as deleted heritage objects even when no live record of the type remains. */
export const DEFAULT_HERITAGE_ENTITY_TYPES = ['mensgemaaktobject'];

export interface HeritageRecord {
  /** The record's named graph IRI. */
  graph: string;
  sourceId: string;
  recordId: string;
  /** Hub IRI of the object. */
  entity: string;
  /** The source's own IRI of the object, when it has one. */
  sourceEntity?: string;
  entityType?: string;
  organisation?: string;
  /** When the hub published this version, or deleted it (ISO 8601 as stored). */
  changed: string;
  deleted: boolean;
  contentHash?: string;
}

const query = (graph?: string, base?: string) => `PREFIX hub: <${HUB()}>
PREFIX prov: <${PROV()}>
SELECT DISTINCT ?graph ?source ?recordId ?entity ?sourceEntity ?entityType ?organisation ?published ?deleted ?contentHash WHERE {
  ${graph ? `VALUES ?graph { <${graph}> }` : ''}
  {
    GRAPH ?provenance {
      ?graph prov:wasGeneratedBy ?publication ; hub:recordId ?recordId ; hub:entity ?entity .
      OPTIONAL { ?graph hub:contentHash ?contentHash }
    }
    GRAPH ?publication {
      ?publication a hub:Publication ; hub:source ?source ; prov:endedAtTime ?published .
      OPTIONAL { ?publication hub:entityType ?entityType }
      OPTIONAL { ?publication hub:organisation ?organisation }
    }
    GRAPH ?graph {
      OPTIONAL { ?graph hub:sourceEntity ?sourceEntity }
      ?object a ?class .
      VALUES ?class { ${HERITAGE_CLASSES.map((c) => `<${c}>`).join(' ')} }
    }
    FILTER(?object = ?entity || (BOUND(?sourceEntity) && ?object = ?sourceEntity))
  } UNION {
    GRAPH ?provenance {
      ?graph prov:wasInvalidatedBy ?deletion ; hub:recordId ?recordId ; prov:invalidatedAtTime ?deleted .
      OPTIONAL { ?graph hub:entity ?entity }
      OPTIONAL { ?graph hub:organisation ?organisation }
    }
    GRAPH ?deletion { ?deletion hub:source ?source . OPTIONAL { ?deletion hub:entityType ?entityType } }
  }
  ${base ? `FILTER(STRSTARTS(STR(?graph), ${JSON.stringify(base)}))` : ''}
}`;

const str = (b: Bindings, name: string) => b[name]?.value;

function sourceIdOf(sourceIri: string): string {
  const at = sourceIri.lastIndexOf('/source/');
  return decodeURIComponent(at >= 0 ? sourceIri.slice(at + '/source/'.length) : sourceIri.slice(sourceIri.lastIndexOf('/') + 1));
}

export interface HeritageRecordOptions {
  /** Organisation per source id, for records whose provenance does not name one (from the hub config). */
  organisations?: Record<string, string | undefined>;
  heritageEntityTypes?: string[];
  /** Only this record graph (a GetRecord), instead of all. */
  graph?: string;
  /** Only the records of the hub with this base IRI (a remote store may hold other hubs' graphs). */
  base?: string;
}

/**
 * Every heritage object the hub publishes or has deleted, sorted by (changed, graph).
 * Tombstones are kept when their source and entity type match a live heritage record's, or
 * their entity type is a heritage type, so deletes of other record kinds stay out of the feed.
 */
export async function listHeritageRecords(store: StoreReader, options: HeritageRecordOptions = {}): Promise<HeritageRecord[]> {
  if (options.graph !== undefined && /[\s<>"{}|^`\\]/.test(options.graph)) return [];
  const rows = await store.select(query(options.graph, options.base));
  const live = new Map<string, HeritageRecord>();
  const tombstones: HeritageRecord[] = [];
  for (const row of rows) {
    const graph = str(row, 'graph')!;
    const sourceId = sourceIdOf(str(row, 'source')!);
    const deleted = str(row, 'deleted');
    const record: HeritageRecord = {
      graph,
      sourceId,
      recordId: str(row, 'recordId')!,
      entity: str(row, 'entity') ?? graph,
      sourceEntity: str(row, 'sourceEntity'),
      entityType: str(row, 'entityType'),
      organisation: str(row, 'organisation') ?? options.organisations?.[sourceId],
      changed: deleted ?? str(row, 'published')!,
      deleted: deleted !== undefined,
      contentHash: str(row, 'contentHash'),
    };
    if (record.deleted) tombstones.push(record);
    else if (!live.has(graph)) live.set(graph, record);
  }
  const liveKinds = new Set([...live.values()].map((r) => `${r.sourceId} ${r.entityType ?? ''}`));
  // Tombstones do not always name the organisation; the source's live records do, so deletes
  // still reach the organisation's set.
  const sourceOrganisation = new Map<string, string>();
  for (const r of live.values()) if (r.organisation && !sourceOrganisation.has(r.sourceId)) sourceOrganisation.set(r.sourceId, r.organisation);
  for (const t of tombstones) t.organisation ??= sourceOrganisation.get(t.sourceId);
  const heritageTypes = new Set(options.heritageEntityTypes ?? DEFAULT_HERITAGE_ENTITY_TYPES);
  const kept = tombstones.filter(
    (t) => !live.has(t.graph) && (liveKinds.has(`${t.sourceId} ${t.entityType ?? ''}`) || (t.entityType !== undefined && heritageTypes.has(t.entityType))),
  );
  const dedupedTombstones = new Map(kept.map((t) => [t.graph, t]));
  return [...live.values(), ...dedupedTombstones.values()].sort((a, b) => compareChange(a, b));
}

export function compareChange(a: { changed: string; graph: string }, b: { changed: string; graph: string }): number {
  const ta = Date.parse(a.changed);
  const tb = Date.parse(b.changed);
  if (ta !== tb) return ta - tb;
  return a.graph < b.graph ? -1 : a.graph > b.graph ? 1 : 0;
}
