/**
 * LiveIndex's life cycle on a fake store with a commit feed: one build, then patches of exactly
 * the changed graphs; a failed patch is retried; a flood of changes turns into one rebuild.
 */
import { LiveIndex } from '../../../../src/publication/indexes/live-index.js';
import type { Store, StoreChangeListener } from '../../../../src/store/store.js';

class FeedStore {
  listener?: StoreChangeListener;
  seq = 0;
  onCommit(listener: StoreChangeListener) {
    this.listener = listener;
    return () => (this.listener = undefined);
  }
  commit(put: string[], drop: string[] = []) {
    this.listener?.({ seq: ++this.seq, put, drop });
  }
}

class RecordingIndex extends LiveIndex {
  readonly calls: string[][] = [];
  failNext = false;
  protected async build(): Promise<void> {
    this.calls.push(['build']);
  }
  protected async patch(graphs: string[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('store unreachable');
    }
    this.calls.push(graphs.sort());
  }
}

describe('A LiveIndex', () => {
  it('builds once, ignores commits before that, then patches exactly the changed graphs', async () => {
    const store = new FeedStore();
    const index = new RecordingIndex(store as unknown as Store);
    store.commit(['g0']);
    await index.current();
    store.commit(['g1', 'g2'], ['g3']);
    store.commit(['g2']);
    await index.current();
    await index.current();
    expect(index.calls).toEqual([['build'], ['g1', 'g2', 'g3']]);
    expect([index.builds, index.patches]).toEqual([1, 1]);
  });

  it('rejects a read whose patch failed and patches the same graphs at the next read', async () => {
    const store = new FeedStore();
    const index = new RecordingIndex(store as unknown as Store);
    await index.current();
    store.commit(['g1']);
    index.failNext = true;
    await expect(index.current()).rejects.toThrow('store unreachable');
    await index.current();
    expect(index.calls).toEqual([['build'], ['g1']]);
  });

  it('rebuilds instead of patching past 50,000 changed graphs', async () => {
    const store = new FeedStore();
    const index = new RecordingIndex(store as unknown as Store);
    await index.current();
    store.commit(Array.from({ length: 50_001 }, (_, i) => `g${i}`));
    store.commit(['late']);
    await index.current();
    expect(index.calls).toEqual([['build'], ['build']]);
  });

  it('is not usable on a store with neither a feed nor a change counter', () => {
    expect(new RecordingIndex({} as Store).usable).toBe(false);
  });
});
