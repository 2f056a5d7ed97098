/** Free loopback ports for tests that start servers on consecutive ports (the demo's fixture sources). */
import { createServer } from 'node:net';

export const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/** A base port with `n` free ports from it. */
export async function freePorts(n: number): Promise<number> {
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 30000);
    if ((await Promise.all(Array.from({ length: n }, (_, i) => portFree(base + i)))).every(Boolean)) return base;
  }
}
