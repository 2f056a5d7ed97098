/**
 * The place and organizer of an event as UiTdatabank ids (issue 18: found, not duplicated): the
 * id the hub's entity matching gives (a member of the same cluster harvested from UiTdatabank), the
 * push map's, a Search API lookup's (find-existing.ts), and only then a new one, created with an
 * intent written before it so that a crash in between is looked up, not created again. Each place
 * or organizer is resolved once per push, however many events share it.
 */
import type { EntryApi, EntryKind } from '../../connectors/uitdatabank/entry-contract.js';
import type { EventDraft, OrganizerDraft, PlaceDraft } from '../../publication/push/index.js';
import { findOrganizer, findPlace, idOf } from './find-existing.js';
import type { PushEntry, PushProblem, PushState } from './push-map.js';
import { problemOf } from './push-problems.js';
import type { PushReport } from './push-report.js';

/** An event's participants: their ids, what a push would create first (a dry run), or why they could not be had. */
export interface Participants {
  placeId?: string;
  organizerId?: string;
  creates: string[];
  problem?: PushProblem;
}

export interface ResolverContext {
  api: EntryApi;
  /** A dry run: look up, never create or write. */
  dry: boolean;
  connectorType: string;
  now: () => string;
  entry(kind: EntryKind, key: string): PushEntry | undefined;
  /** Writes a push map entry (durable before it resolves, except in a dry run). */
  save(entry: PushEntry): Promise<void>;
}

type Kind = 'places' | 'organizers';
const noun = (kind: Kind) => (kind === 'places' ? 'place' : 'organizer');

export class ParticipantResolver {
  private readonly resolved = new Map<string, Promise<string | undefined>>();
  /** The places and organizers this push linked or created, for its report. */
  readonly outcomes: PushReport['participants'] = [];

  constructor(private readonly ctx: ResolverContext) {}

  async of(draft: EventDraft): Promise<Participants> {
    const p: Participants = { creates: [] };
    for (const [kind, part] of [
      ['places', draft.place],
      ['organizers', draft.organizer],
    ] as const) {
      if (!part) continue;
      try {
        const id = await this.resolve(kind, part);
        if (id) p[kind === 'places' ? 'placeId' : 'organizerId'] = id;
        else p.creates.push(`${noun(kind)} "${part.name}"`);
      } catch (error) {
        p.problem ??= problemOf(error, `find or create the ${noun(kind)} "${part.name}"`, this.ctx.connectorType);
      }
    }
    return p;
  }

  /** The UiTdatabank id of a place or organizer, once per push (undefined in a dry run when it would be created). */
  private resolve(kind: Kind, part: PlaceDraft | OrganizerDraft): Promise<string | undefined> {
    const k = `${kind} ${part.entity}`;
    let found = this.resolved.get(k);
    if (!found) {
      found = this.resolveOnce(kind, part);
      this.resolved.set(k, found);
    }
    return found;
  }

  private async resolveOnce(kind: Kind, part: PlaceDraft | OrganizerDraft): Promise<string | undefined> {
    const { api, now } = this.ctx;
    if (part.uitdatabankId) return part.uitdatabankId;
    const known = this.ctx.entry(kind, part.entity);
    if (known?.uitId && !known.intent) return known.uitId;
    const base = { kind, key: part.entity, label: part.name, at: now() } as const;
    const existing = kind === 'places' ? await findPlace(api, part as PlaceDraft) : await findOrganizer(api, part as OrganizerDraft);
    const existingId = existing && idOf(existing);
    if (existingId) {
      // A crashed create of ours is found the same way: it was created, not linked.
      const state: PushState = known?.intent ? 'created' : 'linked';
      await this.ctx.save({ ...base, uitId: existingId, state });
      this.outcomes.push({ kind, key: part.entity, name: part.name, state, uitId: existingId });
      return existingId;
    }
    if (this.ctx.dry) return undefined;
    await this.ctx.save({ ...base, state: known?.state ?? 'failed', intent: { op: 'create', at: now() } });
    try {
      const { id } = await api.create(kind, part.body);
      await this.ctx.save({ ...base, uitId: id, state: 'created' });
      this.outcomes.push({ kind, key: part.entity, name: part.name, state: 'created', uitId: id });
      return id;
    } catch (error) {
      const problem = problemOf(error, `create the ${noun(kind)} "${part.name}"`, this.ctx.connectorType);
      // A refusal created nothing; a failure may have: the intent stays open for the next push to look it up.
      await this.ctx.save({ ...base, state: problem.retried ? 'failed' : 'refused', problem, ...(problem.retried ? { intent: { op: 'create', at: now() } } : {}) });
      this.outcomes.push({ kind, key: part.entity, name: part.name, state: problem.retried ? 'failed' : 'refused', problem });
      throw error;
    }
  }
}
