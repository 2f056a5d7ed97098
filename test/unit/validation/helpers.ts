import { parseRdf } from '../../../src/core/rdf.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import type { ValidationReport } from '../../../src/validation/validator.js';

export const PREFIXES = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
`;

export function validator(shapes: string): ShaclValidator {
  return new ShaclValidator(parseRdf(PREFIXES + shapes), { id: 'test', version: '0' });
}

export function check(shapes: string, data: string): ValidationReport {
  return validator(shapes).validateSync(parseRdf(PREFIXES + data));
}

/** Results as short `focus component value` lines (ex: and sh: prefixes stripped), sorted. */
export function summary(report: ValidationReport): string[] {
  const short = (s: string | undefined) =>
    (s ?? '-').replace(/http:\/\/example\.org\//g, '').replace(/http:\/\/www\.w3\.org\/ns\/shacl#/g, '').replace(/[<>]/g, '');
  return report.results
    .map((r) => `${short(r.focusNode)} ${short(r.constraint).replace('ConstraintComponent', '')} ${short(r.value)}`)
    .sort();
}
