/**
 * The hub's entity type (the `{type}` segment of `{base}id/{type}/…`) for an entity a source names
 * with its own IRI, from its rdf:type. Coarse on purpose: one entity typed E21_Person in one record
 * and prov:Agent in another must get one IRI, so every agent class gives `agent`, and so on.
 * Earlier rows win when an entity has classes of several rows.
 */
import { CE, CP, CRM, DCT, FOAF, PROV, SCHEMA, SKOS } from './vocab.js';

const ORG = (local: string) => `http://www.w3.org/ns/org#${local}`;
const PERSON = (local: string) => `http://www.w3.org/ns/person#${local}`;

const CLASS_TYPES: readonly (readonly [string, readonly string[]])[] = [
  ['mensgemaaktobject', [CRM('E22_Human-Made_Object'), CRM('E22_Man-Made_Object'), CE('MensgemaaktObject')]],
  ['activiteit', [CRM('E7_Activity'), CP('Activiteit'), SCHEMA('Event')]],
  [
    'agent',
    [
      CRM('E39_Actor'), CRM('E21_Person'), CRM('E74_Group'), PROV('Agent'), PROV('Person'), PROV('Organization'),
      FOAF('Agent'), FOAF('Person'), FOAF('Organization'), ORG('Organization'), PERSON('Person'), SCHEMA('Person'), SCHEMA('Organization'),
    ],
  ],
  ['plaats', [CRM('E53_Place'), PROV('Location'), DCT('Location'), SCHEMA('Place')]],
  ['concept', [SKOS('Concept'), CRM('E55_Type')]],
];

/** The entity type of the first row one of `classes` falls in; undefined when none does. */
export function entityTypeOfClasses(classes: Iterable<string>): string | undefined {
  const have = new Set(classes);
  return CLASS_TYPES.find(([, iris]) => iris.some((c) => have.has(c)))?.[0];
}
