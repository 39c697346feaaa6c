/**
 * kinds-of-benchmarks against the tester's attacks: a table of sentences learnt on practice seeds, and a
 * table of products (the same product appears at every kind).
 */
import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { KINDS, type KindsData } from '../../exercises/kinds-of-benchmarks/exercise.ts';
import tests, { DEFINING } from '../../exercises/kinds-of-benchmarks/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';
import { asIs, numbersBlanked, tableAttack } from './exercise-attacks-tables.ts';

const { exercise, variant } = await loadExercise<KindsData>('kinds-of-benchmarks');
const IDS = ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'];
const solve = (s: number) => tests.solve(createVariant(exercise, s) as never);

describe('kinds-of-benchmarks: a table learnt on other seeds does not answer the next', () => {
  it('a table of rendered sentences from seeds 100001-100060 scores < 0.5 on seeds 1-200 (it scored 1.0 on the old pool of 13)', async () => {
    const r = await tableAttack('kinds-of-benchmarks', IDS, solve, asIs);
    console.log(`kinds table as-is: score ${r.score.toFixed(3)}, coverage ${r.coverage.toFixed(3)}, ${r.size} entries`);
    expect(r.score).toBeLessThan(0.5);
  }, 60_000);
  it('so does a table that blanks the numbers', async () => {
    const r = await tableAttack('kinds-of-benchmarks', IDS, solve, numbersBlanked);
    console.log(`kinds table numbers blanked: score ${r.score.toFixed(3)}, coverage ${r.coverage.toFixed(3)}, ${r.size} entries`);
    expect(r.score).toBeLessThan(0.5);
  }, 60_000);
  it('every kind appears often, and one product is measured at every kind', () => {
    const counts: Record<string, number> = {};
    for (const s of seeds(1, 300)) for (const m of variant(s).data.items) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
    for (const k of KINDS) expect(counts[k]).toBeGreaterThan(350);
    const kindsOfChat = new Set(
      seeds(1, 300).flatMap((s) =>
        variant(s)
          .data.items.filter((m) => /chat service|language model|vocabulary/.test(m.text))
          .map((m) => m.kind),
      ),
    );
    expect(kindsOfChat.size).toBe(3);
  });
});

describe('kinds-of-benchmarks: the feedback test catches feedback that restates the right kind', () => {
  // Feedback the old pool gave (the tester's seeds 2 and 5, m-1, among them): each restates its right kind's definition.
  const OLD: [keyof typeof DEFINING, string][] = [
    [
      'application',
      'There is a model in it, but the timing covers more than the model: everything the user waits for, from their action to the result.',
    ],
    ['micro', 'It comes from a model, but only one of its operations is timed, alone.'],
    ['inference', 'It is small, but it is a whole model answering inputs, not one operation in isolation.'],
    ['inference', 'No user-visible job is timed here: a model answers a fixed set of inputs.'],
  ];
  it.each(OLD)('old feedback on a %s measurement is caught', (kind, feedback) => {
    expect(feedback).toMatch(DEFINING[kind]);
  });
});
