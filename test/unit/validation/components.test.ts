import { check, summary } from './helpers.js';

const prop = (constraint: string, path = 'ex:p') => `ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ${path} ; ${constraint} ] .`;

describe('SHACL Core constraint components', () => {
  it('reports sh:class for values that are not instances, following rdfs:subClassOf', () => {
    const r = check(prop('sh:class ex:D'), `
      ex:Sub rdfs:subClassOf ex:D .
      ex:a a ex:C ; ex:p ex:x, ex:y, "lit" . ex:x a ex:Sub . ex:y a ex:Other .`);
    expect(summary(r)).toEqual(['a Class "lit"', 'a Class y']);
  });

  it('checks sh:datatype including ill-formed lexical forms', () => {
    const r = check(prop('sh:datatype xsd:integer'), `ex:a a ex:C ; ex:p 1, "x"^^xsd:integer, "2"^^xsd:decimal, "3" .`);
    expect(summary(r)).toEqual([
      'a Datatype "2"^^http://www.w3.org/2001/XMLSchema#decimal',
      'a Datatype "3"',
      'a Datatype "x"^^http://www.w3.org/2001/XMLSchema#integer',
    ]);
  });

  it('accepts rdf:langString only with a language tag', () => {
    const r = check(prop('sh:datatype rdf:langString'), `ex:a a ex:C ; ex:p "t"@nl, "u" .`);
    expect(summary(r)).toEqual(['a Datatype "u"']);
  });

  it('checks sh:nodeKind', () => {
    const r = check(prop('sh:nodeKind sh:IRI'), `ex:a a ex:C ; ex:p ex:x, [], "l" .`);
    expect(r.results.map((x) => x.value?.startsWith('_:') ? 'blank' : x.value).sort()).toEqual(['"l"', 'blank']);
  });

  it('counts distinct values for sh:minCount and sh:maxCount', () => {
    const shapes = prop('sh:minCount 2 ; sh:maxCount 3');
    expect(summary(check(shapes, `ex:a a ex:C ; ex:p 1 .`))).toEqual(['a MinCount -']);
    expect(summary(check(shapes, `ex:a a ex:C ; ex:p 1, 2, 3, 4 .`))).toEqual(['a MaxCount -']);
    expect(check(shapes, `ex:a a ex:C ; ex:p 1, 2 .`).conforms).toBe(true);
  });

  it('compares numbers and dates in range constraints and flags incomparable values', () => {
    const r = check(prop('sh:minInclusive 1 ; sh:maxExclusive 10'), `ex:a a ex:C ; ex:p 0, 1, 9.5, 10, "5", "2020-01-01"^^xsd:date .`);
    expect(summary(r)).toEqual([
      'a MaxExclusive "10"^^http://www.w3.org/2001/XMLSchema#integer',
      'a MaxExclusive "2020-01-01"^^http://www.w3.org/2001/XMLSchema#date',
      'a MaxExclusive "5"',
      'a MinInclusive "0"^^http://www.w3.org/2001/XMLSchema#integer',
      'a MinInclusive "2020-01-01"^^http://www.w3.org/2001/XMLSchema#date',
      'a MinInclusive "5"',
    ]);
    const dates = check(prop('sh:minExclusive "2000-01-01"^^xsd:date'), `ex:a a ex:C ; ex:p "1999-12-31"^^xsd:date, "2000-01-02"^^xsd:date .`);
    expect(summary(dates)).toEqual(['a MinExclusive "1999-12-31"^^http://www.w3.org/2001/XMLSchema#date']);
  });

  it('measures sh:minLength/sh:maxLength in characters and rejects blank nodes', () => {
    const r = check(prop('sh:minLength 2 ; sh:maxLength 3'), `ex:a a ex:C ; ex:p "é", "éé", "abcd", [] .`);
    expect(r.results.map((x) => `${x.constraint.split('#')[1]} ${x.value?.startsWith('_:') ? 'blank' : x.value}`).sort()).toEqual([
      'MaxLengthConstraintComponent "abcd"',
      'MaxLengthConstraintComponent blank',
      'MinLengthConstraintComponent "é"',
      'MinLengthConstraintComponent blank',
    ]);
  });

  it('applies sh:pattern with sh:flags to literals and IRIs', () => {
    const r = check(prop('sh:pattern "^ab" ; sh:flags "i"'), `ex:a a ex:C ; ex:p "ABc", "xab", <http://ab.org/> .`);
    expect(summary(r)).toEqual(['a Pattern "xab"', 'a Pattern http://ab.org/']);
  });

  it('matches sh:languageIn by language range', () => {
    const r = check(prop('sh:languageIn ("nl" "en")'), `ex:a a ex:C ; ex:p "a"@nl-BE, "b"@EN, "c"@fr, "d" .`);
    expect(summary(r)).toEqual(['a LanguageIn "c"@fr', 'a LanguageIn "d"']);
  });

  it('matches sh:languageIn as SPARQL langMatches does: "en" takes en and en-GB, never enm or eng', () => {
    const r = check(prop('sh:languageIn ("en")'), `ex:a a ex:C ; ex:p "a"@en, "b"@en-GB, "c"@enm, "d"@eng, "e"@e, "f"@En-us-x-twain .`);
    expect(summary(r)).toEqual(['a LanguageIn "c"@enm', 'a LanguageIn "d"@eng', 'a LanguageIn "e"@e']);
  });

  it('reports each duplicated language once for sh:uniqueLang true', () => {
    const r = check(prop('sh:uniqueLang true'), `ex:a a ex:C ; ex:p "a"@nl, "b"@nl, "c"@nl, "d"@en, "e", "f" .`);
    expect(summary(r)).toEqual(['a UniqueLang -']);
  });

  it('checks sh:equals and sh:disjoint against another property', () => {
    const r = check(prop('sh:equals ex:q ; sh:disjoint ex:r'), `ex:a a ex:C ; ex:p 1, 2 ; ex:q 2, 3 ; ex:r 2 .`);
    expect(summary(r)).toEqual([
      'a Disjoint "2"^^http://www.w3.org/2001/XMLSchema#integer',
      'a Equals "1"^^http://www.w3.org/2001/XMLSchema#integer',
      'a Equals "3"^^http://www.w3.org/2001/XMLSchema#integer',
    ]);
  });

  it('checks sh:lessThan and sh:lessThanOrEquals pairwise', () => {
    const r = check(prop('sh:lessThan ex:q ; sh:lessThanOrEquals ex:r'), `ex:a a ex:C ; ex:p 5 ; ex:q 5 ; ex:r 5 .`);
    expect(summary(r)).toEqual(['a LessThan "5"^^http://www.w3.org/2001/XMLSchema#integer']);
  });

  it('requires sh:hasValue among the values and limits them with sh:in', () => {
    const r = check(prop('sh:hasValue ex:x ; sh:in (ex:y ex:z)'), `ex:a a ex:C ; ex:p ex:y, ex:w .`);
    expect(summary(r)).toEqual(['a HasValue -', 'a In w']);
  });

  it('evaluates sh:not, sh:and, sh:or, sh:xone over value nodes', () => {
    const shapes = `
      ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ex:n ; sh:not ex:IsInt ] ;
        sh:property [ sh:path ex:a ; sh:and (ex:IsInt ex:Positive) ] ;
        sh:property [ sh:path ex:o ; sh:or (ex:IsInt ex:IsString) ] ;
        sh:property [ sh:path ex:x ; sh:xone (ex:IsInt ex:Positive) ] .
      ex:IsInt sh:datatype xsd:integer .
      ex:IsString sh:datatype xsd:string .
      ex:Positive sh:minExclusive 0 .`;
    const r = check(shapes, `ex:f a ex:C ; ex:n 1, "s" ; ex:a 1, -1 ; ex:o 1, "s", 1.5 ; ex:x 1, -1, 1.5 .`);
    expect(summary(r)).toEqual([
      'f And "-1"^^http://www.w3.org/2001/XMLSchema#integer',
      'f Not "1"^^http://www.w3.org/2001/XMLSchema#integer',
      'f Or "1.5"^^http://www.w3.org/2001/XMLSchema#decimal',
      'f Xone "1"^^http://www.w3.org/2001/XMLSchema#integer',
    ]);
  });

  it('checks sh:node and nests sh:property results with their own path', () => {
    const shapes = `
      ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:N ; sh:property ex:Inner ] .
      ex:N sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] .
      ex:Inner sh:path ex:name ; sh:datatype xsd:string .`;
    const r = check(shapes, `ex:f a ex:C ; ex:p ex:x, ex:y . ex:x ex:name "ok" . ex:y ex:name 3 .`);
    expect(summary(r)).toEqual(['f Node y', 'y Datatype "3"^^http://www.w3.org/2001/XMLSchema#integer']);
    expect(r.results.find((x) => x.focusNode.endsWith('y'))?.path).toBe('<http://example.org/name>');
  });

  it('counts sh:qualifiedValueShape matches, honouring sh:qualifiedValueShapesDisjoint', () => {
    const shapes = `
      ex:S a sh:NodeShape ; sh:targetClass ex:C ;
        sh:property [ sh:path ex:p ; sh:qualifiedValueShape ex:A ; sh:qualifiedMinCount 1 ; sh:qualifiedMaxCount 1 ; sh:qualifiedValueShapesDisjoint true ] ;
        sh:property [ sh:path ex:p ; sh:qualifiedValueShape ex:B ; sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] .
      ex:A sh:class ex:Hand . ex:B sh:class ex:Thumb .`;
    // x is both Hand and Thumb: with disjointness it counts for neither.
    const r = check(shapes, `ex:f a ex:C ; ex:p ex:x . ex:x a ex:Hand, ex:Thumb .`);
    expect(summary(r)).toEqual(['f QualifiedMinCount -', 'f QualifiedMinCount -']);
    const r2 = check(shapes, `ex:f a ex:C ; ex:p ex:x, ex:y, ex:z . ex:x a ex:Hand . ex:y a ex:Hand . ex:z a ex:Thumb .`);
    expect(summary(r2)).toEqual(['f QualifiedMaxCount -']);
  });

  it('reports unknown properties on sh:closed shapes, except sh:ignoredProperties', () => {
    const shapes = `ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:ignoredProperties (rdf:type) ;
      sh:property [ sh:path ex:p ] .`;
    const r = check(shapes, `ex:f a ex:C ; ex:p 1 ; ex:q 2 .`);
    expect(summary(r)).toEqual(['f Closed "2"^^http://www.w3.org/2001/XMLSchema#integer']);
    expect(r.results[0]?.path).toBe('<http://example.org/q>');
  });

  it('applies value-type constraints of a node shape to the focus node itself', () => {
    const r = check(`ex:S a sh:NodeShape ; sh:targetNode ex:a, "x" ; sh:nodeKind sh:IRI ; sh:in (ex:a) .`, ``);
    expect(summary(r)).toEqual(['"x" In "x"', '"x" NodeKind "x"']);
  });
});
