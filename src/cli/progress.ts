/** Progress for `hub harvest`: a rewritten line on a terminal, one-line summaries otherwise. */
import type { RunSummary } from '../pipeline/run-summary.js';

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastLine = 0;
  const line = (run: RunSummary) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(run.seen / seconds) : 0;
    return `${run.sourceId}: ${run.pages} pages, ${run.seen} records (${rate}/s), ${run.published} published, ${run.rejected} rejected, ${run.deleted} deleted, ${run.errors} errors, ${run.retries} retries`;
  };
  return {
    update(run: RunSummary) {
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${line(run)}`);
      } else if (Date.now() - lastLine > 5000) {
        lastLine = Date.now();
        stream.write(`${line(run)}\n`);
      }
    },
    done(run: RunSummary) {
      if (stream.isTTY) stream.write('\r\x1b[2K');
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`${line(run)} — ${run.status} in ${seconds} s (run ${run.runId})${run.failure ? `\n  failure: ${run.failure}` : ''}\n`);
    },
  };
}
