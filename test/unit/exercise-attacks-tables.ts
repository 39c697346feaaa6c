/**
 * The lookup-table attack on exercises whose parts are sentences to classify (sort-claims,
 * kinds-of-benchmarks): learn, on practice seeds, which option each rendered sentence takes (a learner can
 * find it by probing one option at a time), then answer other seeds from the table alone. `key` says how
 * the table reads a sentence: as it is, or with every number blanked (a smarter table).
 */
import type { Answers } from '../../runtime/exercises/types.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

export const asIs = (t: string) => t;
export const numbersBlanked = (t: string) => t.replace(/\d+(\.\d+)?/g, '#');

export async function tableAttack(
  id: string,
  partIds: string[],
  solve: (seed: number) => Answers,
  key: (text: string) => string,
  learn = seeds(100001, 60),
  test = seeds(1, 200),
): Promise<{ score: number; coverage: number; size: number }> {
  const { view, check } = await loadExercise(id);
  const table = new Map<string, string>();
  for (const s of learn) {
    const values = view(s).values ?? {};
    const right = solve(s);
    for (const p of partIds) table.set(key(String(values[p])), String(right[p]));
  }
  let score = 0;
  let known = 0;
  for (const s of test) {
    const values = view(s).values ?? {};
    const answers: Answers = {};
    for (const p of partIds) {
      const hit = table.get(key(String(values[p])));
      if (hit !== undefined) {
        answers[p] = hit;
        known++;
      }
    }
    score += (await check(s, answers)).score;
  }
  return { score: score / test.length, coverage: known / (test.length * partIds.length), size: table.size };
}
