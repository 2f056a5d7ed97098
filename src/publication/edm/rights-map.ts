/**
 * Source rights → accepted edm:rights, driven by mappings/edm/rights-map.yaml and the
 * accepted patterns Metis checks (ontologies/edm/edm-rights-allowed-patterns.txt).
 * Nothing is guessed: a value that is neither an accepted statement nor listed is reported.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';
import { canonicalRightsIri, isAcceptedRights } from '../../config/edm-rights.js';
import { projectPath } from '../../core/paths.js';

const RightsMapSchema = z
  .object({
    statements: z.record(z.string(), z.string().url()).default({}),
    labels: z.record(z.string(), z.string().url()).default({}),
    notAccepted: z.array(z.string()).default([]),
    sources: z.record(z.string(), z.string()).nullable().default({}),
  })
  .strict();

export { acceptedRightsPatterns, canonicalRightsIri, isAcceptedRights } from '../../config/edm-rights.js';

export type RightsRule = 'rights:missing' | 'rights:unmapped' | 'rights:not-accepted' | 'rights:ambiguous';

export type RightsResolution = { ok: true; rights: string } | { ok: false; rule: RightsRule; message: string };

const labelKey = (label: string) => label.trim().toLowerCase().replace(/\s+/g, ' ');

export class RightsMap {
  private readonly statements: Map<string, string>;
  private readonly labels: Map<string, string>;
  private readonly notAccepted: Set<string>;
  private readonly sourceDefaults: Map<string, string>;

  constructor(
    spec: z.input<typeof RightsMapSchema>,
    readonly file = '(inline)',
  ) {
    const parsed = RightsMapSchema.safeParse(spec);
    if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), file);
    const data = parsed.data;
    this.statements = new Map(Object.entries(data.statements));
    this.labels = new Map(Object.entries(data.labels).map(([k, v]) => [labelKey(k), v]));
    this.notAccepted = new Set(data.notAccepted.map(canonicalRightsIri));
    this.sourceDefaults = new Map(Object.entries(data.sources ?? {}));
    for (const [from, to] of [...this.statements, ...this.labels, ...this.sourceDefaults]) {
      if (!isAcceptedRights(to)) throw new ConfigError([`${from}: ${to} is not an edm:rights value Europeana accepts`], file);
    }
  }

  /** The map as data (to derive a variant, e.g. with extra source declarations). */
  toJSON(): { statements: Record<string, string>; labels: Record<string, string>; notAccepted: string[]; sources: Record<string, string> } {
    return {
      statements: Object.fromEntries(this.statements),
      labels: Object.fromEntries(this.labels),
      notAccepted: [...this.notAccepted],
      sources: Object.fromEntries(this.sourceDefaults),
    };
  }

  /**
   * Reads mappings/edm/rights-map.yaml (or another file): the vocabulary of rights values. Which
   * statement a source declares for its records is the organisation's, so it lives in the hub
   * configuration (`sources[].europeana.defaultRights`, see withSourceDeclarations), not here.
   */
  static load(file = projectPath('mappings/edm/rights-map.yaml')): RightsMap {
    const spec = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as Record<string, unknown>;
    if (spec.sources !== undefined && spec.sources !== null) {
      throw new ConfigError(['sources: a source declares its rights in the hub configuration (sources[].europeana.defaultRights), not in the rights map'], file);
    }
    return new RightsMap(spec as z.input<typeof RightsMapSchema>, file);
  }

  /**
   * This map with the rights sources declare for their records that state none, from the hub
   * configuration (`sources[].europeana.defaultRights`); these replace earlier declarations.
   */
  withSourceDeclarations(sources: readonly { id: string; europeana?: { defaultRights?: string } }[]): RightsMap {
    const data = this.toJSON();
    for (const s of sources) if (s.europeana?.defaultRights) data.sources[s.id] = s.europeana.defaultRights;
    return new RightsMap(data, this.file);
  }

  /** Resolves one source value (IRI or label) to an accepted statement, or says why not. */
  resolveValue(value: string, isIri: boolean): RightsResolution {
    if (isIri) {
      const listed = this.statements.get(value);
      if (listed) return { ok: true, rights: listed };
      const canonical = canonicalRightsIri(value);
      if (isAcceptedRights(canonical)) return { ok: true, rights: canonical };
      if (this.notAccepted.has(canonical)) {
        return { ok: false, rule: 'rights:not-accepted', message: `rights statement ${value} is not accepted by Europeana` };
      }
      return { ok: false, rule: 'rights:unmapped', message: `rights ${value} is not an accepted statement and not listed in the rights map` };
    }
    const byLabel = this.labels.get(labelKey(value));
    if (byLabel) return { ok: true, rights: byLabel };
    return { ok: false, rule: 'rights:unmapped', message: `rights label "${value}" is not listed in the rights map` };
  }

  /**
   * Resolves all of a record's rights values. Values that do not resolve are ignored only when
   * another value resolves (a licence IRI next to a free-text credit line is common).
   */
  resolve(values: { value: string; isIri: boolean }[], sourceId: string): RightsResolution {
    if (values.length === 0) {
      const declared = this.sourceDefaults.get(sourceId);
      if (declared) return { ok: true, rights: declared };
      return { ok: false, rule: 'rights:missing', message: `the record states no rights and source ${sourceId} declares none (sources[].europeana.defaultRights)` };
    }
    const results = values.map((v) => this.resolveValue(v.value, v.isIri));
    const accepted = [...new Set(results.flatMap((r) => (r.ok ? [r.rights] : [])))];
    if (accepted.length === 1) return { ok: true, rights: accepted[0]! };
    if (accepted.length > 1) {
      return { ok: false, rule: 'rights:ambiguous', message: `the record's rights resolve to ${accepted.length} different statements: ${accepted.join(', ')}` };
    }
    const failure = results.find((r) => !r.ok && r.rule === 'rights:not-accepted') ?? results[0]!;
    return failure;
  }
}
