/**
 * Provenance in at most four quads per record (docs/data-model.md, Provenance): every demo source
 * of config/demo.yaml harvested from the demo's fixture servers, each record's provenance graph
 * counted (bench/store/provenance-per-record.ts prints the same counts as a table).
 */
import { jest } from '@jest/globals';
import { demoProvenanceCounts } from '../../../bench/store/provenance-per-record.js';

jest.setTimeout(300_000);

describe('Each demo source', () => {
  it('stores at most four provenance quads per record', async () => {
    const { counts, close } = await demoProvenanceCounts(6);
    await close();
    expect(counts.map((c) => c.source).sort()).toEqual(['files-collectie', 'ghent-dmg', 'meemoo', 'ticketmatic', 'uit-events', 'uit-places', 'vkc-datahub']);
    for (const c of counts) {
      expect(c.records).toBeGreaterThan(0);
      expect({ source: c.source, max: Math.min(c.provenanceMax, 4) }).toEqual({ source: c.source, max: c.provenanceMax });
    }
  });
});
