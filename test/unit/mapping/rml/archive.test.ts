import { spawnSync } from 'node:child_process';
import { deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';
import { firstTarGzEntry, firstTarXzEntry, firstZipEntry } from '../../../../src/mapping/rml/archive.js';

function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

function tarGzOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write(content.length.toString(8).padStart(11, '0'), 124);
  header.write('0', 156);
  const padded = Buffer.concat([content, Buffer.alloc((512 - (content.length % 512)) % 512)]);
  return gzipSync(Buffer.concat([header, padded, Buffer.alloc(1024)]));
}

describe('archive sources', () => {
  const body = Buffer.from('[{"id":1}]');
  it('reads the file in a zip', () => expect(firstZipEntry(zipOf('a.json', body)).toString()).toBe(body.toString()));
  it('reads the file in a tar.gz', () => expect(firstTarGzEntry(tarGzOf('a.json', body)).toString()).toBe(body.toString()));
  it('reads the file in a tar.xz', () => {
    const tarxz = spawnSync('xz', ['--compress', '--stdout'], { input: gunzipSync(tarGzOf('a.json', body)) }).stdout;
    expect(firstTarXzEntry(tarxz).toString()).toBe(body.toString());
  });
  it('says why a tar.xz cannot be read', () => expect(() => firstTarXzEntry(Buffer.from('not xz'))).toThrow(/xz failed/));
  it('refuses what is not a zip', () => expect(() => firstZipEntry(Buffer.from('nope, not a zip'))).toThrow(/not a zip/));
});
