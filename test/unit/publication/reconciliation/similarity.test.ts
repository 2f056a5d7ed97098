import fc from 'fast-check';
import { labelSimilarity, levenshtein, normaliseLabel, prepareLabel, ratio, ratioAtLeast } from '../../../../src/publication/reconciliation/similarity.js';
import { agrees } from '../../../../src/publication/reconciliation/evidence.js';
import { propertyById } from '../../../../src/publication/reconciliation/vocabulary.js';

const sim = (a: string, b: string) => labelSimilarity(prepareLabel(a), prepareLabel(b));

describe('normaliseLabel', () => {
  it('folds case and accents', () => expect(normaliseLabel('Émile VERHAEREN')).toBe('emile verhaeren'));
  it('turns punctuation into single spaces', () => expect(normaliseLabel('  Boch,  Royal (firma) ')).toBe('boch royal firma'));
  it('keeps letters of other scripts and digits', () => expect(normaliseLabel('Ñandú 3')).toBe('nandu 3'));
});

describe('levenshtein and ratio', () => {
  it('counts edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', 'abc')).toBe(0);
  });
  it('with a cutoff, gives the distance when within it and cutoff + 1 when not', () => {
    expect(levenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('abcdef', 'uvwxyz', 1)).toBe(2);
  });
  it('ratioAtLeast equals ratio whenever ratio reaches the floor, and stays below the floor otherwise', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, floor) => {
        const exact = ratio(a, b);
        const cut = ratioAtLeast(a, b, floor);
        if (exact >= floor) expect(cut).toBeCloseTo(exact, 10);
        else expect(cut).toBeLessThan(floor);
      }),
    );
  });
  it('is 1 for equal and 0 for disjoint strings of equal length', () => {
    expect(ratio('abc', 'abc')).toBe(1);
    expect(ratio('abc', 'xyz')).toBe(0);
  });
});

describe('labelSimilarity', () => {
  it('is 1 whatever the case, accents, punctuation and word order', () => {
    expect(sim('Royal Boch', 'boch, ROYAL')).toBe(1);
    expect(sim('Henry van de Velde', 'VELDE, Henry van de')).toBe(1);
    expect(sim('Émile Verhaeren', 'emile verhaeren')).toBe(1);
  });
  it('is high for a typo and low for another name', () => {
    expect(sim('Rembrandt van Rijn', 'Rembrant van Rijn')).toBeGreaterThan(0.9);
    expect(sim('Rembrandt van Rijn', 'Peter Paul Rubens')).toBeLessThan(0.5);
  });
  it('is 0 for a label without letters or digits', () => expect(sim('—', 'Boch')).toBe(0));
});

describe('property evidence', () => {
  const birth = propertyById('birthDate')!;
  const place = propertyById('place')!;
  it('compares dates by their common prefix', () => {
    expect(agrees(birth, '1862', [{ text: '1862-04-03' }])).toBe(true);
    expect(agrees(birth, '1862-05', [{ text: '1862-04-03' }])).toBe(false);
    expect(agrees(birth, 'unknown', [{ text: '1862-04-03' }])).toBe(false);
  });
  it('compares links by IRI, or by label', () => {
    expect(agrees(place, 'http://x.test/gent', [{ id: 'http://x.test/gent', text: 'Gent' }])).toBe(true);
    expect(agrees(place, 'GENT', [{ id: 'http://x.test/gent', text: 'Gent' }])).toBe(true);
    expect(agrees(place, { id: 'http://x.test/brugge' }, [{ id: 'http://x.test/gent', text: 'Gent' }])).toBe(false);
  });
  it('takes a predicate IRI as a property and refuses an unknown short name', () => {
    expect(propertyById('http://schema.org/jobTitle')?.path).toBe('<http://schema.org/jobTitle>');
    expect(propertyById('jobTitle')).toBeUndefined();
  });
});
