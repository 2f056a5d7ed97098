/**
 * The push step (issue 18): HOW and WHEN a source's events go to UiTdatabank. The builder
 * (publication/push) says WHAT each event is (drafts, their diff, granular updates); this step
 * finds or creates the place and organizer, links an event UiTdatabank already has (entered by
 * hand: same cluster, or found by search) instead of creating it, creates the others, sends the
 * granular updates for what changed since the last document sent, the booking availability and
 * status as the source's availability changes, removes events whose record the source deleted
 * (tombstones), and sets the configured workflow state. Nothing changed: nothing sent.
 *
 * Crash safety: the push map (push-map.ts) is written before and after each remote call. A
 * create is preceded by an intent; an entry found with an open intent is resolved by looking the
 * event up by its hidden marker label before creating again. Updates need no intent: a crash
 * leaves the last document sent as it was, and the same granular PUTs are sent again.
 *
 * The push never throws for one event: refusals (4xx problems) and failures (429/5xx that outlived
 * the client's retries) land in the report, the failures are tried again at the next push.
 * `planPush` is the dry run: the same decisions with no write, remote or local.
 */
import { errorMessage } from '../../core/errors.js';
import type { SourceConfig, UitdatabankPushConfig } from '../../config/schema.js';
import type { EntryApi, EntryDocument, EntryKind, EntryUpdate } from '../../connectors/uitdatabank/entry-contract.js';
import { withParticipants, type DiffDocuments, type EventDraft, type FieldChange, type UpdatesFor } from '../../publication/push/index.js';
import type { Store } from '../../store/store.js';
import { findByMarker, findEvent, idOf, recordMarker } from './find-existing.js';
import { ParticipantResolver, type Participants } from './resolve-participants.js';
import { imageUrlsOf, syncImages } from './event-images.js';
import { documentHash, PushMap, type PushEntry, type PushProblem, type PushState } from './push-map.js';
import { problemOf, problemOfDraft } from './push-problems.js';
import { emptyPushCounts, savePushReport, type PushReport, type PushReportItem } from './push-report.js';
import { tombstonedRecordIds } from './tombstoned.js';

export interface PushDeps {
  store: Store;
  baseIri: string;
  source: SourceConfig;
  settings: UitdatabankPushConfig;
  api: EntryApi;
  /** The source's event drafts (publication/push buildEventDrafts). */
  drafts: () => Promise<EventDraft[]>;
  diff: DiffDocuments;
  updatesFor: UpdatesFor;
  now?: () => string;
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** One event in a dry run: what a push would send. */
export interface PlannedEvent {
  recordId: string;
  label?: string;
  action: 'create' | 'link' | 'update' | 'unchanged' | 'delete' | 'refuse';
  uitId?: string;
  /** Field-level diff against the last document sent (or, for a link, the one UiTdatabank holds). */
  changes: FieldChange[];
  /** The Entry API calls an update would make. */
  updates: EntryUpdate[];
  /** Places and organizers a create would need to create first. */
  creates?: string[];
  problem?: PushProblem;
  /** Said when the decision depends on a lookup the dry run made (or could not make). */
  note?: string;
}

export interface PushPlan {
  sourceId: string;
  at: string;
  items: PlannedEvent[];
  counts: Record<PlannedEvent['action'], number>;
  failure?: string;
}


const running = new Map<string, Promise<unknown>>();

/** One push of a source at a time in this process (the CLI, the admin route and the close of a run may meet). */
function serial<T>(sourceId: string, work: () => Promise<T>): Promise<T> {
  const before = running.get(sourceId) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  running.set(sourceId, mine);
  void mine.finally(() => running.get(sourceId) === mine && running.delete(sourceId)).catch(() => undefined);
  return mine;
}

/** Pushes the source now; the report is saved and returned. Never rejects for one event; rejects only if the map or report cannot be stored. */
export function pushSource(deps: PushDeps): Promise<PushReport> {
  return serial(deps.source.id, () => new SourcePush(deps, false).push());
}

/** The dry run: what `pushSource` would send, with field-level diffs; writes nothing. */
export function planPush(deps: PushDeps): Promise<PushPlan> {
  return serial(deps.source.id, () => new SourcePush(deps, true).plan());
}

class SourcePush {
  private readonly map: PushMap;
  private readonly now: () => string;
  private readonly entries = new Map<string, PushEntry>();
  private readonly touched = new Map<string, PushState>();
  private readonly resolver: ParticipantResolver;
  private readonly entryRoot: string;

