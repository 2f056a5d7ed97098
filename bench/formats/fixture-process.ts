/**
 * One sector source for bench:formats, in a process of its own so that rendering its pages does
 * not take the measured process's CPU (as a real source runs on another machine):
 *
 *   node dist/bench/formats/fixture-process.js <format> <records> <pageSize> <captureDir>
 *
 * It starts the format's fixture server (fixtures/*), prints `{"url":…}` on one line, and writes
 * the body of every 200 answer it sends to captureDir (one file per answer, in order): the exact
 * bytes the connector received, which the bench parses afterwards as the floor. It exits when its
 * standard input closes.
 */
import { writeFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { startLdesFixture } from '../../fixtures/ldes/server.js';
import { startOaiPmhFixture } from '../../fixtures/oai-pmh/server.js';
import { startTicketmaticFixture } from '../../fixtures/ticketmatic/server.js';
import { startUitdatabankFixture } from '../../fixtures/uitdatabank/server.js';
import { MEEMOO_AUTH, TM } from './sources.js';

/** Captures the bodies of successful answers (write + end chunks), numbered in the order they end. */
function captureBodies(dir: string): void {
  const chunks = new WeakMap<ServerResponse, Buffer[]>();
  const keep = (res: ServerResponse, chunk: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const list = chunks.get(res) ?? [];
    list.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    chunks.set(res, list);
  };
  let n = 0;
  const { write, end } = ServerResponse.prototype;
  ServerResponse.prototype.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(this, chunk);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof write;
  ServerResponse.prototype.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(this, chunk);
    if (this.statusCode === 200) writeFileSync(join(dir, String(n++).padStart(6, '0')), Buffer.concat(chunks.get(this) ?? []));
    return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as typeof end;
}


async function start(format: string, count: number, pageSize: number): Promise<string> {
  switch (format) {
    case 'mets':
      return (await startOaiPmhFixture({ profile: 'meemoo', count, pageSize, basicAuth: MEEMOO_AUTH })).url;
    case 'oai_dc':
      return (await startOaiPmhFixture({ profile: 'datahub', count, pageSize })).url;
    case 'ghent':
      return (await startLdesFixture({ objects: count, pageSize })).url;
    case 'uitdatabank':
      return (await startUitdatabankFixture({ count, clientIds: ['bench'] })).url;
    case 'ticketmatic': {
      const tm = await startTicketmaticFixture({ count, account: TM.account, accessKey: TM.accessKey, secretKey: TM.secretKey, streamPageSize: pageSize });
      return tm.url.replace(/\/[^/]+$/, '');
    }
    default:
      throw new Error(`no fixture server for format ${format}`);
  }
}

async function main(): Promise<void> {
  const [format, records, pageSize, captureDir] = process.argv.slice(2);
  captureBodies(captureDir!);
  const url = await start(format!, Number(records), Number(pageSize));
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`fixture-process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
