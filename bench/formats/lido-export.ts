/**
 * The LIDO collection export bench:formats harvests with the files connector: one `lido:lidoWrap`
 * file of N records made from the four real records in fixtures/lido/samples (MSK Gent's and the
 * Groeningemuseum's, from the VKC Datahub), cycled, every lidoRecID made unique (`-{i}` appended),
 * the preferred title numbered and the earliest date shifted so that no two records are the same.
 */
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { projectPath } from '../../src/core/paths.js';

const SAMPLES_DIR = projectPath('fixtures', 'lido', 'samples');

function samples(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((f) => readFileSync(`${SAMPLES_DIR}/${f}`, 'utf8').replace(/^<\?xml[^>]*\?>\s*/, ''));
}

/** Record `i` of the export: sample i mod 4 with its ids, title and date varied. */
export function lidoVariant(template: string, i: number): string {
  return template
    .replace(/(<lido:lidoRecID[^>]*>)([^<]*)</g, (_, open: string, id: string) => `${open}${id}-${i}<`)
    .replace(/(<lido:appellationValue[^>]*>)([^<]*)</, (_, open: string, title: string) => `${open}${title} (${i + 1})<`)
    .replace(/<lido:earliestDate>(\d{4})</, (_, year: string) => `<lido:earliestDate>${Number(year) - (i % 300)}<`);
}

/** Writes the export of `count` records to `file`; the rule the files source reads it with is LIDO_EXPORT_RULE. */
export async function writeLidoExport(file: string, count: number): Promise<void> {
  const templates = samples();
  const out = createWriteStream(file);
  out.write('<?xml version="1.0" encoding="UTF-8"?>\n<lido:lidoWrap xmlns:lido="http://www.lido-schema.org" xmlns:gml="http://www.opengis.net/gml" xmlns:xlink="http://www.w3.org/1999/xlink">\n');
  for (let i = 0; i < count; i++) {
    if (!out.write(`${lidoVariant(templates[i % templates.length]!, i)}\n`)) await once(out, 'drain');
  }
  out.end('</lido:lidoWrap>\n');
  await once(out, 'finish');
}

export const LIDO_EXPORT_RULE = { match: 'collectie*.xml', records: 'lido:lido', id: 'lido:lidoRecID', entity: 'object', namespaces: { lido: 'http://www.lido-schema.org' } };
