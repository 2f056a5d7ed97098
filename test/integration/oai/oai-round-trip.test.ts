/**
 * Round trip: the hub's own OAI-PMH harvester (src/connectors/oai-pmh) against the hub's
 * provider over HTTP on 127.0.0.1, harvesting the way Metis does (ListIdentifiers with
 * resumption, then GetRecord per identifier) and with ListRecords, then incrementally with
 * `from`: the second run gets exactly the changes and the deletes.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DOMParser } from '@xmldom/xmldom';
import express from 'express';
import { createOaiRouter } from '../../../src/api/routes/oai.js';
import { OaiPmhClient } from '../../../src/connectors/oai-pmh/client.js';
import { OaiPmhConfigSchema } from '../../../src/connectors/oai-pmh/config.js';
import { OaiPmhConnector, type OaiPmhState } from '../../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { checkSchematron } from '../../../src/publication/edm/schematron-rules.js';
import { edmSchemaSet, validateWithXsd } from '../../../src/publication/edm/xsd-validator.js';
import { literal, namedNode, quad, type Quad, type Term } from '../../../src/core/rdf.js';
import { BASE, ORGANISATIONS, publish, publishGhentObjects, readMember, rightsQuad, tombstone } from '../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../helpers/memory-store.js';
import { collect, ids } from '../connectors/oai-pmh/harvest-helpers.js';

const store = new MemoryStore();
const second = (ms: number) => Math.floor(ms / 1000) * 1000;
const T0 = second(Date.now()) - 3 * 3600_000; // publication of the first load
const T1 = T0 + 3600_000; // first harvest
const T2 = T1 + 600_000; // changes at the source
const T3 = T2 + 600_000; // second harvest
let clock = T1;
let server: Server;
let baseUrl: string;

const iso = (ms: number) => new Date(ms).toISOString();
const oaiId = (sourceId: string, recordId: string) => `oai:localhost:${sourceId}:${recordId}`;
// The first edm list maps and validates every record: give it time on a loaded machine.
const config = (metadataPrefix: string) => OaiPmhConfigSchema.parse({ baseUrl, metadataPrefix, timeoutMs: 90_000, maxAttempts: 1 });
const SLOW = 120_000;

/** Extra Design Museum Gent records (copies of the sample member under other record ids) so lists take several pages. */
async function publishCopy(recordId: string, published: number, title?: string) {
  const member = await readMember('dmg-objecten');
  const object = `${member.object}-${recordId}`;
  const rename = (t: Term) => (t.termType === 'NamedNode' && t.value === member.object ? namedNode(object) : t);
  const quads: Quad[] = member.quads.map((q) => {
    const o = title && q.predicate.value.endsWith('P102_has_title') ? literal(title, 'nl') : rename(q.object);
    return quad(rename(q.subject) as any, q.predicate, o as any);
  });
  quads.push(rightsQuad(object, 'http://creativecommons.org/publicdomain/zero/1.0/'));
  await publish(store, { sourceId: 'ghent-dmg', recordId, object, quads, organisation: ORGANISATIONS.dmg, published: iso(published) });
}

beforeAll(async () => {
  await publishGhentObjects(store, {
    published: iso(T0),
    rights: { dmg: 'CC0', stam: 'CC BY 4.0', hva: 'Publiek domein', industriemuseum: 'http://rightsstatements.org/vocab/InC/1.0/' },
  });
  for (let i = 1; i <= 5; i++) await publishCopy(`copy-${i}`, T0 + i * 1000);
  const app = express().use(createOaiRouter({ store, baseUrl: 'http://placeholder/oai', baseIri: BASE, pageSize: 3, now: () => clock }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
}, SLOW);

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const published = [
  oaiId('ghent-dmg', '530000002'),
  oaiId('ghent-stam', '550000001'),
  oaiId('ghent-hva', '470000001'),
  oaiId('ghent-industriemuseum', '570000015'),
  ...[1, 2, 3, 4, 5].map((i) => oaiId('ghent-dmg', `copy-${i}`)),
].sort();

describe('A Metis-style harvest of the hub', () => {
  it('lists every identifier with resumption, then gets every record as valid EDM', async () => {
    clock = T1;
    const client = new OaiPmhClient(config('edm'), 'metis');
    const listed: string[] = [];
    let page = await client.list('ListIdentifiers', { metadataPrefix: 'edm' });
    let pages = 1;
    // Metis counts the records from the first page's completeListSize.
    const completeListSize = page.response.resumptionToken?.completeListSize;
    for (;;) {
      expect(page.response.errors).toEqual([]);
      listed.push(...page.response.items.filter((i) => !i.header.deleted).map((i) => i.header.identifier));
      const token = page.response.resumptionToken?.value;
      if (!token) break;
      page = await client.list('ListIdentifiers', { resumptionToken: token });
      pages++;
    }
    expect(pages).toBe(3);
    expect(completeListSize).toBe(9);
    expect([...listed].sort()).toEqual(published);

    const records: string[] = [];
    for (const id of listed) {
      const { response } = await client.getRecord(id, 'edm');
      expect(response.errors).toEqual([]);
      const metadata = response.items[0]!.metadata!;
      // Metis takes the first child of <metadata> as the record: it must be the rdf:RDF.
      const root = new DOMParser().parseFromString(metadata, 'text/xml').documentElement!;
      expect(root.localName).toBe('RDF');
      expect(checkSchematron(metadata)).toEqual([]);
      records.push(metadata);
    }
    const xsd = await validateWithXsd(records, edmSchemaSet());
    expect(xsd.every((p) => p.length === 0)).toBe(true);
  }, SLOW);
});

describe('The hub harvesting its own provider with its OAI-PMH connector', () => {
  const connector = new OaiPmhConnector();
  let state: OaiPmhState | undefined;

  it('gets every published record with ListRecords', async () => {
    clock = T1;
    const h = await collect(connector.read(config('edm'), undefined, 'hub'));
    expect(h.errors).toEqual([]);
    expect(ids(h.records).sort()).toEqual(published);
    expect(h.deletes).toEqual([]);
    expect(h.records.every((r) => r.body.includes('<edm:ProvidedCHO'))).toBe(true);
    state = h.state;
    expect(state?.from).toBe(iso(T1).replace('.000Z', 'Z'));
  }, SLOW);

  it('gets exactly the changes and the deletes on the next incremental run', async () => {
    await publishCopy('copy-2', T2, 'Schoteltje (herzien)');
    await publishCopy('copy-6', T2 + 1000);
    await tombstone(store, { sourceId: 'ghent-dmg', recordId: 'copy-4', deleted: iso(T2 + 2000) });
    clock = T3;
    const h = await collect(connector.read(config('edm'), state, 'hub'));
    expect(h.errors).toEqual([]);
    expect(ids(h.records).sort()).toEqual([oaiId('ghent-dmg', 'copy-2'), oaiId('ghent-dmg', 'copy-6')]);
    expect(h.records.find((r) => r.recordId.endsWith('copy-2'))!.body).toContain('Schoteltje (herzien)');
    expect(h.deletes.map((d) => d.recordId)).toEqual([oaiId('ghent-dmg', 'copy-4')]);
    expect(h.state?.from).toBe(iso(T3).replace('.000Z', 'Z'));
  }, SLOW);
});
