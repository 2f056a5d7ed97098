/**
 * Sets of heritage records: one per holding organisation (`org:{slug}`) and one per source
 * (`source:{id}`). The colon makes `org` and `source` parent sets in OAI-PMH's hierarchy, so a
 * harvest of set `org` gets every record that has an organisation.
 */
import type { HeritageRecord } from './heritage-records.js';

export interface RecordSet {
  spec: string;
  name: string;
}

/** `Design Museum Gent` → `design-museum-gent` (OAI setSpec characters only). */
export function slug(name: string): string {
  const out = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return out || 'unnamed';
}

export function setSpecsOf(record: Pick<HeritageRecord, 'sourceId' | 'organisation'>): string[] {
  const specs = [`source:${record.sourceId}`];
  if (record.organisation) specs.unshift(`org:${slug(record.organisation)}`);
  return specs;
}

/** Whether a record belongs to a set (or to one of its descendants). */
export function inSet(record: Pick<HeritageRecord, 'sourceId' | 'organisation'>, set: string): boolean {
  return setSpecsOf(record).some((spec) => spec === set || spec.startsWith(`${set}:`));
}

/** Every set the records fall in, parents first; names from the source config when known. */
export function listSets(records: HeritageRecord[], sourceNames: Record<string, string | undefined> = {}): RecordSet[] {
  const orgs = new Map<string, string>();
  const sources = new Map<string, string>();
  for (const r of records) {
    if (r.organisation) orgs.set(`org:${slug(r.organisation)}`, r.organisation);
    sources.set(`source:${r.sourceId}`, sourceNames[r.sourceId] ?? r.sourceId);
  }
  const out: RecordSet[] = [];
  if (orgs.size > 0) out.push({ spec: 'org', name: 'Organisations' });
  out.push(...[...orgs].sort().map(([spec, name]) => ({ spec, name })));
  if (sources.size > 0) out.push({ spec: 'source', name: 'Sources' });
  out.push(...[...sources].sort().map(([spec, name]) => ({ spec, name })));
  return out;
}
