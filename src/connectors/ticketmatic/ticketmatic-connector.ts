/**
 * Ticketmatic harvester for public event data. A first (or --full) run lists `/events` page
 * by page (offset paging, checkpointed; an ids-only listing afterwards catches events the
 * offsets skipped), then catches up on the `/eventstream` change feed
 * from the moment the listing began, so edits made during the listing are not missed. Later
 * runs follow the change feed from its `nextid`: changed events are fetched one by one, a
 * deleted one (stream item or 404) becomes a delete. Only `event.*` stream items are asked
 * for; order and contact items (personal data) are never requested nor read. A listing of every
 * event (first or --full run) ends with a `listing` message, so the pipeline deletes published
 * events it no longer holds (or that went back to Draft); the public ids listed so far ride in
 * its checkpoints, so a resumed listing names them again (`present`).
 *
 * Each record is the event as Ticketmatic gives it, with its location embedded and the
 * per-contingent sales figures replaced by a public `publicavailability` ({soldout, free}).
 */
import { SourceContractError, errorMessage } from '../../core/errors.js';
import { parseJsonText } from '../../core/json-text.js';
import { jsonRecordBody } from '../record-limits.js';
import type { CheckResult, Connector, ConnectorMessage, ReadOptions } from '../contract.js';
import { TicketmaticClient } from './client.js';
import type { TicketmaticConfig } from './config.js';

export interface TicketmaticState {
  /** Next eventstream id to read (eventstream mode). */
  streamId?: string;
  /** Ticketmatic time to pass as lastupdatesince next run (lastupdatesince mode). */
  lastUpdateSince?: string;
  /** An /events listing in progress: ids listed so far, those of them in Draft (not public), why it cannot be complete. */
  run?: { offset: number; startedAt: string; since?: string; listed: number[]; drafts?: number[]; unlisted?: string };
}

type Message = ConnectorMessage<TicketmaticState>;
type Json = Record<string, any>;

/** Event status codes (Ticketmatic type Event): Draft 19001, Active 19002, Closed 19003. */
const DRAFT = 19001;
export const STREAM_EVENT_TYPES = ['event.created', 'event.updated', 'event.deleted'];

const tmTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const isoFromTm = (value: unknown) => (typeof value === 'string' && value ? new Date(`${value.replace(' ', 'T')}Z`).toISOString() : undefined);

export class TicketmaticConnector implements Connector<TicketmaticConfig, TicketmaticState> {
  readonly type = 'ticketmatic';

