import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRecordMapper } from '../../../src/mapping/load-mapper.js';
import { RmlRecordMapper } from '../../../src/mapping/rml/rml-record-mapper.js';

describe('loadRecordMapper', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'load-mapper-'));
  });

  it('loads YARRRML (.yml) and RML (.ttl) with the RML engine', async () => {
    await writeFile(join(dir, 'a.yml'), 'mappings:\n  m:\n    sources: [[x.json~jsonpath, "$"]]\n    s: http://ex.org/$(id)\n    po:\n      - [http://ex.org/p, $(id)]\n');
    await writeFile(join(dir, 'b.ttl'), '@prefix rml: <http://w3id.org/rml/> . <#T> rml:logicalSource [ rml:source "x.csv" ; rml:referenceFormulation rml:CSV ] ; rml:subjectMap [ rml:template "http://ex.org/{id}" ] .');
    const yml = await loadRecordMapper(join(dir, 'a.yml'));
    const ttl = await loadRecordMapper(join(dir, 'b.ttl'));
    expect(yml).toBeInstanceOf(RmlRecordMapper);
    expect(ttl).toBeInstanceOf(RmlRecordMapper);
    expect(ttl.version).toMatch(/^[0-9a-f]{64}$/);
    const out = await yml.map({ sourceId: 's', recordId: '1', mediaType: 'application/json', body: '{"id":"x"}' }, { baseIri: 'http://h/', sourceId: 's' });
    expect(out.quads.map((q) => [q.subject.value, q.object.value])).toEqual([['http://ex.org/x', 'x']]);
  });

  it('refuses an unknown mapping language', async () => {
    await writeFile(join(dir, 'c.txt'), 'x');
    await expect(loadRecordMapper(join(dir, 'c.txt'))).rejects.toThrow(/unknown mapping language/);
  });
});
