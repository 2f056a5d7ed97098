/** The sector mappings' golden cases: mapping, real sample, record identity, expected output, shapes. */
import type { GoldenCase } from './map-sample.js';

const CP = 'shapes/oslo-cultuurparticipatie-2024.ttl';
// The hub validates CE objects with the repaired 2021 shapes plus the CRM class hierarchy (shapes/PROVENANCE.md).
const CE = ['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'];
// LIDO records carry a production event, so they are held to the 2021 Event profile as well (as the demo does).
const CE_EVENT = [...CE, 'shapes/oslo-ce-event-2021.repaired.ttl'];

export const GOLDEN_CASES: GoldenCase[] = [
  {
    mapping: 'mappings/uitdatabank-event.yml',
    sample: 'fixtures/uitdatabank/samples/event-read-example.json',
    mediaType: 'application/ld+json',
    sourceId: 'uitdatabank-events',
    recordId: '85b04295-479c-40f5-b3dd-469dfb4387b3',
    expected: 'fixtures/mappings/expected/uitdatabank-event.nq',
    shapes: [CP],
  },
  {
    mapping: 'mappings/uitdatabank-place.yml',
    sample: 'fixtures/uitdatabank/samples/place-read-example.json',
    mediaType: 'application/ld+json',
    sourceId: 'uitdatabank-places',
    recordId: '85b04295-479c-40f5-b3dd-469dfb4387b3',
    expected: 'fixtures/mappings/expected/uitdatabank-place.nq',
    shapes: [CP],
  },
  {
    mapping: 'mappings/uitdatabank-organizer.yml',
    sample: 'fixtures/uitdatabank/samples/organizer-read-example.json',
    mediaType: 'application/ld+json',
    sourceId: 'uitdatabank-organizers',
    recordId: '5cf42d51-3a4f-46f0-a8af-1cf672be8c84',
    expected: 'fixtures/mappings/expected/uitdatabank-organizer.nq',
    shapes: [CP],
  },
  {
    mapping: 'mappings/ticketmatic-event.yml',
    sample: 'fixtures/ticketmatic/samples/event-10042.sample.json',
    mediaType: 'application/json',
    sourceId: 'ticketmatic-demo',
    recordId: '10042',
    expected: 'fixtures/mappings/expected/ticketmatic-event.nq',
    shapes: [CP],
  },
  {
    mapping: 'mappings/lido-object.yml',
    sample: 'fixtures/lido/samples/groeningemuseum-0000_GRO1561_I-LIDO.xml',
    mediaType: 'application/xml',
    sourceId: 'arthub',
    recordId: 'groeningemuseum:0000_GRO1561_I',
    expected: 'fixtures/mappings/expected/lido-groeningemuseum-0000_GRO1561_I.nq',
    shapes: CE_EVENT,
    knownViolations: [
      { focusSuffix: '#productie', path: 'http://www.cidoc-crm.org/cidoc-crm/P7_took_place_at', reason: 'the production event has no lido:eventPlace' },
      // The two 2021 APs disagree: the object AP wants crm:P3_has_note as rdf:langString, the event AP (EntiteitShape) a
      // ce:Beschrijving node; no value satisfies both, and the object profile governs objects.
      { focusSuffix: '%3A0000_GRO1561_I', path: 'http://www.cidoc-crm.org/cidoc-crm/P3_has_note', reason: 'object and event profiles conflict on crm:P3_has_note' },
      // A VisueelItem (E36) is a ConceptueelDing (E28), which the 2021 object AP wants created (P94i); LIDO's
      // lido:resourceSet does not say who made the image.
      { focusSuffix: '/representation/0000_GRO1561_I', path: 'http://www.cidoc-crm.org/cidoc-crm/P94i_was_created_by', reason: 'the resource set names no creation of the image' },
    ],
  },
  {
    mapping: 'mappings/lido-object.yml',
    sample: 'fixtures/lido/samples/mskgent-310000001-LIDO.xml',
    mediaType: 'application/xml',
    sourceId: 'mskgent',
    recordId: '310000001',
    expected: 'fixtures/mappings/expected/lido-mskgent-310000001.nq',
    shapes: CE_EVENT,
    knownViolations: [
      { focusSuffix: '#productie', path: 'http://www.cidoc-crm.org/cidoc-crm/P4_has_time-span', reason: 'no lido:eventDate, only the period name "17de eeuw" (free text, not read as a date)' },
      { focusSuffix: '/310000001', path: 'http://www.cidoc-crm.org/cidoc-crm/P45_consists_of', reason: 'the record has an empty lido:termMaterialsTech (no material given)' },
    ],
  },
  {
    mapping: 'mappings/lido-object.yml',
    sample: 'fixtures/lido/samples/mskgent-310000003-LIDO.xml',
    mediaType: 'application/xml',
    sourceId: 'mskgent',
    recordId: '310000003',
    expected: 'fixtures/mappings/expected/lido-mskgent-310000003.nq',
    shapes: CE_EVENT,
    knownViolations: [
      { focusSuffix: '#productie', path: 'http://www.cidoc-crm.org/cidoc-crm/P7_took_place_at', reason: 'the event place\'s name is empty' },
    ],
  },
  {
    mapping: 'mappings/meemoo-object.yml',
    sample: 'fixtures/meemoo/samples/meemoo-mets-record.xml',
    mediaType: 'application/xml',
    sourceId: 'meemoo',
    recordId: 'umid:aa7e5487751b441acad0a1a9cb212d390660082e630d4f543755f5dd164a0a8e308ddb84c28fc7f034c6',
    expected: 'fixtures/mappings/expected/meemoo-mets-record.nq',
    shapes: CE,
    knownViolations: [
      { focusSuffix: 'c28fc7f034c6', path: 'http://www.cidoc-crm.org/cidoc-crm/P45_consists_of', reason: 'MediaHaven METS describes a file; it names no material' },
      { focusSuffix: 'c28fc7f034c6', path: 'http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by', reason: 'MediaHaven METS names no maker or production' },
      // The browse copy (E36) and the right (E30) are ConceptueelDingen (E28), which the 2021 object AP wants created (P94i).
      { focusSuffix: '8938w0w54.png', path: 'http://www.cidoc-crm.org/cidoc-crm/P94i_was_created_by', reason: 'METS does not say who made the browse copy' },
      { focusSuffix: '#recht-rechthebbende', path: 'http://www.cidoc-crm.org/cidoc-crm/P94i_was_created_by', reason: 'MediaHaven states a rights holder, not the creation of the right' },
    ],
  },
  {
    mapping: 'mappings/meemoo-object.yml',
    sample: 'fixtures/meemoo/samples/sip-1.1-material-artwork-dc+schema.example.xml',
    mediaType: 'application/xml',
    sourceId: 'meemoo-sip',
    recordId: 'uuid-2767ce00-0b91-4eb8-80fb-e6f293f19675',
    expected: 'fixtures/mappings/expected/meemoo-sip-material-artwork.nq',
    // The SIP names maker and date, so its production is held to the Event profile too.
    shapes: CE_EVENT,
    knownViolations: [
      { focusSuffix: '#productie', path: 'http://www.cidoc-crm.org/cidoc-crm/P7_took_place_at', reason: 'the SIP names no place of production' },
      { focusSuffix: 'e6f293f19675', path: 'http://www.cidoc-crm.org/cidoc-crm/P3_has_note', reason: 'object and event profiles conflict on crm:P3_has_note (see the Groeningemuseum case)' },
    ],
  },
  {
    mapping: 'mappings/oai-dc-object.yml',
    sample: 'fixtures/oai-dc/samples/metis-oai-dc-record.xml',
    mediaType: 'application/xml',
    sourceId: 'mediateka',
    recordId: 'oai:mediateka:19',
    expected: 'fixtures/mappings/expected/oai-dc-metis-record.nq',
    shapes: CE,
    knownViolations: [
      { focusSuffix: 'oai%3Amediateka%3A19', path: 'http://www.cidoc-crm.org/cidoc-crm/P45_consists_of', reason: 'simple Dublin Core carries no material' },
    ],
  },
];
