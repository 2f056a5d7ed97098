import { BadRequestError } from '../../../../src/core/errors.js';
import type { LinkDecision } from '../../../../src/publication/matching/contract.js';
import {
  codePointCompare,
  conflictsOf,
  decisionId,
  decisionQuads,
  decisionsFromQuads,
  makeDecision,
} from '../../../../src/publication/matching/decisions.js';

const BASE = 'http://hub.test/';
const place = (n: string) => `${BASE}id/plaats/src/${n}`;
const agent = (n: string) => `${BASE}id/agent/src/${n}`;
const AT = '2026-12-07T10:00:00.000Z';
const d = (kind: LinkDecision['kind'], a: string, b?: string) => makeDecision(BASE, { kind, a, b }, AT);

describe('decisionId', () => {
  it('is 16 hex digits, the same whatever the order of the pair', () => {
    const id = decisionId('merge', place('1'), place('2'));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(decisionId('merge', place('2'), place('1'))).toBe(id);
  });

  it('differs by kind and by pair', () => {
    const ids = new Set([decisionId('merge', place('1'), place('2')), decisionId('never-merge', place('1'), place('2')), decisionId('merge', place('1'), place('3')), decisionId('split', place('1'))]);
    expect(ids.size).toBe(4);
  });
});

describe('codePointCompare', () => {
  it('orders by code point, also beyond the BMP where UTF-16 order differs', () => {
    expect(codePointCompare('a', 'b')).toBeLessThan(0);
    expect(codePointCompare('ab', 'a')).toBeGreaterThan(0);
    // U+FF61 (one UTF-16 unit 0xFF61) before U+1F600 (surrogates 0xD83D…): code points say so, UTF-16 says the opposite.
    expect(codePointCompare('\uFF61', '\u{1F600}')).toBeLessThan(0);
    expect('\uFF61' < '\u{1F600}').toBe(false);
  });
});

