/**
 * `hub store migrate` refuses before it copies anything when it cannot do the job right: no remote
 * store described, another process (a running hub) holding the embedded store, an unknown target.
 * No SPARQL server is needed: each refusal comes before the first request.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { migrateCommand } from '../../../src/cli/store-migrate.js';
import { OxigraphStore } from '../../../src/store/oxigraph-store.js';
import { tempDir } from '../../helpers/temp-dir.js';

const sink = () => {
  const out = { text: '', write: (t: string) => ((out.text += t), true) };
  return out;
};

async function configFile(store: string): Promise<{ file: string; dataDir: string; cleanup: () => Promise<void> }> {
  const dir = await tempDir();
  const file = join(dir.path, 'hub.yaml');
  await writeFile(file, `hub:\n  baseIri: http://hub.test/\n  dataDir: ${join(dir.path, 'data')}\n  store: ${store}\n`);
  return { file, dataDir: join(dir.path, 'data'), cleanup: dir.cleanup };
}

describe('hub store migrate refusals', () => {
  it('asks for the remote store when the configuration describes none', async () => {
    const c = await configFile('{ type: oxigraph }');
    await expect(migrateCommand(loadConfig(c.file), { to: 'sparql' }, sink())).rejects.toThrow(/no remote store is configured: set hub\.store\.queryUrl/);
    await c.cleanup();
  });

  it('refuses while another process holds the embedded store, and says to stop the hub', async () => {
    // Port 9 on loopback: nothing is sent there, the refusal comes first.
    const c = await configFile('{ type: oxigraph, queryUrl: "http://127.0.0.1:9/sparql" }');
    // A hub in another process: its lock names a live process that is not this one (the one that started jest).
    const store = new OxigraphStore({ dataDir: c.dataDir });
    await store.open();
    await store.close();
    await writeFile(join(c.dataDir, 'store', 'LOCK'), String(process.ppid));
    try {
      await expect(migrateCommand(loadConfig(c.file), { to: 'sparql' }, sink())).rejects.toThrow(new RegExp(`in use by process ${process.ppid} .*stop the hub \\(hub serve, workers\\) and run this again`));
    } finally {
      await c.cleanup();
    }
  });

  it('knows only sparql as a target, and has nothing to do on a configuration already remote', async () => {
    const c = await configFile('{ type: sparql, queryUrl: "http://127.0.0.1:9/sparql" }');
    await expect(migrateCommand(loadConfig(c.file), { to: 'fuseki' }, sink())).rejects.toThrow(/--to fuseki is not known \(known: sparql\)/);
    const out = sink();
    expect(await migrateCommand(loadConfig(c.file), { to: 'sparql' }, out)).toBe(0);
    expect(out.text).toMatch(/already uses a remote SPARQL store/);
    await c.cleanup();
  });
});
