/**
 * OSLO → EDM for the links and rights the LIDO and meemoo mappings carry: landing page →
 * edm:isShownAt, representation → edm:isShownBy/edm:object (and edm:WebResource), the rights of
 * the representation before the object's, a right's title as dc:rights, and a source's declared
 * rights only where the record states none.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { entityIri } from '../../../../src/core/identifiers.js';
import { projectPath } from '../../../../src/core/paths.js';
import { EdmRecordBuilder, type EdmRecord } from '../../../../src/publication/edm/edm-record.js';
import { listHeritageRecords } from '../../../../src/publication/edm/heritage-records.js';
import { RightsMap } from '../../../../src/publication/edm/rights-map.js';
import { RmlRecordMapper } from '../../../../src/mapping/rml/rml-record-mapper.js';
import { BASE, publish } from '../../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../../helpers/memory-store.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);

const LANDING = 'https://www.mskgent.be/collectie/werk/S-40';
const IMAGE = 'https://images.example.org/S-40.jpg';
const sample = (path: string) => readFileSync(projectPath(path), 'utf8');

/** The real MSK Gent record with a landing page, an image and rights added (LIDO 1.0 element order). */
function mskWith(rightsWork: string, resourceRights: string): string {
  return sample('fixtures/lido/samples/mskgent-310000001-LIDO.xml')
    .replace('<lido:administrativeMetadata>', `<lido:administrativeMetadata>${rightsWork}`)
    .replace('</lido:recordSource>', `</lido:recordSource><lido:recordInfoSet><lido:recordInfoLink>${LANDING}</lido:recordInfoLink></lido:recordInfoSet>`)
    .replace(
      '</lido:recordWrap>',
      `</lido:recordWrap><lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation><lido:linkResource>${IMAGE}</lido:linkResource></lido:resourceRepresentation>${resourceRights}</lido:resourceSet></lido:resourceWrap>`,
    );
}
const rightsWork = (term: string) => `<lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:term>${term}</lido:term></lido:rightsType><lido:creditLine>MSK Gent</lido:creditLine></lido:rightsWorkSet></lido:rightsWorkWrap>`;
const rightsResource = (iri: string) => `<lido:rightsResource><lido:rightsType><lido:conceptID>${iri}</lido:conceptID></lido:rightsType></lido:rightsResource>`;

describe('EDM records of LIDO and meemoo objects', () => {
  const store = new MemoryStore();
  const records = new Map<string, EdmRecord>();

  beforeAll(async () => {
    const lido = await RmlRecordMapper.load(projectPath('mappings/lido-object.yml'));
    const meemoo = await RmlRecordMapper.load(projectPath('mappings/meemoo-object.yml'));
    const inputs = [
      // Resource rights (CC BY, https spelling) and work rights (public domain): the resource's count.
      { sourceId: 'lido-both', mapper: lido, body: mskWith(rightsWork('Publiek domein'), rightsResource('https://creativecommons.org/licenses/by/4.0/')) },
      // Only the work's rights.
      { sourceId: 'lido-work', mapper: lido, body: mskWith(rightsWork('Publiek domein'), '') },
      // Rights the map does not know: the record states them, so a declaration does not replace them.
      { sourceId: 'lido-unmapped', mapper: lido, body: mskWith(rightsWork('Alle rechten voorbehouden'), '') },
      // No rights at all, links only.
      { sourceId: 'lido-none', mapper: lido, body: mskWith('', '') },
      { sourceId: 'meemoo', mapper: meemoo, body: sample('fixtures/meemoo/samples/meemoo-mets-record.xml') },
    ];
    for (const input of inputs) {
      const { quads } = await input.mapper.map({ sourceId: input.sourceId, recordId: 'rec', mediaType: 'application/xml', body: input.body }, { baseIri: BASE, sourceId: input.sourceId });
      await publish(store, { sourceId: input.sourceId, recordId: 'rec', object: entityIri(BASE, 'mensgemaaktobject', input.sourceId, 'rec'), quads, organisation: 'Org', published: '2026-12-01T10:00:00Z' });
    }
    // Every source declares "Copyright Not Evaluated" for records that state no rights.
    const declared = Object.fromEntries(inputs.map((i) => [i.sourceId, 'http://rightsstatements.org/vocab/CNE/1.0/']));
    const rightsMap = new RightsMap({ ...RightsMap.load().toJSON(), sources: declared });
    for (const r of await new EdmRecordBuilder(store, { provider: 'Culture LOD Hub', rightsMap }).build(await listHeritageRecords(store))) records.set(r.ref.sourceId, r);
  });

  it('shows the landing page and the image: edm:isShownAt, edm:isShownBy, edm:object and a WebResource', () => {
    const xml = records.get('lido-both')!.xml;
    expect(xml).toContain(`<edm:isShownAt rdf:resource="${LANDING}"/>`);
    expect(xml).toContain(`<edm:isShownBy rdf:resource="${IMAGE}"/>`);
    expect(xml).toContain(`<edm:object rdf:resource="${IMAGE}"/>`);
    expect(xml).toContain(`<edm:WebResource rdf:about="${IMAGE}"`);
    expect(records.get('lido-both')!.problems).toEqual([]);
  });

  it("takes the representation's rights over the object's, canonicalised", () => {
    expect(records.get('lido-both')!.xml).toContain('<edm:rights rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>');
  });

  it("takes the object's rights (a label from the rights map) when the representation states none, with the credit line as dc:rights", () => {
    const work = records.get('lido-work')!;
    expect(work.problems).toEqual([]);
    expect(work.xml).toContain('<edm:rights rdf:resource="http://creativecommons.org/publicdomain/mark/1.0/"/>');
    expect(work.xml).toContain('<dc:rights xml:lang="und">MSK Gent</dc:rights>');
  });

  it("keeps the record's own rights over the source's declaration, even when they do not map", () => {
    const unmapped = records.get('lido-unmapped')!;
    expect(unmapped.problems.map((p) => p.rule)).toContain('rights:unmapped');
    expect(unmapped.xml).not.toContain('CNE');
  });

  it('uses the declaration for a record without rights', () => {
    const none = records.get('lido-none')!;
    expect(none.problems).toEqual([]);
    expect(none.xml).toContain('<edm:rights rdf:resource="http://rightsstatements.org/vocab/CNE/1.0/"/>');
  });

  it("makes a valid record of the meemoo METS sample: browse copy shown, rights_owner as dc:rights, the source's declaration as edm:rights", () => {
    const m = records.get('meemoo')!;
    expect(m.problems).toEqual([]);
    expect(m.xml).toContain('<edm:isShownBy rdf:resource="https://archief-media.meemoo.be/viaa/TVBXL/8938w0w54/8938w0w54.png"/>');
    expect(m.xml).toContain('<dc:rights xml:lang="und">© Copyright BRUZZ</dc:rights>');
    expect(m.xml).toContain('<edm:rights rdf:resource="http://rightsstatements.org/vocab/CNE/1.0/"/>');
  });

  it('withholds a record without a declaration with rights:missing', async () => {
    const [m] = await new EdmRecordBuilder(store, { provider: 'Culture LOD Hub', rightsMap: new RightsMap({ ...RightsMap.load().toJSON(), sources: {} }) }).build(
      (await listHeritageRecords(store)).filter((r) => r.sourceId === 'meemoo'),
    );
    expect(m!.problems.map((p) => p.rule)).toEqual(['rights:missing', 'xsd:EDM', 'schematron:M21']);
  });
});
