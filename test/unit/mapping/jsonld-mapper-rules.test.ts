import { readFile } from 'node:fs/promises';
import { JsonLdRecordMapper } from '../../../src/mapping/jsonld-mapper.js';
import { projectPath } from '../../../src/core/paths.js';

describe('A JsonLdRecordMapper naming its rules', () => {
  it('names each triple by the JSON-LD key that wrote it, not one rule for the whole member', async () => {
    const mapper = await JsonLdRecordMapper.load(projectPath('mappings/ghent-ldes.yml'), 'mappings/ghent-ldes.yml');
    const body = await readFile(projectPath('fixtures/ldes/samples/member-dmg-objecten.jsonld'), 'utf8');
    const { quads, origins } = await mapper.map({ sourceId: 'ghent-dmg', recordId: '1', body, mediaType: 'application/ld+json' } as never, { baseIri: 'http://hub.test/', sourceId: 'ghent-dmg' });
    expect(origins).toHaveLength(quads.length);
    const titles = quads.map((q, i) => [q.predicate.value, origins![i]]).filter(([p]) => p === 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title');
    expect(titles.length).toBeGreaterThan(0);
    for (const [, rule] of titles) expect(rule).toMatch(/^mappings\/ghent-ldes\.yml#jsonld\/\w+\.titel$/);
    expect(new Set(origins).size).toBeGreaterThan(10);
    for (const [i, q] of quads.entries()) if (q.predicate.value.endsWith('#type')) expect(origins![i]).toBe('mappings/ghent-ldes.yml#jsonld/@type');
  });
});
