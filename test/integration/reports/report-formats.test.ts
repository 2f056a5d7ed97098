/** The report formats' building blocks: CSV cells, constraint matching, JSON-LD from quads, links, plain-language constraints. */
import jsonld from 'jsonld';
import { parse as parseCsv } from 'csv-parse/sync';
import { isomorphic } from 'rdf-isomorphic';
import { explainConstraint } from '../../../src/api/i18n/constraints.js';
import { MAX_HTML_ROWS, runPage } from '../../../src/api/pages/report-pages.js';
import { compactIri, safeUrl } from '../../../src/api/pages/report-parts.js';
import { quadsToJsonLd } from '../../../src/reports/quads-jsonld.js';
import { rowsToCsv } from '../../../src/reports/report-csv.js';
import { conformanceOf, matchesConstraint, messageIn, rowsOf, summarise, topConstraints, type ReportRow } from '../../../src/reports/report-model.js';
import type { RunSummary } from '../../../src/reports/run-summary.js';
import { parseRdf } from '../../../src/core/rdf.js';

const SH = 'http://www.w3.org/ns/shacl#';
const row = (over: Partial<ReportRow>): ReportRow => ({ sourceId: 's', runId: 'r', recordId: 'x', rejected: true, stage: 'validation', messages: [], ...over });

describe('Report CSV', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas in harvested text', () => {
    const csv = rowsToCsv([row({ recordId: '=HYPERLINK("http://evil")', messages: ['a, "b"\nc'], value: '+1', rule: '@rule', constraint: `${SH}MinCountConstraintComponent` })]);
    const [parsed] = parseCsv(csv, { columns: true }) as Record<string, string>[];
    expect(parsed!.recordId).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed!.message).toBe('a, "b"\nc');
    expect(parsed!.value).toBe("'+1");
    expect(parsed!.mappingRule).toBe("'@rule");
    expect(parsed!.constraint).toBe('sh:MinCountConstraintComponent');
  });
});

describe('Report rows', () => {
  it('match a constraint by IRI, sh: name or bare name', () => {
    const r = row({ constraint: `${SH}MinCountConstraintComponent` });
    for (const w of [`${SH}MinCountConstraintComponent`, 'sh:MinCountConstraintComponent', 'MinCountConstraintComponent', 'MinCount']) expect(matchesConstraint(r, w)).toBe(true);
    expect(matchesConstraint(r, 'MaxCount')).toBe(false);
    expect(matchesConstraint(row({}), 'MinCount')).toBe(false);
  });

  it('count the most violated constraints per path, with distinct records', () => {
    const c = `${SH}ClassConstraintComponent`;
    const top = topConstraints([row({ constraint: c, path: '<p>', recordId: 'a' }), row({ constraint: c, path: '<p>', recordId: 'a' }), row({ constraint: c, path: '<p>', recordId: 'b' }), row({ constraint: c, path: '<q>' })]);
    expect(top).toEqual([
      { constraint: c, path: '<p>', results: 3, records: 2 },
      { constraint: c, path: '<q>', results: 1, records: 1 },
    ]);
  });

  it('pick the message in the page language, else the untagged ones', () => {
    const r = row({ messages: ['Title required', 'Titel verplicht', 'plain'], localizedMessages: [{ text: 'Title required', language: 'en' }, { text: 'Titel verplicht', language: 'nl-BE' }] });
    expect(messageIn(r, 'nl')).toBe('Titel verplicht');
    expect(messageIn(r, 'en')).toBe('Title required');
    expect(messageIn(row({ messages: ['only'] }), 'nl')).toBe('only');
  });

  it('compute conformance over the records seen', () => {
    expect(conformanceOf({ seen: 0, errors: 0, nonConforming: 0 })).toBeNull();
    expect(conformanceOf({ seen: 8, errors: 1, nonConforming: 3 })).toBe(50);
    expect(conformanceOf({ seen: 3, errors: 0, nonConforming: 1 })).toBe(66.7);
  });
});

