import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OaiPmhConfigSchema } from '../../../../src/connectors/oai-pmh/config.js';
import { OaiPmhConnector } from '../../../../src/connectors/oai-pmh/oai-pmh-connector.js';
import { collect } from './harvest-helpers.js';

const envelope = (body: string) =>
  `<?xml version="1.0"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate>${body}</OAI-PMH>`;

/** A repository whose only record is Dublin Core without a publisher. */
function answer(verb: string | null): string {
  if (verb === 'Identify') {
    return envelope('<Identify><repositoryName>t</repositoryName><granularity>YYYY-MM-DDThh:mm:ssZ</granularity><deletedRecord>persistent</deletedRecord></Identify>');
  }
  return envelope(
    '<ListRecords><record><header><identifier>x:1</identifier><datestamp>2024-01-01T00:00:00Z</datestamp><setSpec>letterenhuis</setSpec></header>' +
      '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></oai_dc:dc></metadata>' +
      '</record></ListRecords>',
  );
}

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'text/xml');
    res.end(answer(new URL(req.url ?? '/', 'http://x').searchParams.get('verb')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oai`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const harvest = (set?: string) =>
  collect(new OaiPmhConnector().read(OaiPmhConfigSchema.parse({ baseUrl, metadataPrefix: 'oai_dc', set, maxAttempts: 1 }), undefined, 'src'));

describe('An OAI-PMH record whose payload names no organisation', () => {
  it('is under the configured set', async () => {
    const h = await harvest('letterenhuis');
    expect(h.records.map((r) => r.meta?.organisation)).toEqual(['letterenhuis']);
  });

  it('is under the source\'s organisation (none per record) when no set is configured', async () => {
    const h = await harvest();
    expect(h.records).toHaveLength(1);
    expect(h.records[0].meta?.organisation).toBeUndefined();
  });
});
