/**
 * The edm:rights values Europeana accepts: the patterns Metis' Schematron checks
 * (ontologies/edm/edm-rights-allowed-patterns.txt), and the canonical spelling it expects. Kept in
 * config, below publication/edm, because loading the configuration checks a source's declared
 * rights against them.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../core/paths.js';

let patternsCache: RegExp[] | undefined;

/** The accepted edm:rights patterns, one regex a line (comments start with #). */
export function acceptedRightsPatterns(): RegExp[] {
  if (!patternsCache) {
    const text = readFileSync(projectPath('ontologies/edm/edm-rights-allowed-patterns.txt'), 'utf8');
    patternsCache = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => new RegExp(l));
  }
  return patternsCache;
}

export function isAcceptedRights(iri: string | null | undefined): boolean {
  return typeof iri === 'string' && acceptedRightsPatterns().some((p) => p.test(iri));
}

/** The canonical spelling Europeana expects: http, trailing slash, rightsstatements /vocab/. */
export function canonicalRightsIri(iri: string): string {
  let out = iri.trim().replace(/^https:\/\//, 'http://');
  out = out.replace(/^http:\/\/rightsstatements\.org\/page\//, 'http://rightsstatements.org/vocab/');
  out = out.replace(/\?.*$/, '');
  if (/^http:\/\/(creativecommons|rightsstatements)\.org\//.test(out) && !out.endsWith('/')) out += '/';
  return out;
}

/**
 * Why a value cannot be declared as edm:rights, or undefined when it can: it must be an accepted
 * statement written exactly the canonical way (a declaration is copied into every record as is).
 */
export function declaredRightsProblem(value: string): string | undefined {
  if (isAcceptedRights(value)) return undefined;
  const canonical = canonicalRightsIri(value);
  if (isAcceptedRights(canonical)) return `${value} is not written the way Europeana accepts it; write ${canonical}`;
  return `${value} is not an edm:rights value Europeana accepts (ontologies/edm/edm-rights-allowed-patterns.txt: Creative Commons licences and marks, rightsstatements.org InC, InC-EDU, InC-OW-EU, NoC-NC, NoC-OKLR, CNE)`;
}
