import { Readable } from 'node:stream';
import { streamJsonArray } from '../../../../src/mapping/rml/formats/json-stream.js';

async function collect(text: string, keys: string[], chunk: number): Promise<unknown[]> {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
  const out: unknown[] = [];
  for await (const batch of streamJsonArray(Readable.from(parts), keys)) out.push(...batch);
  return out;
}

describe('streamJsonArray', () => {
  const doc = { meta: { n: [1, 2] }, items: [{ id: 1, s: 'a "quoted" ] }', b: 'ends in \\', c: '\\"x' }, 'plain', 42, null, true, [1, [2]], { nested: { items: [9] } }] };
  const text = JSON.stringify(doc, null, 1);

  it.each([1, 3, 7, 64, 10000])('yields the array members with %i-character chunks', async (chunk) => {
    expect(await collect(text, ['items'], chunk)).toEqual(doc.items);
  });

  it('reads a root array', async () => expect(await collect('[{"a":1}, 2 ,"x"]', [], 2)).toEqual([{ a: 1 }, 2, 'x']));

  it('fails on truncated input', async () => expect(collect('{"items":[{"a":1},', ['items'], 4)).rejects.toThrow(/end of JSON/));
});
