/**
 * Contract between the connectors and the sector mappings: records harvested from each
 * fixture, exactly as the connector hands them on, map to triples with the mapping a source
 * of that family uses (mappings/*.yml). Catches body shapes a mapping cannot read (wrong root,
 * namespaces lost or added by re-serialisation, JSON wrapped differently).
 */
import type { RawRecord } from '../../../../src/connectors/contract.js';
import { OaiPmhConfigSchema } from '../../../../src/connectors/oai-pmh/config.js';
import { OaiPmhConnector } from '../../../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { UitdatabankConfigSchema } from '../../../../src/connectors/uitdatabank/config.js';
import { UitdatabankConnector } from '../../../../src/connectors/uitdatabank/uitdatabank-connector.js';
import { TicketmaticConfigSchema } from '../../../../src/connectors/ticketmatic/config.js';
import { TicketmaticConnector } from '../../../../src/connectors/ticketmatic/ticketmatic-connector.js';
import { RmlRecordMapper } from '../../../../src/mapping/rml/rml-record-mapper.js';
import { startOaiPmhFixture } from '../../../../fixtures/oai-pmh/server.js';
import { startUitdatabankFixture } from '../../../../fixtures/uitdatabank/server.js';
import { startTicketmaticFixture } from '../../../../fixtures/ticketmatic/server.js';
import { collect } from './harvest-helpers.js';

const BASE = 'http://localhost:3000/';

async function mapAll(mapping: string, records: RawRecord[]) {
  const mapper = await RmlRecordMapper.load(mapping);
  const counts: number[] = [];
  for (const record of records) {
    const out = await mapper.map(record, { baseIri: BASE, sourceId: record.sourceId });
    counts.push(out.quads.length);
  }
  return counts;
}

describe('Harvested records map with the sector mappings', () => {
  it('OAI-PMH oai_lido → mappings/lido-object.yml', async () => {
    const fixture = await startOaiPmhFixture({ count: 8 });
    const h = await collect(new OaiPmhConnector().read(OaiPmhConfigSchema.parse({ baseUrl: fixture.url, metadataPrefix: 'oai_lido' }), undefined, 'arthub'));
    await fixture.close();
    const counts = await mapAll('mappings/lido-object.yml', h.records);
    expect(counts).toHaveLength(8);
    expect(Math.min(...counts)).toBeGreaterThan(10);
  });

  it('OAI-PMH meemoo mets → mappings/meemoo-object.yml', async () => {
    const fixture = await startOaiPmhFixture({ profile: 'meemoo', count: 4 });
    const config = OaiPmhConfigSchema.parse({ baseUrl: fixture.url, metadataPrefix: 'mets', username: 'harvester', password: 'secret' });
    const h = await collect(new OaiPmhConnector().read(config, undefined, 'meemoo'));
    await fixture.close();
    expect(h.records[0].body).not.toContain('xmlns="http://www.openarchives.org/OAI/2.0/"');
    const counts = await mapAll('mappings/meemoo-object.yml', h.records);
    expect(Math.min(...counts)).toBeGreaterThan(3);
  });

  it('OAI-PMH oai_dc → mappings/oai-dc-object.yml', async () => {
    const fixture = await startOaiPmhFixture({ count: 4 });
    const h = await collect(new OaiPmhConnector().read(OaiPmhConfigSchema.parse({ baseUrl: fixture.url, metadataPrefix: 'oai_dc' }), undefined, 'arthub-dc'));
    await fixture.close();
    const counts = await mapAll('mappings/oai-dc-object.yml', h.records);
    expect(Math.min(...counts)).toBeGreaterThan(2);
  });

  it('UiTdatabank events, places, organizers → mappings/uitdatabank-{event,place,organizer}.yml', async () => {
    const fixture = await startUitdatabankFixture({ count: 4 });
    const config = UitdatabankConfigSchema.parse({ baseUrl: fixture.url, clientId: 'test-client' });
    const h = await collect(new UitdatabankConnector().read(config, undefined, 'uit'));
    await fixture.close();
    for (const entity of ['event', 'place', 'organizer']) {
      const counts = await mapAll(`mappings/uitdatabank-${entity}.yml`, h.records.filter((r) => r.meta?.entity === entity));
      expect(counts).toHaveLength(4);
      expect(Math.min(...counts)).toBeGreaterThan(3);
    }
  });

  it('Ticketmatic events → mappings/ticketmatic-event.yml', async () => {
    const fixture = await startTicketmaticFixture({ count: 5 });
    const config = TicketmaticConfigSchema.parse({ baseUrl: fixture.url.replace(/\/[^/]+$/, ''), account: fixture.account, accessKey: 'a1b2c3d4e5f6', secretKey: 'test-secret-key' });
    const h = await collect(new TicketmaticConnector().read(config, undefined, 'tm'));
    await fixture.close();
    const counts = await mapAll('mappings/ticketmatic-event.yml', h.records);
    expect(counts.length).toBeGreaterThan(0);
    expect(Math.min(...counts)).toBeGreaterThan(5);
  });
});
