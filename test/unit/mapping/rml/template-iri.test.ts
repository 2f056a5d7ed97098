import { isLanguageTag, iriSafe, resolveIri } from '../../../../src/mapping/rml/iri.js';
import { parseTemplate } from '../../../../src/mapping/rml/template.js';

describe('parseTemplate', () => {
  it('splits text and references', () => expect(parseTemplate('http://x/{a}/{b}')).toEqual([{ text: 'http://x/' }, { reference: 'a' }, { text: '/' }, { reference: 'b' }]));
  it('honours escaped braces', () => expect(parseTemplate('\\{{a\\}b}')).toEqual([{ text: '{' }, { reference: 'a}b' }]));
  it('rejects an unclosed reference', () => expect(() => parseTemplate('x/{a')).toThrow(/unclosed/));
  it('rejects an empty reference', () => expect(() => parseTemplate('x/{}')).toThrow(/empty/));
});

describe('IRI rules', () => {
  it('percent-encodes reserved ASCII but keeps non-ASCII letters', () => expect(iriSafe('Zoë Krüger/1')).toBe('Zoë%20Krüger%2F1'));
  it('resolves a relative value against the base', () => expect(resolveIri('id/1', 'http://h/')).toBe('http://h/id/1'));
  it('refuses an IRI with a space', () => expect(resolveIri('http://h/a b', undefined)).toBeUndefined());
  it('accepts BCP 47 tags and refuses made-up ones', () => {
    expect(isLanguageTag('nl-BE')).toBe(true);
    expect(isLanguageTag('english')).toBe(false);
  });
});
