/**
 * Bad input in a files source stays local: one element nested 5,000 deep, one broken CSV quote,
 * one oversized record is that record's error (by file and row/element, with the limit), and the
 * rest of the file is read. Files in Latin-1/Windows-1252 (with `encoding` set), UTF-16 with a
 * BOM and XML declaring its encoding are read as text; a file that is not UTF-8 and says nothing
 * is a clear error naming the file and the byte.
 */
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { activitiesCsv, activityId, eventId, eventsJson, lidoId, lidoXml } from '../../../../fixtures/files/folder.js';
import { FilesConfigSchema, type FileRule } from '../../../../src/connectors/files/config.js';
import { FilesConnector, type FilesState } from '../../../../src/connectors/files/files-connector.js';
import { tempDir } from '../../../helpers/temp-dir.js';
import { collect, ids } from '../oai-pmh/harvest-helpers.js';

const connector = new FilesConnector();
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hub-files-bad-');
});
afterEach(() => dir.cleanup());

const RULES: FileRule[] = [
  { match: '*.csv', id: 'activiteit_id', namespaces: {} },
  { match: '*.json', id: '@id', namespaces: {} },
  { match: '*.xml', records: 'lido:lido', id: 'lido:lidoRecID', namespaces: { lido: 'http://www.lido-schema.org' } },
];
const harvest = (options: { rules?: Partial<FileRule>[]; limits?: object; state?: FilesState } = {}) =>
  collect(
    connector.read(
      FilesConfigSchema.parse({ folder: dir.path, rules: RULES.map((r, i) => ({ ...r, ...options.rules?.[i] })), ...options.limits }),
      options.state,
      'files',
    ),
  );
let tick = 0;
async function save(name: string, content: string | Buffer) {
  const path = join(dir.path, name);
  await writeFile(path, content);
  const later = new Date(Date.now() + 5000 * ++tick);
  await utimes(path, later, later);
}
const nested = (depth: number, leaf: unknown = 'x'): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const titleOf = (body: string) => {
  const [header, row] = parseCsv(body) as string[][];
  return row[header.indexOf('activiteit_name_nl')];
};

