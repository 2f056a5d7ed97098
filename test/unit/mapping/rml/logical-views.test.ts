import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Quad } from '../../../../src/core/rdf.js';
import { toNQuads } from '../../../../src/core/rdf.js';
import { executeMapping } from '../../../../src/mapping/rml/map-source-files.js';
import { ViewFormat, type Row } from '../../../../src/mapping/rml/formats/view-format.js';
import { parseMapping } from '../../../../src/mapping/rml/load-mapping.js';

const PREFIXES = `@prefix rml: <http://w3id.org/rml/> . @prefix : <http://example.org/> .
:people a rml:LogicalSource ; rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path "people.json" ] ;
  rml:referenceFormulation rml:JSONPath ; rml:iterator "$.people[*]" .
:xmlPeople a rml:LogicalSource ; rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path "people.xml" ] ;
  rml:referenceFormulation rml:XPath ; rml:iterator "/people/person" .
:pets a rml:LogicalSource ; rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path "pets.csv" ] ;
  rml:referenceFormulation rml:CSV .
`;
const PEOPLE = { people: [{ name: 'alice', items: [{ type: 'sword' }, { type: 'shield' }] }, { name: 'bob', items: [{ type: 'flower' }] }] };
const PETS = 'owner,pet,tags\nalice,cat,"[""soft"",""old""]"\ncarol,dog,"[]"\nalice,fish,"[""wet""]"\n';

/** A triples map over `view` with subject `subject` and one object map per `objects` entry. */
const triplesMap = (view: string, subject: string, objects: Record<string, string>) => `
:tm a rml:TriplesMap ; rml:logicalSource ${view} ; rml:subjectMap [ rml:template "${subject}" ] ;
  ${Object.entries(objects)
    .map(([p, om]) => `rml:predicateObjectMap [ rml:predicate :${p} ; rml:objectMap ${om} ]`)
    .join(' ;\n  ')} .`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rml-lv-'));
  await writeFile(join(dir, 'people.json'), JSON.stringify(PEOPLE));
  await writeFile(join(dir, 'pets.csv'), PETS);
  await writeFile(join(dir, 'people.xml'), '<people><person name="alice"><item>sword</item><item>shield</item></person><person name="bob"/></people>');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(ttl: string): Promise<string[]> {
  const quads: Quad[] = [];
  await executeMapping(parseMapping(PREFIXES + ttl, join(dir, 'mapping.ttl')), { baseIri: 'http://example.org/', mappingDir: dir, emit: (q) => quads.push(q) });
  return [...new Set(toNQuads(quads).trim().split('\n').filter(Boolean))].sort();
}

const ITEMS_VIEW = `:view a rml:LogicalView ; rml:viewOn :people ;
  rml:field [ rml:fieldName "name" ; rml:reference "$.name" ] ;
  rml:field [ a rml:IterableField ; rml:fieldName "item" ; rml:iterator "$.items[*]" ;
    rml:field [ rml:fieldName "type" ; rml:reference "$.type" ] ] .`;

