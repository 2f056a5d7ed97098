/**
 * Reuse category of a rights statement or licence IRI (open, attribution, restricted), from
 * Europeana's list (ontologies/rights/rights-categories.json), read once.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../core/paths.js';

export type RightsCategory = 'open' | 'attribution' | 'restricted';

interface Table {
  categories: { prefix: string; category: RightsCategory; label: string }[];
  labels: Record<RightsCategory, Record<string, string>>;
}

let table: Table | undefined;

function load(): Table {
  table ??= JSON.parse(readFileSync(projectPath('ontologies/rights/rights-categories.json'), 'utf8')) as Table;
  return table;
}

export function rightsCategory(iri: string): RightsCategory | undefined {
  const key = iri.replace(/^https?:\/\//, '').replace(/^www\./, '');
  return load().categories.find((c) => key.startsWith(c.prefix))?.category;
}

/** The most open category among several statements (a record may state one per resource). */
export function mostOpen(categories: (RightsCategory | undefined)[]): RightsCategory | undefined {
  for (const c of ['open', 'attribution', 'restricted'] as const) if (categories.includes(c)) return c;
  return undefined;
}

export function rightsCategoryLabel(category: RightsCategory, language = 'nl'): string {
  const labels = load().labels[category];
  return labels[language] ?? labels.en ?? category;
}
