/**
 * Links to show and rights, as the LIDO and meemoo mappings carry them into OSLO: landing page
 * (foaf:page), digital representations (crm:P138i_has_representation a crm:E36_Visual_Item) and
 * rights (crm:P104_is_subject_to a crm:E30_Right typed with the statement). Only what the record gives.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../src/core/paths.js';
import { RmlRecordMapper } from '../../../src/mapping/rml/rml-record-mapper.js';
import type { Quad } from '../../../src/core/rdf.js';

const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const FOAF_PAGE = 'http://xmlns.com/foaf/0.1/page';
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const PREF_LABEL = 'http://www.w3.org/2004/02/skos/core#prefLabel';
const BASE = 'http://hub.test/';
const OBJECT = `${BASE}id/mensgemaaktobject/src/rec`;

const objects = (quads: Quad[], s: string, p: string) => quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);

async function mapWith(mapping: string, body: string): Promise<Quad[]> {
  const mapper = await RmlRecordMapper.load(projectPath('mappings', mapping));
  return (await mapper.map({ sourceId: 'src', recordId: 'rec', mediaType: 'application/xml', body }, { baseIri: BASE, sourceId: 'src' })).quads;
}

/** A real MSK Gent record with administrative metadata added (LIDO 1.0 element order). */
function mskWith(recordInfo: string, rightsWork: string, resource: string): string {
  const sample = readFileSync(projectPath('fixtures/lido/samples/mskgent-310000001-LIDO.xml'), 'utf8');
  return sample
    .replace('<lido:administrativeMetadata>', `<lido:administrativeMetadata>${rightsWork}`)
    .replace('</lido:recordSource>', `</lido:recordSource>${recordInfo}`)
    .replace('</lido:recordWrap>', `</lido:recordWrap>${resource}`);
}

const LANDING = 'https://www.mskgent.be/collectie/werk/S-40';
const IMAGE = 'https://images.example.org/S-40.jpg';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

describe('The LIDO mapping', () => {
  let quads: Quad[];
  beforeAll(async () => {
    quads = await mapWith(
      'lido-object.yml',
      mskWith(
        `<lido:recordInfoSet><lido:recordInfoLink>${LANDING}</lido:recordInfoLink></lido:recordInfoSet>`,
        '<lido:rightsWorkWrap><lido:rightsWorkSet><lido:rightsType><lido:term>Publiek domein</lido:term></lido:rightsType><lido:creditLine>MSK Gent</lido:creditLine></lido:rightsWorkSet></lido:rightsWorkWrap>',
        `<lido:resourceWrap><lido:resourceSet><lido:resourceRepresentation><lido:linkResource>${IMAGE}</lido:linkResource></lido:resourceRepresentation>` +
          `<lido:rightsResource><lido:rightsType><lido:conceptID lido:type="URI">${CC_BY}</lido:conceptID><lido:term>CC BY 4.0</lido:term></lido:rightsType></lido:rightsResource></lido:resourceSet></lido:resourceWrap>`,
      ),
    );
  });

  it('gives the landing page of lido:recordInfoLink as foaf:page', () => {
    expect(objects(quads, OBJECT, FOAF_PAGE)).toEqual([LANDING]);
  });

  it('gives each lido:linkResource as a VisueelItem representing the object', () => {
    expect(objects(quads, OBJECT, `${CRM}P138i_has_representation`)).toEqual([IMAGE]);
    expect(objects(quads, IMAGE, RDF_TYPE)).toEqual([`${CRM}E36_Visual_Item`]);
    expect(objects(quads, IMAGE, `${CRM}P138_represents`)).toEqual([OBJECT]);
  });

  it("puts lido:rightsResource on the resource and lido:rightsWorkSet on the object, the statement as the right's type", () => {
    const [resourceRight] = objects(quads, IMAGE, `${CRM}P104_is_subject_to`);
    expect(objects(quads, resourceRight!, RDF_TYPE)).toEqual([`${CRM}E30_Right`]);
    expect(objects(quads, resourceRight!, `${CRM}P2_has_type`)).toEqual([CC_BY]);
    const workRights = objects(quads, OBJECT, `${CRM}P104_is_subject_to`);
    expect(workRights).toHaveLength(2);
    const types = workRights.flatMap((r) => objects(quads, r, `${CRM}P2_has_type`));
    expect(types).toEqual([`${BASE}id/concept/src/recht/Publiek%20domein`]);
    expect(objects(quads, types[0]!, PREF_LABEL)).toEqual(['Publiek domein']);
    expect(workRights.flatMap((r) => objects(quads, r, `${CRM}P102_has_title`))).toEqual(['MSK Gent']);
  });

  it('invents no link or right for a record that gives none (the MSK Gent sample as it is)', async () => {
    const plain = await mapWith('lido-object.yml', readFileSync(projectPath('fixtures/lido/samples/mskgent-310000001-LIDO.xml'), 'utf8'));
    for (const p of [FOAF_PAGE, `${CRM}P138i_has_representation`, `${CRM}P104_is_subject_to`]) expect(objects(plain, OBJECT, p)).toEqual([]);
  });
});

describe('The meemoo METS mapping', () => {
  let quads: Quad[];
  beforeAll(async () => {
    quads = await mapWith('meemoo-object.yml', readFileSync(projectPath('fixtures/meemoo/samples/meemoo-mets-record.xml'), 'utf8'));
  });

  it('gives the browse copy (mets:file USE="ACCESS") as the representation, not the preservation file or the no-preview keyframe', () => {
    expect(objects(quads, OBJECT, `${CRM}P138i_has_representation`)).toEqual(['https://archief-media.meemoo.be/viaa/TVBXL/8938w0w54/8938w0w54.png']);
    expect(quads.some((q) => q.object.value.includes('no-preview'))).toBe(false);
  });

  it('keeps rights_owner as the title of a right without a type: a credit line, not a rights statement', () => {
    const [right] = objects(quads, OBJECT, `${CRM}P104_is_subject_to`);
    expect(objects(quads, right!, `${CRM}P102_has_title`)).toEqual(['© Copyright BRUZZ']);
    expect(objects(quads, right!, `${CRM}P2_has_type`)).toEqual([]);
  });
});
