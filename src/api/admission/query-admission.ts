/**
 * Query admission: every SPARQL query passes here before any store replica sees it. First the
 * cheap checks on the raw text (size, bracket depth: linear, no parser), then the parse in a
 * worker thread (piscina) under a time limit, with limits on nesting depth and triple
 * patterns. A refused query gets 400 naming the limit and its setting; an update gets 403.
 */
import { Piscina } from 'piscina';
import type { HubSettings } from '../../config/schema.js';
import { HttpError } from '../http-errors.js';
import { bracketDepth } from './bracket-depth.js';
import type { ParseAnswer, ParseTask, QueryForm } from './parse-task.js';
import { admissionWorker } from './worker-script.js';

export type QueryLimits = Pick<HubSettings['sparql'], 'maxQueryBytes' | 'maxNestingDepth' | 'maxTriplePatterns' | 'parseTimeoutMs'>;

export interface AdmittedQuery {
  form: QueryForm;
  /** The query the store runs (absolute IRIs, the protocol dataset applied). */
  query: string;
  services: string[];
  /** A DESCRIBE of constant IRIs alone: those IRIs (parse-worker.ts). */
  describes?: string[];
}

let shared: Piscina | undefined;

/**
 * The parsing threads, shared by every endpoint in the process (the worker holds no state; the
 * limits travel with each task): one kept warm, a second for bursts. Idle threads do not keep
 * the process alive.
 */
function parsePool(): Piscina {
  shared ??= new Piscina({ filename: admissionWorker('parse-worker.js'), minThreads: 1, maxThreads: 2, idleTimeout: 60_000 });
  return shared;
}

export class QueryAdmission {
  constructor(private readonly limits: QueryLimits) {}

  /** The text checks alone: size and bracket depth, before any parser runs. */
  precheck(query: string): void {
    const bytes = Buffer.byteLength(query);
    if (bytes > this.limits.maxQueryBytes) throw new HttpError(400, `The query is ${bytes} bytes; the limit is ${this.limits.maxQueryBytes} bytes (hub.sparql.maxQueryBytes)`);
    const depth = bracketDepth(query, this.limits.maxNestingDepth);
    if (depth > this.limits.maxNestingDepth) {
      throw new HttpError(400, `The query nests its brackets more than ${this.limits.maxNestingDepth} deep; the limit is ${this.limits.maxNestingDepth} (hub.sparql.maxNestingDepth)`);
    }
  }

  /** Checks and parses a query off the main thread; throws HttpError 400/403 when it is refused. */
  async admit(input: Pick<ParseTask, 'query' | 'base' | 'defaultGraphs' | 'namedGraphs'>): Promise<AdmittedQuery> {
    this.precheck(input.query);
    const task: ParseTask = { ...input, maxNestingDepth: this.limits.maxNestingDepth, maxTriplePatterns: this.limits.maxTriplePatterns };
    let answer: ParseAnswer;
    try {
      answer = (await parsePool().run(task, { signal: AbortSignal.timeout(this.limits.parseTimeoutMs) })) as ParseAnswer;
    } catch (error) {
      if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
        throw new HttpError(400, `The query took longer than ${this.limits.parseTimeoutMs} ms to parse (hub.sparql.parseTimeoutMs)`);
      }
      throw error;
    }
    if (!answer.ok) throw new HttpError(answer.status, answer.message);
    return { form: answer.form, query: answer.query, services: answer.services, describes: answer.describes };
  }
}