  async check(config: TicketmaticConfig, sourceId: string): Promise<CheckResult> {
    try {
      const client = new TicketmaticClient({ ...config, maxAttempts: 1 }, sourceId);
      await client.get(client.url('events', { limit: 1, output: 'ids' }));
      return { ok: true, message: `Ticketmatic account ${config.account} answers` };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  async *read(config: TicketmaticConfig, state: TicketmaticState | undefined, sourceId: string, options: ReadOptions = {}): AsyncIterable<Message> {
    const client = new TicketmaticClient(config, sourceId, options.signal);
    const ctx = { client, config, sourceId, pages: 0, locations: new Map<number, Json>() };
    const locations = yield* this.fetchJson(ctx, client.url('settings/events/eventlocations'));
    for (const location of (locations?.data ?? []) as Json[]) ctx.locations.set(Number(location.id), location);

    const fresh = options.full || (!state?.streamId && !state?.lastUpdateSince) || state?.run;
    if (!fresh && config.incremental === 'eventstream') {
      yield* this.followStream(ctx, { id: state!.streamId! });
      return;
    }
    const since = options.full ? undefined : state?.run?.since ?? (config.incremental === 'lastupdatesince' ? state?.lastUpdateSince : undefined);
    const resumed = state?.run && !options.full;
    const run = resumed
      ? { ...state!.run!, listed: [...(state!.run!.listed ?? [])], drafts: [...(state!.run!.drafts ?? [])] }
      : { offset: 0, startedAt: new Date().toISOString(), since, listed: [] as number[], drafts: [] as number[], unlisted: undefined as string | undefined };
    // A listing of every event resumed: the public ones listed before the checkpoint are still there.
    if (resumed && run.since === undefined) {
      const drafts = new Set(run.drafts);
      const listed = run.listed.filter((id) => !drafts.has(id)).map(String);
      if (listed.length > 0) yield { type: 'present', sourceId, recordIds: listed };
    }
    while (true) {
      const url = client.url('events', { limit: config.pageSize, offset: run.offset, lastupdatesince: run.since });
      const page = yield* this.fetchJson(ctx, url);
      const events = Array.isArray(page?.data) ? (page.data as Json[]) : [];
      for (const [index, event] of events.entries()) {
        if (Number.isInteger(event?.id)) run.listed.push(event.id);
        const kind = yield* this.emit(ctx, event, `${url}#${index}`, run.since !== undefined);
        if (kind === 'draft') run.drafts.push(event.id);
        if (kind === 'unidentified') run.unlisted ??= `an event without numeric id on ${url}`;
      }
      run.offset += events.length;
      if (events.length < config.pageSize) break;
      yield { type: 'checkpoint', state: { ...state, run: { ...run } } };
    }
    if (run.since === undefined) {
      yield* this.reconcile(ctx, new Set(run.listed));
      yield run.unlisted ? { type: 'listing', complete: false, reason: run.unlisted } : { type: 'listing', complete: true };
    }
    if (config.incremental === 'eventstream') {
      // Changes made while the listing ran are in the feed after its start (less the skew margin).
      yield* this.followStream(ctx, { ts: new Date(Date.parse(run.startedAt) - config.overlapSeconds * 1000).toISOString() });
    } else {
      const next = tmTime(Date.parse(run.startedAt) - config.overlapSeconds * 1000);
      yield { type: 'checkpoint', state: { lastUpdateSince: next } };
    }
  }

  /**
   * Offset pages shift when an event disappears mid-listing, which can hide a neighbour. One
   * ids-only request (small even for large accounts) shows which events the listing missed;
   * those are fetched one by one.
   */
  private async *reconcile(ctx: Ctx, listed: Set<number>): AsyncGenerator<Message> {
    const url = ctx.client.url('events', { output: 'ids', limit: 100000 });
    const page = yield* this.fetchJson(ctx, url);
    const all = Array.isArray(page?.data) ? (page.data as Json[]).map((e) => Number(e?.id)).filter(Number.isInteger) : [];
    for (const id of all.filter((id) => !listed.has(id))) {
      const eventUrl = ctx.client.url(`events/${id}`);
      const event = yield* this.fetchJson(ctx, eventUrl, true);
      if (event !== undefined) yield* this.emit(ctx, event, eventUrl, false);
    }
  }

  /** Reads the change feed until it has no more results, checkpointing its nextid after every poll. */
  private async *followStream(ctx: Ctx, from: { id?: string; ts?: string }): AsyncGenerator<Message> {
    let position = from;
    while (true) {
      const url = ctx.client.url('eventstream', { ...position, eventtypes: STREAM_EVENT_TYPES.join(',') });
      const page = yield* this.fetchJson(ctx, url);
      const results = Array.isArray(page?.results) ? (page.results as Json[]) : [];
      // The last item per event decides: several edits to one event cost one fetch.
      const latest = new Map<number, string>();
      for (const item of results) {
        if (typeof item.type !== 'string' || !item.type.startsWith('event.')) continue;
        const eventId = Number(item.data?.eventid);
        if (Number.isInteger(eventId)) latest.set(eventId, item.type);
      }
      for (const [eventId, type] of latest) {
        if (type === 'event.deleted') {
          yield { type: 'delete', sourceId: ctx.sourceId, recordId: String(eventId) };
          continue;
        }
        const eventUrl = ctx.client.url(`events/${eventId}`);
        const event = yield* this.fetchJson(ctx, eventUrl, true);
        if (event === undefined) yield { type: 'delete', sourceId: ctx.sourceId, recordId: String(eventId) };
        else yield* this.emit(ctx, event, eventUrl, true);
      }
      if (typeof page?.nextid !== 'string' && typeof page?.nextid !== 'number') {
        throw new SourceContractError(`Source ${ctx.sourceId}: eventstream page ${url} has no nextid`, { code: 'TM_STREAM', context: { sourceId: ctx.sourceId, page: url } });
      }
      position = { id: String(page.nextid) };
      yield { type: 'checkpoint', state: { streamId: position.id } };
      if (page.moreresults !== true) return;
    }
  }

  /**
   * A public event becomes a record; a draft is not public (a delete when it may have been
   * published before; a listing of every event leaves it out). Says which it was.
   */
  private *emit(ctx: Ctx, event: Json, locator: string, incremental: boolean): Generator<Message, 'public' | 'draft' | 'unidentified'> {
    const id = event?.id;
    const page = locator.replace(/#\d+$/, '');
    if (!Number.isInteger(id)) {
      yield { type: 'error', sourceId: ctx.sourceId, recordId: locator, page, message: 'event without numeric id' };
      return 'unidentified';
    }
    if (event.currentstatus === DRAFT) {
      if (incremental) yield { type: 'delete', sourceId: ctx.sourceId, recordId: String(id) };
      return 'draft';
    }
    let record: Message;
    // One odd event (availability entries that are not objects, nesting past the limit) is that event's error.
    try {
      record = this.record(ctx, event, id);
    } catch (error) {
      record = { type: 'error', sourceId: ctx.sourceId, recordId: String(id), page, message: `event ${id} at ${locator}: ${errorMessage(error)}` };
    }
    yield record;
    // An event that could not be read is still at the source: it counts as listed (its error names it).
    return 'public';
  }

  private record(ctx: Ctx, event: Json, id: number): Message {
    const { availability, ...rest } = event;
    const free = Array.isArray(availability) ? availability.reduce((sum: number, a: Json) => sum + (Number(a?.free) || 0), 0) : undefined;
    const soldout = free !== undefined ? free <= 0 : undefined;
    const { body, problem } = jsonRecordBody({ ...rest, location: ctx.locations.get(Number(event.locationid)), publicavailability: { soldout, free } }, ctx.config);
    if (problem !== undefined) throw new Error(problem);
    return {
      type: 'record',
      record: {
        sourceId: ctx.sourceId,
        recordId: String(id),
        mediaType: 'application/json',
        body,
        modified: isoFromTm(event.lastupdatets),
        meta: { entity: 'event', account: ctx.config.account, soldOut: soldout === undefined ? undefined : String(soldout), locationId: event.locationid === undefined ? undefined : String(event.locationid) },
      },
    };
  }

  /** GET + JSON.parse, fetched again (up to pageRetries) when unreadable; undefined for a 404 event when allowed. */
  private async *fetchJson(ctx: Ctx, url: string, allowMissing = false): AsyncGenerator<Message, Json | undefined> {
    for (let attempt = 0; ; attempt++) {
      const body = await ctx.client.get(url);
      ctx.pages++;
      for (const note of ctx.client.http.drainRetryNotes()) yield { type: 'progress', retries: ctx.client.http.retries, note };
      if (body === undefined) {
        if (allowMissing) return undefined;
        throw new SourceContractError(`Source ${ctx.sourceId}: ${url} answered 404`, { code: 'HTTP_404', context: { sourceId: ctx.sourceId, page: url } });
      }
      try {
        const parsed = parseJsonText(body) as Json;
        yield { type: 'progress', pages: ctx.pages, retries: ctx.client.http.retries };
        return parsed;
      } catch (error) {
        yield { type: 'error', sourceId: ctx.sourceId, recordId: url, page: url, message: `unreadable JSON: ${errorMessage(error)}` };
        if (attempt >= ctx.config.pageRetries) {
          throw new SourceContractError(`Source ${ctx.sourceId}: ${url} is unreadable after ${attempt + 1} fetches`, { code: 'TM_MALFORMED_PAGE', context: { sourceId: ctx.sourceId, page: url } });
        }
      }
    }
  }
}

interface Ctx {
  client: TicketmaticClient;
  config: TicketmaticConfig;
  sourceId: string;
  pages: number;
  locations: Map<number, Json>;
}
