/**
 * The push step's dependencies from the configuration: the Entry API client with the house's
 * credentials (connectors/uitdatabank/entry-client.ts), the builder (publication/push) over the
 * hub's store with the source's genre map, organizer and booking settings. One place, so the
 * close of a run (both run modes), `hub push` and `/admin/push` push the same way.
 */
import { resolve } from 'node:path';
import { NotFoundError } from '../../core/errors.js';
import { projectRoot } from '../../core/paths.js';
import type { HubConfig, SourceConfig, UitdatabankPushConfig } from '../../config/schema.js';
import type { EntryApi } from '../../connectors/uitdatabank/entry-contract.js';
import { createEntryClient, type EntryClientOptions as ClientOptions } from '../../connectors/uitdatabank/entry-client.js';
import { buildEventDrafts, diffDocuments, loadGenreMap, updatesFor } from '../../publication/push/index.js';
import type { Store } from '../../store/store.js';
import type { PushDeps } from './push-source.js';

/** The bundled Ticketmatic genre → publiq terms map. */
export const DEFAULT_GENRES = resolve(projectRoot, 'mappings/uitdatabank-push/ticketmatic-genres.yml');

/** What the push needs to make a source's Entry API client. */
export type EntryClientOptions = Pick<ClientOptions, 'sourceId' | 'entryUrl' | 'searchUrl' | 'tokenUrl' | 'clientId' | 'clientSecret'>;

/** Makes the Entry API client of a source; tests give their own. */
export type EntryApiFactory = (options: EntryClientOptions) => EntryApi | Promise<EntryApi>;

export const defaultEntryApi: EntryApiFactory = (options) => createEntryClient(options);

/** The source's push settings, when it pushes to UiTdatabank and is enabled to. */
export function pushSettings(source: SourceConfig): UitdatabankPushConfig | undefined {
  const s = source.publishTo?.uitdatabank;
  return s && s.enabled ? s : undefined;
}

/** The configured source that pushes to UiTdatabank; NotFoundError naming why not. */
export function pushingSource(config: Pick<HubConfig, 'sources'>, sourceId: string): SourceConfig & { publishTo: { uitdatabank: UitdatabankPushConfig } } {
  const source = config.sources.find((s) => s.id === sourceId);
  if (!source) throw new NotFoundError(`No source "${sourceId}" (known: ${config.sources.map((s) => s.id).join(', ') || 'none'})`);
  if (!source.publishTo?.uitdatabank) throw new NotFoundError(`Source "${sourceId}" does not push to UiTdatabank: it has no publishTo.uitdatabank in the configuration`);
  return source as SourceConfig & { publishTo: { uitdatabank: UitdatabankPushConfig } };
}

export async function pushDeps(
  config: Pick<HubConfig, 'hub' | 'baseDir'>,
  store: Store,
  source: SourceConfig,
  options: { entryApi?: EntryApiFactory; log?: PushDeps['log'] } = {},
): Promise<PushDeps> {
  const settings = source.publishTo?.uitdatabank;
  if (!settings) throw new NotFoundError(`Source "${source.id}" does not push to UiTdatabank`);
  const api = await (options.entryApi ?? defaultEntryApi)({
    sourceId: source.id,
    entryUrl: settings.entryUrl,
    searchUrl: settings.searchUrl,
    tokenUrl: settings.tokenUrl,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
  });
  const genresFile = settings.genres ? resolve(config.baseDir, settings.genres) : DEFAULT_GENRES;
  const baseIri = config.hub.baseIri;
  return {
    store,
    baseIri,
    source,
    settings,
    api,
    drafts: async () =>
      buildEventDrafts(store, {
        sourceId: source.id,
        baseIri,
        genres: await loadGenreMap(genresFile),
        mainLanguage: settings.mainLanguage,
        ...(settings.booking ? { booking: settings.booking } : {}),
        ...(settings.organizer ? { organizer: settings.organizer } : {}),
      }),
    diff: diffDocuments,
    updatesFor,
    ...(options.log ? { log: options.log } : {}),
  };
}
