/**
 * In-memory full text of every record graph for the REST API's `q`: per graph, the lower-cased
 * texts (LCASE in the store, as the SPARQL filter does) that `q` is matched against, the same
 * literals the SPARQL filter of entity-index.ts reads (title, name, label and description
 * properties, one hop into nested title nodes). A word matches when it is a substring of one of
 * them, exactly as `CONTAINS(LCASE(STR(?text)), word)` does: the texts are kept joined by "\n",
 * which no word holds (words are split on whitespace), so no match can span two texts.
 * Built at the first `q`, then patched per commit (live-index.ts).
 */
import { entitiesGraphIri } from '../../core/identifiers.js';
import type { StoreReader } from '../../store/store.js';
import { queryWords, TEXT_VALUES, type EntityRow } from './entity-index.js';
import { graphUnions, LiveIndex } from './live-index.js';

const TEXTS = `${TEXT_VALUES} FILTER(isLiteral(?text))`;
/**
 * Every graph's texts but the entities graph's (a merged copy of the record graphs, which would
 * only double the work), or (`where`) those of the graphs given as graph patterns binding ?g.
 */
const textQuery = (skip: string | undefined, where = `GRAPH ?g { ${TEXTS} }${skip ? ` FILTER(?g != <${skip}>)` : ''}`) =>
  `SELECT ?g (GROUP_CONCAT(LCASE(STR(?text)); SEPARATOR="\\n") AS ?texts) WHERE { ${where} } GROUP BY ?g`;

export class TextIndex extends LiveIndex {
  private texts = new Map<string, string>();
  private readonly skip?: string;

  /** `base`: the hub's base IRI, whose entities graph is left out. */
  constructor(store: StoreReader, base?: string) {
    super(store);
    this.skip = base === undefined ? undefined : entitiesGraphIri(base);
  }

  private async read(where?: string): Promise<Map<string, string>> {
    const bindings = await this.store.select(textQuery(this.skip, where), { timeoutMs: 120_000 });
    return new Map(bindings.map((r) => [r.g!.value, r.texts!.value]));
  }

  protected async build(): Promise<void> {
    this.texts = await this.read();
  }

  protected async patch(changed: string[]): Promise<void> {
    const graphs = changed.filter((g) => g !== this.skip);
    const fresh = new Map<string, string>();
    for (const where of graphUnions('g', graphs, TEXTS)) for (const [g, t] of await this.read(where)) fresh.set(g, t);
    for (const g of graphs) {
      const t = fresh.get(g);
      if (t === undefined) this.texts.delete(g);
      else this.texts.set(g, t);
    }
  }

  /** A test for rows whose record graph holds every word of `q` (call `current` first). */
  matcher(q: string): (row: EntityRow) => boolean {
    const words = queryWords(q);
    return (row) => {
      const text = this.texts.get(row.recordGraph);
      if (text === undefined) return words.length === 0;
      return words.every((w) => text.includes(w));
    };
  }
}
