/**
 * Source and organisation names as a page shows them: in the page's language where the
 * configuration gives one (config/names.ts), else as they are. Pages keep ids and keys for links.
 */
export interface PageNames {
  source(id: string): string;
  organisation(name: string): string;
}

/** Names as they are (no configured translations). */
export const PLAIN_NAMES: PageNames = { source: (id) => id, organisation: (name) => name };
