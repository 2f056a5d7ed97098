/** Which findings a run's report carries from the run before (reports/carry-forward.ts). */
import { carryCandidates, carryForward, recordsCovered, type RecordState } from '../../../src/reports/carry-forward.js';
import { emptyCounts, type RecordProblem, type RunSummary } from '../../../src/reports/run-summary.js';

const problem = (recordId: string, message = `bad ${recordId}`, extra: Partial<RecordProblem> = {}): RecordProblem => ({ recordId, stage: 'validation', message, rejected: false, ...extra });
const run = (runId: string, problems: RecordProblem[], extra: Partial<RunSummary> = {}): RunSummary => ({
  runId,
  sourceId: 's',
  startedAt: '2026-01-01T00:00:00Z',
  status: 'completed',
  full: false,
  pages: 0,
  retries: 0,
  ...emptyCounts(),
  problems,
  ...extra,
});
const ids = (r: RunSummary) => r.problems.map((p) => `${p.recordId}:${p.carriedFrom ?? 'own'}`).sort();

describe('carryForward', () => {
  const previous = run('r1', [problem('a'), problem('b'), problem('c'), problem('d', 'older', { carriedFrom: 'r0' })]);

  it('carries the findings of records the run did not read again, with the run that read them', () => {
    const next = carryForward(run('r2', [problem('c', 'new')], { seen: 1 }), previous, new Map());
    expect(ids(next)).toEqual(['a:r1', 'b:r1', 'c:own', 'd:r0']);
    expect(next.problems.find((p) => p.recordId === 'c')!.message).toBe('new');
    expect(next.carried).toEqual({ records: 3, problems: 3, since: 'r0' });
  });

  it('leaves deleted records and records the run wrote (read again, now without findings) behind', () => {
    const states = new Map<string, RecordState>([
      ['a', { deleted: true, runId: 'r2' }],
      ['b', { deleted: false, runId: 'r2' }],
      ['c', { deleted: false, runId: 'r1' }],
    ]);
    expect(ids(carryForward(run('r2', []), previous, states))).toEqual(['c:r1', 'd:r0']);
  });

  it('carries nothing in a completed full run, and nothing from a pruned run', () => {
    expect(carryForward(run('r2', [], { full: true }), previous, new Map()).problems).toEqual([]);
    expect(carryForward(run('r2', []), { ...previous, problems: [], pruned: { at: '', conforms: false, rows: 4, figures: { violations: 4, warnings: 0, infos: 0, top: [] }, organisations: {} } }, new Map()).problems).toEqual([]);
  });

  it('carries in a full run that failed: it may not have read every record', () => {
    expect(ids(carryForward(run('r2', [], { full: true, status: 'failed' }), previous, new Map()))).toHaveLength(4);
  });

  it('names each candidate once, and counts the current records a carrying report covers', () => {
    expect(carryCandidates(run('r1', [problem('a'), problem('a', 'twice'), problem('b')]))).toEqual(['a', 'b']);
    expect(recordsCovered(run('r2', [], { seen: 2 }))).toBe(2);
    expect(recordsCovered(run('r2', [], { seen: 2, carried: { records: 3, problems: 3, since: 'r1', current: 9 } }))).toBe(9);
  });
});
