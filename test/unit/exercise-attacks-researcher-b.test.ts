/**
 * Six Researcher exercises against a tester's attacks (a learner hunting for a cheap full score, told
 * nothing of the design). Each attack was a failing test before the fix:
 * - metric-hides-failure: {hides: [overall, largest, median-group], shortfall: 0.3067, rule: worst} averaged
 *   0.518 over seeds 1-300 (the rule part was always "worst"; "largest" hid the failure on 453/500 seeds).
 * Data-free answers must average < 0.5 and score full on at most a few seeds; every named mistake gets its
 * own feedback and less than half the part on every seed; the worked solution full marks on every seed.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import type { Answers, Variant } from '../../runtime/exercises/types.ts';
import { loadExercise as loadOnce, seeds } from './exercise-attack-helpers.ts';

const SEEDS = seeds(1, 300);

/** The helper's loader, with each seed's variant drawn once: the sweeps below check hundreds of answers. */
async function loadExercise<V>(id: string) {
  const loaded = await loadOnce<V>(id);
  const cache = new Map<number, Variant<V>>();
  const variant = (seed: number) => {
    if (!cache.has(seed)) cache.set(seed, createVariant(loaded.exercise, seed) as Variant<V>);
    return cache.get(seed)!;
  };
  return { ...loaded, variant, check: (seed: number, answers: Answers) => checkAnswers(loaded.exercise, variant(seed), answers) };
}
type Loaded = Awaited<ReturnType<typeof loadExercise>>;
type Solve = (v: Variant<never>) => Answers;

/** The mean score and the seeds with full marks of an answer (fixed, or drawn from the seed). */
async function sweep(ex: Loaded, answer: (seed: number) => Answers) {
  let sum = 0;
  const full: number[] = [];
  for (const s of SEEDS) {
    const r = await ex.check(s, answer(s));
    sum += r.score;
    if (r.score === 1) full.push(s);
  }
  return { mean: sum / SEEDS.length, full };
}

async function solvedEverywhere(ex: Loaded, solve: Solve) {
  const below: number[] = [];
  for (const s of SEEDS) if ((await ex.check(s, solve(ex.variant(s) as Variant<never>))).score !== 1) below.push(s);
  return below;
}

/** Seeds where a part's answer scores half or more, or its feedback lacks the named misconception. */
async function mistakeMisses(ex: Loaded, part: string, answer: (seed: number) => Answers | undefined, feedback: string | RegExp) {
  const bad: string[] = [];
  let tried = 0;
  for (const s of SEEDS) {
    const a = answer(s);
    if (!a) continue;
    tried++;
    const r = (await ex.check(s, a)).parts[part]!;
    if (r.score >= 0.5 || !(typeof feedback === 'string' ? r.feedback.includes(feedback) : feedback.test(r.feedback)))
      bad.push(`${s}: ${r.score} ${r.feedback}`);
  }
  return { bad, tried };
}

// ---------------------------------------------------------------------------------------------------------
import { belowBar, failing, type HidesData, hiding, optionOf, shortfalls } from '../../exercises/metric-hides-failure/exercise.ts';
import hidesTests from '../../exercises/metric-hides-failure/tests.ts';

