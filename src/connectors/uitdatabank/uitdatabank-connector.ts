/**
 * UiTdatabank harvester. The Search API pages only up to start=10,000, so instead of deep
 * offsets it walks each entity by modification date (keyset paging): every request asks for
 * `modifiedFrom = <modified of the last document read>` sorted ascending, skipping the
 * documents already read at exactly that instant. No request ever needs a large `start`
 * (only ties — documents sharing one `modified` second — use an offset), documents edited
 * mid-harvest cannot shift a page and hide a neighbour, and the cursor that ends a run is
 * where the next, incremental run begins. A run is bounded by `modifiedTo` = its start time.
 * A first or --full run reads every document and ends with a `listing` message, so the pipeline
 * deletes published documents it did not see (gone from the source's query, or no longer in a
 * published status). A resumed run does not: withdrawn documents still come as deletes.
 */
import { SourceContractError, errorMessage } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-text.js';
import { jsonRecordBody } from '../record-limits.js';
import type { CheckResult, Connector, ConnectorMessage, ReadOptions } from '../contract.js';
import { UitdatabankClient, uitDate, type UitPage } from './client.js';
import type { UitdatabankConfig, UitEntity } from './config.js';

export interface UitCursor {
  /** `modified` of the last document read (ISO 8601); everything before it is done. */
  from?: string;
  /** Ids read whose `modified` equals `from` exactly. */
  seenAtFrom: string[];
}

export interface UitdatabankState {
  cursors: Partial<Record<UitEntity, UitCursor>>;
  /** A run in progress: its upper bound and the entity it is on (a resumed run reads every entity from its cursor to its own start). */
  run?: { until: string; entity: UitEntity };
}

type Message = ConnectorMessage<UitdatabankState>;
type Doc = Record<string, unknown>;

const SINGULAR: Record<UitEntity, string> = { events: 'event', places: 'place', organizers: 'organizer' };

export class UitdatabankConnector implements Connector<UitdatabankConfig, UitdatabankState> {
  readonly type = 'uitdatabank';

