import { noneMatchHits, parseEntityTags, representationTag } from '../../../../src/api/http-cache/entity-tags.js';

describe('entity tags', () => {
  it('tags the variant, not only the bytes: media type, language and encoding count', () => {
    const body = 'same bytes';
    const tags = [
      representationTag(body, { contentType: 'text/turtle' }),
      representationTag(body, { contentType: 'application/n-triples' }),
      representationTag(body, { contentType: 'text/turtle', contentLanguage: 'nl' }),
      representationTag(body, { contentType: 'text/turtle', contentEncoding: 'gzip' }),
    ];
    expect(new Set(tags).size).toBe(4);
    expect(representationTag(Buffer.from(body), { contentType: 'text/turtle' })).toBe(tags[0]);
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('reads If-None-Match lists, weak tags, * and commas inside a tag', () => {
    expect(parseEntityTags('"a", "b"')).toEqual(['"a"', '"b"']);
    expect(parseEntityTags('W/"a",,  "b,c" ,')).toEqual(['W/"a"', '"b,c"']);
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('a, b')).toEqual([]);
  });

  it('compares weakly: W/ on either side still matches, other tags do not', () => {
    expect(noneMatchHits('"x"', '"x"')).toBe(true);
    expect(noneMatchHits('W/"x"', '"x"')).toBe(true);
    expect(noneMatchHits('"x"', 'W/"x"')).toBe(true);
    expect(noneMatchHits('"a", W/"x"', '"x"')).toBe(true);
    expect(noneMatchHits('"a", "b"', '"x"')).toBe(false);
    expect(noneMatchHits('*', '"x"')).toBe(true);
    expect(noneMatchHits(undefined, '"x"')).toBe(false);
    expect(noneMatchHits('x', '"x"')).toBe(false);
  });
});