const suite1 = await loadExercise<HidesData>('metric-hides-failure');
describe('metric-hides-failure: every part depends on the variant', () => {
  const ex = suite1;
  const data = (s: number) => ex.variant(s).data as HidesData;

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, hidesTests.solve as Solve)).toEqual([]);
  });

  it('data-free answers average below half and are rarely full', async () => {
    const attacks: Record<string, Answers> = {
      'the tester’s: overall, largest, median; 0.3067; group G1': {
        hides: ['overall', 'largest', 'median-group'],
        shortfall: '0.3067',
        rule: ['g1'],
      },
      'largest only; 0.1; G1': { hides: ['largest'], shortfall: '0.1', rule: ['g1'] },
      'largest and median; 0.1; G1 and G2': { hides: ['largest', 'median-group'], shortfall: '0.1', rule: ['g1', 'g2'] },
      'overall and macro; 0.05; G2': { hides: ['overall', 'macro'], shortfall: '0.05', rule: ['g2'] },
    };
    const seen: Record<string, { mean: number; full: number }> = {};
    for (const [name, a] of Object.entries(attacks)) {
      const r = await sweep(ex, () => a);
      seen[name] = { mean: Number(r.mean.toFixed(3)), full: r.full.length };
    }
    // Measured over seeds 1-300: 0.245, 0.375, about 0.35, 0.17; never full.
    for (const r of Object.values(seen)) {
      expect(r.mean).toBeLessThan(0.45);
      expect(r.full).toBeLessThanOrEqual(3);
    }
  });

  it('another seed’s whole answer averages below half', async () => {
    const r = await sweep(ex, (s) => hidesTests.solve(ex.variant((s % 300) + 1) as never));
    expect(r.mean).toBeLessThan(0.5);
    expect(r.full.length).toBeLessThanOrEqual(9);
  });

  it('no metric hides the failure on (almost) every seed, and the groups to improve vary', () => {
    const count = { largest: 0, 'median-group': 0, overall: 0, macro: 0 } as Record<string, number>;
    const several = SEEDS.filter((s) => belowBar(data(s)).length > 1).length;
    for (const s of SEEDS) for (const m of hiding(data(s))) count[m]!++;
    for (const n of Object.values(count)) expect(n).toBeLessThan(0.75 * SEEDS.length);
    expect(several).toBeGreaterThan(0.4 * SEEDS.length);
    expect(SEEDS.every((s) => data(s).groups.length % 2 === 1)).toBe(true);
  });

  it('the named shortfall mistakes score below half with their own feedback on every seed', async () => {
    const named: [string, (d: HidesData) => number, string][] = [
      ['from the overall accuracy', (d) => shortfalls(d).againstOverall, 'overall accuracy is from the bar'],
      ['overall minus the group', (d) => shortfalls(d).overallMinusWorst, 'measure from the threshold'],
      ['the group’s accuracy itself', (d) => shortfalls(d).worst, 'accuracy itself'],
    ];
    for (const [, value, feedback] of named) {
      const m = await mistakeMisses(ex, 'shortfall', (s) => ({ shortfall: value(data(s)).toFixed(4) }), feedback);
      expect(m.bad).toEqual([]);
    }
  });

  it('ticking only the weakest group for the rule is named and scores below half where several fail', async () => {
    const m = await mistakeMisses(
      ex,
      'rule',
      (s) => (belowBar(data(s)).length > 1 ? { rule: [optionOf(failing(data(s)).name)] } : undefined),
      'weakest group alone',
    );
    expect(m.tried).toBeGreaterThan(100);
    expect(m.bad).toEqual([]);
  });

  it('the worst-group accuracy ticked as hiding is named on every seed', async () => {
    const m = await mistakeMisses(ex, 'hides', (s) => ({ hides: ['worst'] }), 'smallest group accuracy');
    expect(m.bad).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// unequal-budget-claim: {unequal: [claim-3], fair: equal-budget} averaged 0.509 (fair was equal-budget on
// every seed); the "defaults are one trial" point was never tested.
import { type BudgetData, CLAIM_IDS, fairBudget, unequal } from '../../exercises/unequal-budget-claim/exercise.ts';
import budgetTests from '../../exercises/unequal-budget-claim/tests.ts';

const suite2 = await loadExercise<BudgetData>('unequal-budget-claim');
describe('unequal-budget-claim: no constant part, and defaults count as one trial', () => {
  const ex = suite2;
  const data = (s: number) => ex.variant(s).data as BudgetData;

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, budgetTests.solve as Solve)).toEqual([]);
  });

  it('data-free answers average below half and are rarely full', async () => {
    const attacks: Record<string, Answers> = {};
    for (const budget of ['1', '5', '10'])
      for (const c of CLAIM_IDS) {
        attacks[`${c} alone, k = ${budget}`] = { unequal: [c], budget };
        attacks[`all but ${c}, k = ${budget}`] = { unequal: CLAIM_IDS.filter((x) => x !== c), budget };
      }
    const seen: Record<string, { mean: number; full: number }> = {};
    for (const [name, a] of Object.entries(attacks)) {
      const r = await sweep(ex, () => a);
      seen[name] = { mean: Number(r.mean.toFixed(3)), full: r.full.length };
    }
    const worst = Math.max(...Object.values(seen).map((r) => r.mean));
    const mostFull = Math.max(...Object.values(seen).map((r) => r.full));
    // Measured over seeds 1-300: the best of these averages 0.295 (claim-3 alone, k = 1); the most full
    // marks 15 seeds of 300 (claim-4 alone, k = 1: the right set and a defaults baseline by chance).
    expect(worst).toBeLessThan(0.32);
    expect(mostFull).toBeLessThanOrEqual(16);
  });

  it('another seed’s whole answer averages below half', async () => {
    const r = await sweep(ex, (s) => budgetTests.solve(ex.variant((s % 300) + 1) as never));
    expect(r.mean).toBeLessThan(0.45);
    expect(r.full.length).toBeLessThanOrEqual(12);
  });

  it('defaults and fair one-trial claims occur: the budget part asks about defaults on about a third of seeds', () => {
    const asksDefaults = SEEDS.filter((s) => data(s).claims[data(s).asked]!.defaults).length;
    const oneVsDefaults = SEEDS.filter((s) => data(s).claims.some((c) => c.defaults && c.methodTrials === 1)).length;
    const methodFewer = SEEDS.filter((s) => data(s).claims.some((c) => c.methodTrials < c.baselineTrials)).length;
    expect(asksDefaults).toBeGreaterThan(0.2 * SEEDS.length);
    expect(asksDefaults).toBeLessThan(0.5 * SEEDS.length);
    expect(oneVsDefaults).toBeGreaterThan(0.2 * SEEDS.length);
    expect(methodFewer).toBeGreaterThan(0.1 * SEEDS.length);
  });

  it('a fair claim of one trial against defaults, ticked as unequal, scores below half with its feedback', async () => {
    const m = await mistakeMisses(
      ex,
      'unequal',
      (s) => {
        const i = data(s).claims.findIndex((c) => c.defaults && c.methodTrials === 1);
        return i < 0 ? undefined : { unequal: [CLAIM_IDS[i]!] };
      },
      'same number of trials',
    );
    expect(m.tried).toBeGreaterThan(50);
    expect(m.bad).toEqual([]);
  });

  it('the named budget mistakes score below half with their own feedback on every seed', async () => {
    const claimOf = (s: number) => data(s).claims[data(s).asked]!;
    const named: [(s: number) => Answers | undefined, string][] = [
      [(s) => ({ budget: String(Math.max(claimOf(s).methodTrials, claimOf(s).baselineTrials)) }), 'the larger budget'],
      [(s) => ({ budget: String(claimOf(s).methodTrials + claimOf(s).baselineTrials) }), 'do not add up'],
      [(s) => (claimOf(s).defaults ? { budget: '0' } : undefined), 'not zero trials'],
    ];
    for (const [answer, feedback] of named) expect((await mistakeMisses(ex, 'budget', answer, feedback)).bad).toEqual([]);
    expect(SEEDS.every((s) => fairBudget(data(s)) < Math.max(claimOf(s).methodTrials, claimOf(s).baselineTrials))).toBe(true);
    expect(SEEDS.every((s) => unequal(data(s)).length >= 1 && unequal(data(s)).length <= 3)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// blocking-fields: {explain: [target], outcome: not-reproduced} was full on 20/300 (not-reproduced was right
// on 56% of seeds), and the feedback for a wrong "reproduced" differed with the right outcome: one probe
// told the outcome on 300/300 seeds. "Identical" never occurred.
import { type BlockingData, differing, explainers, FIELD_OPTIONS, OUTCOMES, outcomeOf } from '../../exercises/blocking-fields/exercise.ts';
import blockingTests from '../../exercises/blocking-fields/tests.ts';

const suite3 = await loadExercise<BlockingData>('blocking-fields');
describe('blocking-fields: balanced outcomes, and feedback that names the pick, not the answer', () => {
  const ex = suite3;
  const data = (s: number) => ex.variant(s).data as BlockingData;

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, blockingTests.solve as Solve)).toEqual([]);
  });

  it('each outcome is right on a quarter to two fifths of the seeds', () => {
    for (const o of OUTCOMES) {
      const n = SEEDS.filter((s) => outcomeOf(data(s)) === o).length;
      expect(n).toBeGreaterThan(0.25 * SEEDS.length);
      expect(n).toBeLessThan(0.42 * SEEDS.length);
    }
  });

  it('one probe of the outcome tells nothing: a wrong pick gets the same feedback whatever the right outcome', async () => {
    for (const pick of OUTCOMES) {
      const feedback = new Set<string>();
      for (const s of SEEDS) {
        const r = (await ex.check(s, { outcome: pick })).parts.outcome!;
        if (r.status === 'wrong') feedback.add(r.feedback);
      }
      expect([...feedback]).toHaveLength(1);
    }
  });

  it('data-free answers average below half and are rarely full', async () => {
    const seen: Record<string, { mean: number; full: number }> = {};
    for (const outcome of OUTCOMES)
      for (const explain of [['target'], ['cpu', 'threads'], ['batch', 'backend-version'], ['cpu', 'cores', 'threads', 'target']]) {
        const r = await sweep(ex, () => ({ explain, outcome }));
        seen[`${explain.join('+')}, ${outcome}`] = { mean: r.mean, full: r.full.length };
      }
    // Measured over seeds 1-300: the best averages 0.242 (target, not-reproduced), full on 11 seeds (where
    // the target is the only cause and the outcome is not-reproduced); the tester's pair was full on 20.
    expect(Math.max(...Object.values(seen).map((r) => r.mean))).toBeLessThan(0.3);
    expect(Math.max(...Object.values(seen).map((r) => r.full))).toBeLessThanOrEqual(12);
  });

  it('the named explain mistakes score below half with their own feedback on every seed', async () => {
    const named: [(s: number) => Answers | undefined, string][] = [
      [(s) => ({ explain: ['started'] }), 'bookkeeping'],
      [(s) => (differing(data(s)).includes('title') ? { explain: ['title'] } : undefined), 'the spec hash leaves it out'],
      [(s) => (differing(data(s)).includes('verdict') ? { explain: ['verdict'] } : undefined), 'outcome of the change'],
      [(s) => ({ explain: [FIELD_OPTIONS.find((f) => !differing(data(s)).includes(f))!] }), 'same value in both records'],
    ];
    for (const [answer, feedback] of named) expect((await mistakeMisses(ex, 'explain', answer, feedback)).bad).toEqual([]);
    expect(SEEDS.every((s) => explainers(data(s)).length >= 1)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------
// manifest-rubric: a missing target was graded as blocking although the intro ("run of vector-add on js")
// and environment.target.backend showed it, against hint 3 (recomputable fields do not block).
import { blocking, FIELD_OPTIONS as MANIFEST_OPTIONS, type ManifestData } from '../../exercises/manifest-rubric/exercise.ts';
import manifestTests from '../../exercises/manifest-rubric/tests.ts';

const suite4 = await loadExercise<ManifestData>('manifest-rubric');
describe('manifest-rubric: a field graded as blocking cannot be read off the page', () => {
  const ex = suite4;
  const data = (s: number) => ex.variant(s).data as ManifestData;

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, manifestTests.solve as Solve)).toEqual([]);
  });

  it('where the target is missing, nothing the learner sees names it', () => {
    const shown: number[] = [];
    let missingTarget = 0;
    for (const s of SEEDS) {
      if (!blocking(data(s)).includes('target')) continue;
      missingTarget++;
      if (JSON.stringify(ex.view(s)).includes(data(s).target)) shown.push(s);
    }
    expect(missingTarget).toBeGreaterThan(50);
    expect(shown).toEqual([]);
  });

  it('data-free answers average below half', async () => {
    const needed = ['spec-source', 'spec-hash', 'parameters', 'seed', 'target', 'environment-host', 'environment-target', 'samples-per-iteration'];
    const attacks: Answers[] = [
      { missing: ['spec-source', 'parameters', 'target'] },
      { missing: needed },
      { missing: needed.slice(0, 4) },
      { missing: ['samples-per-iteration'] },
    ];
    for (const a of attacks) {
      const r = await sweep(ex, () => a);
      expect(r.mean).toBeLessThan(0.35);
      expect(r.full.length).toBeLessThanOrEqual(9);
    }
    expect(MANIFEST_OPTIONS).toHaveLength(12);
  });
});

