import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a vendor's run log (generated, seeded) and the figure the vendor reported from it.
 * The figure was cherry-picked in one of three ways: the best of N runs, slow runs dropped as
 * "re-runs", or runs of another data seed reported instead of the registered one. The learner names
 * how, and computes the honest figure: the median of every run of the registered spec.
 */

export const TRICKS = ['best-of-n', 'dropped-runs', 'changed-seed'] as const;
export type Trick = (typeof TRICKS)[number];

export interface LogRun {
  id: string;
  date: string;
  seed: number;
  /** The run's median latency, ms. */
  median: number;
  note: string;
}

export interface CherryData {
  spec: string;
  registeredSeed: number;
  trick: Trick;
  runs: LogRun[];
  /** The figure the vendor reported, ms. */
  claim: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const medianOf = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The honest figure: the median of every run of the registered spec (its seed), none left out. */
export function honestOf(d: CherryData): number {
  return medianOf(d.runs.filter((r) => r.seed === d.registeredSeed).map((r) => r.median));
}

/** The wrong figures a learner computes, by name: each must be far from the honest one on every seed. */
export function mistakesOf(d: CherryData): Record<string, number> {
  const own = d.runs.filter((r) => r.seed === d.registeredSeed).map((r) => r.median);
  return {
    claim: d.claim,
    mean: meanOf(own),
    'all-rows': medianOf(d.runs.map((r) => r.median)),
    'kept-only': medianOf(d.runs.filter((r) => r.seed === d.registeredSeed && !r.note).map((r) => r.median)),
    fastest: Math.min(...own),
  };
}

/** The figure each trick would publish from this log: the one that matches the claim names the trick. */
export function trickFigures(d: CherryData): Record<Trick, number> {
  const own = d.runs.filter((r) => r.seed === d.registeredSeed);
  const other = d.runs.filter((r) => r.seed !== d.registeredSeed).map((r) => r.median);
  return {
    'best-of-n': Math.min(...own.map((r) => r.median)),
    'dropped-runs': medianOf(own.filter((r) => !r.note).map((r) => r.median)),
    'changed-seed': medianOf(other),
  };
}

/**
 * The variant is fair: the claim and every named mistake that differs from the honest figure are more than
 * 3% away (the tolerance is 1%); only the variant's own trick gives the claim (the other tricks' figures are
 * more than 3% away, so the log has one right answer); and outside best-of-n the claim is no registered run.
 */
export function mistakesApart(d: CherryData): boolean {
  const h = honestOf(d);
  const far = (m: number, from = h) => Math.abs(m - from) > 0.03 * from;
  const figures = trickFigures(d);
  const oneTrick = TRICKS.every((t) => t === d.trick || far(figures[t], d.claim));
  const noRun =
    d.trick === 'best-of-n' || d.runs.filter((r) => r.seed === d.registeredSeed).every((r) => Math.abs(r.median - d.claim) > 0.01 * d.claim);
  // The published figure is always a flattering one, never the honest figure by chance.
  return d.claim < h && far(d.claim) && oneTrick && noRun && Object.values(mistakesOf(d)).every((m) => Math.abs(m - h) < 1e-9 || far(m));
}

const NOTES = ['discarded: noisy neighbour, re-run', 'discarded: thermal warning, re-run', 'discarded: outlier'];

/**
 * One log. Every log looks alike on its surface: runs of the registered seed, some with a "discarded" note,
 * and runs of another seed; the trick shows only in the numbers (which summary gives the claim).
 */
function draw(r: ReturnType<typeof variantRandom>, trick: Trick): CherryData {
  const base = r.pick([4, 6, 9, 12, 18, 25, 40]) * (0.9 + 0.2 * r.next());
  const registeredSeed = r.int(1, 999);
  const n = r.pick([7, 9]);
  const day = r.int(1, 15);
  const noise = () => Math.exp(r.normal(0, 0.12));
  const own: LogRun[] = Array.from({ length: n }, () => ({ id: '', date: '', seed: registeredSeed, median: round2(base * noise()), note: '' }));
  // Odd runs, an odd number noted: the kept runs are even, so their median is no single run.
  const noted = r.pick([1, 3]);
  const order = trick === 'dropped-runs' ? [...own].sort((a, b) => b.median - a.median) : r.shuffle([...own]);
  for (const x of order.slice(0, noted)) x.note = r.pick(NOTES);
  const other = registeredSeed + r.int(1, 50);
  const extra: LogRun[] = Array.from({ length: 3 }, () => ({
    id: '',
    date: '',
    seed: other,
    median: round2(base * r.pick([0.7, 0.75, 0.8]) * noise()),
    note: '',
  }));
  // The other seed's runs stand among the registered ones, in date order, as a real log has them.
  const runs = [...own];
  for (const x of extra) runs.splice(r.int(2, runs.length), 0, x);
  runs.forEach((x, k) => {
    x.id = `R${k + 1}`;
    x.date = `2026-10-${String(day + k).padStart(2, '0')}`;
  });
  const d: CherryData = {
    spec: r.pick(['digits-batch-8', 'resnet-lite-b1', 'matmul-512-tiled', 'vector-add-4m']),
    registeredSeed,
    trick,
    runs,
    claim: 0,
  };
  d.claim = round2(trickFigures(d)[trick]);
  return d;
}

export default defineExerciseLogic<CherryData>(({ parts }) => ({
  generate(seed) {
    const r = variantRandom(seed);
    // The trick is drawn once, balanced: each block of three consecutive seeds has the three tricks in a
    // shuffled order, so over a class each is a third (a free draw gave 82/106/112 over seeds 1-300).
    // The log is then redrawn until it is fair (mistakesApart).
    const s = Math.floor(seed);
    const trick = variantRandom((Math.floor(s / 3) * 7919 + 17) % 2 ** 32).shuffle([...TRICKS])[((s % 3) + 3) % 3]!;
    for (let k = 0; k < 400; k++) {
      const d = draw(r, trick);
      if (mistakesApart(d)) return d;
    }
    throw new Error(`detect-cherry-picking: no variant with the mistakes apart for seed ${seed}; this is a bug in the exercise`);
  },
  render(v) {
    const d = v.data;
    return {
      values: { spec: d.spec, seed: d.registeredSeed, claim: `${d.claim.toFixed(2)} ms`, runs: d.runs.length },
      tables: [
        {
          id: 'log',
          caption: `The vendor's run log for ${d.spec} (generated data: seeded, not measured)`,
          columns: ['run', 'date', 'data seed', 'median latency (ms)', 'verdict', 'note'],
          rows: d.runs.map((x) => [x.id, x.date, x.seed, x.median.toFixed(2), 'VALID', x.note || '']),
        },
      ],
      parts: {},
    };
  },
  async check(v, answers) {
    const d = v.data;
    const how = parts.find((p) => p.id === 'how')!.answer as ChoiceAnswerSpec;
    const honest = parts.find((p) => p.id === 'honest')!.answer as NumberAnswerSpec;
    const h = honestOf(d);
    const m = mistakesOf(d);
    const feedback: Record<string, string> = {
      claim: 'That is the figure as reported: the question is what the log supports.',
      mean: 'A mean of run medians lets one slow or fast run pull the figure: the spec reports medians.',
      'all-rows': 'Every row of the log is not every run of this spec: check what each run measured.',
      'kept-only': 'That median leaves out runs the spec asked for: a run is not discarded because it was slow.',
      fastest: 'One run is not the result: the spec asks for the typical run.',
    };
    return gradeParts(answers, {
      how: (a) =>
        checkChoice(a, how, d.trick, {
          why: {
            'best-of-n': 'Is the reported figure one run of the log, or a figure computed from several runs? Compare it with the log.',
            'dropped-runs': 'Look at which runs the figure could come from: are runs left out, or runs of something else brought in?',
            'changed-seed': 'Do all runs in the log measure the same thing? Check the column that says what data each run used.',
            none: 'Compute the median of every run of the registered spec and compare it with the reported figure.',
          },
        }),
      honest: (a) =>
        checkNumber(a, honest, h, {
          misconceptions: Object.entries(m)
            .filter(([, x]) => Math.abs(x - h) > 1e-9)
            .map(([k, x]) => ({ value: x, feedback: feedback[k]! })),
          wrong: 'Which runs does the registered spec count, and how does it summarise them?',
        }),
    });
  },
}));
