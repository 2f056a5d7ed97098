/**
 * A small in-process Store (src/store/store.ts) over Oxigraph's in-memory store, for tests that
 * need SPARQL without the embedded store's journal and worker threads. The default graph is the
 * union of the named graphs, as in the hub's store. (Only tests may touch oxigraph outside src/store.)
 */
import oxigraph from 'oxigraph';
import { blankNode, literal, namedNode, quad, toNQuads, type Quad, type Term } from '../../src/core/rdf.js';
import { decodeChanges } from '../../src/store/encoded-graphs.js';
import type { Bindings, ChangeSet, EncodedChangeSet, RawQueryOptions, RawQueryResult, Store, StoreHealth } from '../../src/store/store.js';

function fromOx(t: any): Term {
  if (t.termType === 'NamedNode') return namedNode(t.value);
  if (t.termType === 'BlankNode') return blankNode(t.value);
  if (t.termType === 'Literal') return t.language ? literal(t.value, t.language) : literal(t.value, namedNode(t.datatype.value));
  throw new Error(`unexpected term ${t.termType}`);
}

export class MemoryStore implements Store {
  private readonly ox = new oxigraph.Store();
  private seq = 0;

  async open(): Promise<void> {}
  async close(): Promise<void> {}

  async commit(changes: ChangeSet): Promise<void> {
    for (const graph of [...(changes.drop ?? []), ...(changes.put ?? []).map((w) => w.graph)]) {
      for (const q of this.ox.match(null, null, null, oxigraph.namedNode(graph))) this.ox.delete(q);
    }
    for (const write of changes.put ?? []) {
      // Blank nodes are scoped to one write, as the embedded store does.
      const seq = ++this.seq;
      const relabel = (t: Term) => (t.termType === 'BlankNode' ? blankNode(`w${seq}_${t.value.replace(/[^A-Za-z0-9_]/g, '_')}`) : t);
      const g = namedNode(write.graph);
      const text = toNQuads(write.quads.map((q) => quad(relabel(q.subject) as any, q.predicate, relabel(q.object) as any, g)));
      if (text) this.ox.load(text, { format: 'application/n-quads' });
    }
  }

  commitEncoded(changes: EncodedChangeSet): Promise<void> {
    return this.commit(decodeChanges(changes));
  }

  async graph(graph: string): Promise<Quad[]> {
    return this.ox.match(null, null, null, oxigraph.namedNode(graph)).map((q: any) => quad(fromOx(q.subject) as any, fromOx(q.predicate) as any, fromOx(q.object) as any, namedNode(graph)));
  }

  async select(query: string): Promise<Bindings[]> {
    const rows = this.ox.query(query, { use_default_graph_as_union: true }) as Map<string, any>[];
    return rows.map((row) => Object.fromEntries([...row].map(([k, v]) => [k, fromOx(v)])));
  }

  async construct(query: string): Promise<Quad[]> {
    const quads = this.ox.query(query, { use_default_graph_as_union: true }) as any[];
    return quads.map((q) => quad(fromOx(q.subject) as any, fromOx(q.predicate) as any, fromOx(q.object) as any));
  }

  async ask(query: string): Promise<boolean> {
    return this.ox.query(query, { use_default_graph_as_union: true }) as boolean;
  }

  async queryRaw(_query: string, _options: RawQueryOptions): Promise<RawQueryResult> {
    throw new Error('MemoryStore does not serialise query results');
  }

  async health(): Promise<StoreHealth> {
    return { ok: true, message: 'in-memory test store', quads: this.ox.size };
  }
}

