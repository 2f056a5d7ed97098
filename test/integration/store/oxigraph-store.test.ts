/**
 * The store contract on the embedded store (OxigraphStore, a fresh data directory per test).
 * Reopening is a second instance over the same directory, which replays the journal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('the embedded Oxigraph store', async (baseIri) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'hub-store-contract-'));
  const store = new OxigraphStore({ dataDir, baseIri });
  return {
    store,
    reopen: async () => {
      const other = new OxigraphStore({ dataDir, baseIri });
      await other.open();
      return other;
    },
    dispose: async () => {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});
