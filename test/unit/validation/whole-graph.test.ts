/**
 * Whole-graph validation (`hub validate`, `POST /validate`) against per-record validation (the
 * pipeline), and the indexed DataGraph against a reference that scans every quad per lookup.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../src/core/paths.js';
import type { Quad, Term } from '../../../src/core/rdf.js';
import { literal, namedNode, parseRdf, quad } from '../../../src/core/rdf.js';
import { profileFiles } from '../../../src/validation/profiles.js';
import { resultKey } from '../../../src/validation/report-compare.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { ClassHierarchy } from '../../../src/validation/shacl/class-hierarchy.js';
import { ShapesProgram } from '../../../src/validation/shacl/compile-shapes.js';
import { DataGraph } from '../../../src/validation/shacl/data-graph.js';
import type { ShaclReport } from '../../../src/validation/shacl/engine.js';
import { materialiseHasValueRestrictions } from '../../../src/validation/shacl/owl-has-value.js';
import { termKey } from '../../../src/validation/shacl/term-keys.js';
import { isViolating, objectQuads, sharedQuads } from '../../../bench/shacl/generate-objects.js';
import { fixUp, makeRecord, readTemplates, type Templates } from '../../../bench/shacl/generate-records.js';

const OBJECT_SHAPES = projectPath('shapes/oslo-ce-object-2021.repaired.ttl');

function shapesOf(files: string[]): Quad[] {
  return materialiseHasValueRestrictions(files.flatMap((f) => parseRdf(readFileSync(f, 'utf8'))));
}

/**
 * The data graph as it was before the index: every lookup scans all (distinct) quads. Slow and
 * obviously right, so the indexed graph must answer exactly as it does, in the same order.
 */
class ScanningDataGraph extends DataGraph {
  private readonly all: Quad[] = [];

  constructor(quads: Iterable<Quad>, hierarchy?: ClassHierarchy) {
    const list = [...quads];
    super(list, hierarchy);
    const seen = new Set<string>();
    for (const q of list) {
      const k = `${termKey(q.subject)} ${q.predicate.value} ${termKey(q.object)}`;
      if (!seen.has(k)) {
        seen.add(k);
        this.all.push(q);
      }
    }
  }

  override objects(s: Term, p: string): readonly Term[] {
    return this.all.filter((q) => q.subject.equals(s) && q.predicate.value === p).map((q) => q.object);
  }

  override subjects(o: Term, p: string): readonly Term[] {
    return this.all.filter((q) => q.object.equals(o) && q.predicate.value === p).map((q) => q.subject);
  }

  override outgoing(s: Term): ReadonlyMap<string, Term[]> | undefined {
    const out = new Map<string, Term[]>();
    for (const q of this.all) if (q.subject.equals(s)) out.set(q.predicate.value, [...(out.get(q.predicate.value) ?? []), q.object]);
    return out.size ? out : undefined;
  }

  override pairs(p: string): ReadonlyArray<[Term, Term]> {
    return this.all.filter((q) => q.predicate.value === p).map((q): [Term, Term] => [q.subject, q.object]);
  }
}

/** Result keys in report order (comparing order too, not only the multiset). */
const keys = (r: ShaclReport) => r.results.map(resultKey);

function multiset(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of list) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

