/**
 * Checks the hub's OAI-PMH provider the way the OAI registry's validator (HTTP::OAIPMH::Validator,
 * checklist in ../shared/conformance/oaipmh/README.md) and Europeana's harvester do, over HTTP on
 * 127.0.0.1: the six verbs, the error-request table by GET and by POST, resumption, `from`, and
 * every response against OAI-PMH.xsd with its payload schema (oai_dc or EDM-external). It also
 * validates the Metis harvester fixtures with the same schema sets, as a check on the schemas.
 * Usage: npm run conformance:oai-pmh
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import express from 'express';
import { createOaiRouter } from '../src/api/routes/oai.js';
import { projectPath } from '../src/core/paths.js';
import { RightsMap } from '../src/publication/edm/rights-map.js';
import { validateWithXsd } from '../src/publication/edm/xsd-validator.js';
import { oaiResponseSchemaSet } from '../src/publication/oai-pmh/oai-schemas.js';
import { OxigraphStore } from '../src/store/oxigraph-store.js';
import { BASE, publishGhentObjects, tombstone } from '../fixtures/edm/ghent-heritage.js';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const SHARED = projectPath('../shared/conformance/oaipmh');

interface Check {
  name: string;
  params: Record<string, string>;
  /** Error codes that pass; empty = the answer must carry no error. */
  codes: string[];
  payload: 'oai_dc' | 'edm';
  method?: 'GET' | 'POST';
  /** Extra condition on the body. */
  also?: (body: string) => string | undefined;
}

