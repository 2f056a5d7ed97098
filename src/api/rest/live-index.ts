/**
 * The life cycle shared by the REST API's in-memory indexes: built once from the store (at first
 * use), then kept current from the store's commit feed (`Store.onCommit`) by patching only the
 * graphs each commit put or dropped. Graphs changed while the build runs are patched right after
 * it (the build may or may not have seen them; a patch re-reads their current state). Patches run
 * one at a time, so an earlier read of a graph never overwrites a later one.
 *
 * A store without a feed but with a change counter (`Store.changeSeq`) gets a full rebuild after
 * each commit instead; a store with neither is not indexed (`usable` is false).
 */
import type { Store } from '../../store/store.js';

export abstract class LiveIndex {
  /** Full builds started so far. */
  builds = 0;
  /** Patches (re-reads of changed graphs) started so far. */
  patches = 0;
  private built?: Promise<void>;
  private seq = -1;
  private readonly dirty = new Set<string>();
  private flushing?: Promise<void>;
  private readonly unsubscribe?: () => void;

  constructor(protected readonly store: Store) {
    this.unsubscribe = store.onCommit?.((change) => {
      // Before the build starts nothing is recorded: the build reads the state after this commit.
      if (!this.built) return;
      for (const g of change.put) this.dirty.add(g);
      for (const g of change.drop) this.dirty.add(g);
    });
  }

  /** The store tells this index about its commits (patches), rather than only that one happened (rebuilds). */
  get live(): boolean {
    return this.unsubscribe !== undefined;
  }

  get usable(): boolean {
    return this.live || typeof this.store.changeSeq === 'function';
  }

  /** Stops following the store's commits. */
  close(): void {
    this.unsubscribe?.();
  }

  /** Reads everything from the store into a fresh index. */
  protected abstract build(): Promise<void>;
  /** Re-reads what these graphs contribute (each was put or dropped since it was last read). */
  protected abstract patch(graphs: string[]): Promise<void>;

  /** Resolves once the index reflects every commit applied before the call. */
  async current(): Promise<void> {
    if (!this.live) {
      const now = this.store.changeSeq!();
      if (now !== this.seq) this.built = undefined;
      this.seq = now;
    }
    if (!this.built) {
      this.dirty.clear();
      this.builds++;
      const built = this.build();
      this.built = built;
      built.catch(() => {
        if (this.built === built) this.built = undefined;
      });
    }
    await this.built;
    for (;;) {
      if (this.flushing) {
        await this.flushing;
        continue;
      }
      if (this.dirty.size === 0) return;
      const graphs = [...this.dirty];
      this.dirty.clear();
      this.patches++;
      const run = this.patch(graphs)
        .catch((error: unknown) => {
          // Not lost: the next reader patches them again.
          for (const g of graphs) this.dirty.add(g);
          throw error;
        })
        .finally(() => {
          if (this.flushing === run) this.flushing = undefined;
        });
      this.flushing = run;
    }
  }
}

/** `VALUES ?variable { … }` over IRIs, in chunks small enough for any store. */
export function valuesChunks(variable: string, iris: string[], size = 500): string[] {
  const out: string[] = [];
  for (let i = 0; i < iris.length; i += size) out.push(`VALUES ?${variable} { ${iris.slice(i, i + size).map((g) => `<${g}>`).join(' ')} }`);
  return out;
}
