/** Worker scripts run compiled: beside this file when built, from dist/ when tests run the sources. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { projectPath } from '../../core/paths.js';

/** The compiled script `name` (e.g. `parse-worker.js`) of this folder, as a file URL string. */
export function admissionWorker(name: string): string {
  const sibling = new URL(`./${name}`, import.meta.url);
  if (existsSync(fileURLToPath(sibling))) return sibling.href;
  const built = projectPath('dist/src/api/admission', name);
  if (!existsSync(built)) throw new Error(`worker script not found at ${built}: run npm run build first`);
  return new URL(`file://${built}`).href;
}
