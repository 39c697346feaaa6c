import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, readChoice, scored } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a multi-select of run rules for a procurement comparison. Each variant is an interactive
 * service (server scenario, p99 bound) or a batch job (offline throughput), and shows nine of the fifteen
 * rules: three or four that always hold, the two scenario rules (one right for this application), and four
 * or three that let a vendor game the comparison. A second part turns the target into the rate the spec must
 * demand per second (the server run's target-qps, or the offline throughput the job needs).
 */

export const ALWAYS = ['same-spec', 'accuracy-run', 'every-run', 'environment', 'minimums', 'buyer-seeds'] as const;
export const GAMED = ['best-of-n', 'own-data', 'drop-slow', 'datasheet', 'short-runs', 'mean-latency', 'free-precision'] as const;

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

export interface RulesData {
  interactive: boolean;
  domain: number;
  /** Interactive: the peak, in requests per minute, and the p99 bound. */
  perMinute: number;
  boundMs: number;
  /** Batch: millions of items within so many hours. */
  hours: number;
  items: number;
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

export const correctRules = (d: RulesData): string[] =>
  d.shown.filter((id) => (ALWAYS as readonly string[]).includes(id) || id === (d.interactive ? 'server-p99' : 'offline-rank'));

const WHY: Record<string, string> = {
  'best-of-n': 'The best of several runs reports the luckiest run, not the machine: which rule keeps every run in view?',
  'own-data': 'Another data set is another task: the figures would not measure the same work.',
  'drop-slow': 'The slow queries are exactly what a percentile bound is about: dropping them hides the tail.',
  datasheet: 'A data sheet is not a run of your benchmark, under your rules.',
  'short-runs': 'How many queries does a short run hold, and how well does that back a high percentile?',
  'mean-latency': 'A bound on a percentile is not met by a mean under it.',
  'free-precision': 'A lower precision can cost accuracy: without an accuracy run, nobody knows the job was done.',
  'server-p99': "How do this application's requests arrive, and does anyone wait for a single answer?",
  'offline-rank': 'Users wait for each answer here: what does throughput without a latency bound say about that?',
};

export default defineExerciseLogic<RulesData>(({ parts }) => {
  const spec = parts.find((p) => p.id === 'rules')!.answer as ChoiceAnswerSpec;
  const rate = parts.find((p) => p.id === 'rate')!.answer as NumberAnswerSpec;
  const shownOptions = (d: RulesData) => d.shown.map((id) => spec.options.find((o) => o.id === id)!);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const interactive = r.chance(0.5);
      // Nine rules: three or four that always hold, the two scenario rules, and four or three gamed ones.
      const always = r.int(3, 4);
      const shown = r.shuffle([...r.sample(ALWAYS, always), 'server-p99', 'offline-rank', ...r.sample(GAMED, 7 - always)]);
      return {
        interactive,
        domain: r.int(0, 2),
        perMinute: round(r.uniform(3000, 240000), -2),
        boundMs: r.pick([20, 50, 100, 200]),
        hours: r.pick([3, 4, 5, 6, 7, 8]),
        items: round(r.uniform(1, 80), 1),
        shown,
      };
    },
    render({ data }) {
      return {
        values: {
          domain: (data.interactive ? INTERACTIVE : BATCH)[data.domain]!,
          target: data.interactive
            ? `The service level: at a peak of ${data.perMinute} requests per minute, the p99 latency of a request must be at most ${data.boundMs} ms, at the model's quality target.`
            : `The target: ${data.items} million items must be done within ${data.hours} hours every night, at the model's quality target; nobody waits for any single item.`,
        },
        parts: { rules: { options: shownOptions(data) } },
      };
    },
    async check({ data }, answers) {
      const why: Partial<Record<string, string>> = {};
      for (const id of data.shown) if (WHY[id] && !correctRules(data).includes(id)) why[id] = WHY[id];
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
          // A run is one scenario: ticking both scenario rules asks for two contradictory runs and earns no
          // credit for this part (without it, every rule but the gamed ones scored 0.85 of it, scenario unchosen).
          const picked = readChoice(a, spec, shownOptions(data));
          if (Array.isArray(picked) && picked.includes('server-p99') && picked.includes('offline-rank'))
            return scored(0, 'The two scenario rules contradict each other: a run follows one scenario. Which one does this application need?');
          return checkChoice(
            a,
            spec,
            correctRules(data),
            {
              why,
              wrong: "For each rule: could two vendors' figures still be compared if one followed it and the other did not?",
              correct: 'Correct: the same work, judged the same way, every run in view, and the scenario this application needs.',
            },
            shownOptions(data),
          );
        },
      });
    },
  };
});
