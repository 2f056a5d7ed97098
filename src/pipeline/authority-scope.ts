/**
 * Which of the hub's entities to ask other services about (issue 16, item 7): named agents and
 * concepts in the entities graph that carry no authority link, i.e. no IRI or identifier text in
 * the namespaces of VIAF, Wikidata, RKD, ULAN, ISNI or AAT, on the entity itself or on one of its
 * hash IRIs or blank nodes (a CRM identifier node). With the sources and organisations of the
 * records that describe each (their provenance graphs). Portable SPARQL 1.1 (Oxigraph, Virtuoso).
 */
import { entitiesGraphIri, normaliseBase } from '../core/identifiers.js';
import { entityTypeOfClasses } from '../core/entity-classes.js';
import { HUB, PROV, RDF } from '../core/vocab.js';
import { LABEL_PREDICATES, RECONCILE_TYPES } from '../publication/reconciliation/vocabulary.js';
import type { StoreReader } from '../store/store.js';
import type { AuthorityQuestion } from './authority-suggestions.js';

/** Namespaces of the authorities whose link makes an entity "linked" (http and https both). */
export const AUTHORITY_NAMESPACES = [
  'viaf.org/viaf/',
  'www.wikidata.org/entity/',
  'www.wikidata.org/wiki/',
  'wikidata.org/entity/',
  'rkd.nl/explore/artists/',
  'rkd.nl/en/explore/artists/',
  'data.rkd.nl/',
  'vocab.getty.edu/ulan/',
  'vocab.getty.edu/page/ulan/',
  'isni.org/isni/',
  'www.isni.org/',
  'vocab.getty.edu/aat/',
  'vocab.getty.edu/page/aat/',
];

export interface ScopedQuestion extends AuthorityQuestion {
  sources: string[];
  organisations: string[];
}

const TIMEOUT_MS = 120_000;
const str = (s: string) => JSON.stringify(s);
const iri = (s: string) => `<${s}>`;

const authorityTest = (v: string) =>
  `(${AUTHORITY_NAMESPACES.flatMap((ns) => [`STRSTARTS(STR(${v}), ${str(`http://${ns}`)})`, `STRSTARTS(STR(${v}), ${str(`https://${ns}`)})`]).join(' || ')})`;

const typeOf = (t: string) => RECONCILE_TYPES.find((r) => r.id === t)!;
const KINDS = ['agent', 'concept'] as const;

/** The kind of an entity: its classes (core/entity-classes.ts), else its IRI's type segment. */
function kindOf(base: string, entity: string, classes: string[]): 'agent' | 'concept' | undefined {
  const byClass = entityTypeOfClasses(classes);
  if (byClass === 'agent' || byClass === 'concept') return byClass;
  if (byClass !== undefined) return undefined;
  const fromReconcile = KINDS.find((k) => typeOf(k).classes.some((c) => classes.includes(c)));
  if (fromReconcile) return fromReconcile;
  const segment = entity.slice(`${base}id/`.length).split('/')[0] ?? '';
  return KINDS.find((k) => typeOf(k).segments.includes(segment));
}

/** Agents and concepts without an authority link, best label first, with their sources and organisations; `sourceId` keeps those a record of that source describes. */
export async function unlinkedEntities(store: Pick<StoreReader, 'select'>, baseIri: string, options: { sourceId?: string } = {}): Promise<ScopedQuestion[]> {
  const base = normaliseBase(baseIri);
  const classes = [...new Set(KINDS.flatMap((k) => typeOf(k).classes)), ...['http://www.cidoc-crm.org/cidoc-crm/E55_Type']];
  const segments = [...new Set(KINDS.flatMap((k) => typeOf(k).segments))].map((s) => `STRSTARTS(STR(?entity), ${str(`${base}id/${s}/`)})`);
  const rows = await store.select(
    `SELECT ?entity ?cls ?predicate ?label WHERE {
  GRAPH ${iri(entitiesGraphIri(base))} {
    ?entity ?predicate ?label .
    FILTER(?predicate IN (${LABEL_PREDICATES.map(iri).join(', ')}) && isLiteral(?label))
    FILTER(isIRI(?entity) && STRSTARTS(STR(?entity), ${str(`${base}id/`)}) && !CONTAINS(STR(?entity), "#"))
    OPTIONAL { ?entity ${iri(RDF('type'))} ?cls }
    FILTER((BOUND(?cls) && ?cls IN (${classes.map(iri).join(', ')})) || ${segments.join(' || ')})
    FILTER NOT EXISTS { ?entity ?p1 ?x1 . FILTER(!isBlank(?x1) && ${authorityTest('?x1')}) }
    FILTER NOT EXISTS { ?entity ?p2 ?n . ?n ?p3 ?x2 . FILTER((isBlank(?n) || STRSTARTS(STR(?n), CONCAT(STR(?entity), "#"))) && !isBlank(?x2) && ${authorityTest('?x2')}) }
  }
}`,
    { timeoutMs: TIMEOUT_MS },
  );
  const found = new Map<string, { classes: Set<string>; labels: { rank: number; value: string }[] }>();
  for (const row of rows) {
    const entity = row.entity!.value;
    const seen = found.get(entity) ?? { classes: new Set<string>(), labels: [] };
    if (row.cls) seen.classes.add(row.cls.value);
    seen.labels.push({ rank: LABEL_PREDICATES.indexOf(row.predicate!.value), value: row.label!.value.trim() });
    found.set(entity, seen);
  }
  const questions: ScopedQuestion[] = [];
  for (const [entity, seen] of found) {
    const kind = kindOf(base, entity, [...seen.classes]);
    const label = seen.labels.filter((l) => l.value !== '').sort((a, b) => a.rank - b.rank || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))[0];
    if (kind && label) questions.push({ iri: entity, type: kind, name: label.value, sources: [], organisations: [] });
  }
  await addProvenance(store, base, questions);
  const wanted = options.sourceId;
  return questions.filter((q) => wanted === undefined || q.sources.includes(wanted)).sort((a, b) => (a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0));
}

/** The sources and organisations of the record graphs whose provenance says they describe each entity (VALUES in slices). */
async function addProvenance(store: Pick<StoreReader, 'select'>, base: string, questions: ScopedQuestion[]): Promise<void> {
  const byIri = new Map(questions.map((q) => [q.iri, q]));
  const sourcePrefix = `${base}source/`;
  for (let i = 0; i < questions.length; i += 200) {
    const slice = questions.slice(i, i + 200);
    const rows = await store.select(
      `SELECT DISTINCT ?entity ?source ?org WHERE {
  VALUES ?entity { ${slice.map((q) => iri(q.iri)).join(' ')} }
  GRAPH ?g { ?entity ?p ?o }
  GRAPH ?pg { ?g ${iri(PROV('wasGeneratedBy'))} ?publication }
  GRAPH ?publication { ?publication ${iri(HUB('source'))} ?source . OPTIONAL { ?publication ${iri(HUB('organisation'))} ?org } }
}`,
      { timeoutMs: TIMEOUT_MS },
    );
    for (const row of rows) {
      const q = byIri.get(row.entity!.value)!;
      const source = row.source!.value.startsWith(sourcePrefix) ? decodeURIComponent(row.source!.value.slice(sourcePrefix.length)) : row.source!.value;
      if (!q.sources.includes(source)) q.sources.push(source);
      const org = row.org?.value;
      if (org && !q.organisations.includes(org)) q.organisations.push(org);
    }
  }
  for (const q of questions) {
    q.sources.sort();
    q.organisations.sort();
  }
}
