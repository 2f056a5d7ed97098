import { readFile } from 'node:fs/promises';
import { projectPath } from '../../../src/core/paths.js';
import { parseRdf, toNQuads, type Quad } from '../../../src/core/rdf.js';
import { loadRecordMapper } from '../../../src/mapping/load-mapper.js';
import { entityIris, sourceEntity, type EntityIriContext } from '../../../src/pipeline/entity-iris.js';

const BASE = 'http://hub.test/';
const GHENT: EntityIriContext = { baseIri: BASE, sourceId: 'ghent-dmg', entityType: 'mensgemaaktobject', ownIriPrefixes: ['https://stad.gent/id/'] };
const H = 'http://hub.test/id/mensgemaaktobject/ghent-dmg/530000002';
const S = 'https://stad.gent/id/mensgemaaktobject/dmg/530000002';

const TTL = `
@prefix crm: <http://www.cidoc-crm.org/cidoc-crm/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<${S}> a crm:E22_Human-Made_Object ; crm:P102_has_title "Schoteltje"@nl ;
  crm:P108i_was_produced_by [ a crm:E12_Production ; crm:P108_has_produced <${S}> ;
      crm:P14_carried_out_by <https://stad.gent/id/agent/530024296> ; crm:P4_has_time-span [ crm:P82a_begin_of_the_begin "2007" ] ] ;
  crm:P43_has_dimension [ a crm:E54_Dimension ; <https://schema.org/unitText> "cm" ] , [ a crm:E54_Dimension ; <https://schema.org/unitText> "cm" ] ;
  crm:P2_has_type <http://vocab.getty.edu/aat/300195535> , <http://hub.test/id/concept/other/x> ;
  crm:P46i_forms_part_of <https://stad.gent/id/concept/530010739> , <https://stad.gent/id/mensgemaaktobject/dmg/530018750> ;
  crm:P1_is_identified_by <${S}#objectnummer> .
<${S}#objectnummer> skos:notation "2008-0038" .
<https://stad.gent/id/agent/530024296> a prov:Agent ; rdfs:label "Royal Boch"@nl .
<https://stad.gent/id/person-x/77> a crm:E21_Person .
<https://stad.gent/id/identificatiesysteem/priref> rdfs:label "priref" .
<http://vocab.getty.edu/aat/300195535> skos:prefLabel "schoteltje"@nl .
[] a <https://data.vlaanderen.be/ns/cultureel-erfgoed#Rol> ; <https://data.vlaanderen.be/ns/cultureel-erfgoed#Rol.agent> <https://stad.gent/id/agent/530024296> .
`;

const map = (quads: Quad[], ctx = GHENT) => entityIris(quads, { recordId: '530000002' }, ctx);
const nq = (quads: Quad[]) => toNQuads(quads);
const subjects = (quads: Quad[]) => new Set(quads.map((q) => q.subject.value));
const has = (quads: Quad[], s: string, p: string, o: string) => quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
const SAME_AS = 'http://www.w3.org/2002/07/owl#sameAs';

