/** Reads mappings/uitdatabank-push/ticketmatic-genres.yml (Ticketmatic genre → publiq terms). */
import type { GenreMap } from './contract.js';

/** The genre map in `file` (YAML); rejects naming the file and the genre when an entry is malformed. */
export async function loadGenreMap(file: string): Promise<GenreMap> {
  throw new Error(`loadGenreMap ${file}: not implemented yet`);
}
