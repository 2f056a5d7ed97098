/** The score over runs: the change since the previous run that has a score, in both languages. */
import { scoreTrend } from '../../../src/reports/score-trend.js';
import { fmtChange } from '../../../src/api/pages/report-trend.js';
import { messages } from '../../../src/api/i18n/messages.js';

describe('Score trend', () => {
  it('gives each run its change since the last run with a score, skipping runs without one', () => {
    const t = scoreTrend([
      { runId: 'r1', at: '2026-11-01T10:00:00Z', score: 50 },
      { runId: 'r2', at: '2026-11-02T10:00:00Z', score: null },
      { runId: 'r3', at: '2026-11-03T10:00:00Z', score: 62.5 },
      { runId: 'r4', at: '2026-11-04T10:00:00Z', score: 60 },
    ]);
    expect(t.map((p) => p.change)).toEqual([null, null, 12.5, -2.5]);
  });

  it('writes the change with its sign as each language does', () => {
    expect(fmtChange(12.5, 'nl', messages('nl'))).toBe('+12,5 procentpunt sinds de vorige oogst');
    expect(fmtChange(-2.5, 'en', messages('en'))).toBe('−2.5 points since the run before');
    expect(fmtChange(null, 'en', messages('en'))).toBe('');
  });
});
