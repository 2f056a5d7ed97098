/**
 * Directories a run's messages may name that the public must not see (run reports are public):
 * the data dir, a files source's folder and the working dir. The tally strips them from every
 * problem it keeps, in both run modes.
 */
import type { HubSettings, SourceConfig } from '../../config/schema.js';

export function serverDirs(hub: Pick<HubSettings, 'dataDir'>, source: SourceConfig): string[] {
  const folder = (source.connector as { folder?: unknown }).folder;
  return [hub.dataDir, process.cwd(), ...(typeof folder === 'string' ? [folder] : [])];
}
