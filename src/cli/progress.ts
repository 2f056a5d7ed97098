/** Progress for `hub harvest`: a rewritten line on a terminal, one-line summaries otherwise. */
import type { RunSummary } from '../reports/run-summary.js';

/** What the run's listing of the complete source came to, when it made one and it is worth a line. */
function listingNote(run: RunSummary): string {
  if (!run.listing) return '';
  if (!run.listing.complete) return `\n  listing incomplete, nothing deleted by difference: ${run.listing.reason}`;
  return run.listing.deleted ? `\n  ${run.listing.deleted} of the deletes: records no longer in the source's complete listing` : '';
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastLine = 0;
  const line = (run: RunSummary) => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(run.seen / seconds) : 0;
    return `${run.sourceId}: ${run.pages} pages, ${run.seen} records (${rate}/s), ${run.published} published${run.unchanged ? ` (${run.unchanged} unchanged)` : ''}, ${run.rejected} rejected, ${run.deleted} deleted, ${run.errors} errors, ${run.retries} retries`;
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
      stream.write(`${line(run)} — ${run.status} in ${seconds} s (run ${run.runId})${listingNote(run)}${run.failure ? `\n  failure: ${run.failure}` : ''}\n`);
    },
  };
}