  constructor(
    private readonly deps: PushDeps,
    private readonly dry: boolean,
  ) {
    this.map = new PushMap(deps.store, deps.baseIri, deps.source.id);
    this.now = deps.now ?? (() => new Date().toISOString());
    this.entryRoot = deps.settings.entryUrl.replace(/\/+$/, '');
    this.resolver = new ParticipantResolver({
      api: deps.api,
      dry,
      connectorType: deps.source.connector.type,
      now: this.now,
      entry: (kind, key) => this.entry(kind, key),
      save: (entry) => this.save(entry),
    });
  }

  private key = (kind: EntryKind, key: string) => `${kind} ${key}`;
  private entry = (kind: EntryKind, key: string) => this.entries.get(this.key(kind, key));

  private async save(entry: PushEntry): Promise<void> {
    const next = { ...entry, at: this.now() };
    this.entries.set(this.key(entry.kind, entry.key), next);
    if (!this.dry) await this.map.put(next);
  }

  private async load(): Promise<{ drafts: EventDraft[]; deletes: PushEntry[] }> {
    for (const e of await this.map.entries()) this.entries.set(this.key(e.kind, e.key), e);
    const drafts = await this.deps.drafts();
    const current = new Set(drafts.map((d) => d.recordId));
    const gone = await tombstonedRecordIds(this.deps.store, this.deps.baseIri, this.deps.source.id);
    const deletes = [...this.entries.values()].filter((e) => e.kind === 'events' && e.uitId && e.state !== 'deleted' && !current.has(e.key) && gone.has(e.key));
    return { drafts, deletes };
  }

  async plan(): Promise<PushPlan> {
    const at = this.now();
    const counts = { create: 0, link: 0, update: 0, unchanged: 0, delete: 0, refuse: 0 };
    const items: PlannedEvent[] = [];
    try {
      const { drafts, deletes } = await this.load();
      for (const draft of drafts) items.push(await this.planEvent(draft));
      for (const e of deletes) items.push({ recordId: e.key, label: e.label, action: 'delete', uitId: e.uitId, changes: [], updates: [] });
    } catch (error) {
      return { sourceId: this.deps.source.id, at, items, counts, failure: errorMessage(error) };
    }
    for (const i of items) counts[i.action]++;
    return { sourceId: this.deps.source.id, at, items, counts };
  }

  async push(): Promise<PushReport> {
    const startedAt = this.now();
    let failure: string | undefined;
    try {
      const { drafts, deletes } = await this.load();
      for (const draft of drafts) await this.pushEvent(draft);
      for (const e of deletes) await this.removeEvent(e);
      await this.readBack();
    } catch (error) {
      // The map or the drafts could not be read (the store is down): nothing more can be done safely.
      failure = errorMessage(error);
      this.deps.log?.('push stopped', { sourceId: this.deps.source.id, error: failure });
    }
    const report = this.report(startedAt, failure);
    await savePushReport(this.deps.store, this.deps.baseIri, report);
    return report;
  }

  private report(startedAt: string, failure?: string): PushReport {
    const counts = emptyPushCounts();
    const items: PushReportItem[] = [];
    for (const e of this.entries.values()) {
      if (e.kind !== 'events') continue;
      const state = this.touched.get(e.key) ?? e.state;
      counts[state]++;
      items.push({
        recordId: e.key,
        ...(e.label ? { label: e.label } : {}),
        state,
        ...(e.uitId ? { uitId: e.uitId, url: `${this.entryRoot}/events/${e.uitId}` } : {}),
        ...(e.workflowStatus ? { workflowStatus: e.workflowStatus } : {}),
        ...(e.problem ? { problem: e.problem } : {}),
      });
    }
    items.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
    return { sourceId: this.deps.source.id, startedAt, finishedAt: this.now(), counts, items, participants: this.resolver.outcomes, ...(failure ? { failure } : {}) };
  }