// ---------------------------------------------------------------------------------------------------------
// expected-best-of-k: the interpolated k/(k+1) quantile was full on 58/500 seeds, the third best on 39, the
// second best on 37, (mean + max) / 2 on 32, a constant 0.8 on 5/300. Computed here from the table.
import { answer as bestOfK, type BestOfKData, mistakes as bestMistakes } from '../../exercises/expected-best-of-k/exercise.ts';
import bestTests from '../../exercises/expected-best-of-k/tests.ts';

const suite5 = await loadExercise<BestOfKData>('expected-best-of-k');
describe('expected-best-of-k: wrong methods stay wrong on every seed', () => {
  const ex = suite5;
  const data = (s: number) => ex.variant(s).data as BestOfKData;
  const asc = (d: BestOfKData) => [...d.scores].sort((a, b) => a - b);
  const x4 = (x: number) => x.toFixed(4);
  const interpolated = (xs: number[], p: number) => {
    const h = (xs.length - 1) * p;
    const lo = Math.floor(h);
    return xs[lo]! + (h - lo) * ((xs[lo + 1] ?? xs[lo]!) - xs[lo]!);
  };
  const mean = (d: BestOfKData) => d.scores.reduce((a, b) => a + b, 0) / d.scores.length;
  // A trial's own score can tie with another named method (two equal best scores, or the quantile landing
  // on an order statistic): it must still be wrong and named, by whichever named method it equals.
  const NAMED = /^That (is|looks|draws)/;
  const METHODS: [string, (d: BestOfKData) => number, string | RegExp][] = [
    ['the interpolated k/(k+1) quantile', (d) => interpolated(asc(d), d.k / (d.k + 1)), 'a quantile of the scores'],
    ['the second best', (d) => asc(d).at(-2)!, NAMED],
    ['the third best', (d) => asc(d).at(-3)!, NAMED],
    ['the k-th best', (d) => asc(d).at(-d.k)!, NAMED],
    ['(mean + max) / 2', (d) => (mean(d) + Math.max(...d.scores)) / 2, 'halfway between'],
    ['the maximum', (d) => Math.max(...d.scores), 'best of all the trials'],
    ['the mean', mean, 'expected score of one trial'],
    ['the mean of the k best', (d) => bestMistakes(d).topK, 'always drew the best'],
    ['a percentage', (d) => bestOfK(d) * 100, 'wants a fraction'],
  ];

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, bestTests.solve as Solve)).toEqual([]);
  });

  for (const [name, value, feedback] of METHODS)
    it(`${name}: below half, with its own feedback, on every seed of 1-300`, async () => {
      expect((await mistakeMisses(ex, 'expected', (s) => ({ expected: x4(value(data(s))) }), feedback)).bad).toEqual([]);
    });

  it('constants are full on at most a few seeds', async () => {
    for (const c of ['0.7', '0.75', '0.8', '0.85', '0.9']) {
      const r = await sweep(ex, () => ({ expected: c }));
      expect(r.full.length).toBeLessThanOrEqual(6);
      expect(r.mean).toBeLessThan(0.05);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// worst-group-accuracy held; a percentage ("52.63") got only the generic "Not within 0.002" feedback.
import { solution as worstSolution, type WorstGroupData } from '../../exercises/worst-group-accuracy/exercise.ts';
import worstTests from '../../exercises/worst-group-accuracy/tests.ts';

const suite6 = await loadExercise<WorstGroupData>('worst-group-accuracy');
describe('worst-group-accuracy: a percentage is named', () => {
  const ex = suite6;
  const data = (s: number) => ex.variant(s).data as WorstGroupData;

  it('the worked solution scores full marks on seeds 1-300', async () => {
    expect(await solvedEverywhere(ex, worstTests.solve as Solve)).toEqual([]);
  });

  it('the answer as a percentage scores 0 with "wants a fraction" on every seed, in both parts', async () => {
    const pct = (x: number) => (x * 100).toFixed(2);
    expect((await mistakeMisses(ex, 'worst', (s) => ({ worst: pct(worstSolution(data(s)).worst) }), 'wants a fraction')).bad).toEqual([]);
    expect((await mistakeMisses(ex, 'gap', (s) => ({ gap: pct(worstSolution(data(s)).gap) }), 'wants a fraction')).bad).toEqual([]);
  });
});
