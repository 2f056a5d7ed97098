/**
 * Takes out of a mapped record the characters XML cannot carry (src/core/xml-chars.ts): a NUL
 * or ESC in a source field would otherwise be published, break every RDF/XML and EDM answer
 * that includes it, and be refused by Europeana. Literals lose them; IRIs (a source's own id
 * used as an IRI, `owl:sameAs`) get them percent-encoded, as RFC 3987 maps characters an IRI
 * may not hold, so distinct ids stay distinct. Runs between mapping and validation, so both run
 * modes (run-source.ts and the queue's process job) publish the same cleaned graphs.
 */
import { literal, namedNode, quad, type Quad, type Term } from '../core/rdf.js';
import { FORBIDDEN_XML_CHARACTER, codePointName, describeRemoved, hasForbiddenXmlCharacters } from '../core/xml-chars.js';

/** Where `removed` files the characters found in subject IRIs. */
export const SUBJECTS = 'subject';

export interface CleanedCharacters {
  quads: Quad[];
  /**
   * Per predicate IRI (objects) or SUBJECTS, the names of the characters removed from literals or
   * encoded in IRIs, each distinct term counted once (empty: none).
   */
  removed: Map<string, string[]>;
}

/** A character as percent-encoded UTF-8 (a lone surrogate becomes U+FFFD's bytes, as any UTF-8 encoder makes it). */
const percentEncoded = (char: string) => [...Buffer.from(char)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

export function cleanCharacters(quads: Quad[]): CleanedCharacters {
  const removed = new Map<string, string[]>();
  const counted = new Set<string>();
  const clean = <T extends Term>(term: T, where: string): T => {
    if ((term.termType !== 'Literal' && term.termType !== 'NamedNode') || !hasForbiddenXmlCharacters(term.value)) return term;
    const names = removed.get(where) ?? [];
    removed.set(where, names);
    // A subject repeats in every triple about it: its characters are reported once.
    const first = !counted.has(`${where}\n${term.termType}\n${term.value}`);
    counted.add(`${where}\n${term.termType}\n${term.value}`);
    const value = term.value.replace(FORBIDDEN_XML_CHARACTER, (char: string) => {
      if (first) names.push(codePointName(char));
      return term.termType === 'NamedNode' ? percentEncoded(char) : '';
    });
    if (term.termType === 'NamedNode') return namedNode(value) as Term as T;
    const lit = term as Term as Extract<Term, { termType: 'Literal' }>;
    return (lit.language ? literal(value, lit.language) : literal(value, lit.datatype)) as Term as T;
  };
  const out = quads.map((q) => {
    const p = q.predicate.value;
    const [s, o] = [clean(q.subject, SUBJECTS), clean(q.object, p)];
    return s === q.subject && o === q.object ? q : quad(s, q.predicate, o, q.graph);
  });
  return { quads: removed.size ? out : quads, removed };
}

/** "U+0000 in <http://purl.org/dc/terms/title>; U+001B ×2 in <…>; U+0001 in the subject", for a record's warning. */
export function describeCleaned(removed: Map<string, string[]>): string {
  return [...removed].map(([where, names]) => `${describeRemoved(names)} in ${where === SUBJECTS ? 'the subject' : `<${where}>`}`).join('; ');
}
