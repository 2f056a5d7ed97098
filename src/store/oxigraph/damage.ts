/** The one message a damaged store file gets, wherever the damage is found: what, where, and what to do. */
import { StoreDamagedError } from '../../core/errors.js';

/** `where`: the entry or part of the file, e.g. "entry seq 42 at byte 1234". */
export function storeDamaged(file: string, where: string | undefined, reason: string): StoreDamagedError {
  return new StoreDamagedError(
    `The embedded store is damaged: ${file}${where ? `, ${where}` : ''}: ${reason}. The hub does not open a damaged store. ` +
      'Run `hub store verify` to see how far the damage goes, then `hub store repair`: it keeps everything before the damage, ' +
      'moves the damaged files aside and makes the next harvest of each source the damage touched read it from scratch.',
    { code: 'STORE_DAMAGED', context: { path: file, where, reason } },
  );
}
