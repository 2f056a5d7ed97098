import { bracketDepth } from '../../../../src/api/admission/bracket-depth.js';

const nested = (depth: number) => `SELECT * WHERE ${'{ '.repeat(depth)}?s ?p ?o${' }'.repeat(depth)}`;

describe('bracketDepth', () => {
  it('counts the deepest nesting of { ( [ together', () => {
    expect(bracketDepth('SELECT * WHERE { ?s ?p ?o }')).toBe(1);
    expect(bracketDepth('SELECT * WHERE { ?s ?p [ ?q (1 2) ] FILTER((?o)) }')).toBe(3);
    expect(bracketDepth(nested(700))).toBe(700);
  });

  it('does not count brackets inside string literals, long strings, IRIs and comments', () => {
    expect(bracketDepth('SELECT * WHERE { ?s ?p "{{{(((" }')).toBe(1);
    expect(bracketDepth("SELECT * WHERE { ?s ?p 'a\\'{{{' }")).toBe(1);
    expect(bracketDepth('SELECT * WHERE { ?s ?p """ {{{ " "" ((( """ }')).toBe(1);
    expect(bracketDepth('SELECT * WHERE { ?s <http://x/((([> ?o }')).toBe(1);
    expect(bracketDepth('SELECT * WHERE { ?s ?p ?o } # {{{{ (((\n')).toBe(1);
    expect(bracketDepth('SELECT * WHERE { <http://x/a#b> ?p ?o { ?s ?p ?o } }')).toBe(2);
  });

  it('reads < as less-than when no IRI closes it', () => {
    expect(bracketDepth('SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && (?o > 1)) }')).toBe(3);
    expect(bracketDepth('SELECT * WHERE { ?s ?p ?o FILTER(?o<3) { ?a ?b ?c } }')).toBe(2);
  });

  it('stops reading once past the limit', () => {
    expect(bracketDepth(nested(20000), 64)).toBe(65);
  });

  it('takes linear time on a deep or adversarial text', () => {
    const texts = [nested(20000), '<a'.repeat(50000), '"'.repeat(1) + '{'.repeat(100000), '<'.repeat(100000)];
    const started = performance.now();
    for (const text of texts) bracketDepth(text);
    // Generous: a quadratic scan of these would take seconds.
    expect(performance.now() - started).toBeLessThan(500);
  });
});
