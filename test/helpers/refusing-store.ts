/** A MemoryStore that refuses encoded commits (permanently: the publish job fails without retries) while `refusing` is set. */
import { StoreError } from '../../src/core/errors.js';
import type { EncodedChangeSet } from '../../src/store/store.js';
import { MemoryStore } from './memory-store.js';

export class RefusingStore extends MemoryStore {
  refusing = true;

  override commitEncoded(changes: EncodedChangeSet): Promise<void> {
    if (this.refusing) return Promise.reject(new StoreError('the store refused the update', { code: 'STORE_REJECTED' }));
    return super.commitEncoded(changes);
  }
}
