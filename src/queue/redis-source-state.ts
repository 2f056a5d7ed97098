/**
 * Per-source state in Redis for distributed mode (the embedded hub keeps it on disk, see
 * pipeline/state-store.ts): the publish sequence number applied last with the connector
 * checkpoint saved with it, the run lock (one run per source at a time), each run's counters
 * and problems, and the recent run summaries. Advancing the sequence, saving the checkpoint and
 * adding the batch's counts are one Lua script, so a batch published twice is counted once.
 * A run's mentioned record ids (deletes by difference) are a Redis set per read of the source.
 */
import type { Redis } from 'ioredis';
import { emptyOrganisationCounts, type ListingOutcome, type OrganisationCounts, type RecordProblem, type RunCounts, type RunSummary } from '../reports/run-summary.js';

const KEEP_RUNS = 50;
const MAX_PROBLEMS = 10000;
/** Ids per SADD / SMISMEMBER call. */
const ID_CHUNK = 1000;
/** How long a read's mentioned ids are kept at most (a run is closed well before). */
const MENTIONS_TTL_MS = 24 * 3600 * 1000;
/** Run hash fields of an organisation's counts: `org.{field}.{organisation}` (field names hold no dot). */
const ORG = 'org.';
const COUNT_FIELDS = ['seen', 'published', 'unchanged', 'rejected', 'deleted', 'errors', 'warnings', 'nonConforming'] as const;

/** A batch's counts as run hash increments (the script adds them with HINCRBY). */
function flatCounts(counts: RunCounts): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const field of COUNT_FIELDS) flat[field] = counts[field];
  for (const [name, org] of Object.entries(counts.organisations ?? {})) {
    for (const [field, n] of Object.entries(org)) if (n) flat[`${ORG}${field}.${name}`] = n;
  }
  return flat;
}

/** The organisations' counts back from the run hash. */
function organisationsOf(h: Record<string, string>): Record<string, OrganisationCounts> {
  const out: Record<string, OrganisationCounts> = {};
  for (const [key, value] of Object.entries(h)) {
    if (!key.startsWith(ORG)) continue;
    const dot = key.indexOf('.', ORG.length);
    const field = key.slice(ORG.length, dot) as keyof OrganisationCounts;
    const org = (out[key.slice(dot + 1)] ??= emptyOrganisationCounts());
    if (field in org) org[field] = Number(value);
  }
  return out;
}

// KEYS: source hash, run hash, run problems list, lock.  ARGV: seq, checkpoint JSON ('' = keep), runId, lockMs, counts JSON, pages, listing JSON ('' = none), problems...
const ADVANCE = `
local cur = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if tonumber(ARGV[1]) ~= cur + 1 then return 0 end
redis.call('HSET', KEYS[1], 'seq', ARGV[1])
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'checkpoint', ARGV[2]) end
local counts = cjson.decode(ARGV[5])
for k, v in pairs(counts) do redis.call('HINCRBY', KEYS[2], k, v) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[2], 'pages', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('HSET', KEYS[2], 'listing', ARGV[7]) end
for i = 8, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
redis.call('LTRIM', KEYS[3], 0, ${MAX_PROBLEMS - 1})
if redis.call('GET', KEYS[4]) == ARGV[3] then redis.call('PEXPIRE', KEYS[4], ARGV[4]) end
return 1`;

