import { defineExerciseTests } from '../../runtime/exercises/check.ts';
import { MAX_SEED } from '../../runtime/exercises/seed.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { drawHiddenWorld, harnessCode, type FixTimingHarnessData, type HarnessContract, type HarnessHidden } from './exercise.ts';

/** The same harness written another way: the calls of a batch submitted together, then awaited together. */
const promiseAll = (c: HarnessContract) => `async function ${c.name}(work, clock, options) {
  for (let i = 0; i < options.warmup; i++) await work();
  const need = 1000 * options.resolutionMs;
  let batch = 1;
  const timeBatch = async (n) => {
    const start = clock.now();
    await Promise.all(Array.from({ length: n }, () => work()));
    return clock.now() - start;
  };
  while ((await timeBatch(batch)) < need) batch *= 2;
  const samples = [];
  for (let s = 0; s < options.samples; s++) samples.push(((await timeBatch(batch)) / batch) * ${c.unit === 'ms' ? 1 : 1000});
  return { samples, batch };
}
`;

const SEEDS = [1, 2, 3, 4, 5, 6];

export default defineExerciseTests<FixTimingHarnessData, HarnessHidden>({
  solve: (v) => ({ code: harnessCode(v.data.contract) }),
  // The grader adds a second simulated machine the learner never saw.
  hidden: (v) => drawHiddenWorld(variantRandom((v.seed + 0x9e3779b9) % (MAX_SEED + 1)).next, v.data.world),
  cases: [
    {
      name: 'the starter fails the tests of its faults',
      answers: (v) => ({ code: harnessCode(v.data.contract, v.data.bugs, v.data.fewSamples) }),
      expect: { code: { status: ['wrong', 'partial'], score: [0, 0.5 - 1e-9] } },
    },
    {
      name: 'too few samples: says how many were asked for',
      answers: (v) => ({ code: harnessCode(v.data.contract, ['few-samples'], 4) }),
      expect: { code: { status: 'partial', score: 0.7, feedback: 'options.samples asks for' } },
    },
    {
      name: 'no warm-up: says the clock was read before any call finished',
      answers: (v) => ({ code: harnessCode(v.data.contract, ['no-warmup']) }),
      expect: { code: { status: ['partial', 'wrong'], feedback: 'before any call had finished' } },
    },
    {
      name: 'one call per sample: says a sample must last 1000 ticks',
      answers: (v) => ({ code: harnessCode(v.data.contract, ['no-batching']) }),
      expect: { code: { status: 'partial', feedback: 'at least 1000 ticks' } },
    },
    {
      name: 'not awaiting the work: says to wait for the promise',
      answers: (v) => ({ code: harnessCode(v.data.contract, ['no-await']) }),
      expect: { code: { status: 'wrong', feedback: /wait for (it|them)/ } },
    },
    {
      name: 'another correct harness (Promise.all per batch) passes, hidden tests too',
      withHidden: true,
      answers: (v) => ({ code: promiseAll(v.data.contract) }),
      expect: { code: { status: 'correct' } },
    },
    {
      name: 'a fix copied from a variant with the other unit is off by a factor of 1000, and told so',
      answers: (v) => ({ code: harnessCode({ ...v.data.contract, unit: v.data.contract.unit === 'ms' ? 'µs' : 'ms' }) }),
      expect: { code: { status: 'partial', score: 0.4, feedback: 'factor of 1000 away' } },
    },
    {
      name: 'code that does not parse is a format error with its line',
      answers: (v) => ({ code: harnessCode(v.data.contract).replace('batch *= 2;', 'batch *= ;') }),
      expect: { code: { status: 'format-error', feedback: /does not parse.*line \d+/ } },
    },
    {
      name: 'renaming the function is a format error that names the function',
      answers: (v) => ({ code: harnessCode(v.data.contract).replace(`async function ${v.data.contract.name}`, 'async function measure') }),
      expect: { code: { status: 'format-error', feedback: /must define function (timeIt|measureCalls|benchmark)/ } },
    },
    {
      name: 'an error thrown by the learner names its line',
      answers: (v) => ({ code: harnessCode(v.data.contract).replace('const samples = [];', 'const samples = null;') }),
      expect: { code: { status: 'wrong', feedback: /thrown at line \d+ of your code/ } },
    },
    {
      name: 'performance.now() instead of the given clock is explained',
      answers: (v) => ({ code: harnessCode(v.data.contract).replaceAll('clock.now()', 'performance.now()') }),
      expect: { code: { status: 'wrong', feedback: 'reads the real clock' } },
    },
    {
      name: 'a batch fixed in the code (no calibration) fails the calibration test on one of the two machines',
      seeds: SEEDS,
      withHidden: true,
      answers: (v) => ({ code: fixedBatch(v.data.contract, 5000) }),
      expect: {
        code: {
          status: ['partial', 'wrong'],
          score: [0, 1 - 1e-9],
          feedback: /is the batch size fixed in the code\?|lasts at least 1000 ticks|at least 1000 ticks/,
        },
      },
    },
    {
      name: 'one long batch copied into every sample (zero spread) fails "times each sample on its own"',
      seeds: SEEDS,
      answers: (v) => ({ code: copiedSample(v.data.contract) }),
      expect: { code: { status: ['partial', 'wrong'], score: [0, 1 - 1e-9], feedback: /All \d+ samples are exactly/ } },
    },
    {
      name: 'a made-up spread around one long batch fails too: no sample is the time between two readings',
      seeds: SEEDS,
      answers: (v) => ({ code: copiedSample(v.data.contract, true) }),
      expect: { code: { status: ['partial', 'wrong'], score: [0, 1 - 1e-9], feedback: 'not the time between two readings' } },
    },
    {
      name: 'patching a built-in the tests use (Math.abs) with made-up samples throws at load: the intrinsics are frozen',
      withHidden: true,
      answers: (v) => ({ code: mathAbsCheat(v.data.contract) }),
      expect: { code: { status: 'wrong', score: 0, feedback: "Cannot assign to read only property 'abs'" } },
    },
    {
      name: 'spying on Map.prototype.has for the hidden machine throws at load, and nothing of the hidden machine is echoed',
      withHidden: true,
      answers: (v) => ({ code: mapSpy(v.data.contract) }),
      expect: { code: { status: 'wrong', score: 0, feedback: [/^(?![\s\S]*hotMs)/, "read only property 'has'"] } },
    },
    {
      name: 'made-up samples in an array whose own map/every/findIndex lie are read as the numbers they are',
      seeds: SEEDS,
      answers: (v) => ({ code: lyingArray(v.data.contract) }),
      expect: { code: { status: ['partial', 'wrong'], score: [0, 0.4], feedback: 'not the time between two readings' } },
    },
    {
      name: 'what the code prints or throws on the hidden machine is never quoted back',
      seeds: SEEDS,
      withHidden: true,
      answers: (v) => ({ code: leaksHidden(v.data.contract, v.data.options) }),
      expect: { code: { status: ['partial', 'wrong'], feedback: [/^(?![\s\S]*HIDDEN-SEEN)/, 'fails on the hidden machine', 'VISIBLE-SEEN'] } },
    },
    {
      name: 'printing a megabyte is quoted back cut short',
      answers: (v) => ({
        code: harnessCode(v.data.contract).replace(
          'return { samples, batch };',
          "for (let i = 0; i < 60; i++) console.log('x'.repeat(20000));\n  return { samples, batch };",
        ),
      }),
      expect: { code: { status: 'correct', feedback: /cut: 50 line\(s\) printed in all/ } },
    },
    {
      name: 'a harness that never reads the given clock is told so',
      answers: (v) => ({
        code: `async function ${v.data.contract.name}(work, clock, options) {\n  for (let i = 0; i < options.warmup; i++) await work();\n  return { samples: Array.from({ length: options.samples }, (_, i) => 1 + i), batch: 1 };\n}\n`,
      }),
      expect: { code: { status: 'wrong', feedback: 'The clock you were given was never read' } },
    },
    {
      name: 'a harness that times with Date.now() is told that the given clock was never read',
      answers: (v) => ({ code: harnessCode(v.data.contract).replaceAll('clock.now()', 'Date.now()') }),
      expect: { code: { status: 'wrong', feedback: /the clock you were given was never read/i } },
    },
    {
      name: 'options copied from the variant as numbers (warm-up, samples, tick) fail on the hidden machine',
      seeds: SEEDS,
      withHidden: true,
      answers: (v) => ({ code: copiedOptions(v.data.contract, v.data.options) }),
      expect: { code: { status: ['partial', 'wrong'], score: [0, 1 - 1e-9], feedback: 'fails on the hidden machine' } },
    },
    {
      name: 'a right harness whose samples all read the same number of ticks is not called a copy (a tester found seeds 10480 and 4594)',
      seeds: [10480, 4594],
      withHidden: true,
      answers: (v) => ({ code: harnessCode(v.data.contract) }),
      expect: { code: { status: 'correct' } },
    },
    {
      name: 'the Promise.all harness whose samples all read the same is not called a copy either (seed 690)',
      seeds: [690],
      withHidden: true,
      answers: (v) => ({ code: promiseAll(v.data.contract) }),
      expect: { code: { status: 'correct' } },
    },
    {
      name: 'samples rounded to six significant digits still are the times between readings',
      seeds: [4, ...SEEDS],
      answers: (v) => ({ code: harnessCode(v.data.contract).replace(/samples\.push\((.*)\);/, 'samples.push(Number(($1).toPrecision(6)));') }),
      expect: { code: { status: 'correct' } },
    },
    {
      name: 'a sample loop of 3.5% fewer calls than its batch, each awaited, is off by more than 3% (the work alone counts only for calls submitted together)',
      seeds: [18, ...SEEDS],
      answers: (v) => ({
        code: harnessCode(v.data.contract).replace(/(for \(let s = 0;[\s\S]*?for \(let i = 0; i < )batch;/, '$1Math.round(batch * 0.965);'),
      }),
      expect: { code: { status: ['partial', 'wrong'], score: [0, 0.4], feedback: [/more than 3% off/, /^(?![\s\S]*clock stopped before)/] } },
    },
    {
      name: 'calibration counted into the first sample after a full warm-up is not blamed on the warm-up',
      seeds: [1, ...SEEDS],
      answers: (v) => ({ code: firstSampleWithCalibration(v.data.contract) }),
      expect: { code: { status: 'partial', score: [0, 0.4], feedback: [/Sample 0 is/, /^(?![\s\S]*Warm up first)/] } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'empty code', answers: () => ({ code: ' ' }) },
    { name: 'the starter unchanged', answers: (v) => ({ code: harnessCode(v.data.contract, v.data.bugs, v.data.fewSamples) }) },
    {
      name: 'a constant: a function that returns made-up numbers',
      answers: (v) => ({
        code: `async function ${v.data.contract.name}(work, clock, options) {\n  return { samples: Array(options.samples).fill(0.1), batch: 1 };\n}\n`,
      }),
    },
    {
      name: 'the fixed harness of another seed (another name or unit)',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32).data.contract;
          if (o.name !== v.data.contract.name || o.unit !== v.data.contract.unit) return { code: harnessCode(o) };
        }
      },
    },
    { name: 'a known cheat: Math.abs patched to 0, samples made up', answers: (v) => ({ code: mathAbsCheat(v.data.contract) }) },
    { name: 'a known cheat: made-up samples in an array with lying methods', answers: (v) => ({ code: lyingArray(v.data.contract) }) },
  ],
});