describe('Logical views (rml-lv)', () => {
  it('makes one row per value combination of the fields, with # and name.# index keys', async () => {
    const out = await run(ITEMS_VIEW + triplesMap(':view', 'http://example.org/{name}/{item.#}', { type: '[ rml:reference "item.type" ]', n: '[ rml:reference "#" ]' }));
    expect(out).toEqual([
      '<http://example.org/alice/0> <http://example.org/n> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/alice/0> <http://example.org/type> "sword" .',
      '<http://example.org/alice/1> <http://example.org/n> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/alice/1> <http://example.org/type> "shield" .',
      '<http://example.org/bob/0> <http://example.org/n> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/bob/0> <http://example.org/type> "flower" .',
    ]);
  });

  it('reads a view on a view', async () => {
    const ttl = `${ITEMS_VIEW} :outer a rml:LogicalView ; rml:viewOn :view ;
      rml:field [ rml:fieldName "who" ; rml:template "{name}-{item.type}" ] .`;
    const out = await run(ttl + triplesMap(':outer', 'http://example.org/{who}', { idx: '[ rml:reference "#" ]' }));
    expect(out.map((l) => l.split(' ')[0])).toEqual(['<http://example.org/alice-shield>', '<http://example.org/alice-sword>', '<http://example.org/bob-flower>']);
  });

  it('left-joins and inner-joins a parent view on join conditions', async () => {
    const views = (join: string) => `:petView a rml:LogicalView ; rml:viewOn :pets ;
        rml:field [ rml:fieldName "owner" ; rml:reference "owner" ] ; rml:field [ rml:fieldName "pet" ; rml:reference "pet" ] .
      :personView a rml:LogicalView ; rml:viewOn :people ; rml:field [ rml:fieldName "name" ; rml:reference "$.name" ] ;
        ${join} [ rml:parentLogicalView :petView ; rml:joinCondition [ rml:child "name" ; rml:parent "owner" ] ;
          rml:field [ rml:fieldName "pet" ; rml:reference "pet" ] ] .`;
    const map = triplesMap(':personView', 'http://example.org/{name}', { seen: '[ rml:constant "yes" ]', pet: '[ rml:reference "pet" ]' });
    const left = await run(views('rml:leftJoin') + map);
    expect(left).toEqual([
      '<http://example.org/alice> <http://example.org/pet> "cat" .',
      '<http://example.org/alice> <http://example.org/pet> "fish" .',
      '<http://example.org/alice> <http://example.org/seen> "yes" .',
      '<http://example.org/bob> <http://example.org/seen> "yes" .',
    ]);
    const inner = await run(views('rml:innerJoin') + map);
    expect(inner.filter((l) => l.startsWith('<http://example.org/bob>'))).toEqual([]);
    expect(inner).toHaveLength(3);
  });

  it('reads a CSV column as JSON when an iterable field says so', async () => {
    const view = `:tagCol a rml:LogicalView ; rml:viewOn :pets ; rml:field [ rml:fieldName "pet" ; rml:reference "pet" ] ;
      rml:field [ rml:fieldName "tags" ; rml:reference "tags" ;
        rml:field [ a rml:IterableField ; rml:fieldName "tag" ; rml:referenceFormulation rml:JSONPath ; rml:iterator "$[*]" ] ] .`;
    const out = await run(view + triplesMap(':tagCol', 'http://example.org/{pet}', { idx: '[ rml:reference "tags.tag.#" ]' }));
    expect(out).toEqual([
      '<http://example.org/cat> <http://example.org/idx> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/cat> <http://example.org/idx> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/fish> <http://example.org/idx> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]);
  });

  it('iterates what an untyped field’s expression gives, in the field’s own reference formulation', async () => {
    await writeFile(join(dir, 'mixed.json'), JSON.stringify({ people: [{ name: 'alice', items: 'type,weight\nsword,1500\nshield,2500' }, { name: 'bob', items: 'type,weight\nflower,15' }] }));
    const ttl = `:mixed a rml:LogicalSource ; rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path "mixed.json" ] ;
        rml:referenceFormulation rml:JSONPath ; rml:iterator "$.people[*]" .
      :mv a rml:LogicalView ; rml:viewOn :mixed ; rml:field [ rml:fieldName "name" ; rml:reference "$.name" ] ;
        rml:field [ rml:fieldName "item" ; rml:reference "$.items" ; rml:referenceFormulation rml:CSV ;
          rml:field [ rml:fieldName "type" ; rml:reference "type" ] ; rml:field [ rml:fieldName "weight" ; rml:reference "weight" ] ] .`;
    const out = await run(ttl + triplesMap(':mv', 'http://example.org/{name}/{item.#}', { type: '[ rml:reference "item.type" ]' }));
    expect(out).toEqual([
      '<http://example.org/alice/0> <http://example.org/type> "sword" .',
      '<http://example.org/alice/1> <http://example.org/type> "shield" .',
      '<http://example.org/bob/0> <http://example.org/type> "flower" .',
    ]);
    await expect(run(ttl + triplesMap(':mv', 'http://example.org/{name}', { x: '[ rml:reference "item" ]' }))).rejects.toThrow(/no field "item"/);
  });

  it('iterates the nodes of an XML record with an iterable field', async () => {
    const ttl = `:xv a rml:LogicalView ; rml:viewOn :xmlPeople ; rml:field [ rml:fieldName "name" ; rml:reference "@name" ] ;
      rml:field [ a rml:IterableField ; rml:fieldName "item" ; rml:iterator "item" ; rml:field [ rml:fieldName "what" ; rml:reference "text()" ] ] .`;
    expect(await run(ttl + triplesMap(':xv', 'http://example.org/{name}', { has: '[ rml:reference "item.what" ]' }))).toEqual([
      '<http://example.org/alice> <http://example.org/has> "shield" .',
      '<http://example.org/alice> <http://example.org/has> "sword" .',
    ]);
  });

  it('evaluates function executions in fields', async () => {
    const upper = (fn: string) => `:fv a rml:LogicalView ; rml:viewOn :people ; rml:field [ rml:fieldName "loud" ;
      rml:functionExecution [ rml:function <http://users.ugent.be/~bjdmeest/function/grel.ttl#${fn}> ;
        rml:input [ rml:parameter <http://users.ugent.be/~bjdmeest/function/grel.ttl#valueParam> ; rml:inputValueMap [ rml:reference "$.name" ] ] ] ] .`;
    expect(await run(upper('toUpperCase') + triplesMap(':fv', 'http://example.org/{loud}', { n: '[ rml:reference "#" ]' }))).toEqual([
      '<http://example.org/ALICE> <http://example.org/n> "0"^^<http://www.w3.org/2001/XMLSchema#integer> .',
      '<http://example.org/BOB> <http://example.org/n> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]);
    await expect(run(upper('noSuchFunction') + triplesMap(':fv', 'http://example.org/{loud}', {}))).rejects.toThrow(/unknown function .*noSuchFunction.*triples map <http:\/\/example.org\/tm>/);
  });

  it('joins triples maps over two different views of one source', async () => {
    const ttl = `${ITEMS_VIEW} :names a rml:LogicalView ; rml:viewOn :people ; rml:field [ rml:fieldName "who" ; rml:reference "$.name" ] .
      :person a rml:TriplesMap ; rml:logicalSource :names ; rml:subjectMap [ rml:template "http://example.org/p/{who}" ] .
      ${triplesMap(':view', 'http://example.org/i/{item.type}', { owner: '[ rml:parentTriplesMap :person ; rml:joinCondition [ rml:child "name" ; rml:parent "who" ] ]' })}`;
    expect(await run(ttl)).toEqual([
      '<http://example.org/i/flower> <http://example.org/owner> <http://example.org/p/bob> .',
      '<http://example.org/i/shield> <http://example.org/owner> <http://example.org/p/alice> .',
      '<http://example.org/i/sword> <http://example.org/owner> <http://example.org/p/alice> .',
    ]);
  });

  it.each([
    ['a field it does not have', ITEMS_VIEW + triplesMap(':view', 'http://example.org/{Name}', {}), /no field "Name"/],
    ['the record key <it>', ITEMS_VIEW + triplesMap(':view', 'http://example.org/{name}', { x: '[ rml:reference "<it>" ]' }), /no field "<it>"/],
    ['an iterable field’s own value', ITEMS_VIEW + triplesMap(':view', 'http://example.org/{name}', { x: '[ rml:reference "item" ]' }), /no field "item"/],
  ])('refuses a reference to %s', async (_what, ttl, error) => {
    await expect(run(ttl)).rejects.toThrow(error);
  });

  it.each([
    ['a view on itself', ':v a rml:LogicalView ; rml:viewOn :v ; rml:field [ rml:fieldName "a" ; rml:reference "a" ] .', /depends on itself/],
    ['a field inside itself, in a view no triples map uses', ':v a rml:LogicalView ; rml:viewOn :people ; rml:field :f . :f rml:fieldName "a" ; rml:iterator "$" ; rml:field :f .', /field contains itself/],
    ['sibling fields with one name', ':v a rml:LogicalView ; rml:viewOn :people ; rml:field [ rml:fieldName "a" ; rml:reference "$.a" ], [ rml:fieldName "a" ; rml:reference "$.b" ] .', /used twice/],
    ['a join whose parent is not a view', ':v a rml:LogicalView ; rml:viewOn :people ; rml:field [ rml:fieldName "a" ; rml:reference "$.a" ] ; rml:leftJoin [ rml:parentLogicalView :pets ; rml:joinCondition [ rml:child "a" ; rml:parent "owner" ] ] .', /is not a logical view/],
  ])('refuses %s when the mapping is read', (_what, views, error) => {
    expect(() => parseMapping(PREFIXES + views + triplesMap(':people', 'http://example.org/{$.name}', {}), 'm.ttl')).toThrow(error);
  });

  it('streams the rows of a large source in batches, holding only the parent side of joins', async () => {
    const csv = `owner,pet\n${Array.from({ length: 1500 }, (_v, i) => `p${i},pet${i}`).join('\n')}\n`;
    const def = parseMapping(`${PREFIXES} :petView a rml:LogicalView ; rml:viewOn :pets ; rml:field [ rml:fieldName "owner" ; rml:reference "owner" ] .
      ${triplesMap(':petView', 'http://example.org/{owner}', {})}`, 'm.ttl');
    const format = new ViewFormat(def.triplesMaps[0].logicalSource, undefined, () => Promise.reject(new Error('no other source to open')));
    const batches: Row[][] = [];
    for await (const batch of format.streamRecords(Readable.from([csv]))) batches.push(batch);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat().map((r) => r.get('#'))).toEqual(Array.from({ length: 1500 }, (_v, i) => i));
    expect([...format.records(csv)]).toHaveLength(1500);
  });
});
