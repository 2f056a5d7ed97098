/**
 * OAI-PMH harvester. A run lists records from the last run's `from` (the first page's
 * responseDate, i.e. the repository's own clock), yields records and deleted headers, and
 * checkpoints after every page with the resumption token, so a crash resumes mid-list. An
 * expired token (badResumptionToken) restarts the list from the run's `from`: records are
 * read again, none are lost. Repositories that hide deletes (deletedRecord=no, meemoo) get
 * a full ListIdentifiers per run. A run that lists the whole repository (that ListIdentifiers,
 * or the ListRecords of a first or --full run) ends with a `listing` message: the pipeline
 * deletes the published records it did not mention. The ids listed so far ride in the run's
 * checkpoints, so a resumed ListRecords names them again (`present`) and stays complete; a
 * resumed identifier-diff lists the identifiers afresh (those listed before the crash may be gone).
 */
import { SourceContractError, errorMessage } from '../../core/errors.js';
import type { CheckResult, Connector, ConnectorMessage, ReadOptions } from '../contract.js';
import { limitProblem } from '../record-limits.js';
import { OaiPmhClient, OaiPageError, toGranularity, type OaiListArgs } from './client.js';
import type { OaiPmhConfig } from './config.js';
import type { OaiResponse } from './oai-xml.js';

type Phase = 'records' | 'identifiers';

export interface OaiPmhRunState {
  phase: Phase;
  /** Lower bound of this run's ListRecords (undefined: everything). */
  from?: string;
  /** The first page's responseDate: the next run's `from` once this one completes. */
  nextFrom?: string;
  full: boolean;
  resumptionToken?: string;
  /** When the repository said the token expires. */
  tokenExpires?: string;
  /** Ids listed so far, when this phase lists the whole repository (or set). */
  seen?: string[];
  /** Why this run's listing cannot be complete (an item without identifier). */
  unlisted?: string;
  restarts: number;
}

export interface OaiPmhState {
  /** Where the next incremental run starts (a datestamp in the repository's granularity). */
  from?: string;
  /** A run in progress. (States saved before deletes by difference may hold `knownIds`: no longer read.) */
  run?: OaiPmhRunState;
}

type Message = ConnectorMessage<OaiPmhState>;

export class OaiPmhConnector implements Connector<OaiPmhConfig, OaiPmhState> {
  readonly type = 'oai-pmh';

