import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { MappingError } from '../../../src/core/errors.js';
import { runMappingFile } from '../../../src/mapping/run-mapping-file.js';

async function run(file: string, baseIri?: string): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  await runMappingFile(file, { baseIri, out });
  return text;
}

describe('runMappingFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hub-map-'));
    await writeFile(join(dir, 'people.csv'), 'id,name\n1,Ann\n2,Bert\n');
    await writeFile(
      join(dir, 'rules.yml'),
      'prefixes:\n  ex: http://example.com/\nmappings:\n  person:\n    sources:\n      - [people.csv~csv]\n    s: person/$(id)\n    po:\n      - [ex:name, $(name)]\n',
    );
  });

  it('reads the input next to the mapping and writes N-Quads with the given base', async () => {
    const nq = await run(join(dir, 'rules.yml'), 'http://hub.test/');
    expect(nq.trim().split('\n').sort()).toEqual([
      '<http://hub.test/person/1> <http://example.com/name> "Ann" .',
      '<http://hub.test/person/2> <http://example.com/name> "Bert" .',
    ]);
  });

  it('fails with a MappingError naming the missing input', async () => {
    await writeFile(join(dir, 'missing.yml'), 'mappings:\n  m:\n    sources:\n      - [nope.csv~csv]\n    s: x/$(id)\n');
    const error = await run(join(dir, 'missing.yml')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MappingError);
    expect((error as Error).message).toMatch(/nope\.csv does not exist/);
  });

  it('fails with a MappingError naming the record that breaks the mapping', async () => {
    await writeFile(join(dir, 'bad.csv'), 'id\nok\nnot ok\n');
    await writeFile(join(dir, 'bad.ttl'), '@prefix rml: <http://w3id.org/rml/> . <http://m/T> rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:path "bad.csv" ] ; rml:referenceFormulation rml:CSV ] ; rml:subjectMap [ rml:reference "id" ] .');
    await expect(run(join(dir, 'bad.ttl'), 'http://hub.test/')).rejects.toThrow(/"not ok" does not make a valid IRI in record 2 of .*bad\.csv \(triples map <http:\/\/m\/T>/);
  });
});
