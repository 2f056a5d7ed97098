/**
 * Small-request latency while a runaway query runs: a cross product that would run for hours is
 * sent to /sparql with a `timeout`, and while it occupies a query worker the same small requests
 * are measured as before it (issue 6: "a runaway query times out while other requests keep
 * answering within 100 ms").
 */
import { CRM } from './bench-data.js';
import { measure, type BenchRequest, type Row, type RunOptions } from './load-runner.js';

export const RUNAWAY_QUERY = `SELECT (COUNT(*) AS ?n) WHERE { ?a <${CRM}P102_has_title> ?x . ?b <${CRM}P102_has_title> ?y . ?c <${CRM}P102_has_title> ?z }`;

export interface RunawayResult {
  baseline: Row;
  during: Row;
  /** The runaway query's answer: status and seconds until it came. */
  runawayStatus: number;
  runawaySeconds: number;
  timeoutSeconds: number;
}

export async function runawayLatency(origin: string, name: string, requests: BenchRequest[], options: RunOptions, timeoutSeconds: number): Promise<RunawayResult> {
  if (options.duration + 2 >= timeoutSeconds) throw new Error('the measurement must end before the runaway query times out');
  const baseline = await measure(`${name}, no runaway query`, origin, requests, options);
  const started = Date.now();
  const runaway = fetch(`${origin}/sparql?timeout=${timeoutSeconds}&query=${encodeURIComponent(RUNAWAY_QUERY)}`, { headers: { accept: 'application/sparql-results+json' } }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const during = await measure(`${name}, runaway query running`, origin, requests, options);
  const stillRunning = await Promise.race([runaway.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 0))]);
  if (!stillRunning) throw new Error('the runaway query ended before the measurement did: the figures are not "during a runaway query"');
  const runawayStatus = await runaway;
  return { baseline, during, runawayStatus, runawaySeconds: (Date.now() - started) / 1000, timeoutSeconds };
}
