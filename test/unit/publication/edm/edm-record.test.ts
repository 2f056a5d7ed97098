import { jest } from '@jest/globals';
import { DOMParser } from '@xmldom/xmldom';
import { EdmRecordBuilder } from '../../../../src/publication/edm/edm-record.js';
import { listHeritageRecords } from '../../../../src/publication/edm/heritage-records.js';
import { RightsMap } from '../../../../src/publication/edm/rights-map.js';
import { publishGhentObjects, publish, readMember, tombstone } from '../../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../../helpers/memory-store.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

function topLevel(xml: string): string[] {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const out: string[] = [];
  for (let n = root.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push((n as any).nodeName);
  return out;
}

describe('An EdmRecordBuilder over the Ghent objects', () => {
  const store = new MemoryStore();
  let records: Awaited<ReturnType<EdmRecordBuilder['build']>>;

  beforeAll(async () => {
    await publishGhentObjects(store, {
      rights: { dmg: 'https://creativecommons.org/publicdomain/zero/1.0/', stam: 'CC BY 4.0', industriemuseum: 'http://rightsstatements.org/vocab/NoC-US/1.0/' },
    });
    // A dossier (not a heritage object) is published too and must stay out.
    const dossier = await readMember('archiefgent-objecten');
    await publish(store, { sourceId: 'archief', recordId: '670000659', object: dossier.object, quads: dossier.quads, published: '2026-11-20T10:00:00Z', entityType: 'dossier' });
    const refs = await listHeritageRecords(store);
    records = await new EdmRecordBuilder(store, { provider: 'Culture LOD Hub', rightsMap: RightsMap.load() }).build(refs);
  });

  it('finds the four objects and not the dossier', () => {
    expect(records.map((r) => r.ref.sourceId).sort()).toEqual(['ghent-dmg', 'ghent-hva', 'ghent-industriemuseum', 'ghent-stam']);
  });

  it('makes a valid EDM record when the rights map to an accepted statement', () => {
    const dmg = records.find((r) => r.ref.sourceId === 'ghent-dmg')!;
    expect(dmg.problems).toEqual([]);
    expect(records.find((r) => r.ref.sourceId === 'ghent-stam')!.problems).toEqual([]);
    expect(dmg.xml).toContain('<edm:rights rdf:resource="http://creativecommons.org/publicdomain/zero/1.0/"/>');
    expect(records.find((r) => r.ref.sourceId === 'ghent-stam')!.xml).toContain('<edm:rights rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>');
  });

  it('maps the OSLO object to the ProvidedCHO, aggregation and contextual resources, all at top level', () => {
    const dmg = records.find((r) => r.ref.sourceId === 'ghent-dmg')!;
    const top = topLevel(dmg.xml);
    expect(top[0]).toBe('edm:ProvidedCHO');
    expect(top.at(-1)).toBe('ore:Aggregation');
    expect(new Set(top)).toEqual(new Set(['edm:ProvidedCHO', 'edm:WebResource', 'edm:Agent', 'edm:Place', 'edm:TimeSpan', 'skos:Concept', 'ore:Aggregation']));
    expect(dmg.xml).toContain(`<edm:ProvidedCHO rdf:about="${dmg.ref.entity}">`);
    expect(dmg.xml).toContain(`<dc:title xml:lang="nl">Schoteltje van het servies 'Pieter Stockmans For Friends I'</dc:title>`);
    expect(dmg.xml).toContain('<dc:type rdf:resource="http://vocab.getty.edu/aat/300195535"/>');
    // Ghent's agent is on the hub IRI the record gave it, linked to Ghent's own IRI.
    expect(dmg.xml).toContain('<dc:creator rdf:resource="http://localhost:3000/id/agent/ghent-dmg/530024296"/>');
    expect(dmg.xml).toMatch(/<edm:Agent rdf:about="http:\/\/localhost:3000\/id\/agent\/ghent-dmg\/530024296">[^]*?<owl:sameAs rdf:resource="https:\/\/stad.gent\/id\/agent\/530024296"\/>[^]*?<\/edm:Agent>/);
    expect(dmg.xml).toContain('<edm:type>IMAGE</edm:type>');
    expect(dmg.xml).toContain('<owl:sameAs rdf:resource="https://stad.gent/id/mensgemaaktobject/dmg/530000002"/>');
    expect(dmg.xml).toContain('<edm:dataProvider>Design Museum Gent</edm:dataProvider>');
    expect(dmg.xml).toContain('<edm:provider>Culture LOD Hub</edm:provider>');
    expect(dmg.xml).toContain('<edm:isShownAt rdf:resource="https://stad.gent/data/mensgemaaktobject/dmg/530000002/2023-02-13T16:19:43.573Z"/>');
    expect(dmg.xml).toMatch(/<edm:TimeSpan rdf:about="[^"]+">\s*<skos:prefLabel>2007\/2008<\/skos:prefLabel>\s*<edm:begin>2007<\/edm:begin>\s*<edm:end>2008<\/edm:end>/);
    expect(dmg.xml).toMatch(/<edm:Place rdf:about="http:\/\/vocab.getty.edu\/tgn\/1026545">\s*<skos:prefLabel xml:lang="nl">La Louvière<\/skos:prefLabel>/);
    expect(dmg.xml).toContain('dcterms:isReferencedBy rdf:resource="https://api.collectie.gent/iiif/presentation/v2/manifest/dmg:2008-0038_11-14"');
    // Nothing nested: every rdf:about sits on a child of rdf:RDF.
    const doc = new DOMParser().parseFromString(dmg.xml, 'text/xml');
    const abouts = Array.from(doc.getElementsByTagName('*')).filter((e: any) => e.getAttributeNS(RDF_NS, 'about'));
    expect(abouts.every((e: any) => e.parentNode === doc.documentElement)).toBe(true);
  });

  it('withholds records whose rights are missing or not accepted, with the rule', () => {
    const hva = records.find((r) => r.ref.sourceId === 'ghent-hva')!;
    expect(hva.problems[0]).toMatchObject({ rule: 'rights:missing' });
    expect(hva.problems.map((p) => p.rule)).toContain('schematron:M21');
    expect(hva.xml).not.toContain('<edm:rights');
    const im = records.find((r) => r.ref.sourceId === 'ghent-industriemuseum')!;
    expect(im.problems[0]).toMatchObject({ rule: 'rights:not-accepted' });
  });

  it('leaves tombstones out of the built records and lists them as deleted', async () => {
    const other = new MemoryStore();
    const [first] = await publishGhentObjects(other, { rights: { dmg: 'CC0' } });
    await tombstone(other, { sourceId: first!.sourceId, recordId: first!.recordId, deleted: '2026-11-21T09:00:00Z' });
    const refs = await listHeritageRecords(other);
    expect(refs.find((r) => r.graph === first!.graph)).toMatchObject({ deleted: true, changed: '2026-11-21T09:00:00Z' });
    const built = await new EdmRecordBuilder(other, { provider: 'p' }).build(refs);
    expect(built.map((r) => r.ref.graph)).not.toContain(first!.graph);
  });
});