  async check(config: UitdatabankConfig, sourceId: string): Promise<CheckResult> {
    try {
      const client = new UitdatabankClient({ ...config, maxAttempts: 1 }, sourceId);
      const entity = config.entities[0];
      const page = await client.get(client.searchUrl(entity, { until: uitDate(Date.now()) }, 0, 1));
      const total = (JSON.parse(page.body) as { totalItems?: number }).totalItems;
      return { ok: true, message: `Search API answers: ${total ?? '?'} ${entity}` };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  async *read(config: UitdatabankConfig, state: UitdatabankState | undefined, sourceId: string, options: ReadOptions = {}): AsyncIterable<Message> {
    const client = new UitdatabankClient(config, sourceId, options.signal);
    const cursors: Partial<Record<UitEntity, UitCursor>> = options.full ? {} : structuredClone(state?.cursors ?? {});
    // A run resumed after a crash goes on from every entity's cursor up to its own start: the
    // entities done before the crash cost a page each, and what changed since (a delete) is read now.
    const until = uitDate(Date.now());
    // Every document, from the start: a listing of the source's complete current set.
    const whole = options.full === true || state === undefined;
    let unlisted: string | undefined;
    let pages = 0;

    for (const entity of config.entities) {
      const cursor = (cursors[entity] ??= { seenAtFrom: [] });
      while (true) {
        const seen = new Set(cursor.seenAtFrom);
        // Re-read ties from the start unless they fill pages, then skip most of them by offset.
        const start = cursor.seenAtFrom.length >= config.pageSize ? cursor.seenAtFrom.length - Math.floor(config.pageSize / 2) : 0;
        if (start > config.maxStart) {
          throw new SourceContractError(`Source ${sourceId}: more than ${config.maxStart} ${entity} share modified=${cursor.from}; the Search API cannot page past them`, {
            code: 'UIT_TOO_MANY_TIES', context: { sourceId },
          });
        }
        const url = client.searchUrl(entity, { from: cursor.from, until }, start, config.pageSize);
        const members = yield* this.fetchPage(client, url, config, sourceId);
        pages++;
        for (const note of client.http.drainRetryNotes()) yield { type: 'progress', retries: client.http.retries, note };
        let fresh = 0;
        for (const [index, doc] of members.entries()) {
          const id = typeof doc['@id'] === 'string' ? doc['@id'].split('/').filter(Boolean).pop() : undefined;
          const modified = typeof doc.modified === 'string' ? doc.modified : undefined;
          if (!id || !modified || Number.isNaN(Date.parse(modified))) {
            if (!id) unlisted ??= `a ${SINGULAR[entity]} without usable @id on ${url}`;
            yield { type: 'error', sourceId, recordId: id ?? `${url}#${index}`, page: url, message: `${SINGULAR[entity]} without usable @id or modified` };
            continue;
          }
          if (seen.has(id)) continue;
          fresh++;
          if (cursor.from !== undefined && Date.parse(modified) === Date.parse(cursor.from)) {
            cursor.seenAtFrom.push(id);
          } else if (cursor.from === undefined || Date.parse(modified) > Date.parse(cursor.from)) {
            cursor.from = modified;
            cursor.seenAtFrom = [id];
          }
          seen.add(id);
          yield* this.emit(doc, id, modified, entity, config, sourceId, url);
        }
        yield { type: 'progress', pages, retries: client.http.retries };
        const done = members.length < config.pageSize;
        if (!done && fresh === 0) {
          throw new SourceContractError(`Source ${sourceId}: page ${url} brought no new ${entity}; the listing is not advancing`, {
            code: 'UIT_NO_PROGRESS', context: { sourceId, page: url },
          });
        }
        if (done) break;
        yield { type: 'checkpoint', state: { cursors: structuredClone(cursors), run: { until, entity } } };
      }
      const next = config.entities[config.entities.indexOf(entity) + 1];
      if (next) yield { type: 'checkpoint', state: { cursors: structuredClone(cursors), run: { until, entity: next } } };
    }
    if (whole) yield unlisted ? { type: 'listing', complete: false, reason: unlisted } : { type: 'listing', complete: true };
    yield { type: 'checkpoint', state: { cursors: structuredClone(cursors) } };
  }

  private *emit(doc: Doc, id: string, modified: string, entity: UitEntity, config: UitdatabankConfig, sourceId: string, page: string): Generator<Message> {
    const kind = entity === 'organizers' ? 'organizers' : 'offers';
    const status = typeof doc.workflowStatus === 'string' ? doc.workflowStatus : undefined;
    if (status && config.withdrawnStatuses[kind].includes(status)) {
      yield { type: 'delete', sourceId, recordId: id, deleted: modified };
      return;
    }
    if (status && !config.publishedStatuses[kind].includes(status)) return;
    const { body, problem } = jsonRecordBody(doc, config);
    if (problem !== undefined) {
      yield { type: 'error', sourceId, recordId: id, page, message: `${SINGULAR[entity]} ${id} on page ${page}: ${problem}` };
      return;
    }
    yield {
      type: 'record',
      record: {
        sourceId,
        recordId: id,
        mediaType: 'application/ld+json',
        body,
        modified,
        link: String(doc['@id']),
        meta: { entity: SINGULAR[entity], workflowStatus: status, organisation: entity === 'organizers' ? undefined : organizerName(doc) },
      },
    };
  }

  /** One page's members, fetched again (up to pageRetries) when the JSON is unreadable; each bad copy is reported. */
  private async *fetchPage(client: UitdatabankClient, url: string, config: UitdatabankConfig, sourceId: string): AsyncGenerator<Message, Doc[]> {
    for (let attempt = 0; ; attempt++) {
      const page: UitPage = await client.get(url);
      let problem: string;
      try {
        const parsed = parseJsonText(page.body) as { member?: unknown } | null;
        if (Array.isArray(parsed?.member)) return parsed.member.map((m) => (typeof m === 'object' && m !== null && !Array.isArray(m) ? (m as Doc) : {}));
        problem = 'no member array';
      } catch (error) {
        problem = `unreadable JSON: ${errorMessage(error)}`;
      }
      yield { type: 'error', sourceId, recordId: url, page: url, message: `search page ${problem}` };
      if (attempt >= config.pageRetries) {
        throw new SourceContractError(`Source ${sourceId}: search page ${url} is unreadable after ${attempt + 1} fetches (${problem})`, {
          code: 'UIT_MALFORMED_PAGE', context: { sourceId, page: url },
        });
      }
    }
  }
}

/**
 * The name of an offer's embedded organizer, for per-organisation reports: Dutch first, else
 * the organizer's (or the offer's) main language, else any. Undefined when the organizer is
 * only a reference (no embedded name) or absent; the source's organisation applies then.
 */
export function organizerName(doc: Doc): string | undefined {
  const organizer = doc.organizer;
  if (!organizer || typeof organizer !== 'object') return undefined;
  const { name, mainLanguage } = organizer as Doc;
  if (typeof name === 'string') return name.trim() || undefined;
  if (!name || typeof name !== 'object') return undefined;
  const names = name as Record<string, unknown>;
  const pick = (lang: unknown) => (typeof lang === 'string' && typeof names[lang] === 'string' ? (names[lang] as string).trim() : '');
  const found = [pick('nl'), pick(mainLanguage), pick(doc.mainLanguage), ...Object.keys(names).map(pick)].find(Boolean);
  return found || undefined;
}
