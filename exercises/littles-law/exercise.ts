import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: Little's law, L = lambda W, three ways. A service's throughput and mean latency give how
 * many requests are in it on average; a closed-loop load test's clients (its concurrency) and throughput give
 * the mean latency; a server's workers and service time give the most it can complete per second. Units are mixed on purpose (requests per second against milliseconds).
 */

export interface LittleData {
  service: number;
  /** Part concurrency: requests completed per second, and their mean latency in ms. */
  rate: number;
  latencyMs: number;
  /** Part latency: clients of a closed-loop test (each always has one request in flight), and requests/s. */
  clients: number;
  closedRate: number;
  /** Part rate: requests a server holds at once (its workers, all busy), and the time each spends inside, ms. */
  workers: number;
  serviceMs: number;
}

const SERVICES = ['an image-tagging API', 'a translation service', 'a search autocompletion endpoint', 'a speech-to-text service'];

/** L = lambda W: requests/s times seconds. */
export const concurrencyOf = (d: LittleData) => (d.rate * d.latencyMs) / 1000;
/** W = L / lambda, in ms. */
export const latencyOf = (d: LittleData) => (1000 * d.clients) / d.closedRate;
/** lambda = L / W, requests per second. */
export const rateOf = (d: LittleData) => (1000 * d.workers) / d.serviceMs;

export function rateMistakes(d: LittleData): { value: number; feedback: string }[] {
  return [
    { value: d.workers / d.serviceMs, feedback: 'That is requests per millisecond: the question asks per second.' },
    { value: d.workers * d.serviceMs, feedback: 'Requests times a time is not a rate: a rate is a count divided by a time.' },
    { value: 1000 / d.serviceMs, feedback: 'That is what one worker completes per second; how many work at once?' },
    { value: d.serviceMs / d.workers, feedback: 'That ratio is upside down: a rate is a count divided by a time.' },
  ];
}

export function concurrencyMistakes(d: LittleData): { value: number; feedback: string }[] {
  return [
    { value: d.rate * d.latencyMs, feedback: 'Requests per second times milliseconds: put both in the same time unit first.' },
    { value: d.rate / (d.latencyMs / 1000), feedback: 'Dividing the rate by the time gives requests per second squared, not a count of requests.' },
    { value: d.latencyMs / 1000 / d.rate, feedback: 'That ratio is upside down: a count of requests is a rate times a time.' },
  ];
}

/** Mistakes as values in ms, the part's unit (a learner who writes seconds with "ms", or the ratio inverted). */
export function latencyMistakes(d: LittleData): { value: number; feedback: string }[] {
  const seconds = d.clients / d.closedRate;
  return [
    { value: seconds, feedback: 'Clients over requests per second gives seconds: check the unit you wrote beside your number.' },
    { value: d.closedRate / d.clients, feedback: 'That ratio is upside down: a time is a count of requests divided by a rate.' },
    { value: (1000 * d.closedRate) / d.clients, feedback: 'That ratio is upside down: a time is a count of requests divided by a rate.' },
    { value: d.clients * d.closedRate, feedback: 'Multiplying clients by a rate gives requests per second again, not a time.' },
  ];
}

const apart = (right: number, ms: { value: number; feedback?: string }[], by: number) =>
  ms.every((m) => Math.abs(m.value - right) > by * Math.abs(right)) &&
  // Mistakes with different feedback apart from each other too, so each gets its own.
  ms.every((a, i) => ms.every((b, j) => j <= i || a.feedback === b.feedback || Math.abs(a.value - b.value) > by * Math.max(a.value, b.value)));

/** Every named mistake 2.5 tolerances (2.5 x 2%) off its part's answer and off the other mistakes. */
export const mistakesApart = (d: LittleData) =>
  apart(concurrencyOf(d), concurrencyMistakes(d), 0.05) &&
  apart(latencyOf(d), latencyMistakes(d), 0.05) &&
  apart(rateOf(d), rateMistakes(d), 0.05) &&
  givenApart(d);

/** No answer within 2.5 tolerances of a number the page gives (copying one must not pass by chance). */
export function givenApart(d: LittleData): boolean {
  const given = [d.rate, d.latencyMs, d.clients, d.closedRate, d.workers, d.serviceMs].map((value) => ({ value }));
  return apart(concurrencyOf(d), given, 0.05) && apart(latencyOf(d), given, 0.05) && apart(rateOf(d), given, 0.05);
}

function draw(r: VariantRandom): LittleData {
  return {
    service: r.int(0, SERVICES.length - 1),
    rate: r.pick([40, 60, 80, 120, 150, 200, 250, 400, 600, 900, 1200]),
    latencyMs: round(r.logNormal(60, 0.9), 1),
    clients: r.pick([4, 6, 8, 12, 16, 24, 32, 48, 64]),
    closedRate: round(r.uniform(40, 3000), 0),
    workers: r.pick([2, 3, 4, 6, 8, 12, 16, 24, 32]),
    serviceMs: round(r.logNormal(25, 0.8), 1),
  };
}

export default defineExerciseLogic<LittleData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 200; attempt++) {
        const d = draw(r);
        if (d.latencyMs >= 2 && d.serviceMs >= 2 && mistakesApart(d)) return d;
      }
      throw new Error('littles-law: no variant with every mistake apart in 200 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: {
          rate: data.rate,
          latency: data.latencyMs,
          clients: data.clients,
          closedRate: data.closedRate,
          workers: data.workers,
          service: SERVICES[data.service]!,
          serviceMs: data.serviceMs,
        },
      };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        concurrency: (a) =>
          checkNumber(a, spec('concurrency'), concurrencyOf(data), {
            misconceptions: concurrencyMistakes(data),
            wrong: "Little's law: requests in the system = rate x mean time in the system, in one time unit.",
            correct: 'Correct: on average this many requests are inside the service at once.',
          }),
        latency: (a) =>
          checkNumber(a, spec('latency'), latencyOf(data), {
            misconceptions: latencyMistakes(data),
            wrong: 'How many requests are in flight at every moment in a closed loop? Then use L = lambda W the other way round.',
            correct: 'Correct: a closed loop keeps the concurrency fixed, so the latency follows from the throughput.',
          }),
        rate: (a) =>
          checkNumber(a, spec('rate'), rateOf(data), {
            misconceptions: rateMistakes(data),
            wrong: 'How many requests are inside when every worker is busy, and how long does each stay? Then lambda = L / W.',
            correct: 'Correct: the most it can complete with every worker busy; any faster arrival rate only builds a queue.',
          }),
      });
    },
  };
});
