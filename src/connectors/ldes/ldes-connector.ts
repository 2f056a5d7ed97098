/**
 * LDES client: walks a stream's tree:Node pages breadth-first along tree:relations, yields each
 * member as the latest state of the entity it is a version of (record id from its versionOf
 * IRI), and deletes for delete-typed members. Pages served `immutable` are read once ever; the
 * others (the open page) are polled again next run, skipping members already taken. The
 * stream's ldes:pollingInterval rides in the state; `hub serve` polls at that interval.
 * A first or --full run reads the whole stream and ends with a `listing` message (the pipeline
 * deletes published records no member mentioned), unless the stream has a retention policy.
 */
import { SourceContractError, errorMessage } from '../../core/errors.js';
import type { CheckResult, Connector, ConnectorMessage, ReadOptions } from '../contract.js';
import { HttpClient } from '../http/http-client.js';
import { jsonDepth } from '../../core/nesting-depth.js';
import { jsonRecordBody, limitProblem } from '../record-limits.js';
import type { LdesConfig, LdesState } from './config.js';
import { memberFacts, parsePage, type ParsedPage } from './page.js';

const ACCEPT = 'application/ld+json, application/json;q=0.9';

function client(config: LdesConfig, sourceId: string, signal?: AbortSignal) {
  return HttpClient.forSource(sourceId, config, { accept: ACCEPT, ...config.headers }, signal);
}

export class LdesConnector implements Connector<LdesConfig, LdesState> {
  readonly type = 'ldes';

  async check(config: LdesConfig, sourceId: string): Promise<CheckResult> {
    try {
      const res = await client({ ...config, maxAttempts: 1 }, sourceId).get(config.url);
      const page = await parsePage(res.body, config.url);
      return { ok: true, message: `${config.url} answered with ${page.members.length} members and ${page.relations.length} relations` };
    } catch (error) {
      return { ok: false, message: errorMessage(error) };
    }
  }

  async *read(config: LdesConfig, state: LdesState | undefined, sourceId: string, options: ReadOptions = {}): AsyncGenerator<ConnectorMessage<LdesState>> {
    const http = client(config, sourceId, options.signal);
    const idPattern = new RegExp(config.recordIdPattern);
    const resume = options.full ? undefined : state;
    const done = new Set(resume?.done ?? []);
    const open = new Map((resume?.open ?? []).map((o) => [o.url, new Set(o.seen)]));
    const queue: string[] = resume ? [...resume.pending, ...open.keys()] : [config.url];
    const visited = new Set<string>();
    // The whole stream from its start: every entity still published has a member in it.
    const whole = resume === undefined;
    let unlisted: string | undefined;
    let pages = 0;
    let pollingInterval = state?.pollingInterval;

    const snapshot = (): LdesState => ({
      pending: queue.filter((u) => !visited.has(u)),
      done: [...done],
      open: [...open.entries()].map(([url, seen]) => ({ url, seen: [...seen] })),
      ...(pollingInterval !== undefined ? { pollingInterval } : {}),
    });

    while (queue.length > 0) {
      const url = queue.shift()!;
      if (visited.has(url) || done.has(url)) continue;
      visited.add(url);
      // A page that arrives unreadable is reported by its URL and fetched again, up to pageRetries times.
      let page: ParsedPage | undefined;
      let cacheControl = '';
      for (let attempt = 0; !page; attempt++) {
        const res = await http.get(url);
        for (const note of http.drainRetryNotes()) yield { type: 'progress', retries: http.retries, note };
        cacheControl = res.headers.get('cache-control') ?? '';
        try {
          page = await parsePage(res.body, url);
        } catch (error) {
          const problem = `page ${url} is not a readable LDES page (${errorMessage(error)})`;
          yield { type: 'error', sourceId, recordId: url, page: url, message: problem };
          if (attempt >= config.pageRetries) {
            throw new SourceContractError(`Source ${sourceId}: ${problem} after ${attempt + 1} fetches`, {
              code: 'MALFORMED_PAGE',
              context: { sourceId, page: url },
            });
          }
        }
      }
      pages++;
      if (page.stream.retentionPolicy) unlisted ??= `the stream declares a retention policy (older members are no longer served)`;
      const interval = page.stream.pollingInterval;
      if (interval !== undefined && Number.isFinite(interval) && interval > 0) pollingInterval = interval;
      const paths = {
        versionOfPath: page.stream.versionOfPath ?? config.versionOfPath,
        timestampPath: page.stream.timestampPath ?? config.timestampPath,
        deleteObject: page.stream.deleteObject ?? config.deleteType,
      };
      const immutable = /\bimmutable\b/i.test(cacheControl);
      const seen = open.get(url) ?? new Set<string>();
      for (const [index, member] of page.members.entries()) {
        if (member.id && seen.has(member.id)) continue;
        const locator = member.id || `${url}#member${index}`;
        // Expanding a member recurses per level of nesting: the depth limit is checked first.
        const unusable = member.problem ?? limitProblem({ depth: jsonDepth(member.json, config.maxRecordDepth) }, config);
        if (unusable) {
          yield { type: 'error', sourceId, recordId: locator, page: url, message: `member ${locator} on page ${url}: ${unusable}` };
          if (member.id) seen.add(member.id);
          continue;
        }
        let facts;
        try {
          facts = await memberFacts(member, paths);
        } catch (error) {
          yield { type: 'error', sourceId, recordId: locator, page: url, message: `member ${locator} on page ${url} cannot be read: ${errorMessage(error)}` };
          unlisted ??= `member ${locator} on page ${url} could not be read`;
          if (member.id) seen.add(member.id);
          continue;
        }
        const entity = facts.versionOf ?? member.id;
        let body: ReturnType<typeof jsonRecordBody>;
        const recordId = idPattern.exec(entity)?.[1];
        if (!entity || !recordId) {
          unlisted ??= `member ${locator} on page ${url} names no record id`;
          yield { type: 'error', sourceId, recordId: locator, page: url, message: `member ${locator} on page ${url} has no ${paths.versionOfPath} matching ${config.recordIdPattern}` };
        } else if (facts.deleted) {
          yield { type: 'delete', sourceId, recordId, deleted: facts.timestamp };
        } else if ((body = jsonRecordBody(member.json, config)).problem !== undefined) {
          yield { type: 'error', sourceId, recordId, page: url, message: `member ${locator} on page ${url}: ${body.problem}` };
        } else {
          yield {
            type: 'record',
            record: {
              sourceId,
              recordId,
              mediaType: 'application/ld+json',
              body: body.body,
              modified: facts.timestamp,
              link: entity,
              meta: { version: member.id, page: url },
            },
          };
        }
        if (member.id) seen.add(member.id);
      }
      // A stream description (the ldes:EventStream IRI, where LDES clients start) leads to its views.
      for (const next of [...page.views, ...page.relations.map((r) => r.node)]) if (!visited.has(next) && !done.has(next)) queue.push(next);
      if (immutable) {
        done.add(url);
        open.delete(url);
      } else {
        open.set(url, seen);
      }
      yield { type: 'progress', pages, retries: http.retries };
      // The listing ends before the last page's checkpoint, which is then saved after the deletes it brings.
      const last = !queue.some((u) => !visited.has(u) && !done.has(u));
      if (last && whole) yield unlisted ? { type: 'listing', complete: false, reason: unlisted } : { type: 'listing', complete: true };
      yield { type: 'checkpoint', state: snapshot() };
    }
  }
}
