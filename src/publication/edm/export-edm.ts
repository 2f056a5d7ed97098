/**
 * `hub export edm [--set ORG] [--out DIR]`: writes each conformant heritage record as an
 * EDM-external RDF/XML file (the file/zip route Metis also accepts), one folder per source, and
 * lists the withheld records with their rules in `withheld.tsv`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { segment } from '../../core/identifiers.js';
import type { StoreReader } from '../../store/store.js';
import { EdmRecordBuilder } from './edm-record.js';
import { listHeritageRecords, type HeritageRecordOptions } from './heritage-records.js';
import { XML_DECLARATION } from './rdf-xml-writer.js';
import { inSet, slug } from './record-sets.js';
import type { RightsMap } from './rights-map.js';

export interface ExportEdmOptions extends HeritageRecordOptions {
  store: StoreReader;
  /** A set spec (`org:design-museum-gent`, `source:ghent-dmg`), or an organisation's name; all records when absent. */
  set?: string;
  outDir: string;
  /** edm:provider (hub.aggregator). @defaultValue 'Culture LOD Hub' */
  provider?: string;
  rightsMap?: RightsMap;
}

export interface ExportEdmResult {
  outDir: string;
  /** Files written, relative to outDir. */
  files: string[];
  withheld: { sourceId: string; recordId: string; rule: string; message: string }[];
}

/** `--set` takes a set spec or, for convenience, an organisation's name. */
export function normaliseSet(set: string): string {
  return /^(org|source)(:|$)/.test(set) ? set : `org:${slug(set)}`;
}

export async function exportEdm(options: ExportEdmOptions): Promise<ExportEdmResult> {
  const set = options.set === undefined ? undefined : normaliseSet(options.set);
  const refs = (await listHeritageRecords(options.store, options)).filter((r) => !r.deleted && (set === undefined || inSet(r, set)));
  const builder = new EdmRecordBuilder(options.store, { provider: options.provider ?? 'Culture LOD Hub', rightsMap: options.rightsMap });
  const records = await builder.build(refs);
  const files: string[] = [];
  const withheld: ExportEdmResult['withheld'] = [];
  for (const record of records) {
    if (record.problems.length > 0) {
      for (const p of record.problems) withheld.push({ sourceId: record.ref.sourceId, recordId: record.ref.recordId, rule: p.rule, message: p.message });
      continue;
    }
    const file = join(record.ref.sourceId, `${segment(record.ref.recordId)}.xml`);
    await mkdir(join(options.outDir, record.ref.sourceId), { recursive: true });
    await writeFile(join(options.outDir, file), XML_DECLARATION + record.xml + '\n', 'utf8');
    files.push(file);
  }
  await mkdir(options.outDir, { recursive: true });
  const tsv = ['sourceId\trecordId\trule\tmessage', ...withheld.map((w) => [w.sourceId, w.recordId, w.rule, w.message.replace(/[\t\n\r]+/g, ' ')].join('\t'))];
  await writeFile(join(options.outDir, 'withheld.tsv'), tsv.join('\n') + '\n', 'utf8');
  return { outDir: options.outDir, files: files.sort(), withheld };
}