  /** The document the step diffs and hashes: the draft's body with its place, organizer and marker, without what goes by its own endpoint. */
  private document(draft: EventDraft, p: Participants, marked: boolean): EntryDocument {
    const { bookingAvailability: _b, status: _s, workflowStatus: _w, ...body } = draft.body as EntryDocument & Record<string, unknown>;
    const marker = recordMarker(draft.graph);
    const hidden = Array.isArray(body.hiddenLabels) ? (body.hiddenLabels as string[]) : [];
    // An event the house entered itself is linked by the map alone: its labels stay the house's.
    const labelled = marked && !hidden.includes(marker) ? { ...body, hiddenLabels: [...hidden, marker] } : body;
    return withParticipants(labelled, { placeId: p.placeId, organizerId: p.organizerId, ioBase: this.entryRoot });
  }

  private hashOf(doc: EntryDocument, draft: EventDraft): string {
    return documentHash({ doc, booking: draft.bookingAvailability, status: draft.status, images: imageUrls(draft) });
  }

  // ---- events

  private async planEvent(draft: EventDraft): Promise<PlannedEvent> {
    const label = labelOf(draft);
    const base = { recordId: draft.recordId, label, changes: [], updates: [] };
    if (draft.problems.some((p) => p.severity === 'error')) return { ...base, action: 'refuse', problem: problemOfDraft(draft.problems) };
    const p = await this.resolver.of(draft);
    if (p.problem) return { ...base, action: 'refuse', problem: p.problem, note: 'the place or organizer could not be looked up' };
    const entry = this.entry('events', draft.recordId);
    const doc = this.document(draft, p, !entry?.unmarked);
    const live = entry?.uitId && entry.state !== 'deleted' && !entry.intent ? entry : undefined;
    if (live) {
      if (live.hash === this.hashOf(doc, draft)) return { ...base, action: 'unchanged', uitId: live.uitId };
      const { changes, updates } = this.updates(live, doc, draft, p);
      return { ...base, action: updates.length || changes.length ? 'update' : 'unchanged', uitId: live.uitId, changes, updates };
    }
    const linked = await this.findExisting(draft, p, entry);
    if (linked) {
      const now = linked.ours ? doc : this.document(draft, p, false);
      const held = heldFields(linked.doc, now);
      const changes = this.deps.diff(held, now);
      return { ...base, action: 'link', uitId: linked.id, changes, updates: this.deps.updatesFor(changes, now, this.ids(held, p)), note: linked.how };
    }
    return { ...base, action: 'create', changes: this.deps.diff({}, doc), updates: [], ...(p.creates.length ? { creates: p.creates } : {}) };
  }

