/**
 * The LDES members: immutable versions of published entities, kept in an append-only log
 * (`{dataDir}/ldes/members.jsonl`) so that versions outlive the store, which only keeps the
 * latest state. The log is filled from the provenance graphs: every (entity, prov:generatedAtTime)
 * not yet logged becomes a version member with the record graph's triples, every tombstone a
 * delete member. Log order is the stream order, so a page once full never changes.
 *
 * Syncing runs before serving (at most every `minSyncIntervalMs`): a record that changed twice
 * between two syncs contributes its latest version only.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { quad, toNQuads } from '../../core/rdf.js';
import { HUB, PROV } from '../../core/vocab.js';
import type { StoreReader } from '../../store/store.js';
import { collectionForEntityType } from '../indexes/collections.js';

export interface Member {
  /** Position in the log (0-based), the stream order. */
  seq: number;
  collection: string;
  /** Version IRI. */
  member: string;
  entity: string;
  /** prov:generatedAtTime of the version, or prov:invalidatedAtTime of the delete. */
  time: string;
  deleted: boolean;
  /** N-Triples of the record graph at that version (empty for deletes). */
  nt: string;
}

/**
 * Versions and deletes of this hub's records (its base IRI: a remote store may hold other hubs' graphs).
 * ?deleted is the string "true" or "false": Virtuoso answers a boolean BIND as the integer 1 or 0.
 */
const provenanceQuery = (base: string) => `SELECT ?g ?entity ?entityType ?time ?deleted WHERE {
  {
    GRAPH ?pg { ?g <${PROV('wasGeneratedBy')}> ?by ; <${HUB('entity')}> ?entity }
    GRAPH ?by { ?by a <${HUB('Publication')}> ; <${HUB('entityType')}> ?entityType ; <${PROV('endedAtTime')}> ?time }
    BIND("false" AS ?deleted)
  } UNION {
    GRAPH ?pg { ?g <${PROV('wasInvalidatedBy')}> ?by ; <${HUB('entity')}> ?entity ; <${PROV('invalidatedAtTime')}> ?time }
    GRAPH ?by { ?by <${HUB('entityType')}> ?entityType }
    BIND("true" AS ?deleted)
  }
  FILTER(STRSTARTS(STR(?g), ${JSON.stringify(base)}))
}`;

export class VersionLog {
  private members: Member[] = [];
  private readonly keys = new Set<string>();
  private loaded?: Promise<void>;
  private syncing?: Promise<void>;
  private lastSync = 0;
  readonly file: string;

  constructor(
    private readonly store: StoreReader,
    private readonly base: string,
    dataDir: string,
    private readonly minSyncIntervalMs = 2000,
  ) {
    this.file = join(dataDir, 'ldes', 'members.jsonl');
  }

  private load(): Promise<void> {
    this.loaded ??= readFile(this.file, 'utf8').then(
      (text) => {
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          const m = JSON.parse(line) as Member;
          this.members.push(m);
          this.keys.add(`${m.entity} ${m.time} ${m.deleted}`);
        }
      },
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
    return this.loaded;
  }

  /** The version IRI of an entity at a time: {base}ldes/version/{entity path}/{time}. */
  versionIri(entity: string, time: string): string {
    const path = entity.startsWith(this.base) ? entity.slice(this.base.length) : encodeURIComponent(entity);
    return `${this.base}ldes/version/${path}/${encodeURIComponent(time)}`;
  }

  /** Appends the versions and deletes the store holds that the log does not have yet. */
  sync(force = false): Promise<void> {
    if (this.syncing) return this.syncing;
    if (!force && Date.now() - this.lastSync < this.minSyncIntervalMs) return this.load();
    this.syncing = (async () => {
      await this.load();
      const rows = await this.store.select(provenanceQuery(this.base));
      const fresh = rows
        .map((r) => ({ graph: r.g!.value, entity: r.entity!.value, entityType: r.entityType!.value, time: r.time!.value, deleted: r.deleted!.value === 'true' }))
        .filter((r) => !this.keys.has(`${r.entity} ${r.time} ${r.deleted}`) && collectionForEntityType(r.entityType))
        .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.entity < b.entity ? -1 : 1));
      let lines = '';
      for (const r of fresh) {
        const nt = r.deleted ? '' : toNQuads((await this.store.graph(r.graph)).map((q) => quad(q.subject, q.predicate, q.object)));
        const m: Member = { seq: this.members.length, collection: collectionForEntityType(r.entityType)!.name, member: this.versionIri(r.entity, r.time), entity: r.entity, time: r.time, deleted: r.deleted, nt };
        this.members.push(m);
        this.keys.add(`${r.entity} ${r.time} ${r.deleted}`);
        lines += `${JSON.stringify(m)}\n`;
      }
      if (lines) {
        await mkdir(dirname(this.file), { recursive: true });
        await appendFile(this.file, lines);
      }
      this.lastSync = Date.now();
    })().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  /** The members of one collection, in stream order. */
  async of(collection: string): Promise<Member[]> {
    await this.sync();
    return this.members.filter((m) => m.collection === collection);
  }
}