describe('Report JSON-LD from quads', () => {
  it('embeds nodes referenced once, keeps shared and cyclic nodes, and reads back to the same graph', async () => {
    const quads = parseRdf(`
      @prefix sh: <${SH}> . @prefix hub: <https://w3id.org/culture-lod-hub/ns#> .
      <http://h/report/1> a sh:ValidationReport ; sh:conforms false ; hub:seen 3 ;
        sh:result [ a sh:ValidationResult ; sh:sourceShape _:shape ; sh:resultMessage "Titel"@nl, "x" ; sh:value "2"^^<http://www.w3.org/2001/XMLSchema#gYear> ],
                  [ a sh:ValidationResult ; sh:sourceShape _:shape ; sh:focusNode <http://ex/o> ] .
      <http://ex/a> <http://ex/next> <http://ex/b> . <http://ex/b> <http://ex/next> <http://ex/a> .`);
    const doc = quadsToJsonLd(quads, []);
    const back = parseRdf((await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string, { format: 'N-Quads' });
    expect(isomorphic(back, quads)).toBe(true);
    const report = (doc['@graph'] as Record<string, unknown>[]).find((n) => n['@type'] === 'sh:ValidationReport')!;
    expect(report['sh:conforms']).toBe(false);
    expect(report['hub:seen']).toBe(3);
    expect((report['sh:result'] as unknown[]).length).toBe(2);
  });
});

describe('Report pages', () => {
  it('link only http(s) URLs of source records', () => {
    expect(safeUrl('https://example.org/a?b=c')).toBe('https://example.org/a?b=c');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<script>')).toBeUndefined();
    expect(safeUrl('https://x" onmouseover="y')).toBeUndefined();
  });

  it('show paths with prefixes, leaving literals and unknown IRIs alone', () => {
    expect(compactIri('<http://purl.org/dc/terms/title>')).toBe('dct:title');
    expect(compactIri('<http://www.cidoc-crm.org/cidoc-crm/P108i_was_produced_by>/<http://purl.org/dc/terms/date>')).toBe('crm:P108i_was_produced_by/dct:date');
    expect(compactIri('https://schema.org/name')).toBe('schema:name');
    expect(compactIri('"<http://purl.org/dc/terms/title>"')).toBe('"<http://purl.org/dc/terms/title>"');
    expect(compactIri('https://stad.gent/id/mensgemaaktobject/dmg/1')).toBe('https://stad.gent/id/mensgemaaktobject/dmg/1');
  });

  it('show at most MAX_HTML_ROWS results and say where the rest are', () => {
    const problems = Array.from({ length: MAX_HTML_ROWS + 1 }, (_v, i) => ({
      recordId: `r${i}`,
      stage: 'validation' as const,
      message: '1 violation(s)',
      rejected: true,
      results: [{ severity: 'Violation' as const, focusNode: `http://ex/${i}`, constraint: `${SH}MinCountConstraintComponent`, shape: '_:s', messages: ['missing'] }],
    }));
    const run: RunSummary = { runId: 'r1', sourceId: 's', startedAt: '2026-01-01T00:00:00Z', status: 'completed', full: false, seen: problems.length, published: 0, rejected: problems.length, deleted: 0, errors: 0, warnings: 0, pages: 1, retries: 0, nonConforming: problems.length, problems };
    const all = rowsOf(run);
    const html = runPage('S', { run, all, rows: all, summary: summarise(run, all), organisations: [] }, 'en');
    expect(html.match(/<tr data-constraint=/g)?.length).toBe(MAX_HTML_ROWS);
    expect(html).toContain('id="capped"');
    expect(html).toContain(`of ${MAX_HTML_ROWS + 1} results`);
  });

  it('explain constraints in plain Dutch and English', () => {
    expect(explainConstraint(`${SH}MinCountConstraintComponent`, 'en')).toMatch(/required field is missing/);
    expect(explainConstraint('sh:ClassConstraintComponent', 'nl')).toMatch(/verwijzing/);
    expect(explainConstraint('urn:other', 'en')).toBeUndefined();
  });
});
