/**
 * Reading the single file inside a zip, tar.gz or tar.xz source (rml:compression rml:zip /
 * rml:targz / rml:tarxz). Archives are read whole: compressed sources are small in practice and
 * zip keeps its directory at the end. Only stored and deflated zip entries are supported (what zip
 * tools write). Node has no xz decoder, so tar.xz goes through the system's `xz` program.
 */
import { spawnSync } from 'node:child_process';
import { gunzipSync, inflateRawSync } from 'node:zlib';

/** The first regular file of a zip archive. */
export function firstZipEntry(zip: Buffer): Buffer {
  // Local file header: signature PK\x03\x04, then fixed fields; sizes may be in a data descriptor,
  // so take them from the central directory when the local header has none.
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip archive');
  const method = zip.readUInt16LE(8);
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  let compressedSize = zip.readUInt32LE(18);
  if (compressedSize === 0) {
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    if (central < 0) throw new Error('zip archive without central directory');
    compressedSize = zip.readUInt32LE(central + 20);
  }
  const start = 30 + nameLength + extraLength;
  const data = zip.subarray(start, start + compressedSize);
  if (method === 0) return data;
  if (method === 8) return inflateRawSync(data);
  throw new Error(`zip compression method ${method} is not supported`);
}

/** The first regular file of a gzipped tar archive. */
export function firstTarGzEntry(targz: Buffer): Buffer {
  return firstTarEntry(gunzipSync(targz));
}

/** The first regular file of an xz-compressed tar archive. */
export function firstTarXzEntry(tarxz: Buffer): Buffer {
  const xz = spawnSync('xz', ['--decompress', '--stdout'], { input: tarxz, maxBuffer: 1 << 30 });
  if (xz.error) throw new Error(`cannot run xz to decompress (is it installed?): ${xz.error.message}`);
  if (xz.status !== 0) throw new Error(`xz failed: ${xz.stderr.toString('utf8').trim()}`);
  return firstTarEntry(xz.stdout);
}

/** The first regular file of a tar archive. */
export function firstTarEntry(tar: Buffer): Buffer {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/, '').trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = offset + 512;
    if (type === '0') return tar.subarray(body, body + size);
    offset = body + Math.ceil(size / 512) * 512;
  }
  throw new Error('tar archive without a regular file');
}
