/**
 * A small HTTP server from which the remote store fetches the documents the hub asks it to
 * `LOAD`. Each document is served at an unguessable path (128 random bits) only while its LOAD
 * runs; every other request gets 404 and only GET/HEAD are answered. It listens where the
 * configuration says (loopback by default) and tells the store the URL it can reach.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StoreError } from '../../core/errors.js';

export interface LoadStagingOptions {
  /** Interface to listen on. @defaultValue 127.0.0.1 */
  host?: string;
  /** Port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Base URL the store uses to reach this server (when it is not on this machine). */
  advertisedUrl?: string;
}

export interface StagedDocument {
  url: string;
  /** Whether the store has fetched the document (to tell a store that cannot reach us). */
  fetched(): boolean;
  release(): void;
}

const PATH = /^\/hub-load\/([0-9a-f]{32})\.trig$/;
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

export class LoadStaging {
  private server?: Server;
  private starting?: Promise<string>;
  private readonly documents = new Map<string, { body: Buffer; fetches: number }>();

  constructor(private readonly options: LoadStagingOptions = {}) {}

  /** Starts listening (once); resolves to the base URL the store is told. */
  start(): Promise<string> {
    this.starting ??= this.listen();
    return this.starting;
  }

  private async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    if (WILDCARD_HOSTS.has(host) && !this.options.advertisedUrl) {
      throw new StoreError(`hub.store.bulkLoad: listening on ${host || 'every interface'} needs advertisedUrl, the address the store reaches this process at`, { code: 'STORE_CONFIG' });
    }
    const server = createServer((req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
      const token = PATH.exec(req.url ?? '')?.[1];
      const document = token ? this.documents.get(token) : undefined;
      if (!document) return void res.writeHead(404).end();
      document.fetches++;
      res.writeHead(200, { 'content-type': 'application/trig; charset=utf-8', 'content-length': document.body.length, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : document.body);
    });
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(new StoreError(`hub.store.bulkLoad: cannot listen on ${host}:${this.options.port ?? 0}: ${error.message}`, { code: 'STORE_CONFIG', cause: error })),
      );
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const base = this.options.advertisedUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return base.replace(/\/+$/, '');
  }

  /** Serves `body` at a fresh URL until released. */
  async stage(body: string): Promise<StagedDocument> {
    const base = await this.start();
    const token = randomBytes(16).toString('hex');
    const document = { body: Buffer.from(body, 'utf8'), fetches: 0 };
    this.documents.set(token, document);
    return {
      url: `${base}/hub-load/${token}.trig`,
      fetched: () => document.fetches > 0,
      release: () => void this.documents.delete(token),
    };
  }

  async close(): Promise<void> {
    this.documents.clear();
    const server = this.server;
    this.server = undefined;
    this.starting = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
