/**
 * Validation reports as RDF (sh:ValidationReport), and the reverse: reading a report graph,
 * such as the expected results of the W3C SHACL test suite, back into engine results.
 */
import N3 from 'n3';
import type { Literal, Quad, Term } from '../core/rdf.js';
import { blankNode, literal, namedNode, quad } from '../core/rdf.js';
import { RDF, SH, XSD } from '../core/vocab.js';
import type { ValidationReport } from './validator.js';
import type { ShaclReport, ShaclResult } from './shacl/engine.js';
import { parsePathText, pathToRdf, readPath } from './shacl/property-path.js';
import { ShapesGraph } from './shacl/shapes-graph.js';

function t(s: Term, p: string, o: Term): Quad {
  return quad(s as Quad['subject'], namedNode(p), o as Quad['object']);
}

function node(label: string): Term {
  if (label.startsWith('"')) return parseNTriplesTerm(label);
  return label.startsWith('_:') ? blankNode(label.slice(2)) : namedNode(label);
}

/** Parses one N-Triples term, e.g. `"12"^^<http://www.w3.org/2001/XMLSchema#integer>`. */
export function parseNTriplesTerm(text: string): Term {
  const parsed = new N3.Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(`<urn:s> <urn:p> ${text} .`);
  const q = parsed[0];
  if (!q) throw new Error(`not an N-Triples term: ${text}`);
  return q.object;
}

/** The engine's rich report converted from the contract's plain one (paths and terms re-parsed). */
export function fromValidationReport(report: ValidationReport): ShaclReport {
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focusNode: node(r.focusNode),
      path: r.path ? parsePathText(r.path) : undefined,
      value: r.value ? parseNTriplesTerm(r.value) : undefined,
      sourceShape: node(r.shape),
      component: r.constraint,
      severity: SH(r.severity),
      messages: r.localizedMessages?.length ? r.localizedMessages.map((m) => literal(m.text, m.language)) : r.messages,
    })),
  };
}

function isShaclReport(r: ShaclReport | ValidationReport): r is ShaclReport {
  const first = r.results[0];
  return first === undefined || typeof (first as ShaclResult).focusNode !== 'string';
}

/** Writes a report as sh:ValidationReport quads; returns the quads and the report node. */
export function reportToQuads(report: ShaclReport | ValidationReport, reportNode: Term = blankNode()): { quads: Quad[]; node: Term } {
  const rich = isShaclReport(report) ? report : fromValidationReport(report);
  const out: Quad[] = [
    t(reportNode, RDF('type'), namedNode(SH('ValidationReport'))),
    t(reportNode, SH('conforms'), literal(String(rich.conforms), namedNode(XSD('boolean')))),
  ];
  for (const r of rich.results) {
    const b = blankNode();
    out.push(t(reportNode, SH('result'), b));
    out.push(t(b, RDF('type'), namedNode(SH('ValidationResult'))));
    out.push(t(b, SH('focusNode'), r.focusNode));
    if (r.path) out.push(t(b, SH('resultPath'), pathToRdf(r.path, out)));
    if (r.value) out.push(t(b, SH('value'), r.value));
    out.push(t(b, SH('resultSeverity'), namedNode(r.severity)));
    out.push(t(b, SH('sourceShape'), r.sourceShape));
    out.push(t(b, SH('sourceConstraintComponent'), namedNode(r.component)));
    for (const m of r.messages) out.push(t(b, SH('resultMessage'), typeof m === 'string' ? literal(m) : m));
  }
  return { quads: out, node: reportNode };
}

/** Serialises a report as Turtle. */
export function reportToTurtle(report: ShaclReport | ValidationReport): Promise<string> {
  const { quads } = reportToQuads(report);
  const writer = new N3.Writer({ prefixes: { sh: SH(), rdf: RDF(), xsd: XSD() } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, text) => (error ? reject(error) : resolve(text))));
}

/** Reads the sh:ValidationReport at `reportNode` from a graph (e.g. a W3C test's mf:result). */
export function readReport(quads: Iterable<Quad>, reportNode: Term): ShaclReport {
  const g = new ShapesGraph(quads);
  const conforms = g.one(reportNode, SH('conforms'));
  if (!conforms) throw new Error(`report ${reportNode.value} has no sh:conforms`);
  const results: ShaclResult[] = g.all(reportNode, SH('result')).map((r) => {
    const focusNode = g.one(r, SH('focusNode'));
    const component = g.one(r, SH('sourceConstraintComponent'));
    if (!focusNode || !component) throw new Error(`result ${r.value} lacks sh:focusNode or sh:sourceConstraintComponent`);
    const pathNode = g.one(r, SH('resultPath'));
    return {
      focusNode,
      path: pathNode ? readPath(g, pathNode) : undefined,
      value: g.one(r, SH('value')),
      sourceShape: g.one(r, SH('sourceShape')) ?? blankNode(),
      component: component.value,
      severity: g.one(r, SH('resultSeverity'))?.value ?? SH('Violation'),
      messages: g.all(r, SH('resultMessage')).filter((m): m is Literal => m.termType === 'Literal'),
    };
  });
  return { conforms: conforms.value === 'true' || conforms.value === '1', results };
}
