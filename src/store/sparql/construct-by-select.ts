/**
 * CONSTRUCT answered as a SELECT of the template's variables, with the template filled in here.
 * Virtuoso 7 drops every triple of a CONSTRUCT whose solutions leave an OPTIONAL's variable
 * unbound beside a BIND (`OPTIONAL { … ?keeper } BIND(COALESCE(?org, ?keeper) AS ?p)` gives an
 * empty graph, while the same WHERE as a SELECT gives its one solution), which emptied the EDM
 * export; its SELECT answers are right. The template is instantiated as SPARQL 1.1 §16.2 says:
 * a triple with an unbound variable or an ill-formed term is left out, and template blank nodes
 * are fresh per solution. Queries sparqljs cannot read go to the store unchanged.
 */
import sparqljs from 'sparqljs';
import { blankNode, literal, namedNode, quad, type Quad, type Term } from '../../core/rdf.js';
import type { Bindings } from '../store.js';

export interface ConstructPlan {
  /** The SELECT to send. */
  select: string;
  /** Builds the CONSTRUCT's graph (a set: duplicates removed) from the SELECT's solutions. */
  instantiate(rows: Bindings[]): Quad[];
}

type TemplateTerm = sparqljs.Triple['subject'] | sparqljs.Triple['object'];

/** The plan for a CONSTRUCT query, or undefined for any other query or one sparqljs cannot read. */
export function constructBySelect(query: string): ConstructPlan | undefined {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser().parse(query);
  } catch {
    return undefined;
  }
  if (parsed.type !== 'query' || parsed.queryType !== 'CONSTRUCT') return undefined;
  const template = parsed.template ?? [];
  const variables = new Map<string, sparqljs.VariableTerm>();
  for (const t of template) for (const term of [t.subject, t.predicate, t.object]) if ((term as Term).termType === 'Variable') variables.set((term as Term).value, term as sparqljs.VariableTerm);
  const { template: _template, queryType: _queryType, ...rest } = parsed;
  const select = { ...rest, queryType: 'SELECT', variables: variables.size ? [...variables.values()] : [new sparqljs.Wildcard()] } as sparqljs.SelectQuery;
  return { select: new sparqljs.Generator().stringify(select), instantiate: (rows) => instantiate(template, rows) };
}

function instantiate(template: sparqljs.Triple[], rows: Bindings[]): Quad[] {
  const seen = new Set<string>();
  const out: Quad[] = [];
  rows.forEach((row, solution) => {
    const fill = (term: TemplateTerm | sparqljs.Triple['predicate']): Term | undefined => {
      const t = term as Term;
      if (t.termType === 'Variable') return row[t.value];
      if (t.termType === 'BlankNode') return blankNode(`${t.value.replace(/^_:/, '')}_s${solution}`);
      if (t.termType === 'NamedNode') return namedNode(t.value);
      if (t.termType === 'Literal') return literal(t.value, t.language || namedNode(t.datatype.value));
      return undefined;
    };
    for (const t of template) {
      const [s, p, o] = [fill(t.subject), fill(t.predicate), fill(t.object)];
      if (!s || !p || !o || s.termType === 'Literal' || p.termType !== 'NamedNode') continue;
      const key = `${termKey(s)} ${p.value} ${termKey(o)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(quad(s as never, p, o as never));
    }
  });
  return out;
}

function termKey(t: Term): string {
  return t.termType === 'Literal' ? `"${t.value}"@${t.language}^^${t.datatype.value}` : `${t.termType}:${t.value}`;
}