describe('makeDecision', () => {
  it('puts the pair in code-point order and names the decision by its id', () => {
    const decision = makeDecision(BASE, { kind: 'never-merge', a: place('b'), b: place('a'), note: 'two halls', curator: 'Ann' }, AT);
    expect(decision).toEqual({ kind: 'never-merge', a: place('a'), b: place('b'), curator: 'Ann', at: AT, note: 'two halls', id: decisionId('never-merge', place('a'), place('b')) });
  });

  it('defaults the curator to admin and leaves an empty note out', () => {
    expect(makeDecision(BASE, { kind: 'split', a: place('a'), note: '' }, AT)).toEqual({ kind: 'split', a: place('a'), curator: 'admin', at: AT, id: decisionId('split', place('a')) });
  });

  it.each([
    ['an unknown kind', { kind: 'join', a: place('1'), b: place('2') }, /kind: "join" is not one of merge, never-merge, split/],
    ['a merge without b', { kind: 'merge', a: place('1') }, /b: a hub entity IRI is required/],
    ['a relative IRI', { kind: 'merge', a: 'not an iri', b: place('2') }, /a: "not an iri" is not an absolute IRI/],
    ['an ftp IRI', { kind: 'merge', a: 'ftp://hub.test/id/plaats/x/1', b: place('2') }, /not an http\(s\) IRI/],
    ['an IRI of another hub', { kind: 'merge', a: 'http://elsewhere.test/id/plaats/x/1', b: place('2') }, /is not a hub entity IRI \(http:\/\/hub.test\/id\/\{type\}/],
    ['a graph IRI', { kind: 'merge', a: `${BASE}graph/src/1`, b: place('2') }, /is not a hub entity IRI/],
    ['a hash IRI', { kind: 'merge', a: `${place('1')}#address`, b: place('2') }, /has a fragment/],
    ['an IRI with a >', { kind: 'merge', a: `${place('1')}>`, b: place('2') }, /characters an IRI may not hold/],
    ['a pair of one entity', { kind: 'merge', a: place('1'), b: place('1') }, /are the same entity/],
    ['a split of two', { kind: 'split', a: place('1'), b: place('2') }, /a split names one entity/],
    ['a merge across types', { kind: 'merge', a: place('1'), b: agent('1') }, /Cannot merge entities of different types: .* is plaats, .* is agent/],
    ['a too long note', { kind: 'merge', a: place('1'), b: place('2'), note: 'x'.repeat(2001) }, /note: a text of at most 2000 characters/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => makeDecision(BASE, input)).toThrow(BadRequestError);
    expect(() => makeDecision(BASE, input)).toThrow(message);
  });

  it('merges an organisation with an agent (organisations are agents), and entities of unknown types', () => {
    expect(makeDecision(BASE, { kind: 'merge', a: `${BASE}id/organisatie/src/1`, b: agent('2') }).kind).toBe('merge');
    expect(makeDecision(BASE, { kind: 'merge', a: `${BASE}id/locatie/src/1`, b: place('2') }).kind).toBe('merge');
    expect(makeDecision(BASE, { kind: 'merge', a: `${BASE}id/onbekend/src/1`, b: place('2') }).kind).toBe('merge');
    expect(() => makeDecision(BASE, { kind: 'merge', a: `${BASE}id/persoon/src/1`, b: `${BASE}id/concept/src/2` })).toThrow('is agent, http://hub.test/id/concept/src/2 is concept');
  });

  it('allows keeping entities of different types apart', () => {
    expect(makeDecision(BASE, { kind: 'never-merge', a: place('1'), b: agent('1') }).kind).toBe('never-merge');
  });
});

describe('the decisions graph form', () => {
  it('round-trips every kind, note and curator included, sorted by time', () => {
    const decisions = [
      makeDecision(BASE, { kind: 'split', a: agent('z') }, '2026-12-07T12:00:00.000Z'),
      makeDecision(BASE, { kind: 'merge', a: place('1'), b: place('2'), note: 'same hall "Vooruit" <b>', curator: 'cli' }, '2026-12-07T10:00:00.000Z'),
      makeDecision(BASE, { kind: 'never-merge', a: agent('x'), b: agent('y') }, '2026-12-07T11:00:00.000Z'),
    ];
    const quads = decisions.flatMap((x) => decisionQuads(BASE, x));
    expect(decisionsFromQuads(BASE, quads)).toEqual([decisions[1], decisions[2], decisions[0]]);
  });

  it('writes the contract’s terms', () => {
    const quads = decisionQuads(BASE, d('merge', place('1'), place('2')));
    const by = Object.fromEntries(quads.map((q) => [q.predicate.value, q.object]));
    expect(quads[0]!.subject.value).toBe(`${BASE}link-decision/${decisionId('merge', place('1'), place('2'))}`);
    expect(by['http://www.w3.org/1999/02/22-rdf-syntax-ns#type']!.value).toBe('https://w3id.org/culture-lod-hub/ns#LinkDecision');
    expect(by['https://w3id.org/culture-lod-hub/ns#decision']!.value).toBe('merge');
    expect(by['https://w3id.org/culture-lod-hub/ns#linkSubject']!.value).toBe(place('1'));
    expect(by['https://w3id.org/culture-lod-hub/ns#linkObject']!.value).toBe(place('2'));
    expect(by['http://www.w3.org/ns/prov#wasAttributedTo']!.value).toBe('admin');
    expect((by['http://www.w3.org/ns/prov#generatedAtTime'] as { datatype: { value: string } }).datatype.value).toBe('http://www.w3.org/2001/XMLSchema#dateTime');
  });

  it('leaves out descriptions that are not decisions', () => {
    const quads = decisionQuads(BASE, d('merge', place('1'), place('2'))).filter((q) => !q.predicate.value.endsWith('#linkObject'));
    expect(decisionsFromQuads(BASE, quads)).toEqual([]);
  });
});

describe('conflictsOf', () => {
  const m12 = d('merge', place('1'), place('2'));
  const m23 = d('merge', place('2'), place('3'));
  const n13 = d('never-merge', place('1'), place('3'));
  const n12 = d('never-merge', place('1'), place('2'));
  const s1 = d('split', place('1'));

  it('refuses a merge of a pair kept apart, and the reverse', () => {
    expect(conflictsOf(m12, [n12])).toEqual([n12]);
    expect(conflictsOf(n12, [m12])).toEqual([m12]);
  });

  it('refuses contradictions through other merges', () => {
    expect(conflictsOf(n13, [m12, m23])).toEqual([m12, m23]);
    expect(conflictsOf(m23, [m12, n13])).toEqual([n13]);
  });

  it('refuses a split of a merged entity, and a merge of a split one', () => {
    expect(conflictsOf(s1, [m12])).toEqual([m12]);
    expect(conflictsOf(m12, [s1])).toEqual([s1]);
  });

  it('accepts decisions that agree', () => {
    expect(conflictsOf(m23, [m12])).toEqual([]);
    expect(conflictsOf(n13, [m12])).toEqual([]);
    expect(conflictsOf(d('split', place('3')), [m12, n13])).toEqual([]);
    expect(conflictsOf(m12, [m12])).toEqual([]);
  });
});
