import { loadPercentile } from '../../runtime/load/summary.ts';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { NumberAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a table of closed-loop runs of one model at batch 1 to 100 (as the episode's cell runs it),
 * each with its mean and p90 query latency and its throughput; the learner picks the batch with the highest
 * throughput whose p90 stays within a bound, says what it gains over batch 1, and what one input waits.
 * The table is generated (seeded): per-query latencies of a fixed cost plus a cost per input, log-normal
 * noise, summarised with the load generator's own percentile (runtime/load/summary.ts).
 */

export interface BatchRow {
  batch: number;
  /** Mean query latency, ms (3 significant digits, as shown). */
  meanMs: number;
  /** p90 query latency, ms (3 significant digits, as shown). */
  p90Ms: number;
  /** Inputs completed per second (whole number, as shown). */
  throughput: number;
}

export interface BestBatchData {
  context: number;
  boundMs: number;
  rows: BatchRow[];
}

export const BATCHES = [1, 2, 5, 10, 20, 50, 100] as const;
/** Queries per run the table summarises (each row is one closed-loop run). */
export const QUERIES = 200;
const CONTEXTS = [
  'a photo app that labels each picture while the user waits',
  'a speech assistant that must answer before the user notices a pause',
  'a fraud check that runs while a card payment is being approved',
  'a recommendation service called once per page view',
];

const sig3 = (x: number) => Number(x.toPrecision(3));

/**
 * One run: QUERIES per-query latencies, summarised as the cell's record is (mean, LoadGen's p90, items/s).
 * `noise` holds each query's slowdown, shared by all batches (the same machine, the same stragglers: a page
 * fault, a busy core), times a little noise of the run's own, so the columns grow with the batch as a real
 * table's do and the table's order is not noise.
 */
function runAt(r: VariantRandom, batch: number, fixedMs: number, perInputMs: number, noise: readonly number[]): BatchRow {
  const service = fixedMs + perInputMs * batch;
  const latencies = noise.map((n) => service * n * r.logNormal(1, 0.03)).sort((a, b) => a - b);
  const mean = latencies.reduce((s, x) => s + x, 0) / latencies.length;
  const meanMs = sig3(mean);
  return { batch, meanMs, p90Ms: sig3(loadPercentile(latencies, 90)), throughput: Math.round((batch * 1000) / mean) };
}

/** Of the rows that pass `within`, the one with the highest throughput (undefined when none passes). */
export function bestWithin(rows: readonly BatchRow[], within: (row: BatchRow) => boolean): BatchRow | undefined {
  let best: BatchRow | undefined;
  for (const row of rows) if (within(row) && (!best || row.throughput > best.throughput)) best = row;
  return best;
}

/** The right row: the highest throughput whose p90 is within the bound. */
export const answerRow = (d: BestBatchData) => bestWithin(d.rows, (row) => row.p90Ms <= d.boundMs)!;
export const gainOf = (d: BestBatchData) => answerRow(d).throughput / d.rows[0]!.throughput;

/** Mistakes that pick the same batch are named together: each learner's error gets its own sentence. */
function merged(ms: { value: number; feedback: string }[]): { value: number; feedback: string }[] {
  const out: { value: number; feedback: string }[] = [];
  for (const m of ms) {
    const same = out.find((o) => o.value === m.value);
    if (same) same.feedback = `${same.feedback} ${m.feedback}`;
    else out.push({ ...m });
  }
  return out;
}

/** The batches the named mistakes pick: no bound at all, the mean held to the bound, the smallest batch. */
export function batchMistakes(d: BestBatchData): { value: number; feedback: string }[] {
  return merged([
    {
      value: bestWithin(d.rows, () => true)!.batch,
      feedback: 'That batch has the highest throughput of the table, but look at its p90: does it meet the bound?',
    },
    {
      value: bestWithin(d.rows, (row) => row.meanMs <= d.boundMs)!.batch,
      feedback: 'That batch meets the bound on average. The bound is on the p90: one query in ten may not be slower than it.',
    },
    {
      value: d.rows[0]!.batch,
      feedback: 'The smallest batch has the lowest latency, but the question asks for the most throughput the bound allows.',
    },
  ]);
}

export function gainMistakes(d: BestBatchData): { value: number; feedback: string }[] {
  const right = answerRow(d);
  const one = d.rows[0]!;
  return [
    {
      value: right.batch / one.batch,
      feedback: 'That is the ratio of the batch sizes: it assumes a batch costs no more time than one input. Read the throughputs.',
    },
    { value: one.throughput / right.throughput, feedback: 'That ratio is upside down: how many times more inputs per second?' },
    { value: right.p90Ms / one.p90Ms, feedback: 'That is how much longer a query takes, not how much more work gets done per second.' },
  ];
}

export function waitMistakes(d: BestBatchData): { value: number; feedback: string }[] {
  const right = answerRow(d);
  return [
    {
      value: right.p90Ms / right.batch,
      feedback: 'An input does not wait a share of its query: it comes back when its whole batch comes back.',
    },
    { value: 1000 / right.throughput, feedback: 'That is the time per input at this throughput, not how long any input waits.' },
    { value: right.meanMs, feedback: 'That is the mean latency; the question is about the slowest inputs but one in ten.' },
    { value: d.boundMs, feedback: 'That is the bound, the most the service level allows: how long do inputs really wait at this batch?' },
  ];
}

/** Parts are told apart when every mistake is further than `apart` (relative) from the answer and from each other. */
const spread = (right: number, ms: { value: number }[], apart: number) =>
  ms.every((m) => Math.abs(m.value - right) > apart * Math.abs(right)) &&
  ms.every((a, i) => ms.every((b, j) => j <= i || Math.abs(a.value - b.value) > apart * Math.max(Math.abs(a.value), Math.abs(b.value))));

/** Every column grows with the batch (the worked solution and the feedback say so). */
export function monotone(rows: readonly BatchRow[]): boolean {
  return rows.every(
    (row, i) => i === 0 || (row.meanMs > rows[i - 1]!.meanMs && row.p90Ms > rows[i - 1]!.p90Ms && row.throughput > rows[i - 1]!.throughput),
  );
}

/**
 * What makes the variant teach: a monotone table; the right batch is neither the smallest nor the table's
 * fastest; the mean picks a bigger batch than the p90; the gain is under the batch size; every mistake of
 * the gain and of the wait lies 7.5% off (7.5 tolerances of 1%).
 */
export function variantTeaches(d: BestBatchData): boolean {
  const right = answerRow(d);
  if (!right || !monotone(d.rows)) return false;
  const last = d.rows[d.rows.length - 1]!;
  if (right.batch === d.rows[0]!.batch || right.batch === last.batch) return false;
  if (!(bestWithin(d.rows, (row) => row.meanMs <= d.boundMs)!.batch > right.batch)) return false;
  if (!(gainOf(d) < right.batch)) return false;
  return spread(gainOf(d), gainMistakes(d), 0.075) && spread(right.p90Ms, waitMistakes(d), 0.075);
}

function draw(r: VariantRandom): BestBatchData | undefined {
  // Log-uniform: a fixed cost of 0.3 to 8 ms a query, 0.005 to 0.2 ms an input (a wide spread of machines).
  const fixedMs = 0.3 * Math.exp(r.uniform(0, Math.log(8 / 0.3)));
  const perInputMs = 0.005 * Math.exp(r.uniform(0, Math.log(0.2 / 0.005)));
  const sigma = r.uniform(0.1, 0.3);
  // A share of queries is slowed by a straggler, so the p90 sits in a tail of its own.
  const share = r.uniform(0.05, 0.3);
  const factor = r.uniform(1.5, 5);
  const noise = Array.from({ length: QUERIES }, () => r.logNormal(1, sigma) * (r.uniform(0, 1) < share ? factor : 1));
  const rows = BATCHES.map((b) => runAt(r, b, fixedMs, perInputMs, noise));
  // The answer is any of batches 2 to 50; the bound lies between its p90 and the next batch's, and 1 to 3
  // batches above it have a mean within the bound (drawn among the placements this table allows), so
  // no row of the table sits a fixed step from the mean's pick.
  const places: { k: number; above: number; lo: number; hi: number }[] = [];
  for (let k = 1; k <= BATCHES.length - 2; k++) {
    for (let above = 1; above <= 3 && k + above < rows.length; above++) {
      const lo = Math.max(rows[k]!.p90Ms, rows[k + above]!.meanMs);
      const hi = Math.min(rows[k + 1]!.p90Ms, rows[k + above + 1]?.meanMs ?? Infinity);
      if (lo * 1.01 < hi) places.push({ k, above, lo, hi });
    }
  }
  if (places.length === 0) return undefined;
  // Weighted 1:2:3 toward more batches above, since tables allow one above far more often than three.
  const above = r.pick([...new Set(places.map((p) => p.above))].flatMap((n) => Array<number>(n).fill(n)));
  const place = r.pick(places.filter((p) => p.above === above));
  const boundMs = sig3(r.uniform(place.lo, place.hi));
  if (!(boundMs >= place.lo && boundMs < place.hi)) return undefined;
  return { context: r.int(0, CONTEXTS.length - 1), boundMs, rows };
}

export default defineExerciseLogic<BestBatchData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer as NumberAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      for (let attempt = 0; attempt < 500; attempt++) {
        const d = draw(r);
        if (d && variantTeaches(d)) return d;
      }
      throw new Error('best-batch-p90: no table that teaches in 500 draws; the generator needs a look');
    },
    render({ data }) {
      return {
        values: { context: CONTEXTS[data.context]!, bound: data.boundMs, queries: QUERIES },
        tables: [
          {
            id: 'runs',
            caption: `One closed-loop run per batch, ${QUERIES} queries each (generated for your variant, seeded)`,
            columns: ['batch (inputs per query)', 'mean latency (ms)', 'p90 latency (ms)', 'throughput (inputs/s)'],
            rows: data.rows.map((row) => [row.batch, row.meanMs, row.p90Ms, row.throughput]),
          },
        ],
      };
    },
    async check({ data }, answers) {
      const right = answerRow(data);
      return gradeParts(answers, {
        batch: (a) =>
          checkNumber(a, spec('batch'), right.batch, {
            unitSlips: false, // a count of inputs has no unit to slip
            misconceptions: batchMistakes(data),
            wrong: 'Cross out every batch whose p90 is over the bound, then take the highest throughput that is left.',
            correct: 'Correct: the most inputs per second whose p90 still meets the bound.',
          }),
        gain: (a) =>
          checkNumber(a, spec('gain'), gainOf(data), {
            unitSlips: false,
            misconceptions: gainMistakes(data),
            wrong: 'Divide the throughput of your batch by the throughput of batch 1.',
            correct: 'Correct: the batch buys this much throughput, never as much as its size, because a bigger batch takes longer.',
          }),
        wait: (a) =>
          checkNumber(a, spec('wait'), right.p90Ms, {
            misconceptions: waitMistakes(data),
            wrong: 'When does an input in a query of this batch come back, for nine queries in ten?',
            correct: 'Correct: every input waits for its whole query, so the query p90 is what one in ten inputs exceeds.',
          }),
      });
    },
  };
});
