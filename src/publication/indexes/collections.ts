/**
 * The REST API's collections: which entity types (the `entityType` of a source, the type
 * segment of minted IRIs) each one holds, and the OSLO JSON-LD context its JSON-LD uses.
 * `sources` is special: it lists the configured sources, not published records. Collections
 * with `classes` list every hub IRI the published records describe (described-index.ts), not
 * only records' main entities: the agents, places, concepts and organisations the mappings mint
 * inside object and event records.
 */
export interface CollectionDef {
  name: string;
  title: string;
  /** Source entity types published in this collection. */
  entityTypes: readonly string[];
  /** Local context file (ontologies/contexts/) used to compact JSON-LD. */
  context: string;
  /**
   * rdf:type IRIs whose hub IRIs belong here (with the IRIs whose type segment is one of
   * `entityTypes`): the collection lists described hub IRIs rather than records.
   */
  classes?: readonly string[];
}

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const ORG_CLASSES = [`${CRM}E74_Group`, 'http://www.w3.org/ns/org#Organization', 'http://www.w3.org/ns/org#FormalOrganization', 'http://www.w3.org/ns/regorg#RegisteredOrganization', 'http://xmlns.com/foaf/0.1/Organization', 'https://schema.org/Organization', 'https://data.vlaanderen.be/ns/cultuurparticipatie#Organisator'];
const PERSON_CLASSES = [`${CRM}E21_Person`, 'http://xmlns.com/foaf/0.1/Person', 'https://schema.org/Person', 'http://www.w3.org/ns/person#Person'];
const ORG_TYPES = ['organisatie', 'organisation', 'organization', 'organisator', 'organizer'];

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
  {
    name: 'agents',
    title: 'Agents: persons and organisations',
    entityTypes: ['agent', 'persoon', 'person', ...ORG_TYPES],
    context: 'ghent-organisatie-basis.jsonld',
    classes: [`${CRM}E39_Actor`, 'http://xmlns.com/foaf/0.1/Agent', 'http://purl.org/dc/terms/Agent', 'http://www.w3.org/ns/prov#Agent', ...PERSON_CLASSES, ...ORG_CLASSES],
  },
  {
    name: 'organisations',
    title: 'Organisations',
    entityTypes: ORG_TYPES,
    context: 'ghent-organisatie-basis.jsonld',
    classes: ORG_CLASSES,
  },
  {
    name: 'places',
    title: 'Places and locations',
    entityTypes: ['plaats', 'place', 'locatie', 'location'],
    context: 'ghent-generiek-basis.jsonld',
    classes: ['http://www.w3.org/ns/prov#Location', 'http://purl.org/dc/terms/Location', `${CRM}E53_Place`, 'https://schema.org/Place', 'http://www.w3.org/ns/locn#Location', 'https://data.vlaanderen.be/ns/cultuurparticipatie#Locatie'],
  },
  { name: 'concepts', title: 'Concepts (thesaurus terms)', entityTypes: ['concept', 'term'], context: 'ghent-generiek-basis.jsonld', classes: ['http://www.w3.org/2004/02/skos/core#Concept'] },
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