  /** An event UiTdatabank already has for this draft: our own crashed create (marker), the cluster's, or one entered by hand. */
  private async findExisting(draft: EventDraft, p: Participants, entry?: PushEntry): Promise<{ id: string; doc: EntryDocument; how: string; ours: boolean } | undefined> {
    const api = this.deps.api;
    // An event the map gives to another of the source's records is that record's, never this one's
    // (a look-alike: the same venue and time, or a cluster that took both in).
    const taken = (id: string) => [...this.entries.values()].some((e) => e.kind === 'events' && e.uitId === id && e.key !== draft.recordId && e.state !== 'deleted');
    const [mine, ...twins] = (await findByMarker(api, recordMarker(draft.graph))).filter((d) => !taken(idOf(d) ?? ''));
    const mineId = mine && idOf(mine);
    // Our own create sent twice (lost answer, retried): the oldest stays, the others go, after an interrupted create only.
    if (mineId && twins.length && entry?.intent && !this.dry) for (const twin of twins) await api.remove('events', idOf(twin)!);
    if (mineId) return { id: mineId, doc: (await api.get('events', mineId)) ?? mine, how: entry?.intent ? 'found by its marker after an interrupted create' : 'found by its marker', ours: true };
    if (draft.uitdatabankId && !taken(draft.uitdatabankId)) {
      const doc = await api.get('events', draft.uitdatabankId);
      if (doc && doc.workflowStatus !== 'DELETED') return { id: draft.uitdatabankId, doc, how: 'the same event as a UiTdatabank event the hub harvested', ours: false };
    }
    const hand = await findEvent(api, draft, p.placeId, taken);
    const handId = hand && idOf(hand);
    if (handId && !taken(handId)) {
      const doc = (await api.get('events', handId)) ?? hand;
      // A search that does not reach hidden labels still finds our own event by name: its marker tells.
      const ours = hasMarker(doc, recordMarker(draft.graph));
      return { id: handId, doc, how: ours ? 'found by name, start and place, with its marker' : 'found in UiTdatabank by name, start and place', ours };
    }
    return undefined;
  }

  private ids(sent: EntryDocument | undefined, p: Participants) {
    const prevOrg = sent?.organizer ? idOf(sent.organizer as EntryDocument) : undefined;
    return { placeId: p.placeId, organizerId: p.organizerId, ...(prevOrg ? { previousOrganizerId: prevOrg } : {}) };
  }

  /** The granular updates from the last document sent to `doc`, booking availability and status first (what the public most needs). */
  private updates(entry: PushEntry, doc: EntryDocument, draft: EventDraft, p: Participants): { changes: FieldChange[]; updates: EntryUpdate[] } {
    const changes = this.deps.diff(entry.sent ?? {}, doc);
    const updates: EntryUpdate[] = [];
    const own: FieldChange[] = [];
    if ((entry.booking ?? 'Available') !== draft.bookingAvailability) {
      own.push({ path: 'bookingAvailability', before: entry.booking ?? 'Available', after: draft.bookingAvailability });
      updates.push({ method: 'PUT', path: 'booking-availability', body: { type: draft.bookingAvailability } });
    }
    if ((entry.status ?? 'Available') !== draft.status) {
      own.push({ path: 'status', before: entry.status ?? 'Available', after: draft.status });
      updates.push({ method: 'PUT', path: 'status', body: { type: draft.status } });
    }
    updates.push(...(changes.length ? this.deps.updatesFor(changes, doc, this.ids(entry.sent, p)) : []));
    const had = Object.keys(entry.images ?? {}).sort();
    const want = imageUrls(draft);
    if (had.join('\n') !== want.join('\n')) own.push({ path: 'images', before: had, after: want });
    return { changes: [...own, ...changes], updates };
  }

