/**
 * Named validation profiles: the shapes files in shapes/ that belong together (see
 * shapes/PROVENANCE.md). Sources and `POST /validate` can name a profile instead of files.
 */
import { projectPath } from '../core/paths.js';
import { ShaclValidator } from './shacl-validator.js';

export const SHAPE_PROFILES = {
  /** OSLO Cultureel Erfgoed Object + Event 2021 (repaired), with the CIDOC-CRM class hierarchy. */
  'oslo-ce-2021': ['oslo-ce-object-2021.repaired.ttl', 'oslo-ce-event-2021.repaired.ttl', 'oslo-ce-2021-class-hierarchy.ttl'],
  /** OSLO CE Object 2021 alone (repaired), with the class hierarchy. */
  'oslo-ce-object-2021': ['oslo-ce-object-2021.repaired.ttl', 'oslo-ce-2021-class-hierarchy.ttl'],
  /** Cultureel Erfgoed Basisregistratie, ontwerpstandaard 2025-01-20. */
  'oslo-ce-basisregistratie-2025': ['oslo-ce-basisregistratie-2025.ttl'],
  /** OSLO Cultuurparticipatie 2024 (publiq's UWP copy). */
  'oslo-cultuurparticipatie-2024': ['oslo-cultuurparticipatie-2024.ttl'],
  /** Europeana EDM-external (trial SHACL; owl:hasValue restrictions materialised at load). */
  'edm-external': ['edm-external-shacl.ttl', 'edm-external-class-definitions.ttl'],
} as const satisfies Record<string, readonly string[]>;

export type ShapeProfile = keyof typeof SHAPE_PROFILES;

export function isShapeProfile(name: string): name is ShapeProfile {
  return Object.hasOwn(SHAPE_PROFILES, name);
}

/** Absolute paths of a profile's shapes files. */
export function profileFiles(name: ShapeProfile): string[] {
  return SHAPE_PROFILES[name].map((f) => projectPath('shapes', f));
}

/** The (cached) validator of a profile, or of a list of shapes files relative to the project root. */
export function validatorFor(profileOrFiles: string | string[]): ShaclValidator {
  if (typeof profileOrFiles === 'string') {
    if (!isShapeProfile(profileOrFiles)) {
      throw new Error(`Unknown validation profile "${profileOrFiles}" (known: ${Object.keys(SHAPE_PROFILES).join(', ')})`);
    }
    return ShaclValidator.fromFiles(profileFiles(profileOrFiles));
  }
  return ShaclValidator.fromFiles(profileOrFiles.map((f) => projectPath(f)));
}