interface Outcome {
  check: Check;
  body: string;
  problems: string[];
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const all = (xml: string, tag: string) => Array.from(parse(xml).getElementsByTagNameNS(OAI, tag)) as any[];

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'oai-conformance-'));
  const store = new OxigraphStore({ dataDir });
  await store.open();
  let server: Server | undefined;
  try {
    await publishGhentObjects(store, { rights: { dmg: 'CC0', stam: 'CC BY 4.0', industriemuseum: 'http://rightsstatements.org/vocab/InC/1.0/' }, published: '2026-11-20T10:00:00Z' });
    await tombstone(store, { sourceId: 'ghent-dmg', recordId: '530000099', deleted: '2026-11-21T09:30:00Z' });
    const rightsMap = RightsMap.load();
    const app = express().use(createOaiRouter({ store, baseUrl: 'http://127.0.0.1/oai', baseIri: BASE, adminEmail: ['oai@example.org'], pageSize: 2, rightsMap }));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
    const request = async (params: Record<string, string>, method: 'GET' | 'POST' = 'GET') => {
      const form = new URLSearchParams(params).toString();
      const res = method === 'GET' ? await fetch(`${url}?${form}`) : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
      return { status: res.status, body: await res.text() };
    };

    const id = 'oai:localhost:ghent-dmg:530000002';
    const checks: Check[] = [
      { name: 'Identify', params: { verb: 'Identify' }, codes: [], payload: 'oai_dc', also: (b) => (/<granularity>YYYY-MM-DDThh:mm:ssZ<\/granularity>/.test(b) && /<deletedRecord>persistent</.test(b) ? undefined : 'granularity/deletedRecord') },
      { name: 'ListSets', params: { verb: 'ListSets' }, codes: [], payload: 'oai_dc' },
      { name: 'ListIdentifiers oai_dc', params: { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' }, codes: [], payload: 'oai_dc' },
      { name: 'ListIdentifiers edm', params: { verb: 'ListIdentifiers', metadataPrefix: 'edm' }, codes: [], payload: 'edm' },
      { name: 'ListMetadataFormats includes oai_dc', params: { verb: 'ListMetadataFormats' }, codes: [], payload: 'oai_dc', also: (b) => (b.includes('<metadataPrefix>oai_dc</metadataPrefix>') ? undefined : 'no oai_dc') },
      { name: 'GetRecord oai_dc', params: { verb: 'GetRecord', identifier: id, metadataPrefix: 'oai_dc' }, codes: [], payload: 'oai_dc' },
      { name: 'GetRecord edm', params: { verb: 'GetRecord', identifier: id, metadataPrefix: 'edm' }, codes: [], payload: 'edm' },
      { name: 'GetRecord deleted', params: { verb: 'GetRecord', identifier: 'oai:localhost:ghent-dmg:530000099', metadataPrefix: 'edm' }, codes: [], payload: 'edm', also: (b) => (b.includes('status="deleted"') ? undefined : 'not marked deleted') },
      { name: 'ListRecords from a datestamp', params: { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2026-11-20T10:00:00Z' }, codes: [], payload: 'oai_dc' },
      { name: 'ListRecords edm', params: { verb: 'ListRecords', metadataPrefix: 'edm' }, codes: [], payload: 'edm' },
    ];
    const errorRequests: [string, Record<string, string>, string[]][] = [
      ['no verb', {}, ['badVerb']],
      ['verb=junk', { verb: 'junk' }, ['badVerb']],
      ['GetRecord without identifier', { verb: 'GetRecord', metadataPrefix: 'oai_dc' }, ['badArgument']],
      ['GetRecord without metadataPrefix', { verb: 'GetRecord', identifier: id }, ['badArgument']],
      ['GetRecord invalid"id', { verb: 'GetRecord', identifier: 'invalid"id', metadataPrefix: 'oai_dc' }, ['badArgument', 'idDoesNotExist']],
      ['ListIdentifiers until=junk', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', until: 'junk' }, ['badArgument']],
      ['ListIdentifiers from=junk', { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: 'junk' }, ['badArgument']],
      ['ListIdentifiers token=junk with until', { verb: 'ListIdentifiers', resumptionToken: 'junk', until: '2000-02-05' }, ['badArgument', 'badResumptionToken']],
      ['ListRecords from=junk', { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: 'junk' }, ['badArgument']],
      ['ListRecords until=junk', { verb: 'ListRecords', metadataPrefix: 'oai_dc', until: 'junk' }, ['badArgument']],
      ['ListRecords without arguments', { verb: 'ListRecords' }, ['badArgument']],
      ['ListRecords token=junk', { verb: 'ListRecords', resumptionToken: 'junk' }, ['badResumptionToken']],
      ['ListRecords token=junk with until', { verb: 'ListRecords', metadataPrefix: 'oai_dc', resumptionToken: 'junk', until: '1990-01-10' }, ['badArgument', 'badResumptionToken']],
      ['ListRecords mixed granularity', { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2002-02-05', until: '2002-02-06T05:35:00Z' }, ['badArgument']],
      ['ListRecords until before earliestDatestamp', { verb: 'ListRecords', metadataPrefix: 'oai_dc', until: '2025-11-20T10:00:00Z' }, ['noRecordsMatch']],
      ['ListRecords unknown format', { verb: 'ListRecords', metadataPrefix: 'lido' }, ['cannotDisseminateFormat']],
      ['ListMetadataFormats unknown id', { verb: 'ListMetadataFormats', identifier: 'oai:localhost:x:y' }, ['idDoesNotExist']],
      ['ListSets token', { verb: 'ListSets', resumptionToken: 'x' }, ['badResumptionToken']],
    ];
    for (const [name, params, codes] of errorRequests) {
      checks.push({ name: `GET ${name}`, params, codes, payload: 'oai_dc' });
      checks.push({ name: `POST ${name}`, params, codes, payload: 'oai_dc', method: 'POST' });
    }
    checks.push({ name: 'POST Identify', params: { verb: 'Identify' }, codes: [], payload: 'oai_dc', method: 'POST' });
    checks.push({ name: 'POST GetRecord', params: { verb: 'GetRecord', identifier: id, metadataPrefix: 'edm' }, codes: [], payload: 'edm', method: 'POST' });

    const outcomes: Outcome[] = [];
    for (const check of checks) {
      const { status, body } = await request(check.params, check.method);
      const problems: string[] = [];
      if (status !== 200) problems.push(`HTTP ${status}`);
      const codes = all(body, 'error').map((e) => e.getAttribute('code'));
      if (check.codes.length === 0 ? codes.length > 0 : !codes.some((c) => check.codes.includes(c))) problems.push(`errors [${codes.join(', ')}], expected [${check.codes.join(', ') || 'none'}]`);
      const extra = check.also?.(body);
      if (extra) problems.push(extra);
      outcomes.push({ check, body, problems });
    }
    // Unlimited lists: follow every token; the last page carries an empty token.
    for (const prefix of ['oai_dc', 'edm'] as const) {
      const check: Check = { name: `ListRecords ${prefix} followed to the end`, params: { verb: 'ListRecords', metadataPrefix: prefix }, codes: [], payload: prefix };
      const problems: string[] = [];
      let { body } = await request(check.params);
      let pages = 1;
      for (;;) {
        const token = all(body, 'resumptionToken')[0];
        if (!token || token.textContent === '') break;
        ({ body } = await request({ verb: 'ListRecords', resumptionToken: token.textContent }));
        pages++;
        if (all(body, 'error').length > 0) problems.push(`page ${pages}: ${all(body, 'error')[0].getAttribute('code')}`);
      }
      if (pages < 2) problems.push('expected several pages');
      outcomes.push({ check, body, problems });
    }
    for (const payload of ['oai_dc', 'edm'] as const) {
      const subset = outcomes.filter((o) => o.check.payload === payload);
      const xsd = await validateWithXsd(subset.map((o) => o.body), oaiResponseSchemaSet(payload));
      subset.forEach((o, i) => xsd[i]!.forEach((p) => o.problems.push(`XSD line ${p.line}: ${p.message}`)));
    }
    const passed = outcomes.filter((o) => o.problems.length === 0).length;
    console.log(`OAI-PMH provider: ${passed}/${outcomes.length} checks passed (every response XSD-validated with its payload schema)`);
    for (const o of outcomes.filter((x) => x.problems.length > 0)) console.log(`  FAIL ${o.check.name}: ${o.problems.join('; ')}`);

    if (existsSync(SHARED)) {
      const dir = join(SHARED, 'metis-harvesting-fixtures');
      const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
      const docs = files.map((f) => readFileSync(join(dir, f), 'utf8'));
      const results = await validateWithXsd(docs, oaiResponseSchemaSet('oai_dc'));
      console.log('Metis harvester fixtures against OAI-PMH.xsd + oai_dc (README: IncorrectCompleteListSize and IncorrectMetadataPrefix are broken on purpose; expectedOaiRecord is a bare payload):');
      files.forEach((f, i) => console.log(`  ${results[i]!.length === 0 ? 'valid  ' : 'invalid'} ${f}${results[i]!.length ? ` (${results[i]![0]!.message.slice(0, 100)})` : ''}`));
    } else {
      console.log(`(${SHARED} absent: Metis fixtures skipped)`);
    }
    process.exitCode = passed === outcomes.length ? 0 : 1;
  } finally {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
