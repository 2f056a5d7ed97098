import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  createFilesFixture, activitiesCsv, eventsJson, lidoXml, writeVenuesXlsx,
  activityId, venueId, eventId, lidoId, FIXTURE_RULES, type FilesFixture,
} from '../../../../fixtures/files/folder.js';
import { FilesConfigSchema, type FilesConfig } from '../../../../src/connectors/files/config.js';
import { FilesConnector, type FilesState } from '../../../../src/connectors/files/files-connector.js';
import { ingestUpload } from '../../../../src/connectors/files/upload.js';
import { BadRequestError } from '../../../../src/core/errors.js';
import { collect, ids, afterCheckpoints, goneByDifference, mentioned } from '../oai-pmh/harvest-helpers.js';

const connector = new FilesConnector();
let fixture: FilesFixture;
const N = 12;

beforeEach(async () => {
  fixture = await createFilesFixture(N);
});
afterEach(async () => {
  await fixture.close();
});

const config = (): FilesConfig => FilesConfigSchema.parse({ folder: fixture.dir, rules: FIXTURE_RULES });
const harvest = (state?: FilesState, full = false) => collect(connector.read(config(), state, 'files', { full }));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const allIds = () => [...range(N).map(activityId), ...range(N).map(venueId), ...range(N).map(eventId), ...range(N).map(lidoId)].sort();

/** Rewrites a file and moves its mtime forward, as an editor saving it would. */
async function save(name: string, content: string | Promise<void>) {
  const path = join(fixture.dir, name);
  if (typeof content === 'string') await writeFile(path, content);
  else await content;
  const later = new Date(Date.now() + 5000);
  await utimes(path, later, later);
}

