/**
 * In-memory full text of every record graph for the REST API's `q`: per graph, the lower-cased
 * texts (LCASE in the store, as the SPARQL filter does) that `q` is matched against, the same
 * literals the SPARQL filter of entity-index.ts reads (title, name, label and description
 * properties, one hop into nested title nodes). A word matches when it is a substring of one of
 * them, exactly as `CONTAINS(LCASE(STR(?text)), word)` does: the texts are kept joined by "\n",
 * which no word holds (words are split on whitespace), so no match can span two texts.
 * Built at the first `q`, then patched per commit (live-index.ts).
 */
import { alt, queryWords, TEXT_PREDICATES, VALUE_PREDICATES, type EntityRow } from './entity-index.js';
import { graphUnions, LiveIndex } from './live-index.js';

const TEXTS = `?x (${alt(TEXT_PREDICATES)})/(${alt(VALUE_PREDICATES)})? ?text . FILTER(isLiteral(?text))`;
/** Every graph's texts, or (`where`) those of the graphs given as graph patterns binding ?g. */
const textQuery = (where = `GRAPH ?g { ${TEXTS} }`) => `SELECT ?g (GROUP_CONCAT(LCASE(STR(?text)); SEPARATOR="\\n") AS ?texts) WHERE { ${where} } GROUP BY ?g`;

export class TextIndex extends LiveIndex {
  private texts = new Map<string, string>();

  private async read(where?: string): Promise<Map<string, string>> {
    const bindings = await this.store.select(textQuery(where), { timeoutMs: 120_000 });
    return new Map(bindings.map((r) => [r.g!.value, r.texts!.value]));
  }

  protected async build(): Promise<void> {
    this.texts = await this.read();
  }

  protected async patch(graphs: string[]): Promise<void> {
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