describe('entityIris', () => {
  const out = map(parseRdf(TTL, { format: 'text/turtle' }));

  it('puts the main entity on its hub IRI, subject and object, and keeps owl:sameAs the source IRI', () => {
    expect(out.entity).toBe(H);
    expect(out.sourceEntity).toBe(S);
    expect(has(out.quads, H, 'http://www.cidoc-crm.org/cidoc-crm/P102_has_title', 'Schoteltje')).toBe(true);
    expect(has(out.quads, H, SAME_AS, S)).toBe(true);
    expect(out.quads.filter((q) => q.subject.value === S || (q.object.value === S && q.predicate.value !== SAME_AS))).toEqual([]);
    // The production points back at the hub IRI.
    expect(out.quads.some((q) => q.predicate.value.endsWith('P108_has_produced') && q.object.value === H)).toBe(true);
  });

  it('moves the source hash IRIs of the main entity onto the hub IRI', () => {
    expect(has(out.quads, `${H}#objectnummer`, 'http://www.w3.org/2004/02/skos/core#notation', '2008-0038')).toBe(true);
    expect([...subjects(out.quads)].some((s) => s.startsWith(`${S}#`))).toBe(false);
  });

  it('gives the entities the source names in its own namespace a hub IRI with owl:sameAs', () => {
    const agent = 'http://hub.test/id/agent/ghent-dmg/530024296';
    expect(has(out.quads, agent, 'http://www.w3.org/2000/01/rdf-schema#label', 'Royal Boch')).toBe(true);
    expect(has(out.quads, agent, SAME_AS, 'https://stad.gent/id/agent/530024296')).toBe(true);
    // An untyped concept: the type comes from the IRI's path.
    expect(has(out.quads, H, 'http://www.cidoc-crm.org/cidoc-crm/P46i_forms_part_of', 'http://hub.test/id/concept/ghent-dmg/530010739')).toBe(true);
    // Another object of the source: the hub IRI its own record gets.
    expect(has(out.quads, H, 'http://www.cidoc-crm.org/cidoc-crm/P46i_forms_part_of', 'http://hub.test/id/mensgemaaktobject/ghent-dmg/530018750')).toBe(true);
    // A path that names no type: the type comes from rdf:type.
    expect(has(out.quads, 'http://hub.test/id/agent/ghent-dmg/77', SAME_AS, 'https://stad.gent/id/person-x/77')).toBe(true);
    // Neither path nor class names a type the hub publishes: left as the source wrote it.
    expect(subjects(out.quads).has('https://stad.gent/id/identificatiesysteem/priref')).toBe(true);
  });

  it('leaves external vocabularies and IRIs the mappings minted under {base}id/ alone', () => {
    expect(subjects(out.quads).has('http://vocab.getty.edu/aat/300195535')).toBe(true);
    expect(has(out.quads, H, 'http://www.cidoc-crm.org/cidoc-crm/P2_has_type', 'http://hub.test/id/concept/other/x')).toBe(true);
    expect(out.quads.some((q) => q.subject.value === 'http://hub.test/id/concept/other/x')).toBe(false);
  });

  it('turns every blank node into a readable hash IRI of the main entity', () => {
    expect(out.quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
    const production = out.quads.find((q) => q.subject.value === H && q.predicate.value.endsWith('P108i_was_produced_by'))!.object.value;
    expect(production).toMatch(new RegExp(`^${H}#P108i_was_produced_by-[0-9a-f]{8}$`));
    const timeSpan = out.quads.find((q) => q.subject.value === production && q.predicate.value.endsWith('P4_has_time-span'))!.object.value;
    expect(timeSpan).toMatch(/#P4_has_time-span-[0-9a-f]{8}$/);
    // A node nothing points at is named after its class.
    expect([...subjects(out.quads)].some((s) => /#Rol-[0-9a-f]{8}$/.test(s))).toBe(true);
  });

  it('keeps identical siblings apart', () => {
    const dims = out.quads.filter((q) => q.subject.value === H && q.predicate.value.endsWith('P43_has_dimension')).map((q) => q.object.value).sort();
    expect(dims).toHaveLength(2);
    expect(dims[1]).toBe(`${dims[0]}-2`);
    expect(dims[0]).toMatch(/#P43_has_dimension-[0-9a-f]{8}$/);
  });

  it('gives byte-identical N-Quads for the same content, whatever the blank node labels and quad order', () => {
    const again = parseRdf(TTL, { format: 'text/turtle' }).reverse();
    expect(nq(map(again).quads)).toBe(nq(out.quads));
  });

  it('changes only the hash IRI of a nested node whose content changed', () => {
    const changed = map(parseRdf(TTL.replace('"2007"', '"2008"'), { format: 'text/turtle' }));
    const ids = (quads: Quad[]) => [...subjects(quads)].filter((s) => s.includes('#')).sort();
    const before = ids(out.quads);
    const after = ids(changed.quads);
    expect(after.filter((s) => !before.includes(s))).toHaveLength(2); // the time-span and the production holding it
    expect(after.filter((s) => s.includes('#P43_has_dimension'))).toEqual(before.filter((s) => s.includes('#P43_has_dimension')));
  });

  it('lists the hub IRIs the record describes, its owl:sameAs included (not hash IRIs, not external ones)', () => {
    expect(out.describes).toEqual([
      'http://hub.test/id/agent/ghent-dmg/530024296',
      'http://hub.test/id/agent/ghent-dmg/77',
      'http://hub.test/id/concept/ghent-dmg/530010739',
      H,
      'http://hub.test/id/mensgemaaktobject/ghent-dmg/530018750',
    ]);
  });

  it('rewrites nothing of a source without own namespaces but the main entity', () => {
    const plain = map(parseRdf(TTL, { format: 'text/turtle' }), { ...GHENT, ownIriPrefixes: [] });
    expect(subjects(plain.quads).has('https://stad.gent/id/agent/530024296')).toBe(true);
    expect(plain.describes).toEqual([H]);
  });

  it('keeps a mapping that already writes the hub IRI as it is, but for blank nodes', () => {
    const quads = parseRdf(`<${H}> <http://example.org/p> [ <http://example.org/q> "x" ] ; <http://www.w3.org/2002/07/owl#sameAs> <${S}> .`, { format: 'text/turtle' });
    const result = map(quads);
    expect(result.sourceEntity).toBeUndefined();
    expect(result.quads.map((q) => q.subject.value)).toEqual([expect.stringMatching(`^${H}#p-[0-9a-f]{8}$`), H, H]);
    expect(has(result.quads, H, SAME_AS, S)).toBe(true);
  });

  it('gives the real Ghent member the same output on two harvests, on hub IRIs only', async () => {
    const mapper = await loadRecordMapper(projectPath('mappings/ghent-ldes.yml'));
    const body = await readFile(projectPath('bench/shacl/samples/member-dmg-objecten.jsonld'), 'utf8');
    const run = async () => {
      const mapped = await mapper.map({ sourceId: 'ghent-dmg', recordId: '530000002', mediaType: 'application/ld+json', body }, { baseIri: BASE, sourceId: 'ghent-dmg' } as never);
      return map(mapped.quads);
    };
    const [a, b] = [await run(), await run()];
    expect(nq(a.quads)).toBe(nq(b.quads));
    const stadGentSubjects = [...subjects(a.quads)].filter((s) => s.startsWith('https://stad.gent/id/'));
    expect(stadGentSubjects).toEqual([]);
    expect(a.describes).toContain(H);
    expect(a.describes).toContain('http://hub.test/id/agent/ghent-dmg/530024296');
  });
});

describe('sourceEntity', () => {
  const ttl = (body: string) => parseRdf(body, { format: 'text/turtle' });
  const E22 = '<http://www.cidoc-crm.org/cidoc-crm/E22_Human-Made_Object>';
  const AGENT = '<http://www.w3.org/ns/prov#Agent>';

  it('takes the record link, else the typed subject ending in the record id', () => {
    const quads = ttl(`<https://x.test/agent/1> a ${AGENT} . <https://x.test/obj/42> a ${E22} . <https://x.test/other> a ${E22} .`);
    expect(sourceEntity(quads, { recordId: '42' }, H)).toBe('https://x.test/obj/42');
    expect(sourceEntity(quads, { recordId: '42', link: 'https://x.test/other' }, H)).toBe('https://x.test/other');
  });

  it("guesses by the source's entity type, and never takes an IRI a mapping minted under {base}id/", () => {
    const quads = ttl(`<http://hub.test/id/agent/m/7> a ${AGENT} . <https://x.test/agent/1> a ${AGENT} . <https://x.test/obj/a> a ${E22} .`);
    expect(sourceEntity(quads, { recordId: '42' }, H, { baseIri: BASE, entityType: 'mensgemaaktobject' })).toBe('https://x.test/obj/a');
    expect(sourceEntity(quads, { recordId: '42' }, H, { baseIri: BASE })).toBe('https://x.test/agent/1');
    expect(sourceEntity(ttl(`<http://hub.test/id/agent/m/7> a ${AGENT} .`), { recordId: '42' }, H, { baseIri: BASE })).toBeUndefined();
  });

  it('is none when the mapping already writes the hub IRI', () => {
    expect(sourceEntity(ttl(`<${H}> a ${E22} . <https://x.test/obj/42> a ${E22} .`), { recordId: '42' }, H)).toBeUndefined();
  });
});
