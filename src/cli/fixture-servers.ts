/**
 * Runs the demo's fixture sources in a process of their own (fixtures/serve-all.ts, built to
 * dist/fixtures/serve-all.js), for `hub demo` and `hub fixtures`: nothing in src/ imports
 * fixtures/, and workers or the CLI in distributed mode can harvest the same servers. The child
 * reports on stdout, as one JSON line, the DEMO_* variables config/demo.yaml reads, and exits when
 * its standard input closes, so it never outlives the hub process that started it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { HubError } from '../core/errors.js';
import { projectPath } from '../core/paths.js';

export interface FixtureServers {
  /** DEMO_* variables: the servers' URLs, the files folder and the credentials they accept. */
  env: Record<string, string>;
  child: ChildProcess;
  /** Stops the servers (SIGTERM) and waits for the process to end. */
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  /** First of six consecutive loopback ports (the sixth: the UiTdatabank Entry API). @defaultValue $DEMO_FIXTURE_PORT or 4100 */
  port?: number;
  /** The demo's data folder; the files source's folder is kept beside it. @defaultValue $HUB_DATA_DIR or ./data/demo */
  dataDir?: string;
}

export const FIXTURE_SCRIPT = projectPath('dist/fixtures/serve-all.js');

export async function startFixtureServers(options: FixtureServerOptions = {}): Promise<FixtureServers> {
  if (!existsSync(FIXTURE_SCRIPT)) throw new HubError(`The fixture servers are not built: ${FIXTURE_SCRIPT} is missing (run npm run build)`, { code: 'FIXTURES_MISSING' });
  const args = [FIXTURE_SCRIPT, '--exit-with-stdin'];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.dataDir !== undefined) args.push('--data-dir', options.dataDir);
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<Record<string, string>>((resolve, reject) => {
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { ready?: boolean; env?: Record<string, string> };
        if (message.ready && message.env) resolve(message.env);
      } catch {
        // Not the ready line: the script writes only that to stdout, but keep reading.
      }
    });
    void exited.then(([code, signal]) => reject(new HubError(`The fixture servers stopped before they were ready (exit ${code ?? signal}); see the messages above`, { code: 'FIXTURES_FAILED' })));
  });
  const env = await ready;
  return {
    env,
    child,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
