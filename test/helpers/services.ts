/**
 * Suites that need something this machine may lack (Redis, Virtuoso, redis-server, Chromium,
 * ../shared, a built dist/) use `describeWith`: with it there, the suite runs; without it, the
 * suite is skipped with the reason in its name and on the console. With HUB_REQUIRE_SERVICES=1
 * (as .ci/run sets: CI provides every one of them) a missing one fails instead, so CI cannot go
 * green without running these suites.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { projectPath } from '../../src/core/paths.js';

export const servicesRequired = process.env.HUB_REQUIRE_SERVICES === '1';
/** ../shared is data beside the clone, not a service CI can provide: .ci/run sets this only when it is there. */
export const sharedRequired = process.env.HUB_REQUIRE_SHARED === '1';

/** What a suite needs: each check with what to do when it fails. */
export interface Need {
  ok: boolean;
  /** What is missing and how to get it, e.g. "Redis on 127.0.0.1:6379 (apt-get install redis-server)". */
  what: string;
  /** Data from ../shared: required under HUB_REQUIRE_SHARED=1 rather than HUB_REQUIRE_SERVICES=1. */
  shared?: boolean;
}

/** The dist/ build, which suites starting `hub` processes run. */
export const builtNeed = (): Need => ({ ok: existsSync(projectPath('dist/src/cli/main.js')), what: 'dist/ built (npm run build)' });

/**
 * `describe` when every need is met; otherwise a skipped suite naming what is missing, or, under
 * HUB_REQUIRE_SERVICES=1, a suite with one failing test that says it.
 */
export function describeWith(needs: Need[], options: { required?: boolean } = {}): (name: string, fn: () => void) => void {
  const unmet = needs.filter((n) => !n.ok);
  if (unmet.length === 0) return (name, fn) => describe(name, fn);
  const reason = `missing ${unmet.map((n) => n.what).join('; ')}`;
  if (options.required || unmet.some((n) => (n.shared ? sharedRequired : servicesRequired))) {
    return (name) =>
      describe(name, () => {
        it(`has what it needs (HUB_REQUIRE_SERVICES=1): ${reason}`, () => {
          throw new Error(`${name}: ${reason}`);
        });
      });
  }
  return (name, fn) => {
    console.warn(`Skipped "${name}": ${reason} (HUB_REQUIRE_SERVICES=1 makes this a failure)`);
    describe.skip(`${name} [skipped: ${reason}]`, fn);
  };
}

/** Whether something accepts TCP connections on host:port (within a second). */
export function listening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export const redisNeed = async (): Promise<Need> => ({ ok: await listening(6379), what: 'Redis on 127.0.0.1:6379 (.ci/run starts one; Debian: apt-get install redis-server)' });

export const redisServerNeed = (): Need => ({ ok: spawnSync('redis-server', ['--version']).status === 0, what: 'the redis-server program (Debian: apt-get install redis-server)' });

export const CHROMIUM = '/usr/bin/chromium';
export const chromiumNeed = (): Need => ({ ok: existsSync(CHROMIUM), what: `${CHROMIUM} (Debian: apt-get install chromium)` });
