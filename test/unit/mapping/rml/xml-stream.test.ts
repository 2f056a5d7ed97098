import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { projectPath } from '../../../../src/core/paths.js';
import { XmlFormat } from '../../../../src/mapping/rml/formats/xml-format.js';

async function streamed(format: XmlFormat, text: string, chunk: number): Promise<unknown[]> {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chunk) parts.push(text.slice(i, i + chunk));
  const out: unknown[] = [];
  for await (const batch of format.streamRecords(Readable.from(parts))) out.push(...batch);
  return out;
}

describe('XML streaming', () => {
  const lido = readFileSync(projectPath('fixtures/lido/samples/groeningemuseum-0000_GRO1561_I-LIDO.xml'), 'utf8');

  it.each([
    ['//lido:measurementsSet', 'lido:measurementValue'],
    ['/lido:lido/lido:lidoRecID', '@lido:type'],
    ['//lido:actor', "lido:actorID[@lido:source='VIAF']"],
  ])('yields the same records and values for %s as the whole-document reader', async (iterator, reference) => {
    const format = new XmlFormat({ iterator, namespaces: {}, nulls: [], strict: true });
    const ref = format.reference(reference);
    const whole = [...format.records(lido)].map(ref);
    const parts = (await streamed(format, lido, 97)).map(ref);
    expect(parts).toEqual(whole);
    expect(whole.length).toBeGreaterThan(1);
  });

  it('refuses entity declarations while streaming', async () => {
    const format = new XmlFormat({ iterator: '/a/b', namespaces: {}, nulls: [], strict: true });
    await expect(streamed(format, '<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a><b>&e;</b></a>', 10)).rejects.toThrow(/entity/);
  });
});