  private async pushEvent(draft: EventDraft): Promise<void> {
    const type = this.deps.source.connector.type;
    const label = labelOf(draft);
    const entry = this.entry('events', draft.recordId);
    const base: PushEntry = { ...(entry ?? {}), kind: 'events', key: draft.recordId, label, state: entry?.state ?? 'failed', at: this.now() };
    // On top of the entry as last saved in this push (an open intent stays open unless the patch closes it).
    const done = async (state: PushState, patch: Partial<PushEntry>) => {
      this.touched.set(draft.recordId, state);
      await this.save({ ...(this.entry('events', draft.recordId) ?? base), label, ...patch, state });
    };
    if (draft.problems.some((x) => x.severity === 'error')) return done('refused', { problem: problemOfDraft(draft.problems) });
    const p = await this.resolver.of(draft);
    if (p.problem) return done(p.problem.retried ? 'failed' : 'refused', { problem: p.problem });
    const doc = this.document(draft, p, !entry?.unmarked);
    const hash = this.hashOf(doc, draft);
    if (entry?.refusedHash === hash && !entry.uitId) return done('refused', {});

    const live = entry?.uitId && entry.state !== 'deleted' && !entry.intent ? entry : undefined;
    try {
      if (live) {
        if (live.workflowPending) await this.setWorkflow(live.uitId!, base);
        if (live.hash === hash) {
          if (live.state === 'refused' || live.state === 'failed') return done(live.refusedHash === hash ? 'refused' : live.state, {});
          return done('unchanged', { problem: undefined });
        }
        if (live.refusedHash === hash) return done('refused', {});
        const images = await this.send(live.uitId!, live, doc, draft, p);
        return done('updated', { sent: doc, hash, images, booking: draft.bookingAvailability, status: draft.status, problem: undefined, refusedHash: undefined, workflowPending: undefined });
      }
      const found = await this.findExisting(draft, p, entry);
      if (found) {
        // Linked (or our own create, found again): what UiTdatabank holds is the diff base, for
        // the fields the hub sends only (what the house added by hand stays as it is).
        const now = found.ours ? doc : this.document(draft, p, false);
        const held = heldFields(found.doc, now);
        // Our own create found again may still lack the configured workflow state.
        const workflowPending = found.ours && this.deps.settings.workflow === 'ready-for-validation' && found.doc.workflowStatus === 'DRAFT';
        const heldEntry: PushEntry = { ...base, uitId: found.id, sent: held, booking: bookingOf(found.doc), status: statusOf(found.doc), intent: undefined, ...(found.ours ? {} : { unmarked: true }), ...(workflowPending ? { workflowPending } : {}) };
        await this.save({ ...heldEntry, state: found.ours ? 'created' : 'linked' });
        const images = await this.send(found.id, heldEntry, now, draft, p);
        if (workflowPending) await this.setWorkflow(found.id, heldEntry);
        return done(found.ours ? 'created' : 'linked', { ...heldEntry, sent: now, hash: this.hashOf(now, draft), images, booking: draft.bookingAvailability, status: draft.status, problem: undefined, refusedHash: undefined });
      }
      await this.create(draft, doc, hash, base, done);
    } catch (error) {
      const problem = problemOf(error, actionOf(error), type);
      const refused = !problem.retried;
      return done(refused ? 'refused' : 'failed', { problem, ...(refused ? { refusedHash: hash } : {}) });
    }
  }

  private async create(draft: EventDraft, doc: EntryDocument, hash: string, base: PushEntry, done: (s: PushState, patch: Partial<PushEntry>) => Promise<void>): Promise<void> {
    const marker = recordMarker(draft.graph);
    // The intent first: a kill after the create and before the next write is resolved by the marker.
    await this.save({ ...base, uitId: undefined, sent: undefined, hash: undefined, intent: { op: 'create', at: this.now(), marker } });
    let id: string;
    try {
      id = (await this.deps.api.create('events', doc)).id;
    } catch (error) {
      const problem = problemOf(error, 'create', this.deps.source.connector.type);
      // Refused: nothing was created. Failed: maybe it was (a timeout); the intent stays for the lookup.
      if (!problem.retried) return done('refused', { problem, refusedHash: hash, intent: undefined });
      return done('failed', { problem });
    }
    const workflowPending = this.deps.settings.workflow === 'ready-for-validation';
    const created: PushEntry = { ...base, uitId: id, sent: doc, hash: undefined, booking: 'Available', status: 'Available', intent: undefined, workflowPending, problem: undefined, refusedHash: undefined, state: 'created' };
    await this.save(created);
    try {
      const images = await this.send(id, created, doc, draft, { creates: [] });
      if (workflowPending) await this.setWorkflow(id, created);
      await done('created', { ...created, hash, images, booking: draft.bookingAvailability, status: draft.status, workflowPending: undefined });
    } catch (error) {
      const problem = problemOf(error, actionOf(error), this.deps.source.connector.type);
      await done(problem.retried ? 'failed' : 'refused', { ...created, problem });
    }
  }

