/** A validation report as plain text for terminals: a summary line, then one block per result. */
import type { ValidationReport } from '../validation/validator.js';

function short(iri: string): string {
  return iri.startsWith('http://www.w3.org/ns/shacl#') ? `sh:${iri.slice(27).replace(/ConstraintComponent$/, '')}` : iri;
}

export function reportToText(report: ValidationReport): string {
  const count = (s: string) => report.results.filter((r) => r.severity === s).length;
  const head = report.conforms
    ? 'Conforms: no validation results.'
    : `Does not conform: ${count('Violation')} violation(s), ${count('Warning')} warning(s), ${count('Info')} info.`;
  const blocks = report.results.map((r, i) =>
    [
      `${i + 1}. [${r.severity}] ${short(r.constraint)} on ${r.focusNode}`,
      r.path ? `   path:    ${r.path}` : '',
      r.value ? `   value:   ${r.value}` : '',
      `   shape:   ${r.shape}`,
      ...r.messages.map((m) => `   message: ${m}`),
    ].filter(Boolean).join('\n'),
  );
  return [head, ...blocks].join('\n\n') + '\n';
}
