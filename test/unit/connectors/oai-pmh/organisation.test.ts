import { parseOaiResponse } from '../../../../src/connectors/oai-pmh/oai-xml.js';

const page = (payload: string) =>
  `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>` +
  `<ListRecords><record><header><identifier>x:1</identifier><datestamp>2024-01-01</datestamp></header>` +
  `<metadata>${payload}</metadata></record></ListRecords></OAI-PMH>`;

const organisationOf = (payload: string) => parseOaiResponse(page(payload)).items[0].organisation;

const lido = (inner: string) => `<lido:lido xmlns:lido="http://www.lido-schema.org"><lido:lidoRecID>1</lido:lidoRecID>${inner}</lido:lido>`;
const legalBody = (wrapper: string, name: string, attrs = '') =>
  `<lido:${wrapper}${attrs}><lido:legalBodyName><lido:appellationValue>${name}</lido:appellationValue></lido:legalBodyName></lido:${wrapper}>`;

describe('The organisation a harvested payload names', () => {
  it('is LIDO\'s repository before its record source', () => {
    const payload = lido(
      `<lido:repositoryWrap><lido:repositorySet>${legalBody('repositoryName', 'Museum  M\n Leuven')}</lido:repositorySet></lido:repositoryWrap>` +
        `<lido:recordWrap>${legalBody('recordSource', 'Erfgoedcel X')}</lido:recordWrap>`,
    );
    expect(organisationOf(payload)).toBe('Museum M Leuven');
  });

  it('skips a former repository and takes the record source when no current one is named', () => {
    const payload = lido(
      `<lido:repositoryWrap><lido:repositorySet lido:type="former">${legalBody('repositoryName', 'Old owner')}</lido:repositorySet></lido:repositoryWrap>` +
        `<lido:recordWrap>${legalBody('recordSource', '<![CDATA[Erfgoedcel X]]>')}</lido:recordWrap>`,
    );
    expect(organisationOf(payload)).toBe('Erfgoedcel X');
  });

  it('ignores other legal bodies (an actor, rights holder) and empty names', () => {
    const payload = lido(`${legalBody('rightsHolder', 'Rights Inc.')}<lido:recordWrap>${legalBody('recordSource', ' ')}</lido:recordWrap>`);
    expect(organisationOf(payload)).toBeUndefined();
  });

  it('is meemoo\'s content partner, from MediaHaven metadata before the METS IPOWNER agent', () => {
    const mets = (admin: string) =>
      `<mets:mets xmlns:mets="http://www.loc.gov/METS/"><mets:metsHdr><mets:agent ROLE="CUSTODIAN"><mets:name>viaa</mets:name></mets:agent>` +
      `<mets:agent ROLE="IPOWNER"><mets:name>owner-agent</mets:name></mets:agent></mets:metsHdr>` +
      `<mets:dmdSec><mets:mdWrap><mets:xmlData><MediaHAVEN_external_metadata>${admin}</MediaHAVEN_external_metadata></mets:xmlData></mets:mdWrap></mets:dmdSec></mets:mets>`;
    expect(organisationOf(mets('<Administrative><OrganisationName>amsab</OrganisationName></Administrative>'))).toBe('amsab');
    expect(organisationOf(mets('<title>no admin block</title>'))).toBe('owner-agent');
  });

  it('is oai_dc\'s top-level dc:publisher, and nothing for a payload that names none', () => {
    const dc = (inner: string) => `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${inner}</oai_dc:dc>`;
    expect(organisationOf(dc('<dc:title>T</dc:title><dc:publisher>Letterenhuis</dc:publisher>'))).toBe('Letterenhuis');
    expect(organisationOf(dc('<dc:title>T</dc:title>'))).toBeUndefined();
  });
});
