import type { Assignment, Attempt, ExerciseState } from '../../runtime/progress/records.ts';

/** Small records for the progress tests (not a test file: vitest runs *.test.ts only). */
export function attempt(over: Partial<Attempt> = {}): Attempt {
  return {
    id: 'a1',
    exercise: 'read-two-runs',
    seed: 123,
    answers: { median: '4.2 ms', significant: 'b-slower' },
    score: 0.5,
    parts: { median: { status: 'correct', score: 1 }, significant: { status: 'correct', score: 1 } },
    complete: false,
    at: '2025-03-01T10:00:00.000Z',
    ...over,
  };
}

export function state(over: Partial<ExerciseState> = {}): ExerciseState {
  return {
    exercise: 'read-two-runs',
    seed: 123,
    seedSource: 'local',
    draft: { median: '4.2 ms' },
    hintsShown: 1,
    updatedAt: '2025-03-01T10:00:00.000Z',
    ...over,
  };
}

export function assignment(over: Partial<Assignment> = {}): Assignment {
  return {
    exercise: 'read-two-runs',
    course: 'bench-101',
    assignment: 'week-2',
    learner: 'ada@example.org',
    seed: 987654,
    receivedAt: '2025-03-01T09:00:00.000Z',
    ...over,
  };
}
