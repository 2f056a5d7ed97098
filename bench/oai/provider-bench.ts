/**
 * OAI-PMH provider timings on the embedded store: N copies of a Design Museum Gent object,
 * a cold `ListIdentifiers edm` (maps and validates every record), the whole `ListRecords edm`
 * paged through once warm, and GetRecord. Usage: npm run bench:oai [-- N [queryWorkers]]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { literal, namedNode, quad, type Quad, type Term } from '../../src/core/rdf.js';
import { handleOaiRequest, type OaiProviderDeps } from '../../src/publication/oai-pmh/provider.js';
import { OxigraphStore } from '../../src/store/oxigraph-store.js';
import { BASE, publish, readMember, rightsQuad } from '../../fixtures/edm/ghent-heritage.js';

const count = Number(process.argv[2] ?? 200);
const workers = Number(process.argv[3] ?? 1);

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'oai-bench-'));
  const store = new OxigraphStore({ dataDir, queryWorkers: workers });
  await store.open();
  try {
    const member = await readMember('dmg-objecten');
    for (let i = 0; i < count; i++) {
      const object = `${member.object}-${i}`;
      const rename = (t: Term) => (t.termType === 'NamedNode' && t.value === member.object ? namedNode(object) : t);
      const quads: Quad[] = member.quads.map((q) => quad(rename(q.subject) as any, q.predicate, (q.predicate.value.endsWith('P102_has_title') ? literal(`Object ${i}`, 'nl') : rename(q.object)) as any));
      quads.push(rightsQuad(object, 'CC0'));
      await publish(store, { sourceId: 'bench', recordId: `r${i}`, object, quads, organisation: 'Design Museum Gent', published: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });
    }
    const deps: OaiProviderDeps = { store, baseUrl: 'http://127.0.0.1/oai', baseIri: BASE };
    const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
      const t = performance.now();
      const r = await f();
      return [performance.now() - t, r];
    };
    const [cold] = await time(() => handleOaiRequest({ verb: 'ListIdentifiers', metadataPrefix: 'edm' }, deps));
    let pages = 0;
    const [warm] = await time(async () => {
      let r = await handleOaiRequest({ verb: 'ListRecords', metadataPrefix: 'edm' }, deps);
      for (;;) {
        pages++;
        const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(r.body)?.[1];
        if (!token) break;
        r = await handleOaiRequest({ verb: 'ListRecords', resumptionToken: token }, deps);
      }
    });
    const [get] = await time(async () => {
      for (let i = 0; i < 20; i++) await handleOaiRequest({ verb: 'GetRecord', metadataPrefix: 'edm', identifier: `oai:localhost:bench:r${i}` }, deps);
    });
    console.log(`records ${count}, query workers ${workers}`);
    console.log(`cold ListIdentifiers edm (map + XSD + Schematron of every record): ${cold.toFixed(0)} ms, ${(cold / count).toFixed(1)} ms/record`);
    console.log(`warm ListRecords edm, all ${pages} pages: ${warm.toFixed(0)} ms (${(warm / pages).toFixed(0)} ms/page)`);
    console.log(`GetRecord edm (cached): ${(get / 20).toFixed(1)} ms`);
    console.log(`cold/warm ratio for the whole list: ${(cold / warm).toFixed(1)}`);
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
