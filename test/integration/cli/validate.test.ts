/**
 * `hub validate` as a command: exit 0 when the data conforms, 1 on violations, 2 on an error, the
 * report in the asked format on stdout, and one file holding both data and shapes (as in the W3C suite).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../../src/core/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

const hub = (...args: string[]) => spawnSync(process.execPath, [projectPath('dist/src/cli/main.js'), 'validate', ...args], { encoding: 'utf8' });
const PREFIXES = '@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n';

describe('hub validate', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const file = (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = await tempDir();
  });
  afterAll(async () => dir?.cleanup());

  it('exits 0, 1 or 2 and writes the report in the asked format', () => {
    const shapes = file('shapes.ttl', `${PREFIXES}ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "needs a name"@en ] .`);
    const good = file('good.ttl', `${PREFIXES}ex:a a ex:C ; ex:name "A" .`);
    const bad = file('bad.nt', '<http://example.org/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/C> .\n');

    const ok = hub('--shapes', shapes, '--data', good);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('Conforms');

    for (const [format, expected] of [['csv', /http:\/\/example\.org\/b/], ['ttl', /sh:MinCountConstraintComponent/], ['json', /"sh:conforms": ?false/], ['html', /<html[\s\S]*needs a name/]] as const) {
      const res = hub('--shapes', shapes, '--data', bad, '--format', format);
      expect({ format, status: res.status }).toEqual({ format, status: 1 });
      expect(res.stdout).toMatch(expected);
    }

    const both = file('both.ttl', `${PREFIXES}ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:class ex:C .`);
    expect(hub('--data', both).status).toBe(1);

    const broken = hub('--shapes', shapes, '--data', file('broken.ttl', `${PREFIXES}ex:a ex:p .`));
    expect(broken.status).toBe(2);
    expect(broken.stdout + broken.stderr).toMatch(/Cannot parse/);
  });
});
