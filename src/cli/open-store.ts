/**
 * The store for a CLI command that works on it directly (`hub links`, `hub push`): read-only when
 * the command only reads an embedded store (it may then run beside nothing else), and, when a
 * running hub holds the store, an error that says how to ask that hub instead.
 */
import type { HubConfig } from '../config/schema.js';
import { StoreError } from '../core/errors.js';
import { createStore } from '../store/create-store.js';
import type { Store } from '../store/store.js';

export async function openStoreForCommand(config: HubConfig, options: { write: boolean }): Promise<Store> {
  const store = await createStore(config.hub, { readOnly: !options.write && config.hub.store.type === 'oxigraph' });
  try {
    await store.open();
  } catch (error) {
    if (error instanceof StoreError && /in use by process/.test(error.message)) {
      throw new Error(`${error.message}\nThe hub is running: ask it instead with --url http://<host>:<port>/ and the admin key in $HUB_ADMIN_KEY`);
    }
    throw error;
  }
  return store;
}
