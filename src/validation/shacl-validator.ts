/**
 * The hub's SHACL validator: SHACL Core compiled once per shapes file set, then run on one
 * record's small graph at a time, so the cost is linear in the number of records.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { shownPath } from '../core/paths.js';
import type { Quad } from '../core/rdf.js';
import { parseRdf } from '../core/rdf.js';
import { SH } from '../core/vocab.js';
import type { RecordValidator, Severity, ValidationReport, ValidationResult } from './validator.js';
import { ClassHierarchy } from './shacl/class-hierarchy.js';
import { ShapesProgram } from './shacl/compile-shapes.js';
import { materialiseHasValueRestrictions } from './shacl/owl-has-value.js';
import type { ShaclReport, ShaclResult } from './shacl/engine.js';
import { pathToText } from './shacl/property-path.js';
import { nodeLabel, toNTriples } from './shacl/term-keys.js';

const cache = new Map<string, ShaclValidator>();

function severityName(iri: string): Severity {
  if (iri === SH('Warning')) return 'Warning';
  if (iri === SH('Info')) return 'Info';
  return 'Violation';
}

/** The contract's plain result for one engine result. */
export function toValidationResult(r: ShaclResult): ValidationResult {
  const out: ValidationResult = {
    severity: severityName(r.severity),
    focusNode: nodeLabel(r.focusNode),
    constraint: r.component,
    shape: nodeLabel(r.sourceShape),
    messages: r.messages.map((m) => (typeof m === 'string' ? m : m.value)),
  };
  if (r.path) out.path = pathToText(r.path);
  if (r.value) out.value = toNTriples(r.value);
  const tagged = r.messages.filter((m) => typeof m !== 'string' && m.language);
  if (tagged.length) out.localizedMessages = tagged.map((m) => ({ text: (m as { value: string }).value, language: (m as { language: string }).language }));
  return out;
}

export function toValidationReport(report: ShaclReport): ValidationReport {
  return { conforms: report.conforms, results: report.results.map(toValidationResult) };
}

export class ShaclValidator implements RecordValidator {
  readonly id: string;
  readonly version: string;
  private readonly program: ShapesProgram;
  private readonly hierarchy?: ClassHierarchy;

  /**
   * rdfs:subClassOf triples among the shapes (e.g. shapes/oslo-ce-2021-class-hierarchy.ttl) act as
   * background knowledge in every record's data graph, unless `useShapesHierarchy` is false;
   * strict SHACL would only look at the data graph, where harvested records never state them.
   * owl:hasValue restrictions on shapes' classes are materialised first (EDM-external shapes).
   */
  constructor(shapes: Iterable<Quad>, options: { id: string; version: string; useShapesHierarchy?: boolean }) {
    const quads = materialiseHasValueRestrictions([...shapes]);
    this.program = new ShapesProgram(quads);
    if (options.useShapesHierarchy !== false) {
      const hierarchy = new ClassHierarchy(quads);
      if (hierarchy.size) this.hierarchy = hierarchy;
    }
    this.id = options.id;
    this.version = options.version;
  }

  /** Loads Turtle shapes files (cached per file set, as the pipeline asks per source). */
  static fromFiles(paths: string[]): ShaclValidator {
    const files = paths.map((p) => resolve(p));
    const key = files.join('\n');
    const cached = cache.get(key);
    if (cached) return cached;
    const hash = createHash('sha256');
    const quads: Quad[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new Error(`Cannot read shapes file ${file}: ${(error as Error).message}`, { cause: error });
      }
      hash.update(text);
      try {
        quads.push(...parseRdf(text, { baseIRI: pathToFileURL(file).href }));
      } catch (error) {
        throw new Error(`Cannot parse shapes file ${file}: ${(error as Error).message}`, { cause: error });
      }
    }
    const validator = new ShaclValidator(quads, { id: paths.map((p) => shownPath(p)).join(','), version: `sha256:${hash.digest('hex')}` });
    cache.set(key, validator);
    return validator;
  }

  /** The report with RDF terms (for RDF output and exact comparison). */
  validateDetailed(quads: Iterable<Quad>): ShaclReport {
    return this.program.validate(quads, this.hierarchy);
  }

  async validate(quads: Quad[]): Promise<ValidationReport> {
    return toValidationReport(this.program.validate(quads, this.hierarchy));
  }

  /** Synchronous variant of validate, for hot loops that need no promise per record. */
  validateSync(quads: Iterable<Quad>): ValidationReport {
    return toValidationReport(this.program.validate(quads, this.hierarchy));
  }
}