describe('A files source with one bad element among good ones', () => {
  it('reads the other JSON elements when one is nested 5,000 deep, and names the file, element, id and limit', async () => {
    const events = (JSON.parse(eventsJson({ n: 5 })) as unknown[]).map((e) => JSON.stringify(e));
    // Written by hand: JSON.stringify itself overflows on such a value.
    events[2] = events[2].replace(/}$/, `,"description":${'{"a":'.repeat(5000)}"x"${'}'.repeat(5000)}}`);
    await save('evenementen.json', `[${events.join(',\n')}]`);
    const h = await harvest();
    expect(ids(h.records).sort()).toEqual([0, 1, 3, 4].map(eventId).sort());
    expect(h.errors).toEqual([
      expect.objectContaining({ recordId: eventId(2), page: 'evenementen.json', message: `evenementen.json element 2: id ${eventId(2)}: nested more than 100 levels deep (maxRecordDepth)` }),
    ]);
  });

  it('takes maxRecordDepth and maxRecordBytes from the connector settings', async () => {
    const events = JSON.parse(eventsJson({ n: 3 })) as Record<string, unknown>[];
    events[0].description = nested(150);
    events[1].description = 'x'.repeat(5000);
    await save('evenementen.json', JSON.stringify(events));
    const deeper = await harvest({ limits: { maxRecordDepth: 200, maxRecordBytes: 4000 } });
    expect(ids(deeper.records)).toEqual([eventId(0), eventId(2)]);
    expect(deeper.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^evenementen\.json element 1: id .*: \d+ bytes, more than maxRecordBytes \(4000\)$/)]);
  });

  it('reads the other XML elements when one is nested past maxRecordDepth', async () => {
    const deep = `${'<lido:x>'.repeat(3000)}deep${'</lido:x>'.repeat(3000)}`;
    const xml = lidoXml({ n: 3 }).replace(/(<lido:lidoRecID[^>]*>[^<]*-1<\/lido:lidoRecID>)/, `$1${deep}`);
    await save('collectie.xml', xml);
    const h = await harvest();
    expect(ids(h.records)).toEqual([lidoId(0), lidoId(2)]);
    expect(h.errors).toEqual([expect.objectContaining({ recordId: lidoId(1), message: `collectie.xml element 1: id ${lidoId(1)}: nested more than 100 levels deep (maxRecordDepth)` })]);
  });

  it('reads the rows before and after a CSV row whose quote never closes, and reports that row by line', async () => {
    const lines = activitiesCsv({ n: 6 }).trimEnd().split('\n');
    lines[3] = lines[3].replace('Lucy McKenzie', '"Lucy McKenzie');
    await save('activiteiten.csv', lines.join('\n') + '\n');
    const h = await harvest();
    expect(ids(h.records)).toEqual([0, 1, 3, 4, 5].map(activityId));
    expect(h.errors).toEqual([expect.objectContaining({ recordId: 'activiteiten.csv row 4', page: 'activiteiten.csv', message: expect.stringMatching(/^activiteiten\.csv row 4: broken quoting \(Quote Not Closed.*\); row skipped$/) })]);
  });

  it('reports rows with stray quotes by line and keeps a quoted field that spans lines', async () => {
    const lines = activitiesCsv({ n: 6 }).trimEnd().split('\n');
    lines[2] = lines[2].replace('Lucy McKenzie', 'Lucy "McKenzie"');
    lines[4] = lines[4].replace('Lucy McKenzie: Super Palace 4', '"Lucy McKenzie: Super Palace 4"x');
    lines[5] = lines[5].replace('Lucy McKenzie: Super Palace 5', '"Lucy McKenzie:\nSuper Palace 5"');
    await save('activiteiten.csv', lines.join('\n') + '\n');
    const h = await harvest();
    expect(ids(h.records)).toEqual([0, 2, 4, 5].map(activityId));
    expect(titleOf(h.records.find((r) => r.recordId === activityId(4))!.body)).toBe('Lucy McKenzie:\nSuper Palace 5');
    expect(h.errors.map((e) => e.recordId)).toEqual(['activiteiten.csv row 3', 'activiteiten.csv row 5']);
    // The row after the two-line field starts on line 8.
    expect(h.records.find((r) => r.recordId === activityId(5))!.meta?.locator).toBe('row 8');
  });

  it('reads a large file with many broken rows in bounded time, and gives up after 100 of them', async () => {
    const lines = activitiesCsv({ n: 6000 }).trimEnd().split('\n');
    for (let i = 100; i < lines.length; i += 50) lines[i] = lines[i].replace('Lucy McKenzie', '"Lucy McKenzie');
    await save('activiteiten.csv', lines.join('\n') + '\n');
    const started = Date.now();
    const h = await harvest();
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(h.errors).toHaveLength(101);
    expect(h.errors.slice(0, 3).map((e) => e.recordId)).toEqual(['activiteiten.csv row 101', 'activiteiten.csv row 151', 'activiteiten.csv row 201']);
    expect(h.errors[100]).toMatchObject({ recordId: 'activiteiten.csv row 5052', message: expect.stringMatching(/more than 100 rows with broken quoting; the rest of the file is not read/) });
    // Lines 2–5050 less the 99 broken ones among them; the 100th is on line 5051.
    expect(h.records).toHaveLength(5049 - 99);
  }, 30_000);

  it('deletes nothing from a file with a broken row until it reads cleanly', async () => {
    await save('activiteiten.csv', activitiesCsv({ n: 4 }));
    const first = await harvest();
    const lines = activitiesCsv({ n: 4, dropped: [0] }).trimEnd().split('\n');
    lines[1] = lines[1].replace('Lucy McKenzie', '"Lucy McKenzie');
    await save('activiteiten.csv', lines.join('\n') + '\n');
    const broken = await harvest({ state: first.state });
    expect(broken.errors).toHaveLength(1);
    expect(broken.deletes).toEqual([]);
    await save('activiteiten.csv', activitiesCsv({ n: 4, dropped: [0] }));
    const fixed = await harvest({ state: broken.state });
    expect(fixed.deletes.map((d) => d.recordId)).toEqual([activityId(0)]);
    // The broken row is back as it was first read: nothing to publish again.
    expect(fixed.records).toEqual([]);
  });

  it('reads JSON whose strings hold raw control characters (the pipeline then removes them)', async () => {
    const text = eventsJson({ n: 2 }).replace('"nl": "', '"nl": "\u001b\u0000');
    await save('evenementen.json', text);
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(ids(h.records)).toEqual([eventId(0), eventId(1)]);
    expect(h.records[0].body).toContain('\\u001b\\u0000');
  });
});

