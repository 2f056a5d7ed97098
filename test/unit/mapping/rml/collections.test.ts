import type { RawRecord } from '../../../../src/core/records.js';
import { toNQuads } from '../../../../src/core/rdf.js';
import { RmlRecordMapper } from '../../../../src/mapping/rml/rml-record-mapper.js';

const context = { baseIri: 'http://x.org/', sourceId: 'src' };
const record = (body: unknown): RawRecord => ({ sourceId: 'src', recordId: 'r1', mediaType: 'application/json', body: JSON.stringify(body) });
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** An RML mapping over `$[*]` of the record, with `objectMap` as its one object map. */
const mapping = (objectMap: string, extra = '') => `
@prefix rml: <http://w3id.org/rml/> .
@prefix rdf: <${RDF}> .
@prefix ex: <http://example.com/> .
<#TM> a rml:TriplesMap ;
  rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:path "data.json" ] ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$[*]" ] ;
  rml:subjectMap [ rml:template "http://x.org/e/{$.id}" ] ;
  rml:predicateObjectMap [ ${extra} rml:predicate ex:with ; rml:objectMap ${objectMap} ] .
`;

async function mapQuads(ttl: string, body: unknown) {
  return (await RmlRecordMapper.fromText(ttl, 'm.ttl').map(record(body), context)).quads;
}

/** Follows the rdf:first/rdf:rest chain from `head` in `graph`. */
function listItems(quads: Awaited<ReturnType<typeof mapQuads>>, head: string, graph = ''): string[] {
  const out: string[] = [];
  let node = head;
  while (node !== `${RDF}nil`) {
    const at = quads.filter((q) => q.subject.value === node && q.graph.value === graph);
    out.push(at.find((q) => q.predicate.value === `${RDF}first`)!.object.value);
    node = at.find((q) => q.predicate.value === `${RDF}rest`)!.object.value;
  }
  return out;
}

describe('Gather maps (rml-cc)', () => {
  it('appends to a named list across iterations, in iteration order', async () => {
    const quads = await mapQuads(mapping('[ rml:template "http://x.org/c/{$.id}" ; rml:gather ( [ rml:reference "$.v.*" ] ) ; rml:gatherAs rdf:List ]'), [
      { id: 'a', v: ['1', '2'] },
      { id: 'b', v: ['3'] },
      { id: 'a', v: ['5'] },
    ]);
    expect(listItems(quads, 'http://x.org/c/a')).toEqual(['1', '2', '5']);
    expect(listItems(quads, 'http://x.org/c/b')).toEqual(['3']);
    expect(quads.filter((q) => q.subject.value === 'http://x.org/c/a' && q.predicate.value === `${RDF}first`)).toHaveLength(1);
  });

  it('keeps one list per named graph, a blank-node head being a different node in each', async () => {
    const quads = await mapQuads(
      mapping('[ rml:template "l/{$.id}" ; rml:termType rml:BlankNode ; rml:gather ( [ rml:reference "$.v.*" ] ) ; rml:gatherAs rdf:List ]', 'rml:graphMap [ rml:template "http://x.org/g/{$.g}" ] ;'),
      [
        { id: 'a', g: '1', v: ['1'] },
        { id: 'a', g: '2', v: ['2'] },
        { id: 'a', g: '1', v: ['3'] },
      ],
    );
    const headIn = (g: string) => quads.find((q) => q.predicate.value === 'http://example.com/with' && q.graph.value === g)!.object;
    const [h1, h2] = [headIn('http://x.org/g/1'), headIn('http://x.org/g/2')];
    expect(h1.termType).toBe('BlankNode');
    expect(h1.value).not.toBe(h2.value);
    expect(listItems(quads, h1.value, 'http://x.org/g/1')).toEqual(['1', '3']);
    expect(listItems(quads, h2.value, 'http://x.org/g/2')).toEqual(['2']);
  });

  it('numbers the members of a named container on across iterations, blank-node heads too', async () => {
    const quads = await mapQuads(
      mapping('[ rml:template "c/{$.id}" ; rml:termType rml:BlankNode ; rml:gather ( [ rml:reference "$.v.*" ] ) ; rml:gatherAs rdf:Bag ]'),
      [
        { id: 'a', v: ['1', '2'] },
        { id: 'a', v: ['5'] },
      ],
    );
    const head = quads.find((q) => q.predicate.value === 'http://example.com/with')!.object;
    const members = quads.filter((q) => q.subject.value === head.value && q.predicate.value.startsWith(`${RDF}_`)).map((q) => `${q.predicate.value.slice(RDF.length)}=${q.object.value}`);
    expect(members.sort()).toEqual(['_1=1', '_2=2', '_3=5']);
    expect(quads.filter((q) => q.subject.value === head.value && q.predicate.value === `${RDF}type`)).toHaveLength(1);
  });

  it('gathers the subjects a referencing object map joins to', async () => {
    const ttl = mapping('[ rml:reference "$.id" ; rml:termType rml:BlankNode ; rml:gather ( [ rml:parentTriplesMap <#TM> ; rml:joinCondition [ rml:child "$.sport" ; rml:parent "$.sport" ] ] ) ; rml:gatherAs rdf:List ]');
    const quads = await mapQuads(ttl, [
      { id: '1', sport: 'tennis' },
      { id: '2', sport: 'tennis' },
      { id: '3', sport: 'golf' },
    ]);
    const headOf = (s: string) => quads.find((q) => q.subject.value === s && q.predicate.value === 'http://example.com/with')!.object.value;
    expect(listItems(quads, headOf('http://x.org/e/1'))).toEqual(['http://x.org/e/1', 'http://x.org/e/2']);
    expect(listItems(quads, headOf('http://x.org/e/3'))).toEqual(['http://x.org/e/3']);
    expect(toNQuads(quads)).not.toContain('undefined');
  });
});