  /**
   * Sends the updates from `entry` (its last document, booking, status and images) to `doc`;
   * rejects with the first failure, tagged with its action. Resolves to the event's images now.
   */
  private async send(id: string, entry: PushEntry, doc: EntryDocument, draft: EventDraft, p: Participants): Promise<Record<string, string>> {
    const { updates } = this.updates(entry, doc, draft, p);
    for (const u of updates) {
      try {
        await this.deps.api.update('events', id, u);
      } catch (error) {
        throw tagged(error, `update ${u.path || 'the whole event'}`);
      }
    }
    return syncImages(this.deps.api, id, entry.images ?? {}, draft.images ?? [], tagged);
  }

  private async setWorkflow(id: string, entry: PushEntry): Promise<void> {
    try {
      await this.deps.api.update('events', id, { method: 'PUT', path: 'workflow-status', body: { workflowStatus: 'READY_FOR_VALIDATION' } });
    } catch (error) {
      throw tagged(error, 'set the workflow status to ready for validation');
    }
    entry.workflowPending = undefined;
    await this.save({ ...entry, workflowPending: undefined });
  }

  private async removeEvent(entry: PushEntry): Promise<void> {
    await this.save({ ...entry, intent: { op: 'delete', at: this.now() } });
    try {
      await this.deps.api.remove('events', entry.uitId!);
      this.touched.set(entry.key, 'deleted');
      await this.save({ ...entry, intent: undefined, state: 'deleted', workflowStatus: 'DELETED', sent: undefined, hash: undefined, problem: undefined });
    } catch (error) {
      const problem = problemOf(error, 'delete', this.deps.source.connector.type);
      this.touched.set(entry.key, problem.retried ? 'failed' : 'refused');
      await this.save({ ...entry, intent: undefined, state: problem.retried ? 'failed' : 'refused', problem });
    }
  }

  /** The workflow state of every live event, as UiTdatabank has it now (a reviewer approves or rejects later). */
  private async readBack(): Promise<void> {
    for (const e of [...this.entries.values()]) {
      if (e.kind !== 'events' || !e.uitId || e.state === 'deleted' || e.intent) continue;
      try {
        const doc = await this.deps.api.get('events', e.uitId);
        const status = doc ? String(doc.workflowStatus ?? '') || undefined : 'DELETED';
        if (status !== e.workflowStatus) await this.save({ ...e, workflowStatus: status });
      } catch (error) {
        this.deps.log?.('push read-back failed', { sourceId: this.deps.source.id, recordId: e.key, error: errorMessage(error) });
      }
    }
  }
}

const labelOf = (d: EventDraft): string | undefined => {
  const name = d.body.name as Record<string, string> | undefined;
  return name ? (name.nl ?? Object.values(name)[0]) : undefined;
};

/** A document as UiTdatabank answers it, reduced to the fields the hub sends (`now`'s): the diff base of a linked event. */
function heldFields(doc: EntryDocument, now: EntryDocument): EntryDocument {
  return Object.fromEntries(Object.keys(now).filter((k) => k in doc).map((k) => [k, doc[k]]));
}

const hasMarker = (doc: EntryDocument, marker: string) => [...((doc.hiddenLabels as unknown[]) ?? []), ...((doc.labels as unknown[]) ?? [])].map(String).includes(marker);

const imageUrls = (draft: EventDraft): string[] => imageUrlsOf(draft.images ?? []);

const bookingOf = (doc: EntryDocument) => (doc.bookingAvailability as { type?: string } | undefined)?.type ?? 'Available';
const statusOf = (doc: EntryDocument) => (doc.status as { type?: string } | undefined)?.type ?? 'Available';

const ACTION = Symbol('push action');
function tagged(error: unknown, action: string): unknown {
  if (error && typeof error === 'object') (error as { [ACTION]?: string })[ACTION] = action;
  return error;
}
const actionOf = (error: unknown): string => (error && typeof error === 'object' ? (error as { [ACTION]?: string })[ACTION] : undefined) ?? 'push';