describe('A files source with files in other encodings', () => {
  const csv = () => activitiesCsv({ n: 2 }).replace('Lucy McKenzie: Super Palace 1', 'Café Zoë – €5 ‘extra’');

  it('reads Windows-1252 (Latin-1, "ANSI") CSV with encoding set in the rule', async () => {
    await save('activiteiten.csv', Buffer.from(csv().replace(/[–€‘’]/g, (c) => ({ '–': '\x96', '€': '\x80', '‘': '\x91', '’': '\x92' })[c]!), 'latin1'));
    const h = await harvest({ rules: [{ encoding: 'windows-1252' }] });
    expect(h.errors).toEqual([]);
    expect(titleOf(h.records[0].body)).toBe('Café Zoë – €5 ‘extra’');
  });

  it('reports a Latin-1 file without an encoding setting by name and byte', async () => {
    const text = csv().replace(/[–€‘’]/g, '-');
    await save('activiteiten.csv', Buffer.from(text, 'latin1'));
    const h = await harvest();
    expect(h.records).toEqual([]);
    const byte = Buffer.from(text.slice(0, text.indexOf('é')), 'latin1').length;
    expect(h.errors).toEqual([
      expect.objectContaining({ recordId: 'activiteiten.csv', message: `activiteiten.csv: not valid UTF-8 at byte ${byte}; set \`encoding\` in its files rule (e.g. windows-1252 for a Latin-1 or "ANSI" export)` }),
    ]);
  });

  it('reads UTF-8 files as UTF-8 even when the rule names a fallback', async () => {
    await save('activiteiten.csv', csv());
    const h = await harvest({ rules: [{ encoding: 'latin1' }] });
    expect(titleOf(h.records[0].body)).toBe('Café Zoë – €5 ‘extra’');
  });

  it('reads UTF-16 LE and BE CSV with a BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(), 'utf16le')]);
    await save('activiteiten.csv', le);
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(titleOf(h.records[0].body)).toBe('Café Zoë – €5 ‘extra’');
    const be = Buffer.from(le);
    be.swap16();
    await save('activiteiten.csv', be);
    const again = await harvest({ state: h.state });
    expect(again.errors).toEqual([]);
    // Same content, same row hashes: nothing changed.
    expect(again.records).toEqual([]);
  });

  it('reads XML by its encoding declaration, and UTF-16 XML with a BOM', async () => {
    const xml = lidoXml({ n: 2 }).replace('(herzien)', '').replace(/(<lido:appellationValue[^>]*>)([^<]*)/, '$1Zoë’s café');
    const latin = xml.replace('encoding="UTF-8"', 'encoding="windows-1252"').replace('’', '\x92');
    await save('collectie.xml', Buffer.from(latin, 'latin1'));
    const h = await harvest();
    expect(h.errors).toEqual([]);
    expect(h.records[0].body).toContain('Zoë’s café');
    await rm(join(dir.path, 'collectie.xml'));
    await save('collectie-16.xml', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(xml, 'utf16le').swap16()]));
    const utf16 = await harvest();
    expect(utf16.errors).toEqual([]);
    expect(ids(utf16.records)).toEqual([lidoId(0), lidoId(1)]);
    expect(utf16.records[0].body).toContain('Zoë’s café');
  });
});
