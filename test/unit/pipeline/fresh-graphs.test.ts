/**
 * The publish side of a distributed run works out its fresh graphs (first-harvest.ts FreshGraphs):
 * a record's graphs are fresh the first time the run puts them, on a first harvest only; a
 * dropped record, a retried batch and a run the store already holds graphs of are never fresh.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FreshGraphs } from '../../../src/pipeline/first-harvest.js';
import { StateStore } from '../../../src/pipeline/state-store.js';
import type { Store } from '../../../src/store/store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const base = 'http://hub.test/';
const g = (id: string) => `${base}graph/src/${id}`;
const writes = (...ids: string[]) => ids.flatMap((id) => [{ graph: g(id) }, { graph: `${g(id)}/provenance` }]);

/** A store that answers the first-harvest ASK with `holds` and counts the questions. */
function askingStore(holds: boolean) {
  const asked: string[] = [];
  const store = { ask: async (q: string) => (asked.push(q), holds) } as unknown as Store;
  return { store, asked };
}

describe('FreshGraphs', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.cleanup());

  it('calls a record graph and its provenance fresh the first time a first harvest puts them', async () => {
    const { store, asked } = askingStore(false);
    const fresh = new FreshGraphs(store, new StateStore(dir.path), base);
    expect(await fresh.of('src', 'run1', writes('a', 'b'), [])).toEqual([g('a'), `${g('a')}/provenance`, g('b'), `${g('b')}/provenance`]);
    // The same records again (a retried batch, or updated while harvested): to be cleared, so not fresh.
    expect(await fresh.of('src', 'run1', writes('a', 'c'), [])).toEqual([g('c'), `${g('c')}/provenance`]);
    expect(asked).toHaveLength(1);
  });

  it('never calls a record deleted in the run fresh', async () => {
    const { store } = askingStore(false);
    const fresh = new FreshGraphs(store, new StateStore(dir.path), base);
    expect(await fresh.of('src', 'run1', [{ graph: `${g('d')}/provenance` }], [g('d')])).toEqual([]);
    expect(await fresh.of('src', 'run1', writes('d'), [])).toEqual([]);
  });

  it('calls nothing fresh when the store holds the source, nor once the state says it was stored', async () => {
    const held = new FreshGraphs(askingStore(true).store, new StateStore(dir.path), base);
    expect(await held.of('src', 'run1', writes('a'), [])).toEqual([]);
    // The first run marked the source stored before its first commit: the next run is no first harvest.
    const states = new StateStore(dir.path);
    expect(await new FreshGraphs(askingStore(false).store, states, base).of('src', 'run1', writes('a'), [])).toHaveLength(2);
    expect(await new FreshGraphs(askingStore(false).store, states, base).of('src', 'run2', writes('b'), [])).toEqual([]);
  });
});