/** A warmed-up harness whose first sample also times the calibration (its clock reading is taken before it). */
function firstSampleWithCalibration(c: HarnessContract): string {
  const perUnit = c.unit === 'ms' ? '' : ' * 1000';
  return `async function ${c.name}(work, clock, options) {
  for (let i = 0; i < options.warmup; i++) await work();
  let t0 = clock.now();
  let batch = 1;
  for (;;) { const start = clock.now(); for (let i = 0; i < batch; i++) await work(); if (clock.now() - start >= 1000 * options.resolutionMs) break; batch *= 2; }
  const samples = [];
  for (let s = 0; s < options.samples; s++) { for (let i = 0; i < batch; i++) await work(); const t1 = clock.now(); samples.push(((t1 - t0) / batch)${perUnit}); t0 = t1; }
  return { samples, batch };
}
`;
}

/** A harness with everything right but the batch, fixed in the code. */
function fixedBatch(c: HarnessContract, batch: number): string {
  return harnessCode(c).replace(/ {2}let batch = 1;\n {2}for \(;;\) \{[\s\S]*?\n {2}\}\n/, `  const batch = ${batch};\n`);
}

/** One long batch of samples x batch calls, its mean copied into every sample (or spread artificially). */
function copiedSample(c: HarnessContract, jitter = false): string {
  const perUnit = c.unit === 'ms' ? 1 : 1000;
  return harnessCode(c).replace(
    / {2}\/\/ Samples:[\s\S]*?return \{ samples, batch \};/,
    `  const start = clock.now();
  for (let i = 0; i < options.samples * batch; i++) await work();
  const x = ((clock.now() - start) / (options.samples * batch)) * ${perUnit};
  const samples = ${jitter ? 'Array.from({ length: options.samples }, (_, i) => x * (1 + 0.001 * Math.sin(i)))' : 'Array(options.samples).fill(x)'};
  return { samples, batch };`,
  );
}

