/**
 * What a report needs to know about a source to speak the organisation's language: its shapes
 * (field names, descriptions, constraints) and its mapping (which of their fields feeds which
 * property). Loaded once per set of files and kept; a file that cannot be read leaves that part
 * out (the report then shows technical names) rather than failing the page.
 */
import { projectPath, shownPath } from '../core/paths.js';
import type { SourceKnowledge } from './causes.js';
import { ShapeCatalogue } from './shape-catalogue.js';
import { SourceFieldIndex } from './source-fields.js';

const cache = new Map<string, SourceKnowledge>();

/** The knowledge of a source from its shapes files and mapping file (absolute paths). */
export function sourceKnowledge(shapes: string[], mapping: string | undefined): SourceKnowledge {
  const key = `${shapes.join('\n')}\n${mapping ?? ''}`;
  let know = cache.get(key);
  if (know) return know;
  let catalogue: ShapeCatalogue | undefined;
  let fields: SourceFieldIndex | undefined;
  try {
    catalogue = ShapeCatalogue.fromFiles(shapes);
  } catch {
    catalogue = undefined;
  }
  try {
    fields = mapping ? SourceFieldIndex.fromFile(mapping, shownPath(mapping), projectPath('ontologies', 'contexts')) : undefined;
  } catch {
    fields = undefined;
  }
  // Roots with a node shape of their own first: they give the record's class its name.
  const roots = (fields?.rootClasses() ?? []).filter((c) => catalogue?.knowsClass(c) ?? false);
  roots.sort((a, b) => Number(catalogue?.hasOwnShape(b) ?? false) - Number(catalogue?.hasOwnShape(a) ?? false));
  know = { catalogue, fields, roots };
  cache.set(key, know);
  return know;
}
