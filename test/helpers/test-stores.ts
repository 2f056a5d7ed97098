/**
 * The stores an end-to-end suite runs on: always the embedded store, and Virtuoso when it answers
 * at HUB_TEST_VIRTUOSO_URL (127.0.0.1:8890/sparql) or HUB_TEST_VIRTUOSO=1 requires it (as in CI,
 * and as the store contract tests in test/integration/store do). The Virtuoso is shared by every
 * suite that runs at the time, so each hub on it gets a base IRI of its own and its graphs are
 * dropped afterwards; assertions compare what lies under that base.
 */
import { randomUUID } from 'node:crypto';
import type { HubSettings } from '../../src/config/schema.js';
import { SparqlStore } from '../../src/store/sparql-store.js';

export const VIRTUOSO_URL = process.env.HUB_TEST_VIRTUOSO_URL ?? 'http://127.0.0.1:8890/sparql';
const required = process.env.HUB_TEST_VIRTUOSO === '1';
const available = await new SparqlStore({ queryUrl: VIRTUOSO_URL }).health().then((h) => h.ok);

export interface TestStore {
  name: 'embedded' | 'Virtuoso';
  /** The `hub.store` block of a configuration. */
  settings: Partial<HubSettings['store']>;
  /** A base IRI no other hub on this store uses. */
  baseIri(): string;
  /** Drops every graph under `base` (a shared store keeps nothing of a finished suite). */
  cleanup(base: string): Promise<void>;
}

const embedded: TestStore = {
  name: 'embedded',
  settings: { type: 'oxigraph' },
  baseIri: () => 'http://hub.test/',
  cleanup: async () => undefined,
};

const virtuoso: TestStore = {
  name: 'Virtuoso',
  settings: { type: 'sparql', queryUrl: VIRTUOSO_URL },
  baseIri: () => `http://hub-${randomUUID().slice(0, 8)}.test/`,
  async cleanup(base) {
    const store = new SparqlStore({ queryUrl: VIRTUOSO_URL });
    const rows = await store.select(`SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(base)})) }`);
    if (rows.length) await store.commit({ drop: rows.map((r) => r.g!.value) });
    await store.close();
  },
};

/** Whether the Virtuoso runs of a suite are on (HUB_TEST_VIRTUOSO=1 makes an absent Virtuoso fail them). */
export const virtuosoEnabled = available || required;

/** The stores to run an end-to-end suite on, for `describe.each`. */
export function testStores(): [string, TestStore][] {
  return (virtuosoEnabled ? [embedded, virtuoso] : [embedded]).map((s) => [s.name, s]);
}

/** The `store:` line of a YAML configuration for this store. */
export function storeYaml(store: TestStore): string {
  return `store: ${JSON.stringify(store.settings)}`;
}

export { embedded as embeddedStore, virtuoso as virtuosoStore };
