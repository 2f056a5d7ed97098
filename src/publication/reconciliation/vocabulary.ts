/**
 * What the reconciliation service offers: its types (each the classes the mappings in
 * mappings/*.yml emit for it) and its properties (each a SPARQL property path over the entity).
 * Property ids are short names; a full predicate IRI is accepted as a property id too.
 */
import { CP, CRM, DCT, FOAF, OWL, PROV, RDF, RDFS, SCHEMA, SKOS } from '../../core/vocab.js';

const M8G = (local: string) => `http://data.europa.eu/m8g/${local}`;
const ORG = (local: string) => `http://www.w3.org/ns/org#${local}`;
const LINKED_ART = (local: string) => `https://linked.art/ns/terms/${local}`;

export interface ReconcileType {
  id: string;
  name: string;
  /** rdf:type IRIs an entity of this type has (any of them). */
  classes: readonly string[];
  /** Type segments of hub IRIs ({base}id/{segment}/…) whose entities count as this type whatever their class. */
  segments: readonly string[];
}

export const RECONCILE_TYPES: readonly ReconcileType[] = [
  {
    id: 'agent',
    name: 'Agent (person or organisation: makers, creators, organisers)',
    classes: [PROV('Agent'), CRM('E39_Actor'), CRM('E21_Person'), CRM('E74_Group'), FOAF('Agent'), FOAF('Person'), FOAF('Organization'), SCHEMA('Person'), SCHEMA('Organization'), ORG('Organization'), CP('Organisator')],
    segments: ['agent', 'persoon', 'person', 'organisatie', 'organisation', 'organization', 'organizer', 'organisator'],
  },
  {
    id: 'organisation',
    name: 'Organisation',
    classes: [CRM('E74_Group'), FOAF('Organization'), SCHEMA('Organization'), ORG('Organization'), CP('Organisator')],
    segments: ['organisatie', 'organisation', 'organization', 'organizer', 'organisator'],
  },
  {
    id: 'place',
    name: 'Place',
    classes: [DCT('Location'), PROV('Location'), CRM('E53_Place'), SCHEMA('Place')],
    segments: ['plaats', 'place', 'locatie', 'location'],
  },
  { id: 'concept', name: 'Concept (thesaurus term)', classes: [SKOS('Concept')], segments: ['concept', 'term'] },
  {
    id: 'activity',
    name: 'Activity (event, exhibition, production)',
    classes: [CRM('E7_Activity'), CRM('E5_Event'), SCHEMA('Event'), CP('Activiteit')],
    segments: ['activiteit', 'activity', 'event', 'evenement', 'tentoonstelling', 'exhibition', 'productie'],
  },
];

export const typeById = (id: string): ReconcileType | undefined => RECONCILE_TYPES.find((t) => t.id === id);

/** Properties whose literal values name an entity, most preferred first (the first gives the display name). */
export const LABEL_PREDICATES = [SKOS('prefLabel'), RDFS('label'), SCHEMA('name'), FOAF('name'), DCT('title'), SKOS('altLabel')];

export interface ReconcileProperty {
  id: string;
  name: string;
  /** A SPARQL property path from the entity to the values. */
  path: string;
  /** How query values are compared with the entity's: dates by prefix, links by IRI or label, texts by similarity. */
  kind: 'text' | 'date' | 'link';
}

const p = (iri: string) => `<${iri}>`;
const any = (iris: string[]) => iris.map(p).join('|');
const TIME_SPAN_DATES = any([M8G('startTime'), M8G('endTime'), CRM('P82a_begin_of_the_begin'), CRM('P82b_end_of_the_end'), CRM('P82_at_some_time_within'), SCHEMA('startDate')]);

export const RECONCILE_PROPERTIES: readonly ReconcileProperty[] = [
  { id: 'label', name: 'Name or label', path: any(LABEL_PREDICATES), kind: 'text' },
  { id: 'sameAs', name: 'Same as (owl:sameAs, skos:exactMatch, equivalent)', path: any([OWL('sameAs'), SKOS('exactMatch'), LINKED_ART('equivalent')]), kind: 'link' },
  { id: 'type', name: 'Class (rdf:type)', path: p(RDF('type')), kind: 'link' },
  { id: 'description', name: 'Description', path: any([DCT('description'), SCHEMA('description'), SKOS('definition'), SKOS('scopeNote')]), kind: 'text' },
  { id: 'birthDate', name: 'Birth date', path: `${p(SCHEMA('birthDate'))}|(${p(CRM('P98i_was_born'))}/${p(CRM('P4_has_time-span'))}/(${TIME_SPAN_DATES}))`, kind: 'date' },
  { id: 'deathDate', name: 'Death date', path: `${p(SCHEMA('deathDate'))}|(${p(CRM('P100i_died_in'))}/${p(CRM('P4_has_time-span'))}/(${TIME_SPAN_DATES}))`, kind: 'date' },
  { id: 'date', name: 'Date (of an activity: its time span)', path: `${any([SCHEMA('startDate'), SCHEMA('endDate')])}|(${p(CRM('P4_has_time-span'))}/(${TIME_SPAN_DATES}))`, kind: 'date' },
  {
    id: 'place',
    name: 'Place (location, birth place, residence)',
    path: any([PROV('atLocation'), SCHEMA('location'), SCHEMA('birthPlace'), SCHEMA('deathPlace'), CRM('P7_took_place_at'), CRM('P74_has_current_or_former_residence'), CP('Activiteit.locatie'), CP('locatie')]),
    kind: 'link',
  },
  {
    id: 'organisation',
    name: 'Organisation (organiser, member of, carried out by)',
    path: any([CRM('P14_carried_out_by'), CRM('P107i_is_current_or_former_member_of'), SCHEMA('organizer'), SCHEMA('memberOf'), SCHEMA('affiliation'), ORG('memberOf'), CP('Activiteit.organisator')]),
    kind: 'link',
  },
];

/** A property by short id, or an ad-hoc one for a predicate IRI (compared as text or link). */
export function propertyById(id: string): ReconcileProperty | undefined {
  const known = RECONCILE_PROPERTIES.find((q) => q.id === id);
  if (known) return known;
  if (/^https?:\/\/[^\s<>"{}|^`\\]+$/.test(id)) return { id, name: id, path: p(id), kind: 'link' };
  return undefined;
}
