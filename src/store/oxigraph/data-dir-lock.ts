/**
 * One writer per data directory: two processes appending to one journal would interleave and
 * each snapshot over the other's commits. The lock file holds the owner's pid; a lock left by a
 * process that no longer runs (kill -9) is taken over.
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StoreError } from '../../core/errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLock {
  private held = false;

  constructor(readonly path: string) {}

  async acquire(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(this.path, 'wx');
        await handle.writeFile(String(process.pid));
        await handle.close();
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number((await readFile(this.path, 'utf8').catch(() => '')).trim());
        if (owner && owner !== process.pid && alive(owner)) {
          throw new StoreError(`The data directory ${dirname(dirname(this.path))} is in use by process ${owner} (lock ${this.path}); stop it first or use another hub.dataDir`);
        }
        await rm(this.path, { force: true });
      }
    }
    throw new StoreError(`Could not take the lock ${this.path}`);
  }

  async release(): Promise<void> {
    if (!this.held) return;
    await rm(this.path, { force: true });
    this.held = false;
  }
}
