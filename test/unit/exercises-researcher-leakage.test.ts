/** Episode 14's exercises over 300 seeds: every named mistake scores 0 and the right answer 1 on every seed. */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { counts, type CountLeakedData } from '../../exercises/count-leaked-items/exercise.ts';
import { answers, verdictOf, type MemorisationData } from '../../exercises/memorisation-or-skill/exercise.ts';

const registry = await loadExerciseRegistry();
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('count-leaked-items', () => {
  const ex = registry.get('count-leaked-items');
  it('on 300 seeds: leaked test items counted as a Set lookup would, every named slip scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<CountLeakedData>(ex, seed);
      const train = new Set(v.data.train);
      const c = counts(v.data);
      expect(c.leaked).toBe(v.data.test.filter((h) => train.has(h)).length);
      for (const wrong of [c.occurrences, c.distinct, c.withTestDuplicates])
        expect((await checkAnswers(ex, v, { leaked: String(wrong) })).parts.leaked!.score).toBe(0);
      expect((await checkAnswers(ex, v, { leaked: String(c.leaked), share: (c.leaked / v.data.test.length).toFixed(4) })).score).toBe(1);
    }
  });
});

describe('memorisation-or-skill', () => {
  const ex = registry.get('memorisation-or-skill');
  it('on 300 seeds: the verdict is what the intervals say, every named slip scores 0', async () => {
    for (const seed of SEEDS) {
      const v = createVariant<MemorisationData>(ex, seed);
      expect(verdictOf(v.data)).toBe(v.data.verdict);
      const a = answers(v.data);
      for (const wrong of [a.modelDrop, a.twinDrop, -a.memorised])
        expect((await checkAnswers(ex, v, { memorised: wrong.toFixed(2) })).parts.memorised!.score).toBe(0);
    }
  });
});
