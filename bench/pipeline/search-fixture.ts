/**
 * A UiTdatabank Search API v3 look-alike on loopback serving N synthetic events (see
 * synthetic-events.ts) to the real `uitdatabank` connector: `/events/` with modifiedFrom /
 * modifiedTo, sort[modified]=asc, start, limit and embed=true. Pages are generated on request,
 * so a million events cost no memory. Not a conformance fixture: filters other than the
 * modification window are ignored (every event is published and visible).
 *
 * The pipelines harvest it in a process of its own (startSearchFixtureProcess), as they would
 * a real source: generating and serialising pages must not take the measured process's CPU.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { BASE_MODIFIED_MS, syntheticEvent } from './synthetic-events.js';

export interface SearchFixture {
  url: string;
  close(): Promise<void>;
}

export async function startSearchFixture(count: number): Promise<SearchFixture> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.replace(/\/$/, '') !== '/events') {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      return;
    }
    const q = url.searchParams;
    const from = q.get('modifiedFrom') ? Date.parse(q.get('modifiedFrom')!) : -Infinity;
    const to = q.get('modifiedTo') ? Date.parse(q.get('modifiedTo')!) : Infinity;
    // Event i has modified = BASE + i s: the window [from, to] is an index range.
    const first = Math.max(0, Math.ceil((from - BASE_MODIFIED_MS) / 1000));
    const last = Math.min(count - 1, Math.floor((to - BASE_MODIFIED_MS) / 1000));
    const total = Math.max(0, last - first + 1);
    const start = Number(q.get('start') ?? 0);
    const limit = Number(q.get('limit') ?? 30);
    const parts: string[] = [];
    for (let i = first + start; i < first + Math.min(total, start + limit); i++) parts.push(JSON.stringify(syntheticEvent(i)));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(`{"@type":"PagedCollection","itemsPerPage":${limit},"totalItems":${total},"member":[${parts.join(',')}]}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The fixture in a child process (this file run as a script); its URL is the child's first output line. */
export async function startSearchFixtureProcess(count: number): Promise<SearchFixture> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n')[0]!;
      if (out.includes('\n')) resolve(line.trim());
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the search fixture process stopped (exit ${code}) before it listened`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fixture = await startSearchFixture(Number(process.argv[2]));
  process.stdout.write(`${fixture.url}\n`);
  process.once('SIGTERM', () => void fixture.close().then(() => process.exit(0)));
}