describe('Whole-graph validation', () => {
  it('of N synthetic objects gives the results of validating each object on its own', () => {
    const v = new ShaclValidator(shapesOf([OBJECT_SHAPES]), { id: 'test', version: '0' });
    const n = 400;
    const whole: Quad[] = [...sharedQuads()];
    const perRecord: string[] = [];
    for (let i = 0; i < n; i++) {
      const record = objectQuads(i);
      whole.push(...record);
      // Each record brings the shared thesaurus terms it refers to, as a harvested record would.
      perRecord.push(...keys(v.validateDetailed([...sharedQuads(), ...record])));
    }
    const report = v.validateDetailed(whole);
    expect(report.results).toHaveLength((n / 10) * 2);
    expect(multiset(keys(report))).toEqual(multiset(perRecord));
    // Exactly the violating tenth, each with its datatype and class result.
    const focus = new Set(report.results.map((r) => r.focusNode.value));
    expect([...focus].sort()).toEqual(
      Array.from({ length: n }, (_, i) => i)
        .filter(isViolating)
        .map((i) => `https://example.org/museum/object/${i}`)
        .sort(),
    );
  });

  it('of records built from real Ghent members gives the union of their per-record results', async () => {
    const shapes = shapesOf([OBJECT_SHAPES]);
    const v = new ShaclValidator(shapes, { id: 'test', version: '0' });
    const original = await readTemplates(projectPath('bench/shacl/samples'));
    const templates: Templates = { original, conforming: original.map((t) => fixUp(t, v)) };
    // Every 10th record keeps its member's real data, where shared thesaurus IRIs lack the types
    // that the fixed-up copies give them: in one graph those types would satisfy its sh:class.
    const records = Array.from({ length: 60 }, (_, i) => i).filter((i) => i % 10 !== 0).map((i) => makeRecord(templates, i));
    // Records share thesaurus IRIs; a result about a shared node is reported once by the whole graph.
    const perRecord = new Set(records.flatMap((r) => keys(v.validateDetailed(r))));
    const whole = keys(v.validateDetailed(records.flat()));
    expect(whole.length).toBeGreaterThan(0);
    expect(new Set(whole)).toEqual(perRecord);
  });
});

describe('The indexed DataGraph', () => {
  const oslo = shapesOf(profileFiles('oslo-ce-2021'));
  const program = new ShapesProgram(oslo);
  const hierarchy = new ClassHierarchy(oslo);

  it('answers as a full scan does on the OSLO CE 2021 profile over many Ghent-shaped records at once', async () => {
    const fixer = new ShaclValidator(shapesOf([OBJECT_SHAPES]), { id: 'fix', version: '0' });
    const original = await readTemplates(projectPath('bench/shacl/samples'));
    const templates: Templates = { original, conforming: original.map((t) => fixUp(t, fixer)) };
    const data = Array.from({ length: 30 }, (_, i) => makeRecord(templates, i)).flat();
    const indexed = program.validate(new DataGraph(data, hierarchy));
    const scanned = program.validate(new ScanningDataGraph(data, hierarchy));
    expect(indexed.results.length).toBeGreaterThan(30);
    expect(keys(indexed)).toEqual(keys(scanned));
  });

  it('drops duplicate quads and keeps first-seen order past the scan limit (many values per node, shared objects)', () => {
    const ex = (s: string) => namedNode(`http://example.org/${s}`);
    const title = namedNode('http://www.cidoc-crm.org/cidoc-crm/P102_has_title');
    const type = namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type');
    const obj = namedNode('http://www.cidoc-crm.org/cidoc-crm/E22_Man-Made_Object');
    const data: Quad[] = [];
    for (let i = 0; i < 60; i++) {
      data.push(quad(ex('o'), title, literal(`t${i}`, i % 3 ? 'nl' : '')));
      data.push(quad(ex(`s${i}`), type, obj), quad(ex(`s${i}`), title, literal('shared')));
    }
    // The same quads again, in another order: none may count twice.
    data.push(...[...data].reverse(), quad(ex('o'), type, obj));
    const indexed = new DataGraph(data, hierarchy);
    const scanned = new ScanningDataGraph(data, hierarchy);
    expect(indexed.objects(ex('o'), title.value)).toEqual(scanned.objects(ex('o'), title.value));
    expect(indexed.objects(ex('o'), title.value)).toHaveLength(60);
    expect(indexed.subjects(literal('shared'), title.value)).toEqual(scanned.subjects(literal('shared'), title.value));
    expect(indexed.instancesOf(obj)).toHaveLength(61);
    const a = program.validate(indexed);
    // 20 titles of ex:o and the 60 shared titles lack a language; the rest are per-object minCounts.
    const datatype = a.results.filter((r) => r.component.endsWith('#DatatypeConstraintComponent'));
    expect(datatype).toHaveLength(80);
    const rest = a.results.filter((r) => !datatype.includes(r));
    expect(rest.length % 61).toBe(0);
    expect(rest.every((r) => r.component.endsWith('#MinCountConstraintComponent'))).toBe(true);
    expect(keys(a)).toEqual(keys(program.validate(scanned)));
  });
});
