/**
 * Belgian region of a postal code: the province (bpost's ranges) with publiq's region id, and the
 * municipality as publiq's `gem-<name>` id. The table is data (ontologies/regions/be-provinces.json),
 * read once.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../core/paths.js';
import type { Ref } from './search-document.js';

interface Province {
  id: string;
  nl: string;
  en: string;
  fr: string;
  ranges: [number, number][];
}

let provinces: Province[] | undefined;

function table(): Province[] {
  provinces ??= (JSON.parse(readFileSync(projectPath('ontologies/regions/be-provinces.json'), 'utf8')) as { provinces: Province[] }).provinces;
  return provinces;
}

/** The province (or Brussels-Capital Region) of a Belgian postal code, if it is one. */
export function provinceOf(postalCode: string): Ref | undefined {
  if (!/^\d{4}$/.test(postalCode.trim())) return undefined;
  const code = Number(postalCode.trim());
  const p = table().find((r) => r.ranges.some(([lo, hi]) => code >= lo && code <= hi));
  return p && { id: p.id, label: p.nl, labels: { nl: p.nl, en: p.en, fr: p.fr } };
}

/** publiq's municipality region id: `gem-` and the name in lower case, words joined by '-', accents dropped. */
export function municipalityRegion(locality: string): Ref {
  const slug = locality.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { id: `gem-${slug}`, label: locality };
}
