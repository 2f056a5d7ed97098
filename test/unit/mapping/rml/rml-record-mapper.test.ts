import type { RawRecord } from '../../../../src/core/records.js';
import { MappingError } from '../../../../src/core/errors.js';
import { toNQuads } from '../../../../src/core/rdf.js';
import { RmlRecordMapper } from '../../../../src/mapping/rml/rml-record-mapper.js';

const record = (body: string, mediaType: string, recordId = 'r1'): RawRecord => ({ sourceId: 'src', recordId, mediaType, body });
const context = { baseIri: 'http://localhost:3000/', sourceId: 'src' };

const lines = async (mapper: RmlRecordMapper, r: RawRecord) => toNQuads((await mapper.map(r, context)).quads).trim().split('\n').sort();

const EVENTS_YARRRML = `
prefixes:
  ex: http://example.com/
  grel: http://users.ugent.be/~bjdmeest/function/grel.ttl#
mappings:
  event:
    sources:
      - [events.json~jsonpath, '$.events[*]']
    s: id/event/$(hub_sourceId)/$(id)
    po:
      - [a, ex:Event]
      - [ex:name, $(name), nl~lang]
      - [ex:count, $(count), xsd:integer]
      - [ex:page, $(url)~iri]
      - p: ex:shout
        o:
          function: grel:toUpperCase
          parameters:
            - [grel:valueParam, $(name)]
      - p: ex:at
        o:
          mapping: place
          condition:
            function: equal
            parameters:
              - [str1, $(placeId)]
              - [str2, $(pid)]
  place:
    sources:
      - [events.json~jsonpath, '$.places[*]']
    s: id/place/$(hub_sourceId)/$(pid)
    po:
      - [ex:label, $(label)]
`;

