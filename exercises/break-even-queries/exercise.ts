import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, parseQuantity, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a plain start and two costlier ones (start time, time per query; generated). The
 * learner finds when the first pays off (the smallest whole n with S' + n q' <= S + n q) and whether the
 * second ever does (only if it is faster per query). Every named mistake is at least one query away.
 */
export interface Path {
  name: string;
  start: number;
  query: number;
}
export interface BeqData {
  plain: Path;
  first: Path;
  second: Path;
}

const NAMES = [
  ['load on demand', 'warm up at start', 'compile with all graph optimisations'],
  ['plain session', 'session with a warm-up of 20 queries', 'session from a cached optimised model'],
  ['default start', 'prefetch and warm up', 'a second, larger thread pool'],
] as const;

/** The smallest whole n >= 0 with a.start + n a.query <= b.start + n b.query, or null when never. */
export function breakEven(plain: Path, costly: Path): number | null {
  const saving = plain.query - costly.query;
  const extra = costly.start - plain.start;
  if (extra <= 0) return 0;
  if (saving <= 0) return null;
  return Math.ceil(extra / saving - 1e-9);
}

export function mistakesOf(d: BeqData): Record<'floor' | 'round' | 'over-new' | 'over-old' | 'plus-one', number> {
  const extra = d.first.start - d.plain.start;
  const saving = d.plain.query - d.first.query;
  return {
    floor: Math.floor(extra / saving),
    round: Math.round(extra / saving),
    'over-new': extra / d.first.query,
    'over-old': extra / d.plain.query,
    'plus-one': breakEven(d.plain, d.first)! + 1,
  };
}

/** Every mistake at least one whole query from the answer (so no tolerance can blur them). */
export function apart(d: BeqData): boolean {
  const n = breakEven(d.plain, d.first);
  if (n === null || n < 3) return false;
  const x = (d.first.start - d.plain.start) / (d.plain.query - d.first.query);
  // A whole quotient makes rounding down right: keep it well off the integers.
  if (x - Math.floor(x) < 0.15 || x - Math.floor(x) > 0.85) return false;
  return Object.values(mistakesOf(d)).every((m) => Math.abs(m - n) >= 0.99);
}

export default defineExerciseLogic<BeqData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const names = r.pick(NAMES);
      for (let attempt = 0; attempt < 500; attempt++) {
        const plain = { name: names[0], start: round(r.uniform(300, 1500), 1), query: round(r.uniform(4, 20), 2) };
        const first = { name: names[1], start: round(plain.start + r.uniform(60, 900), 1), query: round(plain.query * r.uniform(0.45, 0.9), 2) };
        const neverPays = r.chance(0.5);
        const second = {
          name: names[2],
          start: round(plain.start + r.uniform(60, 900), 1),
          query: round(plain.query * (neverPays ? r.uniform(1.02, 1.3) : r.uniform(0.5, 0.95)), 2),
        };
        const d = { plain, first, second };
        if (apart(d)) return d;
      }
      throw new Error(`break-even-queries: no variant with every mistake apart for seed ${seed}`);
    },
    render({ data: d }) {
      return {
        values: {
          plain: d.plain.name,
          'plain-start': d.plain.start,
          'plain-query': d.plain.query,
          first: d.first.name,
          'first-start': d.first.start,
          'first-query': d.first.query,
          second: d.second.name,
          'second-start': d.second.start,
          'second-query': d.second.query,
        },
      };
    },
    async check({ data: d }, answers) {
      const n = breakEven(d.plain, d.first)!;
      const m = mistakesOf(d);
      const pays = breakEven(d.plain, d.second) !== null;
      return gradeParts(answers, {
        queries: (a) => {
          const result = checkNumber(a, spec('queries') as NumberAnswerSpec, n, {
            unitSlips: false,
            misconceptions: [
              {
                value: m.floor,
                feedback: 'Rounded down: after that many queries the costlier start has not yet caught up. Which way must a count round?',
              },
              {
                value: m.round,
                feedback: 'Rounded to the nearest: at that count the costlier start may not have caught up yet. Which way must a count round?',
              },
              {
                value: m['over-new'],
                feedback: "That divides the extra start by one path's time per query. Each query saves the difference of the two times.",
              },
              {
                value: m['over-old'],
                feedback: "That divides the extra start by one path's time per query. Each query saves the difference of the two times.",
              },
              {
                value: m['plus-one'],
                feedback: 'One too many: at one query fewer the totals already meet. Check the smallest n that satisfies the inequality.',
              },
            ],
            wrong: 'Write start + n x time per query for both, and find the smallest whole n at which the costlier one is no larger.',
            correct: 'Correct: from that query on, the costlier start has paid for itself.',
          });
          // A count of queries is whole: a number within the tolerance but a hair off (n - 0.009) is not a
          // count. The named mistakes, quotients among them, keep their own feedback.
          const parsed = typeof a === 'string' ? parseQuantity(a, '') : undefined;
          if (result.score > 0 && parsed?.ok && !Number.isInteger(parsed.value))
            return scored(0, 'A count of queries is a whole number. Which whole number is the first at which the costlier start has caught up?');
          return result;
        },
        second: (a) =>
          checkChoice(a as never, spec('second') as ChoiceAnswerSpec, pays ? 'pays-off' : 'never', {
            why: {
              'pays-off': 'Check the sign of the per-query difference before dividing: which of the two is faster per query?',
              never: 'Compare the two times per query: does each query save time on the costlier start?',
            },
            correct: pays
              ? 'Correct: each query saves a little, so the extra start is paid back in time.'
              : 'Correct: it is slower per query too, so the gap only grows.',
          }),
      });
    },
  };
});
