import { execFileSync, spawnSync } from 'node:child_process';
import { projectPath } from '../../../src/core/paths.js';

const hub = (...args: string[]) => spawnSync(process.execPath, [projectPath('dist/src/cli/main.js'), ...args], { encoding: 'utf8' });

const COMMANDS = ['serve', 'demo', 'harvest', 'sources', 'worker', 'jobs', 'store', 'links', 'check-config', 'map', 'validate', 'export'];

describe('The hub command', () => {
  it('explains itself and lists its subcommands', () => {
    const out = execFileSync(process.execPath, [projectPath('dist/src/cli/main.js'), '--help'], { encoding: 'utf8' });
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  });

  it.each(COMMANDS)('explains the %s subcommand', (command) => {
    const res = hub(command, '--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Usage: hub ${command}`);
    expect(res.stdout.split('\n').length).toBeGreaterThan(3);
  });

  it.each(['verify', 'repair'])('explains store %s', (command) => {
    const res = hub('store', command, '--help');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`Usage: hub store ${command}`);
    expect(res.stdout).toMatch(/checksum|damage/);
  });

  it.each(['serve', 'harvest first'])('refuses to start %s on an invalid configuration, listing every problem by path', (command) => {
    const res = hub(...command.split(' '), '--config', projectPath('test/fixtures/config/invalid.yaml'));
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('sources[0].mapping: file not found (no-such-mapping.yml)');
    expect(res.stderr).toContain('sources[1].connector.type: unknown connector "telex"');
  });

  it('stops on an invalid configuration with every problem by path and exit code 2', () => {
    const res = hub('check-config', '--config', projectPath('test/fixtures/config/invalid.yaml'));
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('sources[0].mapping: file not found (no-such-mapping.yml)');
    expect(res.stderr).toContain('sources[1].connector.type: unknown connector "telex"');
  });
});
