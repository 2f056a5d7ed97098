/**
 * /oai in the hub's app over records published by the pipeline's own writes (record-publisher),
 * as in the demo: the Design Museum Gent source appears as sets with valid EDM.
 */
import { jest } from '@jest/globals';
import request from 'supertest';
import { literal, namedNode, quad, type Quad, type Term } from '../../../src/core/rdf.js';
import { entityIri } from '../../../src/core/identifiers.js';
import { checkSchematron } from '../../../src/publication/edm/schematron-rules.js';
import { oaiResponseSchemaSet } from '../../../src/publication/oai-pmh/oai-schemas.js';
import { validateWithXsd } from '../../../src/publication/edm/xsd-validator.js';
import { readMember } from '../../../fixtures/edm/ghent-heritage.js';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { publishWrites } from '../../../src/pipeline/record-publisher.js';
import { createApp } from '../../../src/api/app.js';
import { Hub } from '../../../src/pipeline/hub.js';
import { testStores } from '../../helpers/test-stores.js';
import { openTestHub, unpublish, type TestHub } from '../api/api-helpers.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);


/** The sample member as the demo's mapping leaves it, under another record id, with the link the LDES connector gives (the object IRI). */
async function memberAs(recordId: string): Promise<{ quads: Quad[]; link: string }> {
  const member = await readMember('dmg-objecten');
  const object = `${member.object}-${recordId}`;
  const rename = (x: Term) => (x.termType === 'NamedNode' && x.value === member.object ? namedNode(object) : x);
  const quads = member.quads.map((q) => quad(rename(q.subject) as any, q.predicate, (q.predicate.value.endsWith('P102_has_title') ? literal(`Object ${recordId}`, 'nl') : rename(q.object)) as any));
  return { quads, link: object };
}

describe.each(testStores())('On the %s store,', (_name, store) => {
  let t: TestHub;
  let BASE: string;
  /** The repository part of OAI identifiers: the base IRI's host. */
  let repo: string;

  beforeAll(async () => {
    // As in config/demo.yaml: the members state no rights, the museum declares Copyright Not Evaluated.
    t = await openTestHub({
      store,
      sources: [
        {
          id: 'ghent-dmg',
          entityType: 'mensgemaaktobject',
          ownIriPrefixes: ['https://stad.gent/id/'],
          organisation: 'Design Museum Gent',
          name: 'Design Museum Gent — objects (LDES)',
          europeana: { defaultRights: 'http://rightsstatements.org/vocab/CNE/1.0/' },
        },
      ],
    });
    BASE = t.hub.config.hub.baseIri;
    repo = new URL(BASE).host;
    const source = t.hub.config.sources[0]!;
    const ctx = { baseIri: BASE, source, runId: 'run-1', mapping: { id: 'mappings/ghent-ldes.yml', version: 'v1' }, shapes: { id: 'shapes/oslo-ce-object-2021.ttl', version: 'v1' } };
    const put = [];
    for (const recordId of ['a1', 'a2', 'a3']) {
      const { quads, link } = await memberAs(recordId);
      put.push(...publishWrites({ sourceId: 'ghent-dmg', recordId, mediaType: 'application/ld+json', body: '', link }, quads, true, ctx, '2026-11-20T10:00:00.000Z'));
    }
    await t.hub.store.commit({ put });
    await unpublish(t.hub, 'ghent-dmg', ['a3'], '2026-11-21T10:00:00.000Z');
  });

  afterAll(async () => {
    await t.close();
  });

  describe('The hub app at /oai', () => {
    it('lists the demo source as an organisation set and a source set', async () => {
      const r = await request(t.app).get('/oai?verb=ListSets');
      expect(r.status).toBe(200);
      expect(r.text).toContain('<set><setSpec>org:design-museum-gent</setSpec><setName>Design Museum Gent</setName></set>');
      expect(r.text).toContain('<set><setSpec>source:ghent-dmg</setSpec><setName>Design Museum Gent — objects (LDES)</setName></set>');
    });

    it("serves the organisation's records as valid EDM, with the delete", async () => {
      const r = await request(t.app).get('/oai').query({ verb: 'ListRecords', metadataPrefix: 'edm', set: 'org:design-museum-gent' });
      expect(r.text).not.toContain('<error');
      expect((r.text.match(/<record>/g) ?? []).length).toBe(3);
      expect(r.text).toContain(`<header status="deleted"><identifier>oai:${repo}:ghent-dmg:a3</identifier><datestamp>2026-11-21T10:00:00Z</datestamp>`);
      expect(r.text).toContain(`<edm:ProvidedCHO rdf:about="${entityIri(BASE, 'mensgemaaktobject', 'ghent-dmg', 'a1')}">`);
      expect(r.text).toContain('<edm:rights rdf:resource="http://rightsstatements.org/vocab/CNE/1.0/"/>');
      expect(r.text).toContain('<edm:dataProvider>Design Museum Gent</edm:dataProvider>');
      expect((await validateWithXsd([r.text], oaiResponseSchemaSet('edm')))[0]).toEqual([]);
      const payloads = r.text.match(/<rdf:RDF[\s\S]*?<\/rdf:RDF>/g) ?? [];
      expect(payloads).toHaveLength(2);
      for (const p of payloads) expect(checkSchematron(p)).toEqual([]);
    });

    // Last: it closes the test hub and reopens its data directory.
    it('still reports the delete after a restart (deletedRecord persistent)', async () => {
      await t.hub.close();
      const reopened = await Hub.open(t.hub.config);
      try {
        const app = createApp({ ...hubPorts(reopened), log: () => undefined });
        expect((await request(app).get('/oai?verb=Identify')).text).toContain('<deletedRecord>persistent</deletedRecord>');
        const deleted = await request(app).get('/oai').query({ verb: 'GetRecord', metadataPrefix: 'edm', identifier: `oai:${repo}:ghent-dmg:a3` });
        expect(deleted.text).toContain(`<header status="deleted"><identifier>oai:${repo}:ghent-dmg:a3</identifier><datestamp>2026-11-21T10:00:00Z</datestamp>`);
        const since = await request(app).get('/oai').query({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc', from: '2026-11-21T00:00:00Z' });
        expect(since.text.match(/<header[^>]*>/g)).toEqual(['<header status="deleted">']);
      } finally {
        await reopened.close();
      }
    });
  });
});
