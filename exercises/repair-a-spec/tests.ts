import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { loadSpec } from '../../runtime/spec/load.ts';
import { BUGS, REFUSED_BY_VALIDATE, specText, type RepairASpecData } from './exercise.ts';

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

export default defineExerciseTests<RepairASpecData>({
  solve: (v) => ({ spec: specText(v.data.base) }),
  cases: [
    {
      name: 'the spec as the colleague left it fails every fault item',
      seeds: SEEDS,
      answers: (v) => ({ spec: specText(v.data.base, v.data.bugs) }),
      // validates (2, maybe) + same-benchmark (1) of 2 + 3 x 2 + 1 = 9 points
      expect: { spec: { status: ['wrong', 'partial'], score: [0, 3 / 9 + 1e-9] } },
    },
    {
      name: 'repairing two faults of three leaves the third, with its own feedback',
      seeds: SEEDS,
      answers: (v) => ({ spec: specText(v.data.base, [v.data.bugs[2]!]) }),
      expect: { spec: { status: 'partial', score: [5 / 9, 7 / 9 + 1e-9] } },
    },
    {
      name: 'a p99 repaired by taking 1000 samples counts',
      seeds: SEEDS,
      answers: (v) =>
        v.data.bugs.includes('too-few-samples')
          ? { spec: specText(v.data.base, ['too-few-samples']).replace(/min-samples: \d+/, 'min-samples: 1000') }
          : undefined,
      expect: { spec: { status: 'correct' } },
    },
    {
      name: 'deleting a metric instead of repairing it fails "same benchmark"',
      answers: (v) => {
        const text = specText(v.data.base);
        const last = v.data.base.metrics.at(-1)!;
        const start = text.indexOf(`  - name: ${last.name}\n`);
        const end = text.indexOf('constraints:');
        return { spec: text.slice(0, start) + text.slice(end) };
      },
      // Deliberate change: "same benchmark" is a gate, so another benchmark earns nothing (it was partial credit).
      expect: { spec: { status: 'wrong', score: 0, feedback: 'repair a metric rather than delete it' } },
    },
    {
      name: 'changing the task fails "same benchmark"',
      answers: (v) => ({ spec: specText(v.data.base).replace(/(size|batch): (\d+)/, (_, k: string, n: string) => `${k}: ${Number(n) * 2}`) }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'a repair must not change what is measured' } },
    },
    {
      name: 'run rules of min-duration-ms 0 and max-duration-ms 1 cost the durations item or the gate',
      seeds: SEEDS,
      answers: (v) => ({
        spec: specText(v.data.base).replace('min-duration-ms: 1000', 'min-duration-ms: 0').replace('max-duration-ms: 15000', 'max-duration-ms: 1'),
      }),
      expect: { spec: { status: ['wrong', 'partial'], score: [0, 7 / 9 + 1e-9], feedback: 'min-duration-ms is 0' } },
    },
    {
      name: 'the tester\'s repair: the durations fault "fixed" with 0 and 1 ms loses that item',
      seeds: SEEDS,
      answers: (v) =>
        v.data.bugs.includes('durations')
          ? {
              spec: specText(v.data.base, ['durations'])
                .replace('min-duration-ms: 30000', 'min-duration-ms: 0')
                .replace('max-duration-ms: 15000', 'max-duration-ms: 1'),
            }
          : undefined,
      expect: { spec: { status: 'partial', score: [0, 7 / 9 + 1e-9], feedback: 'min-duration-ms is 0' } },
    },
    {
      name: 'deleting the quality target fails "same benchmark"',
      seeds: SEEDS,
      answers: (v) => (v.data.base.quality === undefined ? undefined : { spec: withoutQuality(specText(v.data.base)) }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'The quality target is gone' } },
    },
    {
      name: 'dropping the tail percentile from the latency fails "same benchmark"',
      seeds: SEEDS,
      answers: (v) => ({ spec: withoutTail(specText(v.data.base), v.data.base.percentile) }),
      expect: { spec: { status: 'wrong', score: 0, feedback: /The metric latency no longer reports p9[05]/ } },
    },
    {
      name: 'one digit and a quality minimum of 0 fail "same benchmark"',
      seeds: SEEDS,
      answers: (v) => (v.data.base.quality === undefined ? undefined : { spec: oneDigit(specText(v.data.base)) }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'The number of digits changed' } },
    },
    {
      name: 'a quality minimum of 0 alone fails "same benchmark"',
      seeds: SEEDS,
      answers: (v) => (v.data.base.quality === undefined ? undefined : { spec: specText(v.data.base).replace(/min: [\d.]+ \}/, 'min: 0.0 }') }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'The quality minimum changed' } },
    },
    {
      name: 'another kind for a metric fails "same benchmark"',
      answers: (v) => ({ spec: specText(v.data.base).replace('kind: latency\n    unit: ms', 'kind: throughput\n    unit: images/s') }),
      expect: { spec: { status: 'wrong', score: 0, feedback: 'is no longer of kind latency' } },
    },
    {
      name: 'a YAML syntax error is a format error',
      answers: (v) => ({ spec: specText(v.data.base).replace('targets: [', 'targets: [[') }),
      expect: { spec: { status: 'format-error', feedback: 'The YAML does not parse' } },
    },
    {
      name: 'the notes are true: a fault noted as refused by validate is refused, a fault noted from results is not',
      seeds: Array.from({ length: 40 }, (_, i) => i + 1),
      answers: (v, exercise) => {
        const intro = exercise.render(v).intro;
        for (const bug of v.data.bugs) {
          const refused = loadSpec(specText(v.data.base, [bug])).diagnostics.some((d) => d.severity === 'error');
          if (refused !== REFUSED_BY_VALIDATE.includes(bug))
            throw new Error(
              `seed ${v.seed}: the fault ${bug} is ${refused ? '' : 'not '}refused by validate, but REFUSED_BY_VALIDATE says otherwise`,
            );
        }
        const refusedNotes = intro.split('\n').filter((l) => l.includes('`workbook validate` refuses')).length;
        if (refusedNotes !== v.data.bugs.filter((b) => REFUSED_BY_VALIDATE.includes(b)).length)
          throw new Error(`seed ${v.seed}: ${refusedNotes} notes say validate refuses, for faults ${v.data.bugs.join(', ')}`);
        return { spec: specText(v.data.base) };
      },
      expect: { spec: { status: 'correct' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    {
      name: 'a known cheat: the tail percentile and the quality target dropped, one digit',
      answers: (v) => ({ spec: oneDigit(withoutQuality(withoutTail(specText(v.data.base), v.data.base.percentile))) }),
    },
    { name: 'the starter unchanged', answers: (v) => ({ spec: specText(v.data.base, v.data.bugs) }) },
    { name: 'a constant: an empty spec', answers: () => ({ spec: 'version: 2\n' }) },
    {
      name: 'the repaired spec of another seed (another benchmark)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data;
          if (
            o.base.id !== v.data.base.id &&
            JSON.stringify(o.base.task) !== JSON.stringify(v.data.base.task) &&
            o.bugs.join() !== v.data.bugs.join()
          )
            return { spec: specText(o.base) };
        }
      },
    },
  ],
});
void BUGS;

function withoutQuality(text: string): string {
  return text.replace(/ {2}quality: \{[^}]*\}\n/, '');
}

function withoutTail(text: string, percentile: number): string {
  return text.replace(`aggregation: [median, p${percentile}]`, 'aggregation: [median]');
}

function oneDigit(text: string): string {
  return text.replace(/count: \d+/, 'count: 1').replace(/min: [\d.]+ \}/, 'min: 0.0 }');
}
