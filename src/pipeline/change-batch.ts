/**
 * Collects graph writes until the next commit. Keyed by graph, so a record seen twice in one
 * batch (two versions on one LDES page) ends as its last state, and a put after a drop wins.
 */
import type { ChangeSet, GraphWrite } from '../store/store.js';

export class ChangeBatch {
  private readonly graphs = new Map<string, GraphWrite | null>();

  put(writes: GraphWrite[]): void {
    for (const w of writes) {
      this.graphs.delete(w.graph);
      this.graphs.set(w.graph, w);
    }
  }

  drop(graphs: string[]): void {
    for (const g of graphs) {
      this.graphs.delete(g);
      this.graphs.set(g, null);
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
    this.graphs.clear();
    return { put, drop };
  }
}
