/**
 * RML conformance report: runs the engine over ../shared/conformance/rml (cases-index.tsv) and
 * compares each result with the expected N-Quads as RDF datasets (blank nodes isomorphic).
 * Error-expected cases pass when the engine stops with an error. Only database cases and
 * logical-target cases (output serialisation, which the hub does not do) are skipped.
 *
 *   npm run conformance:rml [-- --verbose] [-- --case RMLTC0001a-JSON]
 *
 * Writes the per-suite table into the "RML" section of docs/conformance.md. Exits 0: it is a report.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import N3 from 'n3';
import { isomorphic } from 'rdf-isomorphic';
import { errorMessage } from '../src/core/errors.js';
import { projectPath } from '../src/core/paths.js';
import type { Quad } from '../src/core/rdf.js';
import { executeMapping } from '../src/mapping/rml/map-source-files.js';
import { loadMapping } from '../src/mapping/rml/load-mapping.js';

const ROOT = projectPath('..', 'shared', 'conformance', 'rml');
const SUITES = ['rml-core', 'rml-core-2025-02-csv-xml', 'rml-io', 'rml-fnml', 'rml-cc', 'rml-lv', 'rmlio-rml-test-cases'];

interface Case {
  suite: string;
  id: string;
  error: boolean;
  outputs: string[];
  base: string;
  hint: string;
}

type Outcome = { status: 'pass' | 'fail' | 'skip'; reason?: string };

function skipReason(c: Case): string | undefined {
  if (c.hint.includes('relational DB')) return 'database';
  if (c.hint.includes('logical target')) return 'logical target (output serialisation)';
  return undefined;
}

function parseExpected(text: string): Quad[] {
  try {
    return new N3.Parser({ format: 'N-Quads' }).parse(text);
  } catch {
    // Expected outputs with unsafe IRIs (spaces): read them leniently, line by line.
    const fixed = text.replace(/<([^>]*)>/g, (_m, iri: string) => `<${iri.replace(/ /g, '%20')}>`);
    return new N3.Parser({ format: 'N-Quads' }).parse(fixed).map((q) => unescapeSpaces(q));
  }
}

function unescapeSpaces(q: Quad): Quad {
  const fix = (t: any) => (t.termType === 'NamedNode' ? N3.DataFactory.namedNode(t.value.replace(/%20/g, ' ')) : t);
  return N3.DataFactory.quad(fix(q.subject), fix(q.predicate), fix(q.object), fix(q.graph));
}

function unique(quads: Quad[]): Quad[] {
  const seen = new Map<string, Quad>();
  const writer = new N3.Writer({ format: 'N-Quads' });
  for (const q of quads) seen.set(writer.quadToString(q.subject, q.predicate, q.object, q.graph), q);
  return [...seen.values()];
}

async function runCase(c: Case): Promise<Outcome> {
  const skip = skipReason(c);
  if (skip) return { status: 'skip', reason: skip };
  const dir = join(ROOT, c.suite, c.id);
  const quads: Quad[] = [];
  try {
    const { def } = await loadMapping(join(dir, 'mapping.ttl'));
    // Cases without a base IRI column (2025-02 snapshot, legacy) expect the R2RML suites'
    // http://example.com/base/ unless the mapping declares @base.
    const baseIri = c.base || def.base || 'http://example.com/base/';
    await executeMapping(def, { baseIri, mappingDir: dir, cwd: dir, emit: (q) => quads.push(q) });
  } catch (error) {
    return c.error ? { status: 'pass' } : { status: 'fail', reason: errorMessage(error).slice(0, 300) };
  }
  if (c.error) return { status: 'fail', reason: `expected an error, got ${quads.length} quads` };
  const expected: Quad[] = [];
  for (const out of c.outputs) {
    const path = join(dir, out);
    if (existsSync(path)) expected.push(...parseExpected(await readFile(path, 'utf8')));
  }
  const a = unique(quads);
  const b = unique(expected);
  if (isomorphic(a as any, b as any)) return { status: 'pass' };
  const w = new N3.Writer({ format: 'N-Quads' });
  const show = (qs: Quad[]) => qs.slice(0, 4).map((q) => w.quadToString(q.subject, q.predicate, q.object, q.graph).trim()).join(' | ');
  return { status: 'fail', reason: `got ${a.length} quads, expected ${b.length}: got [${show(a)}] expected [${show(b)}]` };
}

async function readCases(): Promise<Case[]> {
  const lines = (await readFile(join(ROOT, 'cases-index.tsv'), 'utf8')).split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const [suite, id, , , error, outputs, base, hint] = line.split('\t');
    const outs = (outputs ?? '').split('|').filter(Boolean);
    return { suite, id, error: error === 'true', outputs: outs.length ? outs : ['output.nq'], base: base ?? '', hint: hint ?? '' };
  });
}

async function writeReport(table: string): Promise<void> {
  const file = projectPath('docs', 'conformance.md');
  const section = `## RML\n\n${table}\n`;
  let text = existsSync(file) ? await readFile(file, 'utf8') : '# Conformance\n\n';
  const start = text.search(/^## RML\s*$/m);
  if (start >= 0) {
    const rest = text.slice(start + 6);
    const next = rest.search(/^## /m);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${rest.slice(next)}` : '');
  } else {
    text = `${text.trimEnd()}\n\n${section}`;
  }
  await writeFile(file, text);
}

async function main(): Promise<void> {
  if (!existsSync(ROOT)) {
    console.log(`RML conformance suites not found at ${ROOT}; skipping.`);
    return;
  }
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const only = args.includes('--case') ? args[args.indexOf('--case') + 1] : undefined;
  const cases = (await readCases()).filter((c) => SUITES.includes(c.suite) && (!only || c.id === only));
  const stats = new Map<string, { pass: number; fail: number; skip: number }>();
  const failures: string[] = [];
  for (const c of cases) {
    const outcome = await runCase(c);
    const s = stats.get(c.suite) ?? { pass: 0, fail: 0, skip: 0 };
    s[outcome.status]++;
    stats.set(c.suite, s);
    if (outcome.status === 'fail') failures.push(`${c.suite}/${c.id}: ${outcome.reason}`);
    if (verbose && outcome.status !== 'pass') console.log(`${outcome.status.toUpperCase()} ${c.suite}/${c.id}: ${outcome.reason ?? ''}`);
  }
  const rows = ['| suite | runnable | passed | failed | skipped | pass rate |', '|---|---|---|---|---|---|'];
  let tp = 0;
  let tr = 0;
  for (const [suite, s] of stats) {
    const runnable = s.pass + s.fail;
    tp += s.pass;
    tr += runnable;
    rows.push(`| ${suite} | ${runnable} | ${s.pass} | ${s.fail} | ${s.skip} | ${runnable ? ((100 * s.pass) / runnable).toFixed(1) : '–'}% |`);
  }
  rows.push(`| **all** | ${tr} | ${tp} | ${tr - tp} | ${cases.length - tr} | ${tr ? ((100 * tp) / tr).toFixed(1) : '–'}% |`);
  const table = [
    `Produced by \`npm run conformance:rml\` over \`../shared/conformance/rml/\` (${new Date().toISOString().slice(0, 10)}).`,
    'Outputs are compared as RDF datasets with blank nodes isomorphic; error-expected cases pass when the engine stops with an error.',
    'Skipped: the D2RQ database case and the rml-io logical-target cases (output serialisation/compression of targets; the hub writes to its store).',
    '',
    ...rows,
    '',
    failures.length ? `Failing cases:\n\n${failures.map((f) => `- ${f.split(':')[0]}`).join('\n')}` : 'No failing cases.',
  ].join('\n');
  console.log(rows.join('\n'));
  if (!only) await writeReport(table);
  if (!verbose && failures.length) console.log(`\n${failures.length} failing (run with --verbose for reasons)`);
}

await main();
