import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRdf } from '../../../src/core/rdf.js';
import { hasViolation } from '../../../src/validation/validator.js';
import { ShaclValidator } from '../../../src/validation/shacl-validator.js';
import { check, PREFIXES, summary, validator } from './helpers.js';

describe('A ShaclValidator', () => {
  it('selects focus nodes by every target kind, including implicit class targets', () => {
    const shapes = `
      ex:ByNode a sh:NodeShape ; sh:targetNode ex:n ; sh:class ex:Never .
      ex:ByClass a sh:NodeShape ; sh:targetClass ex:C ; sh:class ex:Never .
      ex:BySubject a sh:NodeShape ; sh:targetSubjectsOf ex:s ; sh:class ex:Never .
      ex:ByObject a sh:NodeShape ; sh:targetObjectsOf ex:o ; sh:class ex:Never .
      ex:Implicit a sh:NodeShape, rdfs:Class ; sh:class ex:Never .`;
    const r = check(shapes, `
      ex:Sub rdfs:subClassOf ex:C . ex:c a ex:Sub . ex:x ex:s 1 . ex:y ex:o ex:z . ex:i a ex:Implicit .`);
    expect(r.results.map((x) => `${x.shape.split('/').pop()} ${x.focusNode.split('/').pop()}`).sort()).toEqual([
      'ByClass c', 'ByNode n', 'ByObject z', 'BySubject x', 'Implicit i',
    ]);
  });

  it('evaluates every kind of property path', () => {
    const shapes = (path: string) => `ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ${path} ; sh:maxCount 0 ] .`;
    const data = `ex:a ex:p ex:b . ex:b ex:p ex:c . ex:c ex:q ex:d . ex:z ex:p ex:a .`;
    const values = (path: string) => {
      const r = check(shapes(path), data);
      return r.results[0]?.messages[0]?.match(/found (\d+)/)?.[1];
    };
    expect(values('( ex:p ex:p )')).toBe('1');
    expect(values('[ sh:alternativePath ( ex:p [ sh:inversePath ex:p ] ) ]')).toBe('2');
    expect(values('[ sh:zeroOrMorePath ex:p ]')).toBe('3');
    expect(values('[ sh:oneOrMorePath ex:p ]')).toBe('2');
    expect(values('[ sh:zeroOrOnePath ex:p ]')).toBe('2');
    expect(values('( [ sh:oneOrMorePath ex:p ] ex:q )')).toBe('1');
    expect(values('[ sh:inversePath ( ex:p ex:p ) ]')).toBeUndefined();
    const r = check(shapes('[ sh:inversePath ( ex:p ex:q ) ]'), `ex:x ex:p ex:y . ex:y ex:q ex:a .`);
    expect(r.results[0]?.path).toBe('^(<http://example.org/p>/<http://example.org/q>)');
  });

  it('carries severity and messages of the shape, and skips deactivated shapes', () => {
    const shapes = `
      ex:W a sh:NodeShape ; sh:targetNode ex:a ; sh:severity sh:Warning ; sh:message "Te kort"@nl, "Too short"@en ;
        sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Info ] ; sh:minLength 100 .
      ex:Off a sh:NodeShape ; sh:targetNode ex:a ; sh:deactivated true ; sh:class ex:Never .`;
    const r = check(shapes, ``);
    const warning = r.results.find((x) => x.severity === 'Warning');
    expect(warning?.messages.sort()).toEqual(['Te kort', 'Too short']);
    expect(warning?.localizedMessages?.map((m) => m.language).sort()).toEqual(['en', 'nl']);
    expect(r.results.map((x) => x.severity).sort()).toEqual(['Info', 'Warning']);
    expect(r.conforms).toBe(false);
    expect(hasViolation(r)).toBe(false);
  });

  it('gives a readable default message and N-Triples values', () => {
    const r = check(`ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:t ; sh:datatype xsd:string ] .`, `ex:a ex:t "x"@nl .`);
    expect(r.results[0]).toMatchObject({
      severity: 'Violation', focusNode: 'http://example.org/a', path: '<http://example.org/t>', value: '"x"@nl',
      constraint: 'http://www.w3.org/ns/shacl#DatatypeConstraintComponent',
    });
    expect(r.results[0]?.messages[0]).toContain('datatype');
    expect(r.results[0]?.shape).toMatch(/^_:/);
  });

  it('fails at load time on malformed shapes, naming the shape', () => {
    expect(() => validator(`ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:pattern "(" .`)).toThrow(/ex|example\.org\/S/);
    expect(() => validator(`ex:S a sh:PropertyShape ; sh:path [ ex:bad 1 ] .`)).toThrow(/not a valid SHACL property path/);
  });

  it('loads Turtle files once per file set and hashes them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shapes-'));
    const file = join(dir, 's.ttl');
    writeFileSync(file, `${PREFIXES} ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .`);
    const v = ShaclValidator.fromFiles([file]);
    expect(ShaclValidator.fromFiles([file])).toBe(v);
    expect(v.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    const report = await v.validate(parseRdf(`${PREFIXES} ex:a a ex:C .`));
    expect(summary(report)).toEqual(['a MinCount -']);
    expect(() => ShaclValidator.fromFiles([join(dir, 'missing.ttl')])).toThrow(/Cannot read shapes file/);
  });

  it('validates each call independently (no state leaks between records)', () => {
    const v = validator(`ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .`);
    expect(v.validateSync(parseRdf(`${PREFIXES} ex:a a ex:C .`)).conforms).toBe(false);
    expect(v.validateSync(parseRdf(`${PREFIXES} ex:a a ex:C ; ex:p 1 .`)).conforms).toBe(true);
  });
});
