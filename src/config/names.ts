/**
 * Source and organisation names in a page's language, as configured where given (a source's
 * `name`/`names`, its `organisation`/`organisationNames`, and hub.organisationNames for
 * organisations that only records name). Falls back to the plain name, which is also the key.
 */
import type { Names } from './schema.js';

/** The name in `lang`, else the plain one (which stands for the languages not given). */
export function nameIn(names: Names | undefined, lang: string, plain: string): string {
  return names?.[lang as keyof Names] ?? plain;
}

interface NamedConfig {
  hub: { organisationNames?: Record<string, Names> };
  sources: { id: string; name?: string; names?: Names; organisation?: string; organisationNames?: Names }[];
}

/** A source's name in `lang` (its id when it has none). */
export function sourceNameIn(config: NamedConfig, sourceId: string, lang: string): string {
  const s = config.sources.find((x) => x.id === sourceId);
  return s ? nameIn(s.names, lang, s.name ?? s.id) : sourceId;
}

/** An organisation's name in `lang`: hub.organisationNames first, then a source that holds it under that name. */
export function organisationNameIn(config: NamedConfig, organisation: string, lang: string): string {
  const names = config.hub.organisationNames?.[organisation] ?? config.sources.find((s) => s.organisation === organisation && s.organisationNames)?.organisationNames;
  return nameIn(names, lang, organisation);
}
