/**
 * The SPARQL the hub sends to its store stays within what Virtuoso 7 runs (docs/virtuoso.md):
 * no zero-or-one / zero-or-more / one-or-more step inside an alternative path or over one (SP031
 * "Weird '|' ppath", "transitive start not given"), and no such path with both ends unbound
 * ("transitive derived table"). The end-to-end
 * suites check this against Virtuoso itself when it runs; this check holds without it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sparqljs from 'sparqljs';
import { listQuery } from '../../../src/publication/indexes/entity-index.js';
import { projectPath } from '../../../src/core/paths.js';

type Node = Record<string, unknown>;
const REPEATS = new Set(['?', '*', '+']);
const isPath = (x: unknown): x is { type: 'path'; pathType: string; items: unknown[] } => !!x && typeof x === 'object' && (x as Node).type === 'path';
const hasRepeat = (p: unknown): boolean => isPath(p) && (REPEATS.has(p.pathType) || p.items.some(hasRepeat));
const bound = (t: unknown) => !!t && typeof t === 'object' && (t as Node).termType !== 'Variable';

/** What Virtuoso would refuse in the query, one line per path. */
function unportable(query: string): string[] {
  const problems: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const node = x as Node;
    if (node.predicate && isPath(node.predicate) && hasRepeat(node.predicate)) {
      const text = new sparqljs.Generator().stringify({ type: 'query', queryType: 'SELECT', variables: [new sparqljs.Wildcard()], where: [{ type: 'bgp', triples: [node as never] }], prefixes: {} } as never).replace(/\s+/g, ' ');
      const hasAlternative = (p: unknown): boolean => isPath(p) && (p.pathType === '|' || p.items.some(hasAlternative));
      const mixed = (p: unknown): boolean => isPath(p) && ((p.pathType === '|' && p.items.some(hasRepeat)) || (REPEATS.has(p.pathType) && p.items.some(hasAlternative)) || p.items.some(mixed));
      if (mixed(node.predicate)) problems.push(`repeat and alternative in one path: ${text}`);
      if (!bound(node.subject) && !bound(node.object)) problems.push(`repeat with both ends unbound: ${text}`);
    }
    Object.values(node).forEach(walk);
  };
  walk(new sparqljs.Parser().parse(query));
  return problems;
}

describe('The SPARQL the hub sends to its store', () => {
  it('is refused by this check where Virtuoso refuses it', () => {
    expect(unportable('PREFIX ex: <http://ex.org/> SELECT * WHERE { <urn:a> ex:a/ex:b|ex:c/ex:d? ?o }')).toHaveLength(1);
    expect(unportable('PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s (ex:a|ex:b)/(ex:c|ex:d)? ?o }')).toHaveLength(2);
    expect(unportable('PREFIX ex: <http://ex.org/> SELECT * WHERE { ?s (ex:a|ex:b)* ?o }')).toHaveLength(2);
    expect(unportable('PREFIX ex: <http://ex.org/> SELECT * WHERE { <urn:a> (ex:a|ex:b)* ?o }')).toHaveLength(1);
    expect(unportable('PREFIX ex: <http://ex.org/> SELECT * WHERE { <urn:a> ex:a/ex:b? ?o . ?s ex:a|ex:b ?o }')).toEqual([]);
  });

  it.each(readdirSync(projectPath('mappings/edm')).filter((f) => f.endsWith('.rq')))('keeps mappings/edm/%s portable', (file) => {
    expect(unportable(readFileSync(join(projectPath('mappings/edm'), file), 'utf8'))).toEqual([]);
  });

  it('keeps REST list queries portable, with every filter on record content', () => {
    const filters = { entityTypes: ['activiteit'], q: 'jazz concert', type: 'http://ex.org/T', location: 'gent', from: '2026-01-01', to: '2026-12-31', organisation: 'publiq', source: 'uit', modifiedSince: '2026-01-01T00:00:00Z' };
    expect(unportable(listQuery(filters, 'http://hub.test/', 'http://hub.test/id/x', 20))).toEqual([]);
  });
});
