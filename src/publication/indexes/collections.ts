/**
 * The REST API's collections: which entity types (the `entityType` of a source, the type
 * segment of minted IRIs) each one holds, and the OSLO JSON-LD context its JSON-LD uses.
 * `sources` is special: it lists the configured sources, not published records.
 */
export interface CollectionDef {
  name: string;
  title: string;
  /** Source entity types published in this collection. */
  entityTypes: readonly string[];
  /** Local context file (ontologies/contexts/) used to compact JSON-LD. */
  context: string;
}

export const COLLECTIONS: readonly CollectionDef[] = [
  {
    name: 'heritage-objects',
    title: 'Heritage objects (OSLO Cultureel Erfgoed: MensgemaaktObject)',
    entityTypes: ['mensgemaaktobject', 'erfgoedobject', 'object', 'heritage-object', 'cho'],
    context: 'ghent-cultureel-erfgoed-object-ap.jsonld',
  },
  {
    name: 'activities',
    title: 'Activities and events (OSLO Cultuurparticipatie: Activiteit)',
    entityTypes: ['activiteit', 'activity', 'event', 'evenement', 'tentoonstelling', 'exhibition', 'productie'],
    context: 'ghent-cultureel-erfgoed-event-ap.jsonld',
  },
  { name: 'agents', title: 'Agents: organisations and persons', entityTypes: ['agent', 'organisatie', 'organisation', 'organization', 'persoon', 'person', 'organizer'], context: 'ghent-organisatie-basis.jsonld' },
  { name: 'places', title: 'Places and locations', entityTypes: ['plaats', 'place', 'locatie', 'location'], context: 'ghent-generiek-basis.jsonld' },
  { name: 'concepts', title: 'Concepts (thesaurus terms)', entityTypes: ['concept', 'term'], context: 'ghent-generiek-basis.jsonld' },
  { name: 'sources', title: 'Sources the hub harvests', entityTypes: [], context: 'ghent-generiek-basis.jsonld' },
];

export const COLLECTION_NAMES = COLLECTIONS.map((c) => c.name) as [string, ...string[]];

export function collectionOf(name: string): CollectionDef | undefined {
  return COLLECTIONS.find((c) => c.name === name);
}

/** The collection an entity type belongs to (records of unknown types are in none). */
export function collectionForEntityType(entityType: string): CollectionDef | undefined {
  return COLLECTIONS.find((c) => c.entityTypes.includes(entityType));
}
