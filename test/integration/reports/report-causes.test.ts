/**
 * The report pages a museum's data manager acts on (issue 17): causes with the fix in plain words
 * and the field of their own system, paths instead of blank nodes, Europeana readiness at the top,
 * Dutch by Accept-Language with Belgian number formats, a language switch that keeps the page,
 * and the causes as CSV with the record ids first.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import request from 'supertest';
import type { Express } from 'express';
import { hubPorts } from '../../../src/pipeline/hub-ports.js';
import { createApp } from '../../../src/api/app.js';
import { parseConfig } from '../../../src/config/load.js';
import { projectPath } from '../../../src/core/paths.js';
import { Hub } from '../../../src/pipeline/hub.js';
import type { RecordProblem, RunSummary } from '../../../src/reports/run-summary.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { leanProvenance } from '../../helpers/lean-provenance.js';
import { literal, namedNode, quad } from '../../../src/core/rdf.js';
import { entityIri, provenanceGraphIri, recordGraphIri, sourceIri } from '../../../src/core/identifiers.js';
import { sourceKnowledge } from '../../../src/reports/source-knowledge.js';
import { fmtPct } from '../../../src/api/pages/report-parts.js';

const SH = 'http://www.w3.org/ns/shacl#';
const CRM = 'http://www.cidoc-crm.org/cidoc-crm/';
const BASE = 'http://hub.test/';

function problem(i: number, org: string): RecordProblem {
  const object = `${BASE}id/mensgemaaktobject/vkc/obj-${i}`;
  return {
    recordId: `obj-${i}`,
    stage: 'validation',
    message: 'violations',
    link: `https://museum.example/collectie/obj-${i}`,
    organisation: org,
    rejected: false,
    results: [
      { severity: 'Violation', focusNode: object, path: `<${CRM}P45_consists_of>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-1', messages: ['Less than 1 values (found 0)'], rule: 'mappings/lido-object.yml#object' },
      ...(i < 3 ? [{ severity: 'Violation' as const, focusNode: `${object}#productie`, path: `<${CRM}P4_has_time-span>`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:n3-2', messages: ['Less than 1 values (found 0)'], rule: 'mappings/lido-object.yml#productie' }] : []),
      { severity: 'Violation', focusNode: object, path: `<${CRM}P55_has_current_location>`, value: `_:n3-${500 + i}`, constraint: `${SH}ClassConstraintComponent`, shape: '_:n3-3', messages: [`Value _:n3-${500 + i} is not an instance of <http://www.w3.org/ns/prov#Location>`], rule: 'mappings/lido-object.yml#object' },
    ],
  };
}

const SHAPE_FILES = ['shapes/oslo-ce-object-2021.repaired.ttl', 'shapes/oslo-ce-event-2021.repaired.ttl', 'shapes/oslo-ce-2021-class-hierarchy.ttl'].map((f) => projectPath(f));

describe('Report pages to act on', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let hub: Hub;
  let app: Express;
  let run: RunSummary;
  let recommended: string[];

  beforeAll(async () => {
    dir = await tempDir('hub-causes-');
    const dataDir = join(dir.path, 'data');
    const problems = [0, 1, 2, 3, 4].map((i) => problem(i, i < 4 ? 'Museum voor Schone Kunsten Gent' : 'Musea Brugge'));
    run = {
      runId: '20261101T000000000-aaaa0001',
      sourceId: 'vkc',
      startedAt: '2026-11-01T10:00:00Z',
      finishedAt: '2026-11-01T10:01:00Z',
      status: 'completed',
      full: true,
      seen: 8,
      published: 8,
      rejected: 0,
      deleted: 0,
      errors: 0,
      warnings: 5,
      pages: 1,
      retries: 0,
      nonConforming: 5,
      organisations: { 'Museum voor Schone Kunsten Gent': { seen: 6, published: 6, rejected: 0, nonConforming: 4, errors: 0 }, 'Musea Brugge': { seen: 2, published: 2, rejected: 0, nonConforming: 1, errors: 0 } },
      problems,
    };
    await mkdir(join(dataDir, 'reports', 'vkc'), { recursive: true });
    await mkdir(join(dataDir, 'state'), { recursive: true });
    await writeFile(join(dataDir, 'reports', 'vkc', `${run.runId}.json`), JSON.stringify(run));
    await writeFile(join(dataDir, 'state', 'vkc.json'), JSON.stringify({ runs: [{ ...run, problems: [] }] }));
    const yaml = `
hub: { baseIri: '${BASE}', dataDir: ${JSON.stringify(dataDir)} }
sources:
  - id: vkc
    name: VKC
    organisation: Museum voor Schone Kunsten Gent
    connector: { type: ldes, url: 'http://127.0.0.1:9/none' }
    mapping: ${JSON.stringify(projectPath('mappings/lido-object.yml'))}
    shapes: [${SHAPE_FILES.map((f) => JSON.stringify(f)).join(', ')}]
`;
    hub = await Hub.open(parseConfig(yaml, join(dir.path, 'hub.yaml')));
    app = createApp({ ...hubPorts(hub), log: () => undefined }) as Express;
    // The published records: obj-0…2 (Gent) fill two recommended fields, obj-3…5 (Gent) none, obj-6…7 (Brugge) all.
    const know = sourceKnowledge(SHAPE_FILES, projectPath('mappings/lido-object.yml'));
    recommended = know.catalogue!.recommendedFieldsOf(know.roots).map((f) => f.path);
    const put = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => {
      const recordId = `obj-${i}`;
      const graph = recordGraphIri(BASE, 'vkc', recordId);
      const entity = namedNode(entityIri(BASE, 'mensgemaaktobject', 'vkc', recordId));
      const filled = i < 3 ? recommended.slice(0, 2) : i < 6 ? [] : recommended;
      return [
        { graph, entity: true, quads: [quad(entity, namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'), namedNode(`${CRM}E22_Man-Made_Object`)), ...filled.map((p) => quad(entity, namedNode(p), literal('x')))] },
        ...leanProvenance(graph, provenanceGraphIri(BASE, 'vkc', recordId), {
          source: sourceIri(BASE, 'vkc'),
          recordId,
          entity: entity.value,
          organisation: i < 6 ? 'Museum voor Schone Kunsten Gent' : 'Musea Brugge',
          publishedAt: '2026-11-01T10:01:00Z',
        }),
      ];
    });
    await hub.store.commit({ put });
  }, 60_000);

  afterAll(async () => {
    await hub?.close();
    await dir?.cleanup();
  });

  const page = async (path: string, acceptLanguage = 'en') => {
    const res = await request(app).get(path).set('Accept', 'text/html').set('Accept-Language', acceptLanguage);
    expect(res.status).toBe(200);
    return res.text.replace(/<wbr>/g, '');
  };

  it('is Dutch for Accept-Language nl, with Dutch navigation, numbers and dates', async () => {
    const nl = await page('/reports/vkc', 'nl-BE,nl;q=0.9,en;q=0.8');
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('Wat moet u verbeteren');
    expect(nl).toContain('>Bronnen</a>');
    expect(nl).toMatch(/37,5\u00a0%/);
    expect(nl).toContain('1 nov 2026');
    const en = await page('/reports/vkc', 'en');
    expect(en).toContain('What to fix');
    expect(en).toContain('37.5%');
    expect(en).not.toContain('Wat moet u verbeteren');
  });

  it('shows a score that moves with every mandatory field filled, beside conformance', async () => {
    const html = await page('/reports/vkc', 'nl');
    // The pairs it counts are said in words: the main class's mandatory fields in each record seen.
    expect(html).toMatch(/<strong id="mandatory-score">Verplichte velden van de records ingevuld: \d+,\d\u00a0% \(\d+ van \d+: \d+ verplichte velden in 8 records\)\.<\/strong>/);
    const org = await page('/reports/organisations/museum-voor-schone-kunsten-gent', 'en');
    expect(org).toMatch(/<strong id="mandatory-score">Mandatory fields of the records filled: \d+\.\d%/);
  });

  it('shows the recommended fields present beside the mandatory score, in both languages', async () => {
    const f = recommended.length;
    expect(f).toBeGreaterThan(2);
    const source = (2 * 3 + f * 2) / (8 * f);
    const nl = await page('/reports/vkc', 'nl');
    // Said as the average number of recommended fields a published record has: (6 + 2f) / 8.
    const average = (lang: 'nl' | 'en') => new Intl.NumberFormat(lang === 'nl' ? 'nl-BE' : 'en-GB', { maximumFractionDigits: 1 }).format((6 + 2 * f) / 8);
    expect(nl).toContain(`<strong id="recommended-score">Aanbevolen velden aanwezig: ${fmtPct(Math.round(source * 1000) / 10, 'nl')} (gemiddeld ${average('nl')} van de ${f} aanbevolen velden per gepubliceerd record).</strong>`);
    const en = await page('/reports/vkc', 'en');
    expect(en).toContain(`<strong id="recommended-score">Recommended fields present: ${fmtPct(Math.round(source * 1000) / 10, 'en')} (on average ${average('en')} of the ${f} recommended fields per published record).</strong>`);
    const gent = await page('/reports/organisations/museum-voor-schone-kunsten-gent', 'nl');
    const gentScore = Math.round((6 / (6 * f)) * 1000) / 10;
    expect(gent).toContain(`Aanbevolen velden aanwezig: ${fmtPct(gentScore, 'nl')} (gemiddeld 1 van de ${f} aanbevolen velden per gepubliceerd record)`);
  });

  it('puts the organisation beside the sector median, naming no other organisation', async () => {
    const score = (html: string, id: string) => /id="(?:mandatory|recommended)-score">[^:]+: ([\d.]+)%/.exec(html.slice(html.indexOf(`id="${id}"`) - 12))?.[1];
    const gent = await page('/reports/organisations/museum-voor-schone-kunsten-gent', 'en');
    const brugge = await page('/reports/organisations/musea-brugge', 'en');
    const mid = (id: string) => (Number(score(gent, id)) + Number(score(brugge, id))) / 2;
    expect(gent).toContain(`<span id="sector-median">Sector median (all organisations): mandatory ${fmtPct(Math.round(mid('mandatory-score') * 10) / 10, 'en')}, recommended ${fmtPct(Math.round(mid('recommended-score') * 10) / 10, 'en')}.</span>`);
    const note = /<p class="conformance-note"[\s\S]*?<\/p>/.exec(gent)![0];
    expect(note).not.toContain('Brugge');
    const nl = await page('/reports/organisations/musea-brugge', 'nl');
    expect(nl).toMatch(/<span id="sector-median">Mediaan van de sector \(alle organisaties\): verplicht \d+,\d\u00a0%, aanbevolen \d+,\d\u00a0%\.<\/span>/);
  });

  it('predicts the Europeana tiers beside the readiness line, says it is a prediction and what the next tier needs, in both languages', async () => {
    const tierCounts = (html: string, kind: string) => {
      const p = new RegExp(`<p class="tier-counts" id="tiers-${kind}">[\\s\\S]*?</p>`).exec(html)![0];
      return [...p.matchAll(/data-tier="([^"]+)"><strong>[^<]+<\/strong>: (\d+)/g)].map((x) => [x[1], Number(x[2])] as const);
    };
    const en = await page('/reports/vkc', 'en');
    const box = en.slice(en.indexOf('<aside class="europeana"'), en.indexOf('</aside>'));
    expect(box).toContain('<strong>Predicted Europeana tiers</strong>');
    expect(box).toContain('Europeana decides the real tiers');
    // Every published record has one content tier and one metadata tier.
    expect(tierCounts(box, 'content').map(([t]) => t)).toEqual(['0', '1', '2', '3', '4']);
    expect(tierCounts(box, 'content').reduce((n, [, c]) => n + c, 0)).toBe(8);
    expect(tierCounts(box, 'metadata').reduce((n, [, c]) => n + c, 0)).toBe(8);
    // These records state no rights (and give no media link): content tier 0, and the next tier asks for the rights first.
    expect(tierCounts(box, 'content')[0]).toEqual(['0', 8]);
    expect(box).toMatch(/<li data-need="content:rights"><strong>8 records<\/strong>: state the rights of the media with a statement Europeana accepts/);
    expect(box).toContain('<details id="tier-records">');
    const nl = await page('/reports/organisations/musea-brugge', 'nl');
    const nlBox = nl.slice(nl.indexOf('<aside class="europeana"'), nl.indexOf('</aside>'));
    expect(nlBox).toContain('<strong>Voorspelde Europeana-niveaus</strong>');
    expect(tierCounts(nlBox, 'content').reduce((n, [, c]) => n + c, 0)).toBe(2);
    expect(nlBox).toMatch(/<li data-need="content:rights"><strong>2 records<\/strong>: vermeld de rechten op de media met een verklaring die Europeana aanvaardt/);
  });

  it('gives each record’s predicted tiers and the counts per organisation in the JSON, the tiers CSV and the XLSX', async () => {
    const json = (await request(app).get('/reports/vkc?format=json')).body as { europeana: { tiers: { records: number }; perOrganisation: Record<string, { records: number; content: Record<string, number> }>; records: { recordId: string; organisation: string; content: number; metadata: string; nextContent: { key: string }[] }[] } };
    expect(json.europeana.tiers.records).toBe(8);
    expect(json.europeana.records.map((r) => r.recordId).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `obj-${i}`));
    expect(json.europeana.records.find((r) => r.recordId === 'obj-7')).toMatchObject({ organisation: 'Musea Brugge', content: 0, nextContent: [{ key: 'rights' }] });
    expect(Object.fromEntries(Object.entries(json.europeana.perOrganisation).map(([name, t]) => [name, t.records]))).toEqual({ 'Museum voor Schone Kunsten Gent': 6, 'Musea Brugge': 2 });
    const org = (await request(app).get('/reports/organisations/musea-brugge?format=json')).body as { europeana: { records: { recordId: string }[] } };
    expect(org.europeana.records.map((r) => r.recordId).sort()).toEqual(['obj-6', 'obj-7']);

    const csv = parseCsv((await request(app).get('/reports/vkc?format=csv&view=tiers&lang=nl')).text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)[0]).toBe('recordId');
    expect(csv).toHaveLength(8);
    expect(csv.find((r) => r.recordId === 'obj-6')).toMatchObject({ source: 'vkc', organisation: 'Musea Brugge', contentTier: '0', rights: 'none' });
    expect(csv[0]!.nextContentTier).toMatch(/^vermeld de rechten op de media/);

    const { default: ExcelJS } = await import('exceljs');
    const xlsx = await request(app).get('/reports/organisations/museum-voor-schone-kunsten-gent?format=xlsx&lang=en').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const tiers = book.getWorksheet('Europeana tiers')!;
    expect(tiers.getRow(1).getCell(1).value).toBe('recordId');
    expect(tiers.rowCount).toBe(1 + 6);

    // The source page counts the tiers per organisation, and links the CSV.
    const en = await page('/reports/vkc', 'en');
    const table = /<table id="tiers-per-organisation"[\s\S]*?<\/table>/.exec(en)![0];
    expect(table).toContain('<td data-label="Organisation">Musea Brugge</td><td data-label="Objects">2</td>');
    expect(en).toContain('data-format="tiers-csv"');
  });

  it('switches language on the same page, keeping its filter', async () => {
    const nl = await page('/reports/vkc?constraint=MinCount', 'nl');
    const link = /<a href="([^"]+)" hreflang="en"/.exec(nl)?.[1]?.replace(/&amp;/g, '&');
    expect(link).toBe('/reports/vkc?constraint=MinCount&lang=en');
  });

  it('lists causes by records affected, with the shapes’ names, the way from the record and the LIDO field', async () => {
    const html = await page('/reports/vkc', 'nl');
    const causes = [...html.matchAll(/<li class="cause[^"]*" data-kind="(\w+)" data-records="(\d+)"/g)].map((m) => [m[1], Number(m[2])]);
    // Most records first (ties in a fixed order).
    expect(causes).toEqual([
      ['Class', 5],
      ['MinCount', 5],
      ['MinCount', 3],
    ]);
    const first = html.split('id="cause-2"')[1]!.split('</li>')[0]!;
    expect(first).toContain('Mensgemaakt object › </span><strong class="field">materiaal</strong>');
    expect(first).toContain('lido:termMaterialsTech');
    const third = html.split('id="cause-3"')[1]!.split('</li>')[0]!;
    expect(third).toContain('Mensgemaakt object › productie › </span><strong class="field">tijd</strong>');
    expect(third).toContain('lido:event/lido:eventDate/lido:date/lido:earliestDate');
  });

  it('never shows a blank-node label, in either language, on any report page', async () => {
    for (const lang of ['nl', 'en']) {
      for (const path of ['/reports', '/reports/vkc', `/reports/vkc/${run.runId}`, '/reports/organisations/museum-voor-schone-kunsten-gent']) {
        expect(await page(path, lang)).not.toMatch(/_:n3-/);
      }
    }
  });

  it('puts the museum’s own record id first in each row, linked to the source record', async () => {
    const html = await page(`/reports/vkc/${run.runId}`, 'en');
    const row = html.split('<tbody>')[1]!.split('</tr>')[0]!;
    expect(row).toMatch(/^\s*<tr[^>]*><td data-label="Record"><a href="https:\/\/museum\.example\/collectie\/obj-\d"/);
  });

  it('shows Europeana readiness at the top of source and organisation pages', async () => {
    for (const path of ['/reports/vkc', '/reports/organisations/museum-voor-schone-kunsten-gent']) {
      const html = await page(path, 'en');
      const europeana = html.indexOf('id="europeana"');
      expect(europeana).toBeGreaterThan(0);
      expect(europeana).toBeLessThan(html.indexOf('id="causes"'));
    }
  });

  it('says on the overview what each source should fix first, and what its conformance means', async () => {
    const html = await page('/reports', 'nl');
    const row = html.split('<table id="sources"')[1]!.split('</table>')[0]!;
    expect(row).toContain('<th>Los deze eerst op</th>');
    expect(row).toContain('<a href="/reports/vkc?lang=nl#causes">locatie</a> <span class="muted">(5 records)</span>');
    // Beside the share without violations, the score that moves: mandatory fields filled, as on the source page.
    const score = /<strong id="mandatory-score">Verplichte velden van de records ingevuld: ([\d,]+\u00a0%)/.exec(await page('/reports/vkc', 'nl'))![1]!;
    expect(row).toContain(`<td data-label="Verplichte velden ingevuld"><strong>${score}</strong></td>`);
    expect(row).toContain('<td data-label="Zonder overtredingen">3 van 8 (37,5\u00a0%)</td>');
    expect(html).toContain('id="index-note"');
  });

  it('names both organisations of a source that carries two', async () => {
    const html = await page('/reports/vkc', 'en');
    expect(html).toContain('Museum voor Schone Kunsten Gent (6), Musea Brugge (2)');
  });

  it('links the causes as XLSX beside the CSV', async () => {
    const html = await page('/reports/vkc', 'en');
    expect(html).toContain('href="/reports/vkc?format=xlsx&amp;view=causes&amp;lang=en" data-format="causes-xlsx"');
    const res = await request(app).get('/reports/vkc?format=xlsx&view=causes').buffer(true).parse((r, cb) => { const chunks: Buffer[] = []; r.on('data', (c: Buffer) => chunks.push(c)); r.on('end', () => cb(null, Buffer.concat(chunks))); });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/causes-vkc-.*\.xlsx/);
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('downloads the causes as CSV with the affected record ids first', async () => {
    const res = await request(app).get('/reports/vkc?format=csv&view=causes&lang=nl');
    expect(res.status).toBe(200);
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)[0]).toBe('recordIds');
    expect(rows.map((r) => [r.records, r.field])).toEqual([
      ['5', 'locatie'],
      ['5', 'materiaal'],
      ['3', 'tijd'],
    ]);
    expect(rows[2]!.recordIds.split(' ').sort()).toEqual(['obj-0', 'obj-1', 'obj-2']);
    expect(rows[1]!.fix).toContain('ontbreekt');
  });
});

describe('The causes as a workbook', () => {
  it('is offered beside the CSV and holds the causes and one row per affected record', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const { causesToXlsx } = await import('../../../src/reports/causes-xlsx.js');
    const buffer = await causesToXlsx(
      [
        { recordIds: ['obj-1', 'obj-2'], records: 2, rejected: 0, source: 'vkc', where: 'Mensgemaakt object', field: 'materiaal', fix: 'Vul het in.', sourceField: 'lido:termMaterialsTech/lido:term', exampleRecord: 'obj-1', rule: 'mappings/lido-object.yml#object' },
        { recordIds: ['=HYPERLINK("x")'], records: 1, rejected: 1, source: 'vkc', where: '', field: 'titel', fix: 'Vul het in.', sourceField: '', exampleRecord: '=HYPERLINK("x")', rule: '' },
      ],
      'nl',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as never);
    const causes = book.getWorksheet('Oorzaken')!;
    expect(causes.getRow(1).getCell(1).value).toBe('recordIds');
    expect(causes.getRow(2).getCell(1).value).toBe('obj-1 obj-2');
    expect(causes.getRow(2).getCell(2).value).toBe(2);
    const records = book.getWorksheet('Records')!;
    expect([2, 3, 4].map((r) => records.getRow(r).getCell(1).value)).toEqual(['obj-1', 'obj-2', '=HYPERLINK("x")']);
    // A harvested id that looks like a formula stays text.
    expect(records.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });
});
