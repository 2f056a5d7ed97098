import { existsSync } from 'node:fs';
import { parseRdf } from '../../../src/core/rdf.js';
import { profileFiles, SHAPE_PROFILES, validatorFor, type ShapeProfile } from '../../../src/validation/profiles.js';

describe('Validation profiles', () => {
  it.each(Object.keys(SHAPE_PROFILES))('%s loads and compiles', (name) => {
    for (const f of profileFiles(name as ShapeProfile)) expect(existsSync(f)).toBe(true);
    const v = validatorFor(name);
    expect(v.version).toMatch(/^sha256:/);
    expect(validatorFor(name)).toBe(v);
  });

  it('applies the CRM hierarchy: a CRM 7 typed object meets the 2021 MensgemaaktObject shape', () => {
    const v = validatorFor('oslo-ce-object-2021');
    const report = v.validateSync(parseRdf(`<urn:o> a <http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object> .`));
    // MaterieelDing (E18) requires a production; the object only reaches E18 through the hierarchy.
    expect(report.results.map((r) => r.path)).toContain('<http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by>');
  });

  it('materialises the EDM owl:hasValue restrictions (edm:type is required exactly once)', () => {
    const v = validatorFor('edm-external');
    const report = v.validateSync(parseRdf(`<urn:cho> a <http://www.europeana.eu/schemas/edm/ProvidedCHO> ; <http://purl.org/dc/elements/1.1/title> "T" ; <http://purl.org/dc/elements/1.1/identifier> <urn:not-a-literal> .`));
    const messages = report.results.flatMap((r) => r.messages);
    expect(messages).toContain('edm:type must occur exactly once.');
    expect(messages).toContain('This property must be a string literal.');
  });

  it('rejects an unknown profile by name', () => {
    expect(() => validatorFor('nope')).toThrow(/Unknown validation profile "nope"/);
  });
});
