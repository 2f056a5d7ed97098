/**
 * Runs the W3C SHACL Core test suite (../shared/conformance/shacl/core) against the hub's
 * engine and writes the pass table into docs/conformance.md, section "SHACL".
 * Usage: npm run conformance:shacl [-- --no-write] [-- --verbose]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Quad, Term } from '../src/core/rdf.js';
import { namedNode, parseRdf } from '../src/core/rdf.js';
import { RDF } from '../src/core/vocab.js';
import { compareReports } from '../src/validation/report-compare.js';
import { readReport } from '../src/validation/report-rdf.js';
import { ShapesProgram } from '../src/validation/shacl/compile-shapes.js';
import { ShapesGraph } from '../src/validation/shacl/shapes-graph.js';
import { projectPath } from '../src/core/paths.js';

const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const SHT = 'http://www.w3.org/ns/shacl-test#';

export interface Outcome {
  group: string;
  name: string;
  passed: boolean;
  detail: string;
  ms: number;
}

const parsed = new Map<string, Quad[]>();
/** Each file is parsed once, so a test file used as data and as expectation shares blank nodes. */
function load(file: string): Quad[] {
  let quads = parsed.get(file);
  if (!quads) {
    quads = parseRdf(readFileSync(file, 'utf8'), { baseIRI: pathToFileURL(file).href });
    parsed.set(file, quads);
  }
  return quads;
}

function fileOf(iri: Term): string {
  return fileURLToPath(iri.value.replace(/#.*$/, ''));
}

function manifests(file: string): string[] {
  const g = new ShapesGraph(load(file));
  const includes = g.subjectsOf(RDF('type'), namedNode(`${MF}Manifest`)).flatMap((m) => g.all(m, `${MF}include`));
  return [file, ...includes.flatMap((inc) => manifests(fileOf(inc)))];
}

function runTest(file: string, entry: Term, g: ShapesGraph, root: string): Outcome {
  const name = relative(root, file).replace(/\.ttl$/, '');
  const group = dirname(relative(root, file));
  const started = performance.now();
  try {
    const action = g.one(entry, `${MF}action`);
    const dataIri = action && g.one(action, `${SHT}dataGraph`);
    const shapesIri = action && g.one(action, `${SHT}shapesGraph`);
    const resultNode = g.one(entry, `${MF}result`);
    if (!dataIri || !shapesIri || !resultNode) throw new Error('entry lacks mf:action data/shapes graph or mf:result');
    const program = new ShapesProgram(load(fileOf(shapesIri)));
    const actual = program.validate(load(fileOf(dataIri)));
    const expected = readReport(load(file), resultNode);
    const diff = compareReports(actual, expected);
    const detail = diff.equal
      ? ''
      : [
          diff.conformsMatches ? '' : `conforms: expected ${expected.conforms}, got ${actual.conforms}`,
          ...diff.missing.map((k) => `missing: ${k}`),
          ...diff.unexpected.map((k) => `unexpected: ${k}`),
        ].filter(Boolean).join('\n    ');
    return { group, name, passed: diff.equal, detail, ms: performance.now() - started };
  } catch (error) {
    return { group, name, passed: false, detail: `error: ${(error as Error).message}`, ms: performance.now() - started };
  }
}

function table(outcomes: Outcome[]): string {
  const groups = [...new Set(outcomes.map((o) => o.group))].sort();
  const rows = groups.map((gname) => {
    const of = outcomes.filter((o) => o.group === gname);
    const failed = of.filter((o) => !o.passed).map((o) => o.name.split('/').pop());
    return `| ${gname} | ${of.filter((o) => o.passed).length}/${of.length} | ${failed.join(', ') || '–'} |`;
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return ['| part | passed | failing tests |', '|---|---|---|', ...rows, `| **total** | **${passed}/${outcomes.length}** | |`].join('\n');
}

function writeSection(body: string): void {
  const doc = projectPath('docs/conformance.md');
  const heading = '## SHACL';
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Conformance\n';
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start < 0) {
    next = `${current.trimEnd()}\n\n${heading}\n\n${body.trim()}\n`;
  } else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${heading}\n\n${body.trim()}\n${after < 0 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(doc, next);
}

/** Where the W3C suite is expected: ../shared/conformance/shacl beside the repository. */
export const SUITE_DIR = resolve(projectPath(), '../shared/conformance/shacl');

/** Runs every sht:Validate entry reachable from core/manifest.ttl; undefined when the suite is absent. */
export function runCoreSuite(suite = SUITE_DIR): Outcome[] | undefined {
  const coreManifest = resolve(suite, 'core/manifest.ttl');
  if (!existsSync(coreManifest)) return undefined;
  const outcomes: Outcome[] = [];
  for (const file of manifests(coreManifest)) {
    const g = new ShapesGraph(load(file));
    for (const manifest of g.subjectsOf(RDF('type'), namedNode(`${MF}Manifest`))) {
      for (const list of g.all(manifest, `${MF}entries`)) {
        for (const entry of g.list(list)) {
          if (!g.has(entry, RDF('type'))) continue;
          if (g.one(entry, RDF('type'))?.value !== `${SHT}Validate`) continue;
          outcomes.push(runTest(file, entry, g, suite));
        }
      }
    }
  }
  return outcomes;
}

function main(): void {
  const outcomes = runCoreSuite();
  if (!outcomes) {
    console.log(`SHACL conformance suite not found at ${SUITE_DIR}; skipping.`);
    return;
  }
  const verbose = process.argv.includes('--verbose');
  for (const o of outcomes) {
    if (!o.passed || verbose) console.log(`${o.passed ? 'PASS' : 'FAIL'} ${o.name} (${o.ms.toFixed(1)} ms)${o.detail ? `\n    ${o.detail}` : ''}`);
  }
  const passed = outcomes.filter((o) => o.passed).length;
  const text = table(outcomes);
  console.log(`\n${text}\n`);
  console.log(`${passed} passed, ${outcomes.length - passed} failed`);
  if (!process.argv.includes('--no-write')) {
    writeSection(
      `W3C SHACL Core test suite (\`data-shapes-test-suite/tests/core\`, copy in \`../shared/conformance/shacl/\`), run by ` +
        '`npm run conformance:shacl` against the hub\'s own engine (`src/validation/shacl/`). A test passes when `sh:conforms` ' +
        'matches and the multiset of results (focus node, result path by structure, value, severity, source constraint ' +
        'component, source shape with blank nodes as wildcards) equals the expected one; `sh:resultMessage` is ignored, ' +
        'as the suite prescribes. The same tests run under jest (`test/conformance/shacl-core.test.ts`) whenever the ' +
        'suite is present.\n\n' +
        'Not exercised by the suite, and off in these runs: the two load-time extensions the hub applies to its own ' +
        'shapes (`ShaclValidator`): `rdfs:subClassOf` triples among the shapes files act as background class hierarchy ' +
        'in every record\'s data graph, and `owl:hasValue` restrictions on shape classes are materialised (EDM-external). ' +
        'See `shapes/PROVENANCE.md`. SHACL-SPARQL (`../shared/conformance/shacl/sparql`) is not implemented. ' +
        'Speed against shacl-engine and rdf-validate-shacl: `bench/results-shacl.md` (`npm run bench:shacl`).\n\n' +
        `Last run: ${new Date().toISOString().slice(0, 10)}.\n\n${text}\n`,
    );
  }
  if (passed !== outcomes.length) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
