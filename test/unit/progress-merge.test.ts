import { describe, expect, it } from 'vitest';
import { describeMerge, mergeSnapshots } from '../../runtime/progress/merge.ts';
import { chooseSeed, parseUrlSeed } from '../../runtime/progress/seed-choice.ts';
import { MemoryProgressStore } from '../../runtime/progress/store.ts';
import { formatScore, summarize } from '../../runtime/progress/summary.ts';
import { attempt, assignment, state } from './progress-fixtures.ts';

describe('merging progress', () => {
  it('keeps every attempt of both sides, once each', () => {
    const local = { attempts: [attempt({ id: 'x' }), attempt({ id: 'y' })], states: [], assignments: [] };
    const incoming = { attempts: [attempt({ id: 'y', score: 0 }), attempt({ id: 'z' })], states: [], assignments: [] };
    const { merged, report } = mergeSnapshots(local, incoming);
    expect(merged.attempts.map((a) => a.id).sort()).toEqual(['x', 'y', 'z']);
    expect(merged.attempts.find((a) => a.id === 'y')!.score).toBe(0.5); // the local copy
    expect(report).toMatchObject({ attemptsAdded: 1, attemptsKnown: 1 });
  });

  it('takes the later exercise state, with the larger hint count', () => {
    const local = { attempts: [], states: [state({ seed: 1, hintsShown: 3, updatedAt: '2025-03-01T10:00:00.000Z' })], assignments: [] };
    const newer = { attempts: [], states: [state({ seed: 2, hintsShown: 1, updatedAt: '2025-03-05T10:00:00.000Z' })], assignments: [] };
    const taken = mergeSnapshots(local, newer);
    expect(taken.merged.states[0]).toMatchObject({ seed: 2, hintsShown: 3 });
    expect(taken.report.statesTaken).toEqual(['read-two-runs']);
    const kept = mergeSnapshots(newer, local);
    expect(kept.merged.states[0]).toMatchObject({ seed: 2, hintsShown: 3 });
    expect(kept.report.statesKept).toEqual(['read-two-runs']);
  });

  it('takes the later assignment', () => {
    const { merged } = mergeSnapshots(
      { attempts: [], states: [], assignments: [assignment()] },
      { attempts: [], states: [], assignments: [assignment({ seed: 5, receivedAt: '2025-04-01T00:00:00.000Z' })] },
    );
    expect(merged.assignments[0]!.seed).toBe(5);
  });

  it('says what it did in a sentence', () => {
    expect(describeMerge({ attemptsAdded: 3, attemptsKnown: 2, statesTaken: ['write-a-spec'], statesKept: [], assignmentsTaken: [] })).toBe(
      '3 attempts added (2 already here); newer progress taken for write-a-spec.',
    );
  });

  it('the memory store merges by the same rules', async () => {
    const store = new MemoryProgressStore();
    await store.addAttempt(attempt({ id: 'x' }));
    const report = await store.importSnapshot({
      attempts: [attempt({ id: 'x' }), attempt({ id: 'w', at: '2025-01-01T00:00:00.000Z' })],
      states: [state()],
      assignments: [],
    });
    expect(report.attemptsAdded).toBe(1);
    expect((await store.attempts('read-two-runs')).map((a) => a.id)).toEqual(['w', 'x']);
    expect(await store.getState('read-two-runs')).toEqual(state());
  });
});

describe('progress summaries', () => {
  it('counts attempts and keeps the best score and the last time', () => {
    const s = summarize([
      attempt({ id: '1', score: 0.25 }),
      attempt({ id: '2', score: 0.75, seed: 9, at: '2025-03-02T00:00:00.000Z' }),
      attempt({ id: '3', score: 0.5, at: '2025-03-03T00:00:00.000Z' }),
    ]).get('read-two-runs')!;
    expect(s).toEqual({
      exercise: 'read-two-runs',
      attempts: 3,
      best: 0.75,
      bestAttempt: '2',
      bestSeed: 9,
      complete: false,
      lastAt: '2025-03-03T00:00:00.000Z',
    });
  });

  it('the best is the best credited attempt (the attempt policy), not the best raw score', () => {
    const on = (id: string, seed: number, score: number, day: number) => attempt({ id, seed, score, at: `2025-03-0${day}T00:00:00.000Z` });
    // Second try on the same variant: 1.0 is worth 0.75; the first try's 0.8 is worth 0.8 and stays the grade.
    expect(summarize([on('b', 1, 1, 2), on('a', 1, 0.8, 1)]).get('read-two-runs')).toMatchObject({ best: 0.8, bestAttempt: 'a', bestSeed: 1 });
    // Fifth try on one variant is worth the floor, 0.25; a new variant starts again at full value.
    const five = [1, 2, 3, 4, 5].map((d) => on(`t${d}`, 1, d === 5 ? 1 : 0.1, d));
    expect(summarize(five).get('read-two-runs')).toMatchObject({ best: 0.25, bestAttempt: 't5' });
    expect(summarize([...five, on('n', 2, 0.6, 6)]).get('read-two-runs')).toMatchObject({ best: 0.6, bestAttempt: 'n', bestSeed: 2 });
    // Order is by time, whatever order the store returns them in.
    expect(summarize([on('b', 1, 0.9, 2), on('a', 1, 0.5, 1)]).get('read-two-runs')?.best).toBeCloseTo(0.675, 12);
  });

  it('formats a score in points', () => {
    expect(formatScore(0.75, 10)).toBe('7.5 of 10 points (75%)');
    expect(formatScore(1, 1)).toBe('1 of 1 point (100%)');
  });
});

describe('choosing the variant', () => {
  const random = () => 42;
  it('an assignment wins over the address and the stored seed', () => {
    expect(chooseSeed({ assignment: { seed: 7 }, urlSeed: '9', state: { seed: 3, seedSource: 'local' }, random })).toEqual({
      seed: 7,
      source: 'assignment',
      replacesState: true,
    });
  });
  it('then ?seed=, then the stored seed, then a new one', () => {
    expect(chooseSeed({ urlSeed: '9', state: { seed: 3, seedSource: 'local' }, random })).toEqual({ seed: 9, source: 'url', replacesState: true });
    expect(chooseSeed({ urlSeed: null, state: { seed: 3, seedSource: 'local' }, random })).toEqual({
      seed: 3,
      source: 'local',
      replacesState: false,
    });
    expect(chooseSeed({ random })).toEqual({ seed: 42, source: 'local', replacesState: false });
  });
  it('a withdrawn assignment falls back to a new local seed', () => {
    expect(chooseSeed({ state: { seed: 3, seedSource: 'assignment' }, random })).toEqual({ seed: 42, source: 'local', replacesState: true });
  });
  it('a bad ?seed= is ignored with a reason', () => {
    expect(parseUrlSeed('12abc').problem).toMatch(/whole number from 0 to 4294967295/);
    expect(parseUrlSeed('4294967296').seed).toBeUndefined();
    expect(parseUrlSeed(' 17 ').seed).toBe(17);
    expect(chooseSeed({ urlSeed: '-1', random }).seed).toBe(42);
  });
});
