/**
 * RML vocabulary. The engine works on the current `http://w3id.org/rml/` terms only; the legacy
 * RML/R2RML/QL/FNML terms that YARRRML tools emit are rewritten to them when a mapping is read.
 */
import { RML } from '../../core/vocab.js';

export { RML };
export const FNO = (local: string) => `https://w3id.org/function/ontology#${local}`;

const LEGACY_PREFIXES = ['http://semweb.mmlab.be/ns/rml#', 'http://www.w3.org/ns/r2rml#', 'http://semweb.mmlab.be/ns/ql#'];
const LEGACY_FNML = 'http://semweb.mmlab.be/ns/fnml#';
/** Legacy local names that changed in the current vocabulary. */
const RENAMED: Record<string, string> = { column: 'reference', JSONPath: 'JSONPath', XPath: 'XPath', CSV: 'CSV' };

/** The current-vocabulary IRI for a legacy RML/R2RML/QL IRI, or the IRI itself. */
export function normaliseIri(iri: string): string {
  for (const prefix of LEGACY_PREFIXES) {
    if (iri.startsWith(prefix)) {
      const local = iri.slice(prefix.length);
      return RML(RENAMED[local] ?? local);
    }
  }
  if (iri.startsWith(LEGACY_FNML)) return `${LEGACY_FNML}${iri.slice(LEGACY_FNML.length)}`;
  return iri;
}

export const isLegacy = (iri: string) => LEGACY_PREFIXES.some((p) => iri.startsWith(p));

export const LEGACY_FUNCTION_VALUE = `${LEGACY_FNML}functionValue`;
export const FNO_EXECUTES = FNO('executes');
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const RDF_FIRST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
export const RDF_REST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';
export const RDF_NIL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil';
export const XSD = (local: string) => `http://www.w3.org/2001/XMLSchema#${local}`;
