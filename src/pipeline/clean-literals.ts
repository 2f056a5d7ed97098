/**
 * Removes from a mapped record's literals the characters XML cannot carry (src/core/xml-chars.ts):
 * a NUL or ESC in a source field would otherwise be published, break every RDF/XML and EDM
 * answer that includes it, and be refused by Europeana. Runs between mapping and validation, so
 * both run modes (run-source.ts and the queue's process job) publish the same cleaned graphs.
 */
import { literal, quad, type Quad } from '../core/rdf.js';
import { FORBIDDEN_XML_CHARACTER, codePointName, describeRemoved, hasForbiddenXmlCharacters } from '../core/xml-chars.js';

export interface CleanedLiterals {
  quads: Quad[];
  /** Per predicate IRI, the names of the characters removed from its literals (empty: nothing removed). */
  removed: Map<string, string[]>;
}

export function cleanLiterals(quads: Quad[]): CleanedLiterals {
  const removed = new Map<string, string[]>();
  const out = quads.map((q) => {
    const o = q.object;
    if (o.termType !== 'Literal' || !hasForbiddenXmlCharacters(o.value)) return q;
    const names = removed.get(q.predicate.value) ?? [];
    removed.set(q.predicate.value, names);
    const value = o.value.replace(FORBIDDEN_XML_CHARACTER, (char: string) => {
      names.push(codePointName(char));
      return '';
    });
    return quad(q.subject, q.predicate, o.language ? literal(value, o.language) : literal(value, o.datatype), q.graph);
  });
  return { quads: removed.size ? out : quads, removed };
}

/** "U+0000 in <http://purl.org/dc/terms/title>; U+001B ×2 in <…>", for a record's warning. */
export function describeCleaned(removed: Map<string, string[]>): string {
  return [...removed].map(([predicate, names]) => `${describeRemoved(names)} in <${predicate}>`).join('; ');
}
