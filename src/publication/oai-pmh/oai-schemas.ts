/**
 * Schema sets that validate whole OAI-PMH responses, payload included (the `<metadata>`
 * wildcard is strict): OAI-PMH.xsd with oai_dc + Simple DC, or with EDM-external.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../core/paths.js';
import { loadSchemaSet, type SchemaSet } from '../edm/xsd-validator.js';

const cache = new Map<string, SchemaSet>();

export function oaiResponseSchemaSet(payload: 'oai_dc' | 'edm'): SchemaSet {
  let set = cache.get(payload);
  if (set) return set;
  if (payload === 'oai_dc') {
    set = loadSchemaSet(projectPath('ontologies/oai-pmh'), 'oai-pmh-oai_dc.xsd');
  } else {
    const extra = ['OAI-PMH.xsd', 'oai-pmh-edm.xsd'].map((f) => ({ fileName: f, contents: readFileSync(projectPath('ontologies/oai-pmh', f), 'utf8') }));
    set = loadSchemaSet(projectPath('ontologies/edm/xsd'), 'oai-pmh-edm.xsd', extra);
  }
  cache.set(payload, set);
  return set;
}
