/**
 * Severity in the pipeline: under policy `reject` only an sh:Violation keeps a record out; a
 * record with only sh:Warning or sh:Info results is published, and every result is reported
 * with its own severity (run summary and the report graph in the store).
 */
import { projectPath } from '../../../src/core/paths.js';
import { recordGraphIri } from '../../../src/core/identifiers.js';
import { startLdesHub, type LdesHub } from '../../helpers/ldes-hub.js';

const BASE = 'http://hub.test/';
const SH = 'http://www.w3.org/ns/shacl#';

describe('Severities under policy reject', () => {
  let h: LdesHub;
  afterAll(async () => h?.close());

  it('rejects only records with a Violation, publishes those with Warnings or Info, and reports each severity', async () => {
    h = await startLdesHub({ fixture: { objects: 2, pageSize: 5 }, onViolation: 'reject', shapes: projectPath('test/fixtures/shapes/severities.ttl') });
    h.fixture.addVersion('untitled-1', { withoutTitle: true });
    h.fixture.addVersion('productions-1', { extraProductions: 2 });
    const run = await h.hub.harvest('ghent-dmg');
    expect(run).toMatchObject({ status: 'completed', seen: 4, published: 3, rejected: 1, nonConforming: 1 });
    const severities = (id: string) => [...new Set(run.problems.find((p) => p.recordId === id)?.results?.map((r) => r.severity))].sort();
    expect(severities('untitled-1')).toEqual(['Info', 'Warning']);
    expect(severities('530000000')).toEqual(['Info']);
    expect(severities('productions-1')).toEqual(['Info', 'Violation']);
    expect(run.problems.find((p) => p.recordId === 'untitled-1')?.rejected).toBe(false);
    expect(run.problems.find((p) => p.recordId === 'productions-1')?.rejected).toBe(true);
    // Published: the Warning and Info records; held back: the one with a Violation.
    expect((await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', 'untitled-1'))).length).toBeGreaterThan(0);
    expect((await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', '530000000'))).length).toBeGreaterThan(0);
    expect(await h.hub.store.graph(recordGraphIri(BASE, 'ghent-dmg', 'productions-1'))).toEqual([]);
    // The report graph keeps each result's severity.
    const rows = await h.hub.store.select(`PREFIX sh: <${SH}> PREFIX hub: <https://w3id.org/culture-lod-hub/ns#>
      SELECT ?record ?severity WHERE { ?r a sh:ValidationResult ; hub:recordId ?record ; sh:resultSeverity ?severity }`);
    const stored = new Set(rows.map((b) => `${b.record!.value} ${b.severity!.value.slice(SH.length)}`));
    expect(stored).toEqual(new Set(['530000000 Info', '530000001 Info', 'untitled-1 Info', 'untitled-1 Warning', 'productions-1 Info', 'productions-1 Violation']));
  });
});
