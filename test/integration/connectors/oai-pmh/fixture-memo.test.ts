/**
 * The OAI-PMH fixture's response cache (`memoize`, used by bench/distributed so the source's own
 * rendering stays out of the hub's CPU figures): the same request gets the same bytes, until the
 * records change.
 */
import { startOaiPmhFixture } from '../../../../fixtures/oai-pmh/server.js';

const body = async (url: string) => (await fetch(url)).text();

describe('The OAI-PMH fixture with memoize', () => {
  it('answers a repeated request from its cache, in any parameter order, and renders afresh after a change', async () => {
    const oai = await startOaiPmhFixture({ count: 5, pageSize: 2, memoize: true });
    try {
      const first = await body(`${oai.url}?verb=ListRecords&metadataPrefix=oai_lido`);
      const again = await body(`${oai.url}?metadataPrefix=oai_lido&verb=ListRecords`);
      expect(again).toBe(first);
      expect(oai.memoStats).toEqual({ hits: 1, misses: 1 });
      oai.update(oai.records[0]!.identifier);
      const changed = await body(`${oai.url}?verb=ListRecords&metadataPrefix=oai_lido`);
      expect(oai.memoStats).toEqual({ hits: 1, misses: 2 });
      expect(changed).not.toBe(first);
    } finally {
      await oai.close();
    }
  });

  it('renders every request afresh without memoize', async () => {
    const oai = await startOaiPmhFixture({ count: 2, pageSize: 2 });
    try {
      await body(`${oai.url}?verb=Identify`);
      await body(`${oai.url}?verb=Identify`);
      expect(oai.memoStats).toEqual({ hits: 0, misses: 0 });
    } finally {
      await oai.close();
    }
  });
});