/** A correct harness with the visible variant's options written in as numbers. */
function copiedOptions(c: HarnessContract, o: { warmup: number; samples: number; resolutionMs: number }): string {
  return harnessCode(c)
    .replaceAll('options.warmup', String(o.warmup))
    .replaceAll('options.samples', String(o.samples))
    .replaceAll('options.resolutionMs', String(o.resolutionMs));
}

/** The tester's cheat: the tests' Math.abs made to return 0, and samples made up (with a spread). */
function mathAbsCheat(c: HarnessContract): string {
  return `Math.abs = () => 0;\n${harnessCode(c).replace(/samples\.push\([^;]*\);/, 'samples.push(42 + s * 0.001);')}`;
}

/** The tester's spy: a patched Map.prototype.has catches the prelude's world objects and prints them. */
function mapSpy(c: HarnessContract): string {
  return `let W; const oh = Map.prototype.has; Map.prototype.has = function (k) { if (k && k.hotMs) W = k; return oh.call(this, k); };\n${harnessCode(c).replace('return { samples, batch };', 'console.log(JSON.stringify(W));\n  return { samples, batch };')}`;
}

/** Made-up samples in an array whose own methods answer what the tests would like to hear. */
function lyingArray(c: HarnessContract): string {
  return `async function ${c.name}(work, clock, options) {
  for (let i = 0; i < options.warmup; i++) await work();
  clock.now();
  const samples = Array.from({ length: options.samples }, (_, i) => 0.1 + i * 1e-4);
  for (const [name, value] of [['map', () => []], ['every', () => false], ['findIndex', () => -1]]) Object.defineProperty(samples, name, { value });
  return { samples, batch: 1 };
}
`;
}

/**
 * A correct harness that prints and throws what it is given on a clock that is not the visible one (the
 * hidden machine always has another tick; the visible suite's second machine has the same tick and
 * fewer samples, so the samples cannot tell them apart).
 */
function leaksHidden(c: HarnessContract, o: { warmup: number; samples: number; resolutionMs: number }): string {
  const visible = `options.resolutionMs === ${o.resolutionMs}`;
  return harnessCode(c).replace(
    '  // Warm-up',
    `  if (!(${visible})) { console.log('HIDDEN-SEEN ' + JSON.stringify(options)); throw new Error('HIDDEN-SEEN ' + JSON.stringify(options)); }\n  console.log('VISIBLE-SEEN');\n  // Warm-up`,
  );
}