  async check(config: OaiPmhConfig, sourceId: string): Promise<CheckResult> {
    try {
      const client = new OaiPmhClient({ ...config, maxAttempts: 1 }, sourceId);
      const id = await client.identify();
      const formats = await client.metadataFormats();
      if (!formats.includes(config.metadataPrefix)) {
        return { ok: false, message: `${id.repositoryName ?? 'repository'} does not offer metadataPrefix ${config.metadataPrefix} (offers ${formats.join(', ') || 'none'})` };
      }
      return { ok: true, message: `${id.repositoryName ?? 'repository'} answers (granularity ${id.granularity}, deletedRecord ${id.deletedRecord}, ${config.metadataPrefix} offered)` };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  async *read(config: OaiPmhConfig, state: OaiPmhState | undefined, sourceId: string, options: ReadOptions = {}): AsyncIterable<Message> {
    const client = new OaiPmhClient(config, sourceId, options.signal);
    const identify = await client.identify();
    const diff = config.deleteDetection === 'identifier-diff' || (config.deleteDetection === 'auto' && identify.deletedRecord === 'no');
    const until = config.until ? toGranularity(config.until, identify.granularity) : undefined;
    let run: OaiPmhRunState;
    const resumed = Boolean(state?.run && !options.full);
    if (resumed) {
      run = { ...state!.run! };
    } else {
      const full = Boolean(options.full) || !state?.from;
      // A ListRecords with an upper bound leaves out the records changed after it: not the whole repository.
      run = { phase: 'records', from: full ? undefined : toGranularity(state!.from!, identify.granularity), full, restarts: 0, seen: full && until === undefined ? [] : undefined };
    }
    if (resumed && diff) {
      // Ids listed before the crash may have vanished since, and only a listing says so: the identifiers are listed afresh.
      run = run.phase === 'identifiers' ? { ...run, resumptionToken: undefined, tokenExpires: undefined, seen: [] } : { ...run, seen: undefined };
    }
    const seen = new Set(run.seen ?? []);
    // Listed before the checkpoint this run resumes from: still at the source (or a deleted header says otherwise).
    if (resumed && seen.size > 0) yield { type: 'present', sourceId, recordIds: [...seen] };
    let pages = 0;
    let sinceCheckpoint = 0;

    const snapshot = (): OaiPmhState => ({
      from: state?.from,
      run: { ...run, seen: run.seen ? [...seen] : undefined },
    });

    while (true) {
      const verb = run.phase === 'records' ? 'ListRecords' : 'ListIdentifiers';
      if (run.resumptionToken && run.tokenExpires && Date.parse(run.tokenExpires) <= Date.now()) {
        yield { type: 'progress', note: `resumption token expired at ${run.tokenExpires}; restarting ${verb} from ${run.from ?? 'the beginning'}` };
        run = restart(run, config, sourceId);
      }
      const args = run.resumptionToken
        ? { resumptionToken: run.resumptionToken }
        : { metadataPrefix: config.metadataPrefix, set: config.set, from: run.phase === 'records' ? run.from : undefined, until: run.phase === 'records' ? until : undefined };
      const page = yield* this.fetchPage(client, verb, args, config, sourceId);
      pages++;
      for (const note of client.http.drainRetryNotes()) yield { type: 'progress', retries: client.http.retries, note };
      const errors = page.response.errors;
      if (errors.some((e) => e.code === 'badResumptionToken') && run.resumptionToken) {
        yield { type: 'progress', note: `badResumptionToken at ${page.url}; restarting ${verb} from ${run.from ?? 'the beginning'}` };
        run = restart(run, config, sourceId);
        continue;
      }
      const fatal = errors.filter((e) => e.code !== 'noRecordsMatch');
      if (fatal.length) {
        throw new SourceContractError(`Source ${sourceId}: ${verb} at ${page.url} answered ${fatal.map((e) => `${e.code} (${e.message})`).join('; ')}`, {
          code: `OAI_${fatal[0].code}`, context: { sourceId, page: page.url },
        });
      }
      if (run.nextFrom === undefined && run.phase === 'records') {
        let stamp = page.response.responseDate;
        if (stamp !== undefined && Number.isNaN(Date.parse(stamp))) {
          yield { type: 'progress', note: `responseDate "${stamp.slice(0, 40)}" at ${page.url} is not a date; the next run starts from this host's clock` };
          stamp = undefined;
        }
        const responseDate = toGranularity(stamp ?? new Date().toISOString(), identify.granularity);
        // With an upper bound, the next run starts at the bound: nothing after it has been read.
        run.nextFrom = until !== undefined && until < responseDate ? until : responseDate;
      }
      const unidentified = yield* this.emitItems(page.response, page.url, run.phase, config, sourceId, seen);
      if (unidentified && run.seen) run.unlisted ??= `an item without identifier on ${page.url}`;

      const token = page.response.resumptionToken;
      run.resumptionToken = token?.value;
      run.tokenExpires = token?.expirationDate;
      yield { type: 'progress', pages, retries: client.http.retries };
      if (run.resumptionToken) {
        if (++sinceCheckpoint >= config.checkpointEveryPages) {
          sinceCheckpoint = 0;
          yield { type: 'checkpoint', state: snapshot() };
        }
        continue;
      }
      // The list is complete. Repositories hiding deletes need the full id list after an increment.
      if (run.phase === 'records' && diff && run.seen === undefined) {
        run = { ...run, phase: 'identifiers', resumptionToken: undefined, tokenExpires: undefined, restarts: 0, seen: [] };
        seen.clear();
        yield { type: 'checkpoint', state: snapshot() };
        continue;
      }
      break;
    }

    if (run.seen) yield run.unlisted ? { type: 'listing', complete: false, reason: run.unlisted } : { type: 'listing', complete: true };
    yield { type: 'checkpoint', state: { from: run.nextFrom ?? state?.from } };
  }

  /** One page, fetched again (up to pageRetries) when it comes back unreadable; each bad copy is reported. */
  private async *fetchPage(
    client: OaiPmhClient,
    verb: 'ListRecords' | 'ListIdentifiers',
    args: OaiListArgs | { resumptionToken: string },
    config: OaiPmhConfig,
    sourceId: string,
  ): AsyncGenerator<Message, { url: string; response: OaiResponse }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.list(verb, args);
      } catch (error) {
        if (!(error instanceof OaiPageError)) throw error;
        yield { type: 'error', sourceId, recordId: error.page, page: error.page, message: `unreadable ${verb} page: ${error.message}` };
        if (attempt >= config.pageRetries) {
          throw new SourceContractError(`Source ${sourceId}: ${verb} page ${error.page} is not readable OAI-PMH after ${attempt + 1} fetches: ${error.message}`, {
            code: 'OAI_MALFORMED_PAGE', context: { sourceId, page: error.page },
          });
        }
      }
    }
  }

  private *emitItems(
    response: OaiResponse,
    pageUrl: string,
    phase: Phase,
    config: OaiPmhConfig,
    sourceId: string,
    seen: Set<string>,
  ): Generator<Message, boolean> {
    let unidentified = false;
    const listed: string[] = [];
    for (const [index, item] of response.items.entries()) {
      const { header } = item;
      if (!header.identifier) {
        unidentified = true;
        yield { type: 'error', sourceId, recordId: `${pageUrl}#${index}`, page: pageUrl, message: item.problem ?? 'item without identifier' };
        continue;
      }
      if (header.deleted) {
        seen.delete(header.identifier);
        if (phase === 'records') yield { type: 'delete', sourceId, recordId: header.identifier, deleted: header.datestamp || undefined };
        continue;
      }
      seen.add(header.identifier);
      if (phase === 'identifiers') {
        listed.push(header.identifier);
        continue;
      }
      const problem = item.problem ?? (item.metadata === undefined ? 'no metadata' : limitProblem({ depth: item.depth, body: item.metadata }, config));
      if (problem || item.metadata === undefined) {
        yield { type: 'error', sourceId, recordId: header.identifier, page: pageUrl, message: `${header.identifier} on ${pageUrl}: ${problem}` };
        continue;
      }
      const link = new URL(config.baseUrl);
      link.search = new URLSearchParams({ verb: 'GetRecord', metadataPrefix: config.metadataPrefix, identifier: header.identifier }).toString();
      yield {
        type: 'record',
        record: {
          sourceId,
          recordId: header.identifier,
          mediaType: 'application/xml',
          body: item.metadata,
          modified: header.datestamp || undefined,
          link: link.toString(),
          removedCharacters: item.removed,
          // Per-record organisation for reports and OAI sets: the payload's holder, else the harvested set.
          meta: { set: header.sets.join(' ') || undefined, metadataPrefix: config.metadataPrefix, organisation: item.organisation ?? config.set },
        },
      };
    }
    if (listed.length > 0) yield { type: 'present', sourceId, recordIds: listed };
    return unidentified;
  }
}

/** Drops the token and lists again from the run's `from`; gives up after maxRestarts. */
function restart(run: OaiPmhRunState, config: OaiPmhConfig, sourceId: string): OaiPmhRunState {
  if (run.restarts >= config.maxRestarts) {
    throw new SourceContractError(`Source ${sourceId}: resumption token rejected ${run.restarts + 1} times in one run; giving up`, {
      code: 'OAI_badResumptionToken', context: { sourceId },
    });
  }
  return { ...run, resumptionToken: undefined, tokenExpires: undefined, restarts: run.restarts + 1 };
}

