/**
 * The benchmark's dataset: synthetic heritage objects published the way the pipeline publishes a
 * record (record graph + provenance graph, publishWrites), written once as N-Quads. The same file
 * fills the hub's embedded store (as its snapshot, the format the store itself writes) and
 * Virtuoso (bulk loader), so both answer over exactly the same quads.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { entityIri } from '../../src/core/identifiers.js';
import { literal, namedNode, quad, type Quad } from '../../src/core/rdf.js';
import type { SourceConfig } from '../../src/config/schema.js';
import { publishWrites } from '../../src/pipeline/record-publisher.js';
import { graphsToNQuads } from '../../src/store/oxigraph/nquads.js';

/** Base IRI of everything the benchmark mints: no other data in a shared Virtuoso uses it. */
export const NS = 'http://bench-api.hub.test/';
export const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
export const DCT = 'http://purl.org/dc/terms/';
export const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
export const START_TIME = 'http://data.europa.eu/m8g/startTime';
export const SOURCE_ID = 'bench';

export const objectIri = (i: number) => entityIri(NS, 'mensgemaaktobject', SOURCE_ID, `obj-${i}`);

export function objectQuads(i: number): Quad[] {
  const s = namedNode(objectIri(i));
  const p = (iri: string) => namedNode(iri);
  const prod = namedNode(`${s.value}#production`);
  return [
    quad(s, p(RDF_TYPE), p(`${CRM}E22_Human-Made_Object`)),
    quad(s, p(`${CRM}P102_has_title`), literal(`Object ${i}: stoel in eik`, 'nl')),
    quad(s, p(`${DCT}description`), literal(`Beschrijving van object ${i}, met een langere tekst over herkomst en materiaal.`, 'nl')),
    quad(s, p(`${CRM}P108i_was_produced_by`), prod),
    quad(prod, p(RDF_TYPE), p(`${CRM}E12_Production`)),
    quad(prod, p(`${CRM}P14_carried_out_by`), p(`${NS}agent/${i % 500}`)),
    quad(prod, p(START_TIME), literal(`${1800 + (i % 200)}-01-01`, p('http://www.w3.org/2001/XMLSchema#date'))),
    quad(s, p(`${CRM}P45_consists_of`), p(`${NS}concept/material/${i % 40}`)),
    quad(s, p(`${CRM}P50_has_current_keeper`), p(`${NS}agent/museum`)),
  ];
}

export interface DatasetSize {
  records: number;
  quads: number;
  /** Quads in record graphs (the objects' own triples), the rest being provenance. */
  dataQuads: number;
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes records until at least `targetQuads` quads: `dataPath` holds plain N-Quads (Virtuoso),
 * `snapshotPath` the same preceded by the embedded store's `# seq 0` header.
 */
export async function writeDataset(targetQuads: number, source: SourceConfig, dataPath: string, snapshotPath: string): Promise<DatasetSize> {
  const ctx = { baseIri: NS, source, runId: 'bench', mapping: { id: 'bench', version: '1' }, shapes: { id: 'bench', version: '1' } };
  const data = createWriteStream(dataPath);
  const snapshot = createWriteStream(snapshotPath);
  await write(snapshot, '# seq 0\n');
  const size: DatasetSize = { records: 0, quads: 0, dataQuads: 0 };
  const now = new Date('2026-12-01T00:00:00Z').toISOString();
  while (size.quads < targetQuads) {
    const puts = [];
    for (let k = 0; k < 1000 && size.quads < targetQuads; k++) {
      const i = size.records++;
      const writes = publishWrites({ sourceId: SOURCE_ID, recordId: `obj-${i}`, mediaType: 'text/turtle', body: '' }, objectQuads(i), true, ctx, now);
      puts.push(...writes);
      size.dataQuads += writes[0]!.quads.length;
      size.quads += writes.reduce((n, w) => n + w.quads.length, 0);
    }
    const text = graphsToNQuads(puts, 0);
    await write(data, text);
    await write(snapshot, text);
  }
  data.end();
  snapshot.end();
  await Promise.all([once(data, 'finish'), once(snapshot, 'finish')]);
  return size;
}