describe('An RmlRecordMapper', () => {
  it('maps a JSON record with YARRRML: hub IRIs, language, datatype, functions and joins', async () => {
    const mapper = RmlRecordMapper.fromText(EVENTS_YARRRML, 'events.yml');
    const body = JSON.stringify({
      events: [{ id: 'e 1', name: 'Concert', count: 3, url: 'https://x.org/e1', placeId: 'p1' }],
      places: [{ pid: 'p1', label: 'Zaal' }, { pid: 'p2', label: 'Other' }],
    });
    const result = await mapper.map(record(body, 'application/json'), context);
    expect(result.origins).toHaveLength(result.quads.length);
    const nq = toNQuads(result.quads);
    const ev = '<http://localhost:3000/id/event/src/e%201>';
    expect(nq).toContain(`${ev} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.com/Event> .`);
    expect(nq).toContain(`${ev} <http://example.com/name> "Concert"@nl .`);
    expect(nq).toContain(`${ev} <http://example.com/count> "3"^^<http://www.w3.org/2001/XMLSchema#integer> .`);
    expect(nq).toContain(`${ev} <http://example.com/page> <https://x.org/e1> .`);
    expect(nq).toContain(`${ev} <http://example.com/shout> "CONCERT" .`);
    expect(nq).toContain(`${ev} <http://example.com/at> <http://localhost:3000/id/place/src/p1> .`);
    expect(nq).not.toContain('place/src/p2> <http://example.com/at>');
    // YARRRML's placeholder triples map IRIs become the mapping file and the mapping's name.
    expect(new Set(result.origins)).toEqual(new Set(['events.yml#event', 'events.yml#place']));
  });

  it('maps XML records with the iterator and namespaces of the mapping', async () => {
    const mapper = RmlRecordMapper.fromText(
      `@prefix rml: <http://w3id.org/rml/> . @prefix ex: <http://example.com/> .
       <#TM> a rml:TriplesMap ;
         rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:path "x.xml" ] ; rml:referenceFormulation rml:XPath ; rml:iterator "/list/item" ] ;
         rml:subjectMap [ rml:template "obj/{@id}" ; rml:class ex:Thing ] ;
         rml:predicateObjectMap [ rml:predicate ex:title ; rml:objectMap [ rml:reference "title" ] ] .`,
      'x.ttl',
    );
    const out = await lines(mapper, record('<list><item id="a"><title>Eerste</title></item><item id="b"><title>Tweede</title></item></list>', 'application/xml'));
    expect(out).toEqual([
      '<http://localhost:3000/obj/a> <http://example.com/title> "Eerste" .',
      '<http://localhost:3000/obj/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.com/Thing> .',
      '<http://localhost:3000/obj/b> <http://example.com/title> "Tweede" .',
      '<http://localhost:3000/obj/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.com/Thing> .',
    ]);
  });

  it('refuses XML that declares entities', async () => {
    const mapper = RmlRecordMapper.fromText(
      `@prefix rml: <http://w3id.org/rml/> .
       <#TM> rml:logicalSource [ rml:source "x.xml" ; rml:referenceFormulation rml:XPath ; rml:iterator "/a" ] ; rml:subjectMap [ rml:template "x/{b}" ] .`,
      'x.ttl',
    );
    const xxe = '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a><b>&e;</b></a>';
    await expect(mapper.map(record(xxe, 'text/xml'), context)).rejects.toThrow(/entity declarations/);
  });

  it('names the source, record, triples map and term map when a record makes an invalid IRI', async () => {
    const mapper = RmlRecordMapper.fromText(
      `@prefix rml: <http://w3id.org/rml/> .
       <http://m/TM> rml:logicalSource [ rml:source "x.csv" ; rml:referenceFormulation rml:CSV ] ; rml:subjectMap <http://m/SM> .
       <http://m/SM> rml:reference "link" .`,
      'x.ttl',
    );
    const error = await mapper.map(record('link\nhttp://bad iri/\n', 'text/csv', 'row-7'), context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).message).toMatch(/record row-7 of source src.*triples map <http:\/\/m\/TM>.*term map <http:\/\/m\/SM>/);
    expect((error as MappingError).context).toMatchObject({ sourceId: 'src', recordId: 'row-7', triplesMap: 'http://m/TM' });
  });

  it('refuses a broken mapping at load, naming the triples map and term map', () => {
    expect(() =>
      RmlRecordMapper.fromText(
        `@prefix rml: <http://w3id.org/rml/> .
         <http://m/TM> rml:logicalSource [ rml:source "x.csv" ; rml:referenceFormulation rml:CSV ] ;
           rml:subjectMap [ rml:template "x/{id}" ] ;
           rml:predicateObjectMap [ rml:predicate <http://p> ; rml:objectMap <http://m/OM> ] .
         <http://m/OM> rml:template "a/{unclosed" .`,
        'bad.ttl',
      ),
    ).toThrow(/unclosed.*triples map <http:\/\/m\/TM>, term map <http:\/\/m\/OM>/);
  });

  it('refuses an unknown function when loading', () => {
    expect(() =>
      RmlRecordMapper.fromText(
        `@prefix rml: <http://w3id.org/rml/> .
         <http://m/TM> rml:logicalSource [ rml:source "x.csv" ; rml:referenceFormulation rml:CSV ] ;
           rml:subjectMap [ rml:template "x/{id}" ] ;
           rml:predicateObjectMap [ rml:predicate <http://p> ; rml:objectMap [ rml:functionExecution [ rml:function <http://nope> ] ] ] .`,
        'fn.ttl',
      ),
    ).toThrow(/unknown function <http:\/\/nope>/);
  });

  it('reports a CSV reference to a missing column', async () => {
    const mapper = RmlRecordMapper.fromText(
      `@prefix rml: <http://w3id.org/rml/> .
       <http://m/TM> rml:logicalSource [ rml:source "x.csv" ; rml:referenceFormulation rml:CSV ] ; rml:subjectMap [ rml:template "x/{nope}" ] .`,
      'x.ttl',
    );
    await expect(mapper.map(record('id\n1\n', 'text/csv'), context)).rejects.toThrow(/no column "nope"/);
  });

  it('maps every triples map over one logical source, keeping a triple two maps make once and literals that differ only in language or datatype apart', async () => {
    const mapper = RmlRecordMapper.fromText(
      `prefixes:
  ex: http://example.com/
mappings:
  first:
    sources:
      - [e.json~jsonpath, '$.items[*]']
    s: http://ex.org/$(id)
    po:
      - [ex:v, $(v)]
      - [ex:v, $(v), nl~lang]
      - [ex:v, $(v), xsd:integer]
  second:
    sources:
      - [e.json~jsonpath, '$.items[*]']
    s: http://ex.org/$(id)
    po:
      - [ex:v, $(v)]
      - [ex:w, $(w)]
  whole:
    sources:
      - [e.json~jsonpath, '$']
    s: http://ex.org/doc
    po:
      - [ex:n, $(n)]
`,
      'same-source.yml',
    );
    const body = JSON.stringify({ n: 'doc', items: [{ id: 'a', v: '1', w: 'x' }, { id: 'b', v: '2', w: 'y' }] });
    expect(await lines(mapper, record(body, 'application/json'))).toEqual([
      '<http://ex.org/a> <http://example.com/v> "1" .',
      '<http://ex.org/a> <http://example.com/v> "1"@nl .',
      '<http://ex.org/a> <http://example.com/v> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://ex.org/a> <http://example.com/w> "x" .',
      '<http://ex.org/b> <http://example.com/v> "2" .',
      '<http://ex.org/b> <http://example.com/v> "2"@nl .',
      '<http://ex.org/b> <http://example.com/v> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://ex.org/b> <http://example.com/w> "y" .',
      '<http://ex.org/doc> <http://example.com/n> "doc" .',
    ]);
  });

  it('maps every triples map of an XML record, each with its own iterator and the prefixes the document declares', async () => {
    const mapper = RmlRecordMapper.fromText(
      `prefixes:
  ex: http://example.com/
mappings:
  item:
    sources:
      - [r.xml~xpath, '/r:root/r:item']
    s: http://ex.org/$(@id)
    po:
      - [ex:label, $(r:label)]
  meta:
    sources:
      - [r.xml~xpath, '/r:root/r:meta']
    s: http://ex.org/meta
    po:
      - [ex:owner, $(r:owner)]
`,
      'xml-maps.yml',
    );
    const body = '<r:root xmlns:r="urn:r"><r:meta><r:owner>MSK</r:owner></r:meta><r:item id="a"><r:label>A</r:label></r:item><r:item id="b"><r:label>B</r:label></r:item></r:root>';
    expect(await lines(mapper, record(body, 'application/xml'))).toEqual([
      '<http://ex.org/a> <http://example.com/label> "A" .',
      '<http://ex.org/b> <http://example.com/label> "B" .',
      '<http://ex.org/meta> <http://example.com/owner> "MSK" .',
    ]);
  });

  it('reads the legacy rr:/rml:/ql: vocabulary', async () => {
    const mapper = RmlRecordMapper.fromText(
      `@prefix rr: <http://www.w3.org/ns/r2rml#> . @prefix rml: <http://semweb.mmlab.be/ns/rml#> . @prefix ql: <http://semweb.mmlab.be/ns/ql#> .
       <#TM> rml:logicalSource [ rml:source "p.json" ; rml:referenceFormulation ql:JSONPath ; rml:iterator "$[*]" ] ;
         rr:subjectMap [ rr:template "http://ex.org/{id}" ; rr:graph <http://ex.org/g> ] ;
         rr:predicateObjectMap [ rr:predicate <http://ex.org/n> ; rr:objectMap [ rml:reference "n" ] ] .`,
      'legacy.ttl',
    );
    expect(await lines(mapper, record('[{"id":1,"n":2}]', 'application/json'))).toEqual(['<http://ex.org/1> <http://ex.org/n> "2" <http://ex.org/g> .']);
  });
});
