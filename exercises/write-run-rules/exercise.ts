import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, readChoice, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a multi-select of run rules for a procurement comparison. Each variant is an interactive
 * service (server scenario, a bound on the p90, p95 or p99 latency) or a batch job (offline throughput), with a
 * quality target (98%, 99% or 99.9% of the reference model's accuracy) and a precision the buyer requires or
 * leaves free. Which rules are right depends on those: the accuracy run's threshold, the precision rule, the
 * scenario and its percentile, and (interactive) the minimum query count the percentile needs (the workbook's
 * ten beyond it: p90 100, p95 200, p99 1000). So a key memorised from one variant fails on another. A few
 * general rules always hold; a few gamed ones never do. A second part turns the target into the rate the spec
 * must demand per second (the server run's target-qps, or the offline throughput the job needs).
 */

/** Rules right on every variant (a few are shown). */
export const GENERAL = ['same-spec', 'every-run', 'environment', 'buyer-seeds'] as const;
/** Rules that let a vendor game the comparison, wrong on every variant (a few are shown). */
export const GAMED = ['best-of-n', 'own-data', 'drop-slow', 'datasheet', 'short-runs', 'mean-latency', 'free-precision'] as const;
/** Groups of rules with a parameter: exactly one of each shown group is right, and which depends on the variant. */
export const ACCURACY = { 98: 'accuracy-98', 99: 'accuracy-99', 99.9: 'accuracy-999' } as const;
export const PRECISION = ['precision-spec', 'precision-lower'] as const;
export const SCENARIO = { 90: 'server-p90', 95: 'server-p95', 99: 'server-p99' } as const;
export const MINIMUM = { 90: 'min-100', 95: 'min-200', 99: 'min-1000' } as const;
export const GROUPS: Record<string, readonly string[]> = {
  accuracy: Object.values(ACCURACY),
  precision: PRECISION,
  scenario: [...Object.values(SCENARIO), 'offline-rank'],
  minimum: Object.values(MINIMUM),
};

const INTERACTIVE = [
  'a photo-tagging API that users call from a phone app',
  'a fraud check that runs inside every card payment',
  'a speech assistant that answers while the user waits',
];
const BATCH = [
  'the nightly re-indexing of a photo archive',
  'the nightly scoring of every customer record',
  'the overnight transcription of recorded calls',
];

export type Percentile = 90 | 95 | 99;
export type Quality = 98 | 99 | 99.9;

export interface RulesData {
  interactive: boolean;
  domain: number;
  /** Interactive: the peak, in requests per minute, and the bound on the given percentile's latency. */
  perMinute: number;
  boundMs: number;
  percentile: Percentile;
  /** Batch: millions of items within so many hours. */
  hours: number;
  items: number;
  /** The quality target, in % of the reference model's accuracy. */
  quality: Quality;
  /** Whether the buyer accepts a lower numeric precision that meets the quality target (else FP16 only). */
  lowerOk: boolean;
  /** The rule ids this variant shows, in its order. */
  shown: string[];
}

/** The rate the spec must demand, per second: the peak's QPS, or the items over the hours. */
export const rateOf = (d: RulesData) => (d.interactive ? d.perMinute / 60 : (d.items * 1e6) / (d.hours * 3600));

export function rateMistakes(d: RulesData): { value: number; feedback: string }[] {
  return d.interactive
    ? [{ value: d.perMinute, feedback: "That is per minute; a spec's target-qps is per second." }]
    : [
        { value: (d.items * 1e6) / d.hours, feedback: 'That is per hour; throughput in a spec is per second.' },
        { value: (d.items * 1e6) / (d.hours * 60), feedback: 'That is per minute; throughput in a spec is per second.' },
        { value: d.items / (d.hours * 3600), feedback: 'The items are counted in millions.' },
      ];
}

/** The rules this variant needs, whether shown or not: the general ones and one of each group that applies. */
export const rightRules = (d: RulesData): string[] => [
  ...GENERAL,
  ACCURACY[d.quality],
  d.lowerOk ? 'precision-lower' : 'precision-spec',
  d.interactive ? SCENARIO[d.percentile] : 'offline-rank',
  ...(d.interactive ? [MINIMUM[d.percentile]] : ['minimums']),
];

export const correctRules = (d: RulesData): string[] => d.shown.filter((id) => rightRules(d).includes(id));

/** The misconception each wrong rule stands for; a function, since a group's wrong member depends on the variant. */
function whyOf(d: RulesData, id: string): string | undefined {
  const fixed: Record<string, string> = {
    'best-of-n': 'The best of several runs reports the luckiest run, not the machine: which rule keeps every run in view?',
    'own-data': 'Another data set is another task: the figures would not measure the same work.',
    'drop-slow': 'The slow queries are exactly what a percentile bound is about: dropping them hides the tail.',
    datasheet: 'A data sheet is not a run of your benchmark, under your rules.',
    'short-runs': 'How many queries does a short run hold, and how well does that back a high percentile?',
    'mean-latency': 'A bound on a percentile is not met by a mean under it.',
    'free-precision': 'A lower precision can cost accuracy: without an accuracy run, nobody knows the job was done.',
  };
  if (fixed[id]) return fixed[id];
  if (GROUPS.accuracy!.includes(id))
    return 'Which accuracy does the target state? A threshold above it refuses the model the buyer agreed to; one below it lets a worse model pass.';
  if (id === 'precision-spec')
    return 'The buyer accepts any precision that still meets the quality target: forbidding it shuts out machines that do the job.';
  if (id === 'precision-lower') return 'This target fixes the precision the model was validated at: which rule keeps every vendor to it?';
  if (id === 'offline-rank') return 'Users wait for each answer here: what does throughput without a latency bound say about that?';
  if (GROUPS.scenario!.includes(id))
    return d.interactive
      ? 'Which percentile does the service level bound? A rule on another percentile checks another promise.'
      : "How do this application's requests arrive, and does anyone wait for a single answer?";
  if (GROUPS.minimum!.includes(id)) return "How many queries put ten beyond the service level's percentile, and is this the least that does?";
  return undefined;
}

const CONTRADICTION: Record<string, string> = {
  accuracy: 'The accuracy rules contradict each other: a quality target has one threshold. Which one does this target state?',
  precision: 'The precision rules contradict each other: the spec either fixes the precision or leaves it free. Which does this target say?',
  scenario: 'The scenario rules contradict each other: a run follows one scenario, with one bound. Which one does this application need?',
  minimum: 'The minimum query counts contradict each other: a rule states one least count. Which does the percentile need?',
};

export default defineExerciseLogic<RulesData>(({ parts }) => {
  const spec = parts.find((p) => p.id === 'rules')!.answer as ChoiceAnswerSpec;
  const rate = parts.find((p) => p.id === 'rate')!.answer as NumberAnswerSpec;
  const shownOptions = (d: RulesData) => d.shown.map((id) => spec.options.find((o) => o.id === id)!);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const interactive = r.chance(0.5);
      const percentile = r.pick([90, 95, 99] as const);
      const quality = r.pick([98, 99, 99.9] as const);
      const lowerOk = r.chance(0.5);
      // Shown: two or three general rules, the three accuracy rules, both precision rules, the four scenario
      // rules, (interactive) the right minimum count and one other or (batch) the general minimums rule, and
      // three or two gamed ones.
      const general = r.int(2, 3);
      const otherPercentile = r.pick(([90, 95, 99] as const).filter((p) => p !== percentile));
      const shown = r.shuffle([
        ...r.sample(GENERAL, general),
        ...GROUPS.accuracy!,
        ...PRECISION,
        ...GROUPS.scenario!,
        ...(interactive ? [MINIMUM[percentile], MINIMUM[otherPercentile]] : ['minimums']),
        ...r.sample(GAMED, 5 - general),
      ]);
      return {
        interactive,
        domain: r.int(0, 2),
        perMinute: round(r.uniform(3000, 240000), -2),
        boundMs: r.pick([20, 50, 100, 200]),
        percentile,
        hours: r.pick([3, 4, 5, 6, 7, 8]),
        items: round(r.uniform(1, 80), 1),
        quality,
        lowerOk,
        shown,
      };
    },
    render({ data }) {
      const quality = `the answers must reach ${data.quality}% of the reference model's accuracy`;
      const precision = data.lowerOk
        ? 'The buyer accepts any numeric precision whose answers still reach that accuracy.'
        : 'The model must run in FP16, the precision the buyer validated it at; no other precision is accepted.';
      return {
        values: {
          domain: (data.interactive ? INTERACTIVE : BATCH)[data.domain]!,
          target: data.interactive
            ? `The service level: at a peak of ${data.perMinute} requests per minute, the p${data.percentile} latency of a request must be at most ${data.boundMs} ms, and ${quality}. ${precision}`
            : `The target: ${data.items} million items must be done within ${data.hours} hours every night, and ${quality}; nobody waits for any single item. ${precision}`,
        },
        parts: { rules: { options: shownOptions(data) } },
      };
    },
    async check({ data }, answers) {
      const why: Partial<Record<string, string>> = {};
      const right = correctRules(data);
      for (const id of data.shown) if (!right.includes(id)) why[id] = whyOf(data, id);
      return gradeParts(answers, {
        rate: (a) =>
          checkNumber(a, rate, rateOf(data), {
            unitSlips: false,
            // The prompt asks for the rate rounded up to a whole number, as a spec's target would be written;
            // the exact rate is accepted too.
            alsoAccept: [{ value: Math.ceil(rateOf(data)) }],
            misconceptions: rateMistakes(data),
            wrong: data.interactive ? 'The peak, as requests per second.' : 'The items over the time allowed, as items per second.',
          }),
        rules: (a) => {
          // Each group's rules exclude one another: ticking two of one group (two scenarios, two thresholds) asks
          // for contradictory runs and earns no credit for this part (without it, every rule but the gamed ones
          // scored 0.85 of it).
          const picked = readChoice(a, spec, shownOptions(data));
          if (Array.isArray(picked))
            for (const [group, ids] of Object.entries(GROUPS))
              if (picked.filter((id) => ids.includes(id)).length > 1) return scored(0, CONTRADICTION[group]!);
          return checkChoice(
            a,
            spec,
            right,
            {
              why,
              wrong:
                "For each rule: could two vendors' figures still be compared if one followed it and the other did not, and does it state what this target states?",
              correct: 'Correct: the same work, judged the same way and at this target, every run in view, and the scenario this application needs.',
            },
            shownOptions(data),
          );
        },
      });
    },
  };
});
