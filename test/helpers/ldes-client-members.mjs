/**
 * Runs rdf-connect's LDES client (npm ldes-client, the library behind its CLI: replicateLDES with
 * the CLI's own config) over one stream and prints one JSON line per member it emits: its id,
 * dct:isVersionOf, timestamp and quads as N-Quads. Usage: node ldes-client-members.mjs URL [--materialize] [--no-shape]
 * A separate process, so that the tests run the client as it is, with its own module graph.
 */
import { intoConfig, replicateLDES } from 'ldes-client';
import N3 from 'n3';

const [url, ...flags] = process.argv.slice(2);
if (!url) throw new Error('usage: node ldes-client-members.mjs URL [--materialize] [--no-shape]');
const client = replicateLDES(intoConfig({ url, materialize: flags.includes('--materialize'), noShape: flags.includes('--no-shape') }), 'none');
client.on('error', (error) => console.error('ldes-client error', error));
const reader = client.stream({ highWaterMark: 10 }).getReader();
for (;;) {
  const { value, done } = await reader.read();
  if (value) {
    const quads = new N3.Writer({ format: 'N-Quads' }).quadsToString(value.quads);
    const timestamp = value.timestamp instanceof Date ? value.timestamp.toISOString() : value.timestamp;
    process.stdout.write(`${JSON.stringify({ id: value.id.value, isVersionOf: value.isVersionOf, timestamp, quads })}\n`);
  }
  if (done) break;
}
