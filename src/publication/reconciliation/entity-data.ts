/**
 * Reads what the reconciliation service shows of entities (property evidence, preview, data
 * extension): the values of some properties (vocabulary.ts paths) for some entity IRIs, in one
 * query over the entity data (entity-scope.ts), with the label of each value that is a node.
 */
import type { StoreReader } from '../../store/store.js';
import { inEntityGraphs } from './entity-scope.js';
import { LABEL_PREDICATES, type ReconcileProperty } from './vocabulary.js';

export interface PropertyValue {
  /** The value's IRI when it is a node. */
  id?: string;
  /** Its lexical form when it is a literal, else its label (when it has one). */
  text?: string;
  datatype?: string;
}

/** entity → property id → values (sorted, distinct). */
export type EntityValues = Map<string, Map<string, PropertyValue[]>>;

const iri = (value: string) => `<${value.replace(/[<>"{}|^`\\\s]/g, (c) => encodeURIComponent(c))}>`;
const LABELS = LABEL_PREDICATES.map(iri).join('|');

export async function readPropertyValues(store: StoreReader, base: string, entities: readonly string[], properties: readonly ReconcileProperty[], timeoutMs?: number): Promise<EntityValues> {
  const out: EntityValues = new Map(entities.map((e) => [e, new Map(properties.map((p) => [p.id, [] as PropertyValue[]]))]));
  if (entities.length === 0 || properties.length === 0) return out;
  const branches = properties.map((p) => `{ ?s ${p.path} ?v . BIND(${JSON.stringify(p.id)} AS ?pid) }`).join(' UNION ');
  const query = `SELECT DISTINCT ?s ?pid ?v ?vlabel WHERE {
  VALUES ?s { ${entities.map(iri).join(' ')} }
  ${inEntityGraphs(base, branches)}
  OPTIONAL { FILTER(!isLiteral(?v)) ${inEntityGraphs(base, `?v ${LABELS} ?vlabel`, 'lg')} }
}`;
  const seen = new Set<string>();
  for (const b of await store.select(query, { timeoutMs })) {
    const v = b.v!;
    if (v.termType === 'BlankNode' && b.vlabel === undefined) continue;
    const value: PropertyValue =
      v.termType === 'Literal' ? { text: v.value, datatype: (v as { datatype?: { value: string } }).datatype?.value } : { ...(v.termType === 'NamedNode' ? { id: v.value } : {}), ...(b.vlabel ? { text: b.vlabel.value } : {}) };
    const key = `${b.s!.value}\u0000${b.pid!.value}\u0000${value.id ?? ''}\u0000${value.text ?? ''}`;
    // A node with several labels keeps the first (values are sorted below, so the choice is stable).
    const nodeKey = value.id !== undefined ? `${b.s!.value}\u0000${b.pid!.value}\u0000${value.id}` : key;
    if (seen.has(key) || (value.id !== undefined && seen.has(nodeKey))) {
      if (value.id !== undefined) replaceIfSmaller(out.get(b.s!.value)!.get(b.pid!.value)!, value);
      continue;
    }
    seen.add(key);
    seen.add(nodeKey);
    out.get(b.s!.value)?.get(b.pid!.value)?.push(value);
  }
  for (const byProperty of out.values()) for (const values of byProperty.values()) values.sort(compareValues);
  return out;
}

/** Keeps the alphabetically first label of a node seen with several. */
function replaceIfSmaller(values: PropertyValue[], value: PropertyValue): void {
  const at = values.findIndex((v) => v.id === value.id);
  if (at >= 0 && value.text !== undefined && (values[at]!.text === undefined || value.text < values[at]!.text!)) values[at] = value;
}

function compareValues(a: PropertyValue, b: PropertyValue): number {
  const ka = `${a.id ?? ''}\u0000${a.text ?? ''}`;
  const kb = `${b.id ?? ''}\u0000${b.text ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
