import { RightsMap, canonicalRightsIri, isAcceptedRights } from '../../../../src/publication/edm/rights-map.js';

const iri = (value: string) => ({ value, isIri: true });
const label = (value: string) => ({ value, isIri: false });

describe('The accepted rights patterns', () => {
  it('accept CC0, PDM, CC BY 4.0 and InC in their canonical form', () => {
    for (const r of [
      'http://creativecommons.org/publicdomain/zero/1.0/',
      'http://creativecommons.org/publicdomain/mark/1.0/',
      'http://creativecommons.org/licenses/by/4.0/',
      'http://rightsstatements.org/vocab/InC/1.0/',
    ])
      expect(isAcceptedRights(r)).toBe(true);
  });
  it('refuse https, missing slashes and statements Europeana does not take', () => {
    for (const r of [
      'https://creativecommons.org/licenses/by/4.0/',
      'http://creativecommons.org/licenses/by/4.0',
      'http://rightsstatements.org/vocab/NoC-US/1.0/',
      'http://rightsstatements.org/vocab/UND/1.0/',
      'http://www.europeana.eu/rights/rr-f/',
    ])
      expect(isAcceptedRights(r)).toBe(false);
  });
  it('canonicalise https, page URLs and trailing slashes', () => {
    expect(canonicalRightsIri('https://creativecommons.org/licenses/by-sa/4.0')).toBe('http://creativecommons.org/licenses/by-sa/4.0/');
    expect(canonicalRightsIri('https://rightsstatements.org/page/InC/1.0/?language=nl')).toBe('http://rightsstatements.org/vocab/InC/1.0/');
  });
});

describe('The rights map of mappings/edm/rights-map.yaml', () => {
  const map = RightsMap.load();

  it('maps an accepted statement written another way to its canonical IRI', () => {
    expect(map.resolve([iri('https://creativecommons.org/publicdomain/zero/1.0')], 's')).toEqual({ ok: true, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
  });
  it('maps listed legal-code IRIs and labels', () => {
    expect(map.resolve([iri('https://creativecommons.org/licenses/by/4.0/legalcode')], 's')).toEqual({ ok: true, rights: 'http://creativecommons.org/licenses/by/4.0/' });
    expect(map.resolve([label('  Publiek   Domein ')], 's')).toEqual({ ok: true, rights: 'http://creativecommons.org/publicdomain/mark/1.0/' });
  });
  it('does not guess an unknown value', () => {
    const r = map.resolve([label('alle rechten voorbehouden')], 's');
    expect(r).toMatchObject({ ok: false, rule: 'rights:unmapped' });
  });
  it('names statements Europeana refuses', () => {
    expect(map.resolve([iri('http://rightsstatements.org/vocab/NoC-US/1.0/')], 's')).toMatchObject({ ok: false, rule: 'rights:not-accepted' });
  });
  it('reports a record without rights as missing', () => {
    expect(map.resolve([], 'ghent-hva')).toMatchObject({ ok: false, rule: 'rights:missing' });
    // The rights map itself declares nothing for any source: that is the organisation's, in the hub configuration.
    expect(map.resolve([], 'ghent-dmg')).toMatchObject({ ok: false, rule: 'rights:missing', message: expect.stringContaining('europeana.defaultRights') });
  });
  it('ignores a free-text credit line next to a licence, but refuses two different licences', () => {
    expect(map.resolve([label('© Design Museum Gent'), iri('http://creativecommons.org/licenses/by/4.0/')], 's')).toEqual({ ok: true, rights: 'http://creativecommons.org/licenses/by/4.0/' });
    expect(map.resolve([iri('http://creativecommons.org/licenses/by/4.0/'), label('CC0')], 's')).toMatchObject({ ok: false, rule: 'rights:ambiguous' });
  });
});

describe('A rights map with source declarations', () => {
  it('uses the declaration only for records that state no rights', () => {
    const map = new RightsMap({ sources: { 'ghent-dmg': 'http://rightsstatements.org/vocab/InC/1.0/' } });
    expect(map.resolve([], 'ghent-dmg')).toEqual({ ok: true, rights: 'http://rightsstatements.org/vocab/InC/1.0/' });
    expect(map.resolve([], 'other')).toMatchObject({ ok: false, rule: 'rights:missing' });
    expect(map.resolve([label('unknown words')], 'ghent-dmg')).toMatchObject({ ok: false, rule: 'rights:unmapped' });
  });
  it("takes the sources' declarations from the hub configuration (europeana.defaultRights), the record's own rights first", () => {
    const map = RightsMap.load().withSourceDeclarations([
      { id: 'ghent-dmg', europeana: { defaultRights: 'http://rightsstatements.org/vocab/CNE/1.0/' } },
      { id: 'vkc-datahub', europeana: {} },
      { id: 'uit-events' },
    ]);
    expect(map.resolve([], 'ghent-dmg')).toEqual({ ok: true, rights: 'http://rightsstatements.org/vocab/CNE/1.0/' });
    expect(map.resolve([iri('https://creativecommons.org/publicdomain/zero/1.0/')], 'ghent-dmg')).toEqual({ ok: true, rights: 'http://creativecommons.org/publicdomain/zero/1.0/' });
    expect(map.resolve([iri('http://rightsstatements.org/vocab/NoC-US/1.0/')], 'ghent-dmg')).toMatchObject({ ok: false, rule: 'rights:not-accepted' });
    expect(map.resolve([], 'vkc-datahub')).toMatchObject({ ok: false, rule: 'rights:missing' });
    // The map's vocabulary is kept.
    expect(map.resolve([label('CC BY 4.0')], 'vkc-datahub')).toEqual({ ok: true, rights: 'http://creativecommons.org/licenses/by/4.0/' });
  });
  it('refuses a declaration Europeana would not accept', () => {
    expect(() => RightsMap.load().withSourceDeclarations([{ id: 's', europeana: { defaultRights: 'http://rightsstatements.org/vocab/UND/1.0/' } }])).toThrow(/not an edm:rights value Europeana accepts/);
  });
  it('refuses source declarations in the rights map file', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'rights-map-'));
    try {
      writeFileSync(join(dir, 'map.yaml'), 'sources:\n  ghent-dmg: http://rightsstatements.org/vocab/CNE/1.0/\n');
      expect(() => RightsMap.load(join(dir, 'map.yaml'))).toThrow(/sources\[\]\.europeana\.defaultRights/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('refuses a map whose targets Europeana would not accept', () => {
    expect(() => new RightsMap({ labels: { x: 'http://rightsstatements.org/vocab/NoC-US/1.0/' } })).toThrow(/not an edm:rights value Europeana accepts/);
  });
});
