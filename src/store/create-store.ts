/** The store the configuration asks for: embedded Oxigraph, or a remote SPARQL 1.1 store. */
import type { HubSettings } from '../config/schema.js';
import { OxigraphStore } from './oxigraph-store.js';
import type { Store } from './store.js';

export async function createStore(settings: HubSettings, options: { readOnly?: boolean; log?: (message: string) => void } = {}): Promise<Store> {
  if (settings.store.type === 'sparql') {
    const { SparqlStore } = await import('./sparql-store.js');
    return SparqlStore.fromConfig(settings);
  }
  return new OxigraphStore({
    dataDir: settings.dataDir,
    queryWorkers: settings.sparql.queryWorkers,
    snapshotEveryOps: settings.store.snapshotEveryOps,
    timeoutMs: settings.sparql.timeoutMs,
    readOnly: options.readOnly,
    log: options.log,
    baseIri: settings.baseIri,
  });
}
