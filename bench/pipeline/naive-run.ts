/**
 * Scenario "naive": the pipeline as it is usually first written in JavaScript, for comparison.
 * Pages from the same bench fixture; per page (2000 events) RocketRML (parseFileLive) maps the
 * same YARRRML mapping (iterating the page's array), N3 parses its output, rdf-validate-shacl
 * validates the page's graph against the same shapes, and each quad is added to an Oxigraph
 * store one `add` at a time (one WASM crossing per quad) in its record's graph. It stores no
 * provenance graph, so it writes fewer quads per record than the hub.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import SHACLValidator from 'rdf-validate-shacl';
import { yarrrmlToRml } from '../../src/mapping/rml/load-mapping.js';
import { BENCH_BASE_IRI, BENCH_MAPPING, BENCH_SHAPES } from './hub-run.js';
import { startSearchFixtureProcess } from './search-fixture.js';
import { loadRocketRml } from '../peers/rocketrml.js';

export interface NaiveRunResult {
  records: number;
  conforming: number;
  quads: number;
  ms: number;
}

export async function naiveRun(root: string, count: number): Promise<NaiveRunResult> {
  const rocket = loadRocketRml(root);
  const writer = new N3.Writer({ format: 'Turtle' });
  // Same rules; RocketRML's JSONPath cannot read "@id" keys, so those values are copied to plain keys first.
  const yarrrml = (await readFile(join(root, BENCH_MAPPING), 'utf8'))
    .replace(/\bid\/activiteit\//g, `${BENCH_BASE_IRI}id/activiteit/`)
    .replaceAll('$(@id)', '$(hub_id)')
    .replaceAll("$(location['@id'])", '$(hub_location)')
    .replaceAll("$(organizer['@id'])", '$(hub_organizer)')
    .replaceAll("[event.json~jsonpath, '$']", "[page.json~jsonpath, '$[*]']");
  writer.addQuads(yarrrmlToRml(yarrrml));
  const mapping = await new Promise<string>((ok, ko) => writer.end((e, r) => (e ? ko(e) : ok(r))));
  const shapes = new N3.Parser().parse(await readFile(join(root, BENCH_SHAPES), 'utf8'));
  const validator = new SHACLValidator(new N3.Store(shapes) as any);
  const store = new oxigraph.Store();
  const fixture = await startSearchFixtureProcess(count);
  let conforming = 0;
  const t0 = performance.now();
  try {
    for (let start = 0; start < count; start += 2000) {
      const page = (await (await fetch(`${fixture.url}/events/?embed=true&start=${start}&limit=2000`)).json()) as { member: Record<string, unknown>[] };
      const at = (v: unknown) => (v as Record<string, unknown> | undefined)?.['@id'];
      const docs = page.member.map((doc) => ({ ...doc, hub_sourceId: 'bench-events', hub_recordId: String(doc['@id']).split('/').pop(), hub_id: doc['@id'], hub_location: at(doc.location), hub_organizer: at(doc.organizer) }));
      const nq = await rocket.parseFileLive(mapping, { 'page.json': JSON.stringify(docs) }, { toRDF: true, verbose: false });
      const quads = new N3.Parser({ format: 'N-Quads' }).parse(nq);
      const report = await validator.validate(new N3.Store(quads) as any);
      if (report.conforms) conforming += docs.length;
      for (const q of quads) {
        // The record's graph: its activity IRI (subjects are the activity or its #fragments).
        const graph = oxigraph.namedNode(`${BENCH_BASE_IRI}graph/record/bench-events/${q.subject.value.replace(/#.*$/, '').split('/').pop()}`);
        store.add(oxigraph.quad(oxigraph.namedNode(q.subject.value), oxigraph.namedNode(q.predicate.value), q.object.termType === 'NamedNode' ? oxigraph.namedNode(q.object.value) : oxigraph.literal(q.object.value, (q.object as any).language || oxigraph.namedNode((q.object as any).datatype.value)), graph));
      }
    }
    return { records: count, conforming, quads: store.size, ms: performance.now() - t0 };
  } finally {
    await fixture.close();
  }
}
