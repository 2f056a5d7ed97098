/**
 * rml-cc named collections. A gather map with its own term (a template, reference or constant)
 * names its collection, and every iteration that names the same collection in the same graph adds
 * to it. A container's members are numbered on (`rdf:_n` after those it already has) and written at
 * once; a list's last `rdf:rest` is only known at the end, so named lists are kept (members only)
 * and written when the run ends. Collections without a name are written at once by the gather map.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { blankNode, namedNode, quad } from './terms.js';
import { RDF_FIRST, RDF_NIL, RDF_REST, RDF_TYPE } from './vocab.js';

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** What one record gives a named collection; written once the graph is known. */
export interface NamedCollectionPart {
  head: Term;
  members: Term[];
  /** The container class (rdf:Bag, rdf:Seq, rdf:Alt); a list when absent. */
  container?: Term;
}

interface NamedCollection {
  head: Term;
  graph: Term;
  members: Term[];
  /** Members a container already has (its members are not kept). */
  size: number;
  /** The triples map that first named the list (the origin of its quads). */
  triplesMap: string;
}

/** The named collections of one run, by head and graph, in the order they were first named. */
export class NamedCollections {
  private readonly collections = new Map<string, NamedCollection>();
  private blanks = 0;

  constructor(private readonly blankPrefix: string) {}

  /**
   * The head as it stands in `graph`: a blank-node head is a different node in each named graph,
   * as each graph holds its own collection; an IRI head is the same resource everywhere.
   */
  headIn(head: Term, graph: Term): Term {
    if (head.termType !== 'BlankNode' || graph.termType === 'DefaultGraph') return head;
    return blankNode(`${head.value}_g${graph.value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`);
  }

  /** Adds one record's members to the collection `head` names in `graph`; containers are written now. */
  add(part: NamedCollectionPart, graph: Term, triplesMap: string, emit: (q: Quad) => void): void {
    const key = `${part.head.termType}\u0000${part.head.value}\u0000${graph.termType}\u0000${graph.value}`;
    let c = this.collections.get(key);
    if (!c) this.collections.set(key, (c = { head: this.headIn(part.head, graph), graph, members: [], size: 0, triplesMap }));
    if (!part.container) {
      c.members.push(...part.members);
      return;
    }
    if (c.size === 0) emit(quad(c.head, namedNode(RDF_TYPE), part.container, graph));
    for (const m of part.members) emit(quad(c.head, namedNode(`${RDF_NS}_${++c.size}`), m, graph));
  }

  /** Writes every named list (`rdf:first`/`rdf:rest` chains ending in `rdf:nil`) and forgets them all. */
  flush(emit: (q: Quad, triplesMap: string) => void): void {
    const first = namedNode(RDF_FIRST);
    const rest = namedNode(RDF_REST);
    const nil = namedNode(RDF_NIL);
    for (const list of this.collections.values()) {
      let node = list.head;
      list.members.forEach((member, i) => {
        const next = i + 1 < list.members.length ? blankNode(`${this.blankPrefix}l${this.blanks++}`) : nil;
        emit(quad(node, first, member, list.graph), list.triplesMap);
        emit(quad(node, rest, next, list.graph), list.triplesMap);
        node = next;
      });
    }
    this.collections.clear();
  }
}
