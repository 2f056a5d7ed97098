/**
 * What `POST /validate` can validate against and with: the named profiles of
 * src/validation/profiles.ts (with titles for the form) and the mappings in mappings/ by name.
 */
import { readdirSync } from 'node:fs';
import { BadRequestError } from '../core/errors.js';
import { projectPath } from '../core/paths.js';
import { loadRecordMapper } from '../mapping/load-mapper.js';
import type { RecordMapper } from '../mapping/mapper.js';
import { isShapeProfile, SHAPE_PROFILES, validatorFor } from '../validation/profiles.js';
import type { ShaclValidator } from '../validation/shacl-validator.js';

export interface ProfileInfo {
  id: string;
  files: readonly string[];
  title: { en: string; nl: string };
}

const TITLES: Record<string, { en: string; nl: string }> = {
  'oslo-ce-2021': { en: 'OSLO Cultureel Erfgoed Object and Event (2021, recognised standard)', nl: 'OSLO Cultureel Erfgoed Object en Event (2021, erkende standaard)' },
  'oslo-ce-object-2021': { en: 'OSLO Cultureel Erfgoed Object (2021, recognised standard)', nl: 'OSLO Cultureel Erfgoed Object (2021, erkende standaard)' },
  'oslo-ce-basisregistratie-2025': { en: 'OSLO Cultureel Erfgoed Basisregistratie (2025 draft)', nl: 'OSLO Cultureel Erfgoed Basisregistratie (ontwerp 2025)' },
  'oslo-cultuurparticipatie-2024': { en: 'OSLO Cultuurparticipatie (2024, publiq copy)', nl: 'OSLO Cultuurparticipatie (2024, kopie van publiq)' },
  'edm-external': { en: 'Europeana EDM-external (trial SHACL)', nl: 'Europeana EDM-external (proef-SHACL)' },
};

export function listProfiles(): ProfileInfo[] {
  return Object.entries(SHAPE_PROFILES).map(([id, files]) => ({ id, files, title: TITLES[id] ?? { en: id, nl: id } }));
}

export function profileValidator(id: string): ShaclValidator {
  if (!isShapeProfile(id)) throw new BadRequestError(`Unknown profile "${id}" (known: ${Object.keys(SHAPE_PROFILES).join(', ')})`);
  return validatorFor(id);
}

const MAPPING_FILE = /^([a-z0-9][a-z0-9-]*)\.(yml|yaml|ttl)$/;

/** Mapping names: the mapping files directly in mappings/, without extension (`uitdatabank-event`). */
export function listMappings(): string[] {
  return readdirSync(projectPath('mappings'))
    .map((f) => MAPPING_FILE.exec(f)?.[1])
    .filter((n): n is string => n !== undefined)
    .sort();
}

export async function namedMapper(name: string): Promise<RecordMapper> {
  const file = readdirSync(projectPath('mappings')).find((f) => MAPPING_FILE.exec(f)?.[1] === name);
  if (!file) throw new BadRequestError(`Unknown mapping "${name}" (known: ${listMappings().join(', ')})`);
  return loadRecordMapper(projectPath('mappings', file));
}
