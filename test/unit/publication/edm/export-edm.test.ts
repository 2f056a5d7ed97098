import { jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edmConformance } from '../../../../src/publication/edm/conformance.js';
import { exportEdm } from '../../../../src/publication/edm/export-edm.js';
import { checkSchematron } from '../../../../src/publication/edm/schematron-rules.js';
import { edmSchemaSet, validateWithXsd } from '../../../../src/publication/edm/xsd-validator.js';
import { publishGhentObjects } from '../../../../fixtures/edm/ghent-heritage.js';
import { MemoryStore } from '../../../helpers/memory-store.js';

// Mapping and validating records takes seconds when the machine is busy; no test here is about speed.
jest.setTimeout(120_000);

const store = new MemoryStore();
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'edm-export-'));
  dirs.push(d);
  return d;
};

beforeAll(async () => {
  await publishGhentObjects(store, { rights: { dmg: 'CC0', stam: 'CC BY 4.0', industriemuseum: 'all rights reserved' } });
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('exportEdm', () => {
  it('writes the conformant records as EDM-external files that pass the XSD and the Schematron rules', async () => {
    const out = tmp();
    const result = await exportEdm({ store, outDir: out, provider: 'Culture LOD Hub' });
    expect(result.files).toEqual(['ghent-dmg/530000002.xml', 'ghent-stam/550000001.xml']);
    const docs = result.files.map((f) => readFileSync(join(out, f), 'utf8'));
    expect(docs[0]).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rdf:RDF /);
    expect((await validateWithXsd(docs, edmSchemaSet())).flat()).toEqual([]);
    for (const d of docs) expect(checkSchematron(d)).toEqual([]);
    const withheld = readFileSync(join(out, 'withheld.tsv'), 'utf8').trim().split('\n');
    expect(withheld[0]).toBe('sourceId\trecordId\trule\tmessage');
    expect(withheld.some((l) => l.startsWith('ghent-hva\t470000001\trights:missing\t'))).toBe(true);
    expect(withheld.some((l) => l.startsWith('ghent-industriemuseum\t570000015\trights:unmapped\t'))).toBe(true);
  });

  it('exports one organisation by set spec or by name', async () => {
    expect((await exportEdm({ store, outDir: tmp(), set: 'org:design-museum-gent' })).files).toEqual(['ghent-dmg/530000002.xml']);
    expect((await exportEdm({ store, outDir: tmp(), set: 'STAM - Gent Stadsmuseum' })).files).toEqual(['ghent-stam/550000001.xml']);
  });
});

describe('edmConformance', () => {
  it("lists an organisation's withheld records with the rule", async () => {
    const issues = await edmConformance({ store, set: 'org:huis-van-alijn' });
    expect(issues[0]).toEqual({
      recordId: '470000001',
      sourceId: 'ghent-hva',
      organisation: 'Huis van Alijn',
      rule: 'rights:missing',
      message: 'the record states no rights and source ghent-hva declares none (sources[].europeana.defaultRights)',
    });
    expect(issues.every((i) => i.sourceId === 'ghent-hva')).toBe(true);
    expect(await edmConformance({ store, set: 'org:design-museum-gent' })).toEqual([]);
  });
});
