/** Every IRI the code names lives here, as N3's IRIs.js does. */
const ns = (base: string) => (local = '') => `${base}${local}`;

export const RDF = ns('http://www.w3.org/1999/02/22-rdf-syntax-ns#');
export const RDFS = ns('http://www.w3.org/2000/01/rdf-schema#');
export const XSD = ns('http://www.w3.org/2001/XMLSchema#');
export const OWL = ns('http://www.w3.org/2002/07/owl#');
export const SH = ns('http://www.w3.org/ns/shacl#');
export const PROV = ns('http://www.w3.org/ns/prov#');
export const DCT = ns('http://purl.org/dc/terms/');
export const DC = ns('http://purl.org/dc/elements/1.1/');
export const DCAT = ns('http://www.w3.org/ns/dcat#');
export const VOID = ns('http://rdfs.org/ns/void#');
export const FOAF = ns('http://xmlns.com/foaf/0.1/');
export const SKOS = ns('http://www.w3.org/2004/02/skos/core#');
export const SCHEMA = ns('https://schema.org/');
export const HYDRA = ns('http://www.w3.org/ns/hydra/core#');
export const TREE = ns('https://w3id.org/tree#');
export const LDES = ns('https://w3id.org/ldes#');
export const CRM = ns('http://www.cidoc-crm.org/cidoc-crm/');
export const CE = ns('https://data.vlaanderen.be/ns/cultureel-erfgoed#');
export const CP = ns('https://data.vlaanderen.be/ns/cultuurparticipatie#');
export const ADMS = ns('http://www.w3.org/ns/adms#');
export const EDM = ns('http://www.europeana.eu/schemas/edm/');
export const ORE = ns('http://www.openarchives.org/ore/terms/');
export const RML = ns('http://w3id.org/rml/');
export const SD = ns('http://www.w3.org/ns/sparql-service-description#');
/** The hub's own vocabulary for runs, tombstones and report metadata. */
export const HUB = ns('https://w3id.org/culture-lod-hub/ns#');
export const CC = ns('http://creativecommons.org/ns#');
export const ODRL = ns('http://www.w3.org/ns/odrl/2/');
