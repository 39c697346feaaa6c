import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../runtime/classroom/csv.ts';
import type { ExerciseGrade, GradesFile, LearnerGrade } from '../../runtime/classroom/grades.ts';
import { readGrades, statistics, statisticsCsv } from '../../runtime/classroom/statistics.ts';

const ex = (points: number, parts: ExerciseGrade['parts'], extra: Partial<ExerciseGrade> = {}): ExerciseGrade => ({
  exercise: 'r2',
  max: 10,
  points,
  attempts: 1,
  graded: 1,
  flagged: 0,
  beyondLimit: 0,
  parts,
  hintsShown: 0,
  wrong: [],
  formatErrors: [],
  ...extra,
});
const learner = (id: string, status: LearnerGrade['status'], e: ExerciseGrade): LearnerGrade => ({
  learner: id,
  status,
  points: e.points,
  max: 10,
  message: '',
  exercises: [e],
});
const ok = (s = 1) => ({ status: s === 1 ? ('correct' as const) : s === 0 ? ('wrong' as const) : ('partial' as const), score: s, feedback: '' });
const g: GradesFile = {
  format: 'benchmark-carpentry/grades',
  version: 1,
  assignment: {
    id: 'w',
    course: 'c',
    title: 'W',
    due: '2026-12-07T23:59:00Z',
    max: 10,
    exercises: [
      {
        id: 'r2',
        title: 'Read',
        points: 10,
        parts: [
          { id: 'median', type: 'number' },
          { id: 'p90', type: 'number' },
        ],
      },
    ],
  },
  learners: [
    learner('a', 'graded', ex(10, { median: ok(), p90: ok() }, { hintsShown: 2 })),
    learner(
      'b',
      'graded',
      ex(
        5,
        { median: ok(0), p90: ok() },
        {
          wrong: [
            { part: 'median', answer: '6.4 s' },
            { part: 'median', answer: '6.4 s' },
          ],
        },
      ),
    ),
    learner(
      'c',
      'graded',
      ex(
        2.5,
        { median: ok(0), p90: { status: 'format-error', score: 0, feedback: 'Type a number with its unit.' } },
        {
          wrong: [
            { part: 'median', answer: '6.4 s' },
            { part: 'median', answer: '7 ms' },
          ],
          formatErrors: [{ part: 'p90', feedback: 'Type a number with its unit.' }],
          hintsShown: 1,
        },
      ),
    ),
    learner('d', 'missing', ex(0, {})),
    learner('e', 'error', ex(0, {}, { wrong: [{ part: 'median', answer: 'never counted' }] })),
  ],
};

describe('statistics of grades.json', () => {
  it('counts per part, points per exercise, hints, and the common wrong answers by learners (each once)', () => {
    const s = statistics(g);
    expect(s.learners).toEqual({ total: 5, graded: 3, missing: 1, error: 1 });
    expect(s.exercises[0]).toMatchObject({ points: [10, 5, 2.5], meanPoints: 5.833, usedHints: 2, meanHints: 1 });
    expect(s.parts).toEqual([
      { exercise: 'r2', part: 'median', answered: 3, correct: 1, partial: 0, wrong: 2, formatError: 0, meanScore: 0.333 },
      { exercise: 'r2', part: 'p90', answered: 3, correct: 2, partial: 0, wrong: 0, formatError: 1, meanScore: 0.667 },
    ]);
    // b gave "6.4 s" twice: one learner. The error row's answers are not counted.
    expect(s.wrongAnswers).toEqual([
      { exercise: 'r2', part: 'median', text: '6.4 s', learners: 2 },
      { exercise: 'r2', part: 'median', text: '7 ms', learners: 1 },
    ]);
    expect(s.formatErrors).toEqual([{ exercise: 'r2', part: 'p90', text: 'Type a number with its unit.', learners: 1 }]);
  });

  it('exports CSV that reads back', () => {
    const rows = parseCsv(statisticsCsv(statistics(g)));
    expect(rows[1]!.fields.slice(0, 9)).toEqual(['part', 'r2', 'median', '3', '1', '0', '2', '0', '0.333']);
    expect(rows.find((r) => r.fields[0] === 'wrong answer')!.fields.slice(-2)).toEqual(['6.4 s', '2']);
  });

  it('refuses what is not a merged grades.json, saying why', () => {
    expect(readGrades('{').error).toMatch(/not JSON/);
    expect(readGrades('{"format":"x"}').error).toMatch(/not a grades.json/);
    expect(readGrades(JSON.stringify({ ...g, version: 2 })).error).toMatch(/version 2/);
    expect(readGrades(JSON.stringify({ ...g, shard: { index: 1, count: 2, learners: 5 } })).error).toMatch(/merge the shards first/);
    expect(readGrades(JSON.stringify(g)).grades?.learners).toHaveLength(5);
  });
});
