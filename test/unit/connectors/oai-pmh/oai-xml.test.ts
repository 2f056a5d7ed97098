import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOaiResponse, OaiParseError } from '../../../../src/connectors/oai-pmh/oai-xml.js';

// Metis' own harvester fixtures (europeana/metis-framework), copied into fixtures/oai-pmh/metis.
const metis = (name: string) => readFileSync(join('fixtures/oai-pmh/metis', name), 'utf8');

describe('parseOaiResponse on the Metis harvesting fixtures', () => {
  it('reads a GetRecord and re-serialises the oai_dc payload as a standalone document', () => {
    const r = parseOaiResponse(metis('sampleOaiRecord.xml'));
    expect(r.items).toHaveLength(1);
    expect(r.items[0].header).toEqual({ identifier: 'oai:mediateka.centrumzamenhofa.pl:19', datestamp: expect.any(String), sets: expect.any(Array), deleted: false });
    const payload = r.items[0].metadata!;
    expect(payload).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<oai_dc:dc /);
    expect(payload).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
    expect(payload).toContain('Fotografowie z zakładu przy ul. Kocha');
  });

  it('reads a deleted header without metadata', () => {
    const r = parseOaiResponse(metis('deletedOaiRecord.xml'));
    expect(r.items[0].header).toEqual({ identifier: 'oai:mediateka.centrumzamenhofa.pl:20', datestamp: '2020-02-02T12:21:00Z', sets: ['mediateka:PL_2004_1'], deleted: true });
    expect(r.items[0].metadata).toBeUndefined();
    expect(r.items[0].problem).toBeUndefined();
  });

  it('reads a ListIdentifiers page with its resumption token (whitespace trimmed)', () => {
    const r = parseOaiResponse(metis('oaiListIdentifiers.xml'));
    expect(r.items.map((i) => i.header.identifier)).toEqual(['http://kulturarvsdata.se/SMVK-MM/Islam/3300001']);
    expect(r.items[0].header.datestamp).toBe('2017-11-12');
    expect(r.resumptionToken).toEqual({ value: 'edm:smvk-mm:*:*:50:2932', expirationDate: '2017-11-15T13:30:03Z', completeListSize: 2932, cursor: 50 });
  });

  it('tolerates a missing or junk completeListSize (advisory only)', () => {
    expect(parseOaiResponse(metis('oaiListIdentifiersNoCompleteListSize.xml')).resumptionToken?.completeListSize).toBeUndefined();
    const junk = parseOaiResponse(metis('oaiListIdentifiersIncorrectCompleteListSize.xml')).resumptionToken;
    expect(junk?.value).toBe('edm:smvk-mm:*:*:50:2932');
    expect(junk?.completeListSize).toBeUndefined();
  });

  it('ends the list when there is no resumption token', () => {
    const r = parseOaiResponse(metis('oaiListIdentifiersNoResumptionToken.xml'));
    expect(r.items).toHaveLength(1);
    expect(r.resumptionToken).toBeUndefined();
  });

  it('reports OAI error codes (cannotDisseminateFormat) even behind leading whitespace and a stylesheet PI', () => {
    const r = parseOaiResponse(metis('oaiListIdentifiersIncorrectMetadataPrefix.xml'));
    expect(r.errors).toEqual([{ code: 'cannotDisseminateFormat', message: 'Wrong metadata prefix.' }]);
  });
});

describe('parseOaiResponse safety', () => {
  it('refuses a DOCTYPE (no entity expansion, nothing fetched)', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">&e;</OAI-PMH>';
    expect(() => parseOaiResponse(xml)).toThrow(OaiParseError);
  });

  it('refuses a truncated document and a non-OAI root', () => {
    expect(() => parseOaiResponse('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record>')).toThrow(OaiParseError);
    expect(() => parseOaiResponse('<html><body>Proxy error</body></html>')).toThrow(/not OAI-PMH/);
  });

  it('reports a record whose metadata is empty', () => {
    const xml = '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><record><header><identifier>x:1</identifier><datestamp>2024-01-01</datestamp></header><metadata/></record></ListRecords></OAI-PMH>';
    expect(parseOaiResponse(xml).items[0].problem).toMatch(/x:1 has no metadata/);
  });
});
