/**
 * rml-cc named lists. A gather map with its own term (a template, reference or constant) names its
 * list, and every iteration that names the same list in the same graph appends to it. A list's last
 * `rdf:rest` is only known at the end, so named lists are kept (members only) and written when the
 * run ends; lists without a name are written at once, like containers.
 */
import type { Quad, Term } from '../../core/rdf.js';
import { blankNode, namedNode, quad } from './terms.js';
import { RDF_FIRST, RDF_NIL, RDF_REST } from './vocab.js';

/** A gathered list with a name, as one record contributes it: written when the graph is known. */
export interface NamedListPart {
  head: Term;
  members: Term[];
}

interface NamedList {
  head: Term;
  graph: Term;
  members: Term[];
  /** The triples map that first named the list (the origin of its quads). */
  triplesMap: string;
}

/** The named lists of one run, by head and graph, in the order they were first named. */
export class NamedLists {
  private readonly lists = new Map<string, NamedList>();
  private blanks = 0;

  constructor(private readonly blankPrefix: string) {}

  /**
   * The head as it stands in `graph`: a blank-node head is a different node in each named graph,
   * as each graph holds its own list; an IRI head is the same resource everywhere.
   */
  headIn(head: Term, graph: Term): Term {
    if (head.termType !== 'BlankNode' || graph.termType === 'DefaultGraph') return head;
    return blankNode(`${head.value}_g${graph.value.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`);
  }

  /** Appends one record's members to the list `head` names in `graph`. */
  append(part: NamedListPart, graph: Term, triplesMap: string): void {
    const key = `${part.head.termType}\u0000${part.head.value}\u0000${graph.termType}\u0000${graph.value}`;
    const list = this.lists.get(key);
    if (list) list.members.push(...part.members);
    else this.lists.set(key, { head: this.headIn(part.head, graph), graph, members: [...part.members], triplesMap });
  }

  /** Writes every named list (`rdf:first`/`rdf:rest` chains ending in `rdf:nil`) and forgets them. */
  flush(emit: (q: Quad, triplesMap: string) => void): void {
    const first = namedNode(RDF_FIRST);
    const rest = namedNode(RDF_REST);
    const nil = namedNode(RDF_NIL);
    for (const list of this.lists.values()) {
      let node = list.head;
      list.members.forEach((member, i) => {
        const next = i + 1 < list.members.length ? blankNode(`${this.blankPrefix}l${this.blanks++}`) : nil;
        emit(quad(node, first, member, list.graph), list.triplesMap);
        emit(quad(node, rest, next, list.graph), list.triplesMap);
        node = next;
      });
    }
    this.lists.clear();
  }
}