// KEYS: lock.  ARGV: runId, lockMs.  Takes a free lock or renews our own.
const ACQUIRE = `
local v = redis.call('GET', KEYS[1])
if (not v) or v == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface SourcePosition {
  /** The publish sequence number applied last (0: none yet). */
  seq: number;
  /** The connector state saved with it. */
  checkpoint?: unknown;
}

export class RedisSourceState {
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
  ) {}

  private key = (...parts: string[]) => [this.prefix, 'hub', ...parts].join(':');

  async position(sourceId: string): Promise<SourcePosition> {
    const [seq, checkpoint] = await this.client.hmget(this.key('source', sourceId), 'seq', 'checkpoint');
    return { seq: Number(seq ?? 0), checkpoint: checkpoint ? JSON.parse(checkpoint) : undefined };
  }

  /** Forgets the source's saved connector checkpoint: its next run reads the source from scratch (`hub store repair`). */
  async forgetCheckpoint(sourceId: string): Promise<void> {
    await this.client.hdel(this.key('source', sourceId), 'checkpoint');
  }

  /** Takes the source's run lock for `runId` (or renews it); false while another run holds it. */
  async lock(sourceId: string, runId: string, lockMs: number): Promise<boolean> {
    return (await this.client.eval(ACQUIRE, 1, this.key('lock', sourceId), runId, lockMs)) === 1;
  }

  async unlock(sourceId: string, runId: string): Promise<void> {
    await this.client.eval(RELEASE, 1, this.key('lock', sourceId), runId);
  }

  /** Takes (or renews) the lock of the match step's critical section for `token`; false while another holds it. */
  async lockMatching(token: string, lockMs: number): Promise<boolean> {
    return (await this.client.eval(ACQUIRE, 1, this.key('match-lock'), token, lockMs)) === 1;
  }

  async unlockMatching(token: string): Promise<void> {
    await this.client.eval(RELEASE, 1, this.key('match-lock'), token);
  }

  async lockHolder(sourceId: string): Promise<string | null> {
    return this.client.get(this.key('lock', sourceId));
  }

  /** Records the start of a run (kept when a retried harvest starts it again). */
  async startRun(runId: string, fields: { sourceId: string; startedAt: string; full: boolean }): Promise<void> {
    const client = this.client;
    await client.hsetnx(this.key('run', runId), 'sourceId', fields.sourceId);
    await client.hsetnx(this.key('run', runId), 'startedAt', fields.startedAt);
    await client.hsetnx(this.key('run', runId), 'full', String(fields.full));
  }

  /** Notes the highest batch a run's harvest has enqueued so far. */
  async markEnqueued(runId: string, seq: number): Promise<void> {
    await this.client.hset(this.key('run', runId), 'enqueued', String(seq));
  }

  /** The highest batch the run's harvest noted as enqueued (0: none). */
  async enqueuedSeq(runId: string): Promise<number> {
    return Number((await this.client.hget(this.key('run', runId), 'enqueued')) ?? 0);
  }

  /** Forgets a run's counts and problems: a full run read again from the start counts afresh. */
  async resetCounts(runId: string): Promise<void> {
    const orgs = (await this.client.hkeys(this.key('run', runId))).filter((k) => k.startsWith(ORG));
    await this.client.hdel(this.key('run', runId), ...COUNT_FIELDS, 'pages', 'listing', ...orgs);
    await this.client.del(this.key('run', runId, 'problems'));
  }

  /**
   * A new set for the record ids one read of a run mentions (each read of the connector, a retry
   * or a hand-back too, starts its own: a set another read is still filling is never compared).
   */
  async newMentions(runId: string): Promise<string> {
    const read = await this.client.hincrby(this.key('run', runId), 'reads', 1);
    return this.key('run', runId, 'mentioned', String(read));
  }

  /** Adds ids to a read's mentioned set. */
  async mention(key: string, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += ID_CHUNK) await this.client.sadd(key, ...ids.slice(i, i + ID_CHUNK));
    if (ids.length > 0) await this.client.pexpire(key, MENTIONS_TTL_MS);
  }

  /** How many ids a read's mentioned set holds. */
  async mentionCount(key: string): Promise<number> {
    return this.client.scard(key);
  }

  /** Whether each id is in a read's mentioned set. */
  async mentioned(key: string, ids: string[]): Promise<boolean[]> {
    const out: boolean[] = [];
    for (let i = 0; i < ids.length; i += ID_CHUNK) out.push(...(await this.client.smismember(key, ...ids.slice(i, i + ID_CHUNK))).map((n) => n === 1));
    return out;
  }

  /** Drops the mentioned sets of every read of a finished run. */
  async forgetMentions(runId: string): Promise<void> {
    const reads = Number((await this.client.hget(this.key('run', runId), 'reads')) ?? 0);
    const keys = Array.from({ length: reads }, (_, i) => this.key('run', runId, 'mentioned', String(i + 1)));
    if (keys.length > 0) await this.client.del(...keys);
  }

  /**
   * Applies batch `seq` of a source if it is the next one: checkpoint, counts, problems, what the
   * run's listing came to. Returns false when it is not the next (already applied, or an earlier one is missing).
   */
  async advance(
    sourceId: string,
    runId: string,
    seq: number,
    batch: { checkpoint?: unknown; counts: RunCounts; problems: RecordProblem[]; pages?: number; listing?: ListingOutcome },
    lockMs: number,
  ): Promise<boolean> {
    const args = [
      String(seq),
      batch.checkpoint === undefined ? '' : JSON.stringify(batch.checkpoint),
      runId,
      String(lockMs),
      JSON.stringify(flatCounts(batch.counts)),
      batch.pages === undefined ? '' : String(batch.pages),
      batch.listing === undefined ? '' : JSON.stringify(batch.listing),
      ...batch.problems.map((p) => JSON.stringify(p)),
    ];
    const keys = [this.key('source', sourceId), this.key('run', runId), this.key('run', runId, 'problems'), this.key('lock', sourceId)];
    return (await this.client.eval(ADVANCE, keys.length, ...keys, ...args)) === 1;
  }

  /** The run's summary as counted so far. */
  async run(runId: string): Promise<RunSummary | undefined> {
    const client = this.client;
    const h = await client.hgetall(this.key('run', runId));
    if (!h.sourceId) return undefined;
    const problems = (await client.lrange(this.key('run', runId, 'problems'), 0, -1)).map((p) => JSON.parse(p) as RecordProblem);
    const n = (k: string) => Number(h[k] ?? 0);
    return {
      runId,
      sourceId: h.sourceId,
      startedAt: h.startedAt ?? new Date().toISOString(),
      status: 'running',
      full: h.full === 'true',
      seen: n('seen'),
      published: n('published'),
      unchanged: n('unchanged'),
      rejected: n('rejected'),
      deleted: n('deleted'),
      errors: n('errors'),
      warnings: n('warnings'),
      nonConforming: n('nonConforming'),
      pages: n('pages'),
      retries: 0,
      organisations: organisationsOf(h),
      ...(h.listing ? { listing: JSON.parse(h.listing) as ListingOutcome } : {}),
      problems,
    };
  }

  /** Keeps a finished run's summary (without its problems) and forgets its counters a day later. */
  async finishRun(run: RunSummary): Promise<void> {
    const client = this.client;
    const latest = await client.lindex(this.key('runs', run.sourceId), 0);
    if (latest && (JSON.parse(latest) as RunSummary).runId === run.runId) return;
    await client.lpush(this.key('runs', run.sourceId), JSON.stringify({ ...run, problems: [] }));
    await client.ltrim(this.key('runs', run.sourceId), 0, KEEP_RUNS - 1);
    await client.expire(this.key('run', run.runId), 86400);
    await client.expire(this.key('run', run.runId, 'problems'), 86400);
  }

  /** Recent finished runs of a source, newest first. */
  async runs(sourceId: string): Promise<RunSummary[]> {
    return (await this.client.lrange(this.key('runs', sourceId), 0, -1)).map((r) => JSON.parse(r) as RunSummary);
  }
}