describe('A FilesConnector', () => {
  it('makes one record per CSV row, XLSX row, JSON element and XML element', async () => {
    const h = await harvest();
    expect(ids(h.records).sort()).toEqual(allIds());
    expect(h.errors).toEqual([]);
    const csv = h.records.find((r) => r.recordId === activityId(3))!;
    expect(csv.mediaType).toBe('text/csv');
    const [header, row] = parseCsv(csv.body) as string[][];
    expect(row[header.indexOf('activiteit_name_nl')]).toBe('Lucy McKenzie: Super Palace 4');
    expect(csv.meta).toMatchObject({ file: 'activiteiten.csv', format: 'csv', entity: 'activiteit' });
    const xlsx = h.records.find((r) => r.recordId === venueId(2))!;
    expect(xlsx.mediaType).toBe('text/csv');
    expect(xlsx.body).toContain('Z33 zaal 3');
    const json = h.records.find((r) => r.recordId === eventId(5))!;
    expect(JSON.parse(json.body)['@id']).toBe(eventId(5));
    const xml = h.records.find((r) => r.recordId === lidoId(7))!;
    const doc = new DOMParser().parseFromString(xml.body, 'text/xml');
    expect(doc.documentElement!.localName).toBe('lido');
    expect(doc.documentElement!.namespaceURI).toBe('http://www.lido-schema.org');
    expect(h.checkpoints).toHaveLength(5);
  });

  it('gives records the organisation their rule names, or the one each record carries at organisationField', async () => {
    const lidoSource = 'lido:administrativeMetadata/lido:recordWrap/lido:recordSource/lido:legalBodyName/lido:appellationValue';
    const rules = [
      { ...FIXTURE_RULES[0], organisationField: 'activiteit_organizer_id' },
      { ...FIXTURE_RULES[1], organisation: 'Z33' },
      // Not in these records: every one falls back to the rule's organisation.
      { ...FIXTURE_RULES[2], organisationField: 'organizer.name.nl', organisation: 'Kunstencentrum (rule)' },
      { ...FIXTURE_RULES[3], organisationField: lidoSource },
    ];
    const h = await collect(connector.read(FilesConfigSchema.parse({ folder: fixture.dir, rules }), undefined, 'files'));
    expect(h.errors).toEqual([]);
    const orgOf = (id: string) => h.records.find((r) => r.recordId === id)!.meta?.organisation;
    expect(orgOf(activityId(3))).toBe('3b98fcf8');
    expect(orgOf(venueId(2))).toBe('Z33');
    expect(orgOf(eventId(5))).toBe('Kunstencentrum (rule)');
    // The collection export alternates MSK Gent's and the Groeningemuseum's records.
    expect(orgOf(lidoId(6))).toBe('Museum voor Schone Kunsten Gent');
    expect(orgOf(lidoId(7))).toBe('Musea Brugge - Groeningemuseum');
    // Without either option, the source's organisation applies (none per record).
    const plain = await harvest();
    expect(plain.records.every((r) => r.meta?.organisation === undefined)).toBe(true);
  });

  it('reports a file whose organisationField column is missing', async () => {
    const rules = [{ ...FIXTURE_RULES[0], organisationField: 'organisator' }];
    const h = await collect(connector.read(FilesConfigSchema.parse({ folder: fixture.dir, rules }), undefined, 'files'));
    expect(h.records).toEqual([]);
    expect(h.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^activiteiten\.csv: no column "organisator" \(organisationField\)/)]);
  });

  it('reads nothing on a second run when no file changed', async () => {
    const first = await harvest();
    const second = await harvest(first.state);
    expect(second.records).toHaveLength(0);
    expect(second.deletes).toHaveLength(0);
  });

  it('yields only changed rows, and dropped rows and removed files as deletes', async () => {
    const first = await harvest();
    await save('activiteiten.csv', activitiesCsv({ n: N + 1, edited: [2], dropped: [4] }));
    await save('locaties.xlsx', writeVenuesXlsx(join(fixture.dir, 'locaties.xlsx'), { n: N, edited: [1] }));
    await save('evenementen.json', eventsJson({ n: N, dropped: [0, 11] }));
    await rm(join(fixture.dir, 'collectie.xml'));
    const second = await harvest(first.state);
    expect(ids(second.records).sort()).toEqual([activityId(2), activityId(N), venueId(1)].sort());
    expect(second.deletes.map((d) => d.recordId).sort()).toEqual([activityId(4), eventId(0), eventId(11), ...range(N).map(lidoId)].sort());
    expect(second.state?.pendingDeletes).toBeUndefined();
  });

  it('skips a file that was touched but not changed', async () => {
    const first = await harvest();
    const path = join(fixture.dir, 'evenementen.json');
    await save('evenementen.json', await readFile(path, 'utf8'));
    const second = await harvest(first.state);
    expect(second.records).toHaveLength(0);
  });

  it('does not delete a row that moved to another file', async () => {
    const first = await harvest();
    await save('activiteiten.csv', activitiesCsv({ n: N, dropped: [0] }));
    await save('activiteiten-extra.csv', activitiesCsv({ n: 1 }));
    const second = await harvest(first.state);
    expect(second.deletes).toHaveLength(0);
  });

  it('reports bad rows by file and row and keeps the others', async () => {
    const csv = activitiesCsv({ n: 3 }).trimEnd().split('\n');
    csv.push('too,few,cells');
    csv.push(`,${csv[1].split(',').slice(1).join(',')}`);
    await save('activiteiten.csv', csv.join('\n') + '\n');
    const h = await harvest();
    const errors = h.errors.filter((e) => e.page === 'activiteiten.csv');
    expect(errors.map((e) => e.recordId)).toEqual(['activiteiten.csv row 5', 'activiteiten.csv row 6']);
    expect(errors[0].message).toMatch(/3 cells where the header has \d+/);
    expect(h.records.filter((r) => r.meta?.file === 'activiteiten.csv')).toHaveLength(3);
  });

  it('reports an unreadable file by name, keeps its records, and reads it once it is fixed', async () => {
    const first = await harvest();
    await save('collectie.xml', lidoXml({ n: N }).slice(0, 2000));
    const broken = await harvest(first.state);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0]).toMatchObject({ recordId: 'collectie.xml', page: 'collectie.xml' });
    expect(broken.deletes).toHaveLength(0);
    expect(broken.listing).toEqual({ type: 'listing', complete: false, reason: 'collectie.xml could not be read' });
    await save('collectie.xml', lidoXml({ n: N, edited: [0, 1] }));
    const fixed = await harvest(broken.state);
    expect(ids(fixed.records).sort()).toEqual([lidoId(0), lidoId(1)].sort());
  });

  it('refuses XML with a DOCTYPE', async () => {
    await save('collectie.xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><record id="1">&e;</record>');
    const h = await harvest();
    expect(h.errors.find((e) => e.page === 'collectie.xml')?.message).toMatch(/DOCTYPE/);
  });

  it('resumes after a crash with no record lost, no delete lost, and only post-checkpoint records repeated', async () => {
    const first = await harvest();
    await save('activiteiten.csv', activitiesCsv({ n: N, edited: range(N), dropped: [5] }));
    await save('evenementen.json', eventsJson({ n: N, edited: range(N), dropped: [6] }));
    await save('locaties.xlsx', writeVenuesXlsx(join(fixture.dir, 'locaties.xlsx'), { n: N, edited: range(N) }));
    // activiteiten.csv is read and checkpointed, then the process dies inside evenementen.json.
    const crashed = await collect(connector.read(config(), first.state, 'files'), afterCheckpoints(1, 4));
    expect(crashed.state?.pendingDeletes).toEqual([activityId(5)]);
    const resumed = await harvest(crashed.state);
    const all = [...ids(crashed.records), ...ids(resumed.records)];
    const expected = [...range(N).filter((i) => i !== 5).map(activityId), ...range(N).filter((i) => i !== 6).map(eventId), ...range(N).map(venueId)].sort();
    expect([...new Set(all)].sort()).toEqual(expected);
    const dupes = all.filter((id, i) => all.indexOf(id) !== i).sort();
    expect(dupes).toEqual([...crashed.afterCheckpoint].sort());
    expect(resumed.deletes.map((d) => d.recordId).sort()).toEqual([activityId(5), eventId(6)].sort());
  });

  it('lists the whole folder on every run: what it yields no record for is named present', async () => {
    const first = await harvest();
    expect(first.listing).toEqual({ type: 'listing', complete: true });
    await save('activiteiten.csv', activitiesCsv({ n: N, edited: [2] }));
    const second = await harvest(first.state);
    expect(ids(second.records)).toEqual([activityId(2)]);
    expect(second.listing).toEqual({ type: 'listing', complete: true });
    expect([...mentioned(second)].sort()).toEqual(allIds());
  });

  it('finds rows removed after a run killed before its first checkpoint, which the saved state never knew', async () => {
    // activiteiten.csv is read and committed, and the process dies before its checkpoint.
    const killed = await collect(connector.read(config(), undefined, 'files'), (_m, h) => h.records.length === N);
    expect(killed.checkpoints).toHaveLength(0);
    await save('activiteiten.csv', activitiesCsv({ n: N, dropped: [1, 3] }));
    const next = await harvest(undefined);
    expect(next.deletes).toHaveLength(0);
    expect(goneByDifference(next, ids(killed.records))).toEqual([activityId(1), activityId(3)].sort());
  });

  it('keeps the ids a file had while one of its rows cannot be read, and lists nothing complete for a file never read before', async () => {
    const first = await harvest();
    const csv = activitiesCsv({ n: N }).trimEnd().split('\n');
    // The row of activity 4 loses a cell: its id can no longer be told apart.
    const row = csv.findIndex((line) => line.startsWith(activityId(4)));
    csv[row] = 'too,few,cells';
    await save('activiteiten.csv', csv.join('\n') + '\n');
    const second = await harvest(first.state);
    expect(second.deletes).toHaveLength(0);
    expect(second.listing).toEqual({ type: 'listing', complete: true });
    expect(goneByDifference(second, allIds())).toEqual([]);
    const fresh = await harvest(undefined);
    expect(fresh.listing).toEqual({ type: 'listing', complete: false, reason: expect.stringMatching(/^activiteiten\.csv row \d+ could not be read/) });
  });

  it('reads everything again with --full', async () => {
    const first = await harvest();
    const again = await harvest(first.state, true);
    expect(again.records).toHaveLength(4 * N);
  });
});

describe('ingestUpload', () => {
  it('stores an upload atomically so the next harvest picks it up', async () => {
    const first = await harvest();
    const result = await ingestUpload(config(), 'activiteiten-2027.csv', activitiesCsv({ n: N + 2 }).split('\n').filter((_, i) => i === 0 || i > N).join('\n'));
    expect(result.name).toBe('activiteiten-2027.csv');
    const second = await harvest(first.state);
    expect(ids(second.records).sort()).toEqual([activityId(N), activityId(N + 1)].sort());
  });

  it('refuses names that escape the folder or match no rule', async () => {
    await expect(ingestUpload(config(), '../evil.csv', 'x')).rejects.toBeInstanceOf(BadRequestError);
    await expect(ingestUpload(config(), '.hidden.csv', 'x')).rejects.toBeInstanceOf(BadRequestError);
    await expect(ingestUpload(config(), 'notes.txt', 'x')).rejects.toThrow(/matches none of the source's file rules/);
    await expect(ingestUpload(config(), 'activiteiten.csv', 'x'.repeat(20), 10)).rejects.toThrow(/at most 10/);
  });
});
