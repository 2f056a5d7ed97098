/**
 * Fairness per client on CPU-heavy routes: each client (client-key.ts) runs at most
 * `concurrency` requests at once and has at most `queue` more waiting; past that it gets 429
 * with Retry-After, in seconds, until its oldest running request must have ended (its time
 * limit). One client's runaway queries then hold only its own share, never everybody's.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../http-errors.js';
import { clientKey } from './client-key.js';

export interface GateLimits {
  /** Requests one client may have running at once. */
  concurrency: number;
  /** Requests one client may have waiting beyond those. */
  queue: number;
}

export interface ClientGateOptions {
  /** Named in the 429 message: the routes and the setting (e.g. "SPARQL queries (hub.admission.sparql)"). */
  label: string;
  anonymous: GateLimits;
  /** Limits of a client that sent a known API key. */
  keyed: GateLimits;
  knownKeys: ReadonlySet<string>;
  /** Longest one request may run, ms: bounds when a running request ends, for Retry-After. */
  timeLimitMs: number;
}

interface ClientState {
  /** Start times of the running requests, ms. */
  running: number[];
  waiting: (() => void)[];
}

export class ClientGate {
  private readonly clients = new Map<string, ClientState>();

  constructor(private readonly options: ClientGateOptions) {}

  /** Requests running and waiting for a client (tests, metrics). */
  load(id: string): { running: number; waiting: number } {
    const state = this.clients.get(id);
    return { running: state?.running.length ?? 0, waiting: state?.waiting.length ?? 0 };
  }

  /** Admits the request now, queues it, or answers 429; sets `res.locals.client` to the client's id. */
  readonly middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const client = clientKey(req, this.options.knownKeys);
    const limits = client.keyed ? this.options.keyed : this.options.anonymous;
    res.locals.client = client.id;
    const state = this.clients.get(client.id) ?? { running: [], waiting: [] };
    this.clients.set(client.id, state);
    const start = () => {
      const startedAt = Date.now();
      state.running.push(startedAt);
      // Finished or the client went away: either way the slot is free again.
      res.once('close', () => this.release(client.id, state, startedAt));
      next();
    };
    if (state.running.length < limits.concurrency) return start();
    if (state.waiting.length < limits.queue) {
      state.waiting.push(start);
      res.once('close', () => {
        const at = state.waiting.indexOf(start);
        if (at >= 0) state.waiting.splice(at, 1);
        this.forget(client.id, state);
      });
      return;
    }
    const seconds = this.retryAfter(state);
    sendProblem(
      res,
      429,
      `Too many requests from this client at once: ${limits.concurrency} running and ${limits.queue} waiting is the limit for ${this.options.label}; retry after ${seconds} s`,
      { 'retry-after': String(seconds) },
    );
  };

  /** Seconds until the client's oldest running request must have ended. */
  private retryAfter(state: ClientState): number {
    const oldest = Math.min(...state.running);
    return Math.max(1, Math.ceil((oldest + this.options.timeLimitMs - Date.now()) / 1000));
  }

  private release(id: string, state: ClientState, startedAt: number): void {
    const at = state.running.indexOf(startedAt);
    if (at >= 0) state.running.splice(at, 1);
    state.waiting.shift()?.();
    this.forget(id, state);
  }

  private forget(id: string, state: ClientState): void {
    if (state.running.length === 0 && state.waiting.length === 0 && this.clients.get(id) === state) this.clients.delete(id);
  }
}
