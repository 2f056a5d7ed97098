/**
 * Golden tests of the sector mappings in mappings/: each real sample maps to the reviewed output
 * in fixtures/mappings/expected/ (compared as RDF datasets) and that output conforms to the OSLO
 * shapes. Regenerate the expected files after a deliberate mapping change with
 * UPDATE_GOLDEN=1 and review the diff.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { isomorphic } from 'rdf-isomorphic';
import { projectPath, projectRoot } from '../../../src/core/paths.js';
import { parseRdf, type Quad } from '../../../src/core/rdf.js';
import { GOLDEN_CASES } from './golden/cases.js';
import { mapSample, sortedNQuads } from './golden/map-sample.js';

const RDFS_SUBCLASS = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';

async function validate(quads: Quad[], shapeFiles: string[]) {
  const shapes: Quad[] = [];
  for (const f of shapeFiles) shapes.push(...parseRdf(await readFile(projectPath(f), 'utf8'), { format: 'text/turtle' }));
  const validator = new SHACLValidator(shapes as any);
  const hierarchy = shapes.filter((q) => q.predicate.value === RDFS_SUBCLASS);
  const data = new N3.Store([...quads, ...hierarchy].map((q) => N3.DataFactory.quad(q.subject as any, q.predicate as any, q.object as any)));
  return validator.validate(data as any);
}

describe.each(GOLDEN_CASES)('The mapping $mapping on $sample', (c) => {
  let quads: Quad[];
  beforeAll(async () => {
    quads = await mapSample(c, projectRoot);
    if (process.env.UPDATE_GOLDEN) {
      await mkdir(dirname(projectPath(c.expected)), { recursive: true });
      await writeFile(projectPath(c.expected), sortedNQuads(quads));
    }
  });

  it('produces the reviewed output', async () => {
    expect(existsSync(projectPath(c.expected))).toBe(true);
    const expected = parseRdf(await readFile(projectPath(c.expected), 'utf8'), { format: 'N-Quads' });
    if (!isomorphic(quads as any, expected as any)) expect(sortedNQuads(quads)).toEqual(sortedNQuads(expected));
    expect(quads.length).toBeGreaterThan(0);
  });

  it('conforms to the OSLO shapes', async () => {
    const report = await validate(quads, c.shapes);
    const known = c.knownViolations ?? [];
    const problems = report.results
      .filter((r: any) => !known.some((k) => String(r.focusNode?.value).endsWith(k.focusSuffix) && r.path?.value === k.path))
      .map((r: any) => `${r.focusNode?.value} ${r.path?.value ?? ''} ${r.message.map((m: any) => m.value).join('; ')}`);
    expect(problems).toEqual([]);
    // Every known violation must still occur: if the source data gets fixed, the exception goes.
    for (const k of known) expect(report.results.some((r: any) => String(r.focusNode?.value).endsWith(k.focusSuffix) && r.path?.value === k.path)).toBe(true);
  });
});
