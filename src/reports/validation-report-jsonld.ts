/**
 * A validation report as JSON-LD (sh:ValidationReport), with optional run metadata merged
 * into the report node (e.g. source, run id, dates), for `Accept: application/ld+json`.
 */
import type { Term } from '../core/rdf.js';
import { SH, XSD } from '../core/vocab.js';
import type { ValidationReport } from '../validation/validator.js';
import { fromValidationReport } from '../validation/report-rdf.js';
import type { ShaclReport } from '../validation/shacl/engine.js';
import type { PathAst } from '../validation/shacl/property-path.js';

export type JsonLdNode = Record<string, unknown>;

export const REPORT_CONTEXT = {
  sh: SH(),
  xsd: XSD(),
  'sh:conforms': { '@type': 'xsd:boolean' },
} as const;

function termToJsonLd(t: Term): JsonLdNode {
  if (t.termType === 'NamedNode') return { '@id': t.value };
  if (t.termType === 'BlankNode') return { '@id': `_:${t.value}` };
  if (t.termType === 'Literal') {
    if (t.language) return { '@value': t.value, '@language': t.language };
    if (t.datatype.value === XSD('string')) return { '@value': t.value };
    return { '@value': t.value, '@type': t.datatype.value };
  }
  return { '@value': t.value };
}

function pathToJsonLd(p: PathAst): JsonLdNode {
  switch (p.kind) {
    case 'predicate':
      return { '@id': p.iri };
    case 'inverse':
      return { 'sh:inversePath': pathToJsonLd(p.path) };
    case 'sequence':
      return { '@list': p.paths.map(pathToJsonLd) };
    case 'alternative':
      return { 'sh:alternativePath': { '@list': p.paths.map(pathToJsonLd) } };
    default:
      return { [`sh:${p.kind}Path`]: pathToJsonLd(p.path) };
  }
}

function isRich(r: ShaclReport | ValidationReport): r is ShaclReport {
  const first = r.results[0];
  return first === undefined || typeof first.focusNode !== 'string';
}

/** The report as a JSON-LD document; `metadata` keys (full IRIs or `sh:`/`xsd:` terms) go on the report node. */
export function reportToJsonLd(report: ShaclReport | ValidationReport, metadata: JsonLdNode = {}): JsonLdNode {
  const rich = isRich(report) ? report : fromValidationReport(report);
  return {
    '@context': REPORT_CONTEXT,
    '@type': 'sh:ValidationReport',
    ...metadata,
    'sh:conforms': rich.conforms,
    'sh:result': rich.results.map((r) => {
      const node: JsonLdNode = {
        '@type': 'sh:ValidationResult',
        'sh:focusNode': termToJsonLd(r.focusNode),
        'sh:resultSeverity': { '@id': r.severity },
        'sh:sourceConstraintComponent': { '@id': r.component },
        'sh:sourceShape': termToJsonLd(r.sourceShape),
      };
      if (r.path) node['sh:resultPath'] = pathToJsonLd(r.path);
      if (r.value) node['sh:value'] = termToJsonLd(r.value);
      if (r.messages.length) {
        node['sh:resultMessage'] = r.messages.map((m) => (typeof m === 'string' ? { '@value': m } : termToJsonLd(m)));
      }
      return node;
    }),
  };
}
