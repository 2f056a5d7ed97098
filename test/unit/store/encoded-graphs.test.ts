/**
 * Packed change sets (what a distributed run's publish jobs carry through Redis) give back the
 * encoded change set they were made from, byte for byte, and a damaged one is refused.
 */
import { describe, expect, it } from '@jest/globals';
import { encodedBytes, packChanges, unpackChanges } from '../../../src/store/encoded-graphs.js';

const g = (n: number) => `http://hub.test/graph/src/${n}`;
const line = (n: number, text: string) => `<http://hub.test/id/o/${n}> <http://purl.org/dc/terms/title> ${JSON.stringify(text)} <${g(n)}> .\n`;

describe('packChanges / unpackChanges', () => {
  it('round-trips graphs with non-ASCII text, entity flags, drops and fresh graphs', () => {
    const changes = {
      put: [
        { graph: g(1), nquads: line(1, 'Gezicht op Brugge — Fernand Khnopff, ca. 1904 ✓ 𝄞'), quads: 1, entity: true },
        { graph: `${g(1)}/provenance`, nquads: line(1, 'prov'), quads: 1 },
        { graph: g(2), nquads: '', quads: 0, entity: true },
      ],
      drop: [g(3)],
      fresh: [g(1), `${g(1)}/provenance`],
    };
    const packed = packChanges(changes);
    expect(JSON.parse(JSON.stringify(packed))).toEqual(packed);
    expect(unpackChanges(packed)).toEqual(changes);
  });

  it('packs repetitive N-Quads to a fraction of their size', () => {
    const nquads = Array.from({ length: 500 }, (_, i) => line(i, `Portret van een vrouw ${i}`)).join('');
    const packed = packChanges({ put: [{ graph: g(0), nquads, quads: 500 }] });
    expect(packed.body.length).toBeLessThan(nquads.length / 4);
  });

  it('hands a store the bytes of unpacked writes, and encodes a write a step replaced from its text', () => {
    const put = unpackChanges(packChanges({ put: [{ graph: g(1), nquads: line(1, 'Brugge · été'), quads: 1 }, { graph: g(2), nquads: line(2, 'b'), quads: 1 }] })).put!;
    expect(encodedBytes(put).toString()).toBe(line(1, 'Brugge · été') + line(2, 'b'));
    // A step that changes a write makes a new object (tombstone-describes.ts, unchanged.ts): its new text is what is written.
    const changed = [{ ...put[0]!, nquads: put[0]!.nquads + line(1, 'more') }, put[1]!];
    expect(encodedBytes(changed).toString()).toBe(line(1, 'Brugge · été') + line(1, 'more') + line(2, 'b'));
    // Changed in place: its text still wins.
    put[1]!.nquads = line(2, 'changed');
    expect(encodedBytes(put).toString()).toBe(line(1, 'Brugge · été') + line(2, 'changed'));
  });

  it('gives an empty change set for an empty one', () => {
    expect(unpackChanges(packChanges({}))).toEqual({ put: [], drop: [] });
    expect(unpackChanges({ graphs: [], body: '', drop: [] })).toEqual({ put: [], drop: [] });
  });

  it('refuses a body whose length is not what the index says', () => {
    const packed = packChanges({ put: [{ graph: g(1), nquads: line(1, 'x'), quads: 1 }] });
    packed.graphs[0]![1] += 5;
    expect(() => unpackChanges(packed)).toThrow(/holds \d+ bytes of N-Quads where its index names \d+/);
  });
});
