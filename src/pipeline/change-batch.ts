/**
 * Collects graph writes until the next commit. Keyed by graph, so a record seen twice in one
 * batch (two versions on one LDES page) ends as its last state, and a put after a drop wins.
 */
import type { ChangeSet, GraphWrite } from '../store/store.js';

export class ChangeBatch {
  private readonly graphs = new Map<string, GraphWrite | null>();
  /** Put graphs the store does not hold (ChangeSet.fresh); a later put that is not fresh, or a drop, unmarks one. */
  private readonly fresh = new Set<string>();

  put(writes: GraphWrite[], fresh = false): void {
    for (const w of writes) {
      this.graphs.delete(w.graph);
      this.graphs.set(w.graph, w);
      if (fresh) this.fresh.add(w.graph);
      else this.fresh.delete(w.graph);
    }
  }

  drop(graphs: string[]): void {
    for (const g of graphs) {
      this.graphs.delete(g);
      this.graphs.set(g, null);
      this.fresh.delete(g);
    }
  }

  get size(): number {
    return this.graphs.size;
  }

  /** The change set, and the batch emptied. */
  take(): ChangeSet {
    const put: GraphWrite[] = [];
    const drop: string[] = [];
    for (const [graph, write] of this.graphs) {
      if (write) put.push(write);
      else drop.push(graph);
    }
    const fresh = [...this.fresh];
    this.graphs.clear();
    this.fresh.clear();
    return fresh.length ? { put, drop, fresh } : { put, drop };
  }
}
