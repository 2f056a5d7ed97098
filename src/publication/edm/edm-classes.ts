/**
 * What the EDM-external XSD (ontologies/edm/xsd/) allows per class, in the order its
 * sequences require: the RDF/XML writer emits only these properties, in this order, and
 * keeps at most `max` values where the schema says maxOccurs="1".
 */
import { CC, DC, DCT, EDM, ODRL, ORE, OWL, RDF, SKOS } from '../../core/vocab.js';

export type ValueKind = 'resource' | 'literal' | 'either';

export interface EdmProperty {
  iri: string;
  /** Qualified element name, e.g. dc:title. */
  qname: string;
  kind: ValueKind;
  max?: 1;
}

export interface EdmClass {
  iri: string;
  qname: string;
  properties: EdmProperty[];
}

export const EDM_NAMESPACES: Record<string, string> = {
  rdf: RDF(),
  dc: DC(),
  dcterms: DCT(),
  edm: EDM(),
  ore: ORE(),
  owl: OWL(),
  skos: SKOS(),
  cc: CC(),
  odrl: ODRL(),
};

const p = (prefix: string, local: string, kind: ValueKind, max?: 1): EdmProperty => ({
  iri: `${EDM_NAMESPACES[prefix]}${local}`,
  qname: `${prefix}:${local}`,
  kind,
  ...(max ? { max } : {}),
});

// EuropeanaType: any order of these, then the ProvidedCHO's own sequence.
const dcChoice = [
  'contributor', 'coverage', 'creator', 'date', 'description', 'format', 'identifier', 'language',
  'publisher', 'relation', 'rights', 'source', 'subject', 'title', 'type',
].map((l) => p('dc', l, l === 'language' ? 'literal' : 'either'));
const dctermsChoice = [
  'alternative', 'conformsTo', 'created', 'extent', 'hasFormat', 'hasPart', 'hasVersion', 'isFormatOf',
  'isPartOf', 'isReferencedBy', 'isReplacedBy', 'isRequiredBy', 'issued', 'isVersionOf', 'medium',
  'provenance', 'references', 'replaces', 'requires', 'spatial', 'tableOfContents', 'temporal',
].map((l) => p('dcterms', l, 'either'));

export const PROVIDED_CHO: EdmClass = {
  iri: EDM('ProvidedCHO'),
  qname: 'edm:ProvidedCHO',
  properties: [
    ...dcChoice,
    ...dctermsChoice,
    p('edm', 'currentLocation', 'either', 1),
    p('edm', 'hasMet', 'resource'),
    p('edm', 'hasType', 'either'),
    p('edm', 'incorporates', 'resource'),
    p('edm', 'isDerivativeOf', 'resource'),
    p('edm', 'isNextInSequence', 'resource'),
    p('edm', 'isRelatedTo', 'either'),
    p('edm', 'isRepresentationOf', 'resource', 1),
    p('edm', 'isSimilarTo', 'resource'),
    p('edm', 'isSuccessorOf', 'resource'),
    p('edm', 'realizes', 'resource'),
    p('edm', 'type', 'literal', 1),
    p('owl', 'sameAs', 'resource'),
  ],
};

export const WEB_RESOURCE: EdmClass = {
  iri: EDM('WebResource'),
  qname: 'edm:WebResource',
  properties: [
    p('dc', 'creator', 'either'),
    p('dc', 'description', 'either'),
    p('dc', 'format', 'either'),
    p('dc', 'rights', 'either'),
    p('dc', 'source', 'either'),
    p('dc', 'type', 'either'),
    p('dc', 'title', 'either'),
    p('dc', 'language', 'literal'),
    p('dcterms', 'conformsTo', 'either'),
    p('dcterms', 'created', 'either'),
    p('dcterms', 'extent', 'either'),
    p('dcterms', 'hasPart', 'either'),
    p('dcterms', 'isFormatOf', 'either'),
    p('dcterms', 'isPartOf', 'resource'),
    p('dcterms', 'issued', 'either'),
    p('dcterms', 'temporal', 'either'),
    p('edm', 'isNextInSequence', 'resource', 1),
    p('edm', 'rights', 'resource', 1),
    p('owl', 'sameAs', 'resource'),
    p('dcterms', 'isReferencedBy', 'either'),
  ],
};

const labels = [p('skos', 'prefLabel', 'literal'), p('skos', 'altLabel', 'literal'), p('skos', 'note', 'literal')];

export const AGENT: EdmClass = {
  iri: EDM('Agent'),
  qname: 'edm:Agent',
  properties: [
    ...labels,
    p('dc', 'date', 'either'),
    p('dc', 'identifier', 'either'),
    p('edm', 'begin', 'literal', 1),
    p('edm', 'end', 'literal', 1),
    p('owl', 'sameAs', 'resource'),
  ],
};

export const PLACE: EdmClass = {
  iri: EDM('Place'),
  qname: 'edm:Place',
  properties: [...labels, p('dcterms', 'isPartOf', 'either'), p('owl', 'sameAs', 'resource')],
};

export const TIME_SPAN: EdmClass = {
  iri: EDM('TimeSpan'),
  qname: 'edm:TimeSpan',
  properties: [...labels, p('dcterms', 'isPartOf', 'either'), p('edm', 'begin', 'literal', 1), p('edm', 'end', 'literal', 1), p('owl', 'sameAs', 'resource')],
};

export const CONCEPT: EdmClass = {
  iri: SKOS('Concept'),
  qname: 'skos:Concept',
  properties: [
    ...['prefLabel', 'altLabel'].map((l) => p('skos', l, 'literal')),
    ...['broader', 'narrower', 'related', 'broadMatch', 'narrowMatch', 'relatedMatch', 'exactMatch', 'closeMatch'].map((l) =>
      p('skos', l, 'resource'),
    ),
    p('skos', 'note', 'literal'),
    p('skos', 'notation', 'literal'),
    p('skos', 'inScheme', 'resource'),
  ],
};

export const LICENSE: EdmClass = {
  iri: CC('License'),
  qname: 'cc:License',
  properties: [p('odrl', 'inheritFrom', 'resource', 1), p('cc', 'deprecatedOn', 'literal', 1)],
};

export const AGGREGATION: EdmClass = {
  iri: ORE('Aggregation'),
  qname: 'ore:Aggregation',
  properties: [
    p('edm', 'aggregatedCHO', 'resource', 1),
    p('edm', 'dataProvider', 'either', 1),
    p('edm', 'hasView', 'resource'),
    p('edm', 'isShownAt', 'resource', 1),
    p('edm', 'isShownBy', 'resource', 1),
    p('edm', 'object', 'resource', 1),
    p('edm', 'provider', 'either', 1),
    p('dc', 'rights', 'either'),
    p('edm', 'rights', 'resource', 1),
    p('edm', 'intermediateProvider', 'either'),
  ],
};

/** Top-level order of the record: the object first, the aggregation last, contexts between. */
export const EDM_CLASSES: EdmClass[] = [PROVIDED_CHO, WEB_RESOURCE, AGENT, PLACE, TIME_SPAN, CONCEPT, LICENSE, AGGREGATION];
