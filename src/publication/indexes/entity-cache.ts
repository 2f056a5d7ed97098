/**
 * Cache of entity states and their serialised representations, for the hot read paths
 * (dereferencing, single-resource GETs). Valid while the store's change counter stays put: any
 * commit empties it, so a client never sees data older than the latest commit. Stores without
 * a change counter are read every time.
 */
import type { StoreReader } from '../../store/store.js';
import { describe, type Description } from './entity-description.js';
import { entityState, type EntityState } from './entity-index.js';

interface Entry {
  state: EntityState;
  bodies: Map<string, string>;
}

interface DescriptionEntry {
  description: Description;
  bodies: Map<string, string>;
}

export class EntityCache {
  private entries = new Map<string, Entry>();
  private descriptions = new Map<string, DescriptionEntry>();
  private seq = -1;

  constructor(
    private readonly store: StoreReader,
    private readonly base: string,
    private readonly maxEntries = 20_000,
  ) {}

  private fresh(): boolean {
    if (!this.store.changeSeq) return false;
    const now = this.store.changeSeq();
    if (now !== this.seq) {
      this.entries.clear();
      this.descriptions.clear();
      this.seq = now;
    }
    return true;
  }

  private async entry(sourceId: string, recordId: string): Promise<Entry> {
    const key = `${sourceId}\n${recordId}`;
    const cacheable = this.fresh();
    const hit = cacheable ? this.entries.get(key) : undefined;
    if (hit) return hit;
    const entry = { state: await entityState(this.store, this.base, sourceId, recordId), bodies: new Map<string, string>() };
    if (cacheable && this.store.changeSeq!() === this.seq) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, entry);
    }
    return entry;
  }

  state(sourceId: string, recordId: string): Promise<EntityState> {
    return this.entry(sourceId, recordId).then((e) => e.state);
  }

  /** A representation of the entity, made once per store state by `render`. */
  async body(sourceId: string, recordId: string, kind: string, render: (state: EntityState) => Promise<string> | string): Promise<string> {
    const entry = await this.entry(sourceId, recordId);
    let body = entry.bodies.get(kind);
    if (body === undefined) {
      body = await render(entry.state);
      entry.bodies.set(kind, body);
    }
    return body;
  }

  private async described(iri: string): Promise<DescriptionEntry> {
    const cacheable = this.fresh();
    const hit = cacheable ? this.descriptions.get(iri) : undefined;
    if (hit) return hit;
    const entry = { description: await describe(this.store, this.base, iri), bodies: new Map<string, string>() };
    if (cacheable && this.store.changeSeq!() === this.seq) {
      if (this.descriptions.size >= this.maxEntries) this.descriptions.delete(this.descriptions.keys().next().value!);
      this.descriptions.set(iri, entry);
    }
    return entry;
  }

  /** The description of any hub IRI ({base}id/…): entity-description.ts. */
  description(iri: string): Promise<Description> {
    return this.described(iri).then((e) => e.description);
  }

  /** A representation of a description, made once per store state by `render`. */
  async descriptionBody(iri: string, kind: string, render: (description: Description) => Promise<string> | string): Promise<string> {
    const entry = await this.described(iri);
    let body = entry.bodies.get(kind);
    if (body === undefined) {
      body = await render(entry.description);
      entry.bodies.set(kind, body);
    }
    return body;
  }
}
