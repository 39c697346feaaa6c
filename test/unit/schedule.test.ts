import { describe, expect, it } from 'vitest';
import { formatMinutes, schedule } from '../../runtime/lessons/index.ts';

describe('schedule', () => {
  const entries = [
    { route: '/foundations/b/', title: 'B', level: 'foundations' as const, order: 2, teaching: 20, exercises: 25 },
    { route: '/foundations/a/', title: 'A', level: 'foundations' as const, order: 1, teaching: 15, exercises: 10 },
    { route: '/researcher/c/', title: 'C', level: 'researcher' as const, order: 1, teaching: 30, exercises: 0 },
  ];

  it('orders episodes, gives start times and sums per level and overall', () => {
    const plan = schedule(entries);
    const foundations = plan.levels.find((l) => l.level.id === 'foundations')!;
    expect(foundations.rows.map((r) => [r.title, r.start, r.total])).toEqual([
      ['A', 0, 25],
      ['B', 25, 45],
    ]);
    expect([foundations.teaching, foundations.exercises, foundations.total]).toEqual([35, 35, 70]);
    expect([plan.teaching, plan.exercises, plan.total]).toEqual([65, 35, 100]);
    expect(plan.levels.find((l) => l.level.id === 'practitioner')!.rows).toEqual([]);
  });

  it('formats minutes for people', () => {
    expect([formatMinutes(0), formatMinutes(45), formatMinutes(60), formatMinutes(95)]).toEqual(['0 min', '45 min', '1 h', '1 h 35 min']);
  });
});
