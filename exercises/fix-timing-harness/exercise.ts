import { CheckUnavailableError, defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { formatError, scored } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { JsTest, JsTestSuite, SandboxReport } from '../../runtime/exercises/sandbox.ts';
import type { CheckDetail, CodeAnswerSpec, PartResult, RunJs } from '../../runtime/exercises/types.ts';

/**
 * Code: a JavaScript timing harness with two of four classic faults (no warm-up, too few samples, one
 * short call per sample, the clock stopped before the work finished). The learner fixes it; it runs in
 * the sandbox against a simulated workload and clock, so every run gives the same numbers.
 */

export const HARNESS_BUGS = ['no-warmup', 'few-samples', 'no-batching', 'no-await'] as const;
export type HarnessBug = (typeof HARNESS_BUGS)[number];

/** The simulated workload and clock. Times in ms. */
export interface World {
  /** The clock ticks this often (performance.now is 5 µs isolated, 100 µs otherwise). */
  resolutionMs: number;
  /** One warm call. */
  hotMs: number;
  /** One of the first `coldCalls` calls (compilation, cold caches). */
  coldMs: number;
  coldCalls: number;
  /** Time to submit a call (what is timed if the clock stops before the work finished). */
  submitMs: number;
  /** Each call varies by up to this fraction (deterministic, by call number). */
  jitter: number;
  /** The workload refuses to be called more often than this. */
  maxCalls: number;
  /** ... or with more calls than this submitted and not finished (a loop that never waits). */
  maxPending: number;
}

/** The options the harness receives. */
export interface HarnessOptions {
  warmup: number;
  samples: number;
  resolutionMs: number;
}

/** What the harness must be called and in which unit it reports: part of the variant, so a fix cannot be copied. */
export interface HarnessContract {
  name: 'timeIt' | 'measureCalls' | 'benchmark';
  unit: 'ms' | 'µs';
}

export interface FixTimingHarnessData {
  contract: HarnessContract;
  bugs: HarnessBug[];
  world: World;
  options: HarnessOptions;
  /** The sample count hard-coded by the few-samples fault. */
  fewSamples: number;
}

/** What the grader's hidden tests add: another workload and options. */
export interface HarnessHidden {
  world: World;
  options: HarnessOptions;
}

function doc(c: HarnessContract): string {
  const unitWords = c.unit === 'ms' ? 'milliseconds' : 'MICROSECONDS (µs)';
  return `/**
 * Times work() and returns the time of one call, in ${unitWords}, as a list of samples.
 *
 * work()   starts one call and returns a promise that resolves when the call has finished
 *          (like GPU work: submitting returns at once, the work runs afterwards).
 * clock    clock.now() reads the time in milliseconds; it ticks every options.resolutionMs.
 * options  { warmup, samples, resolutionMs }
 *          warmup:       calls to run, and wait for, before anything is timed;
 *          samples:      how many samples to return;
 *          resolutionMs: the clock's tick; one sample must last at least 1000 ticks.
 * Returns  { samples, batch }: samples[i] is the time of ONE call in sample i, in ${c.unit}
 *          (the sample's time divided by its number of calls); batch is the number of
 *          calls per sample.
 */`;
}

/** The harness with the given faults in it (no faults: a correct harness). */
export function harnessCode(contract: HarnessContract, bugs: readonly HarnessBug[] = [], fewSamples = 5): string {
  const has = (b: HarnessBug) => bugs.includes(b);
  const call = has('no-await') ? 'work();' : 'await work();';
  const lines = [doc(contract), `async function ${contract.name}(work, clock, options) {`];
  if (!has('no-warmup')) {
    lines.push('  // Warm-up: the first calls pay for compilation and cold caches.', '  for (let i = 0; i < options.warmup; i++) {', '    await work();', '  }', '');
  }
  if (has('no-batching')) {
    lines.push('  // Calls per sample.', '  const batch = 1;', '');
  } else {
    lines.push(
      '  // Find a batch of calls that lasts at least 1000 ticks of the clock.',
      '  let batch = 1;',
      '  for (;;) {',
      '    const start = clock.now();',
      '    for (let i = 0; i < batch; i++) {',
      `      ${call}`,
      '    }',
      '    if (clock.now() - start >= 1000 * options.resolutionMs) break;',
      '    batch *= 2;',
      '  }',
      '',
    );
  }
  lines.push(
    '  // Samples: time `batch` calls at a time, keep the time per call.',
    '  const samples = [];',
    `  for (let s = 0; s < ${has('few-samples') ? fewSamples : 'options.samples'}; s++) {`,
    '    const start = clock.now();',
    '    for (let i = 0; i < batch; i++) {',
    `      ${call}`,
    '    }',
    contract.unit === 'ms' ? '    samples.push((clock.now() - start) / batch);' : '    samples.push(((clock.now() - start) / batch) * 1000); // ms to µs',
    '  }',
    '  return { samples, batch };',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/** The simulated world and the helpers the tests use (`h`), as the prelude of the sandbox suite. */
function prelude(world: World, options: HarnessOptions, contract: HarnessContract): string {
  return `
const W = ${JSON.stringify(world)};
const O = ${JSON.stringify(options)};
const C = ${JSON.stringify(contract)};
const PER_MS = C.unit === 'ms' ? 1 : 1000; // samples are in C.unit
const fmt = (x) => (x === 0 ? '0' : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));
function makeWorld() {
  let now = 0;        // the true time, ms
  let gpuFree = 0;    // when the simulated device has finished everything submitted
  let calls = 0;
  let completed = 0;
  let firstRead = -1; // calls completed when the clock was first read
  let reads = 0;
  let readsWithPending = 0;
  const clock = Object.freeze({
    now() {
      if (firstRead < 0) firstRead = completed;
      reads += 1;
      if (completed < calls) readsWithPending += 1;
      return Math.floor(now / W.resolutionMs + 1e-9) * W.resolutionMs;
    },
  });
  function work() {
    calls += 1;
    if (calls > W.maxCalls) {
      throw new Error('work() was called more than ' + W.maxCalls + ' times. Does the batch ever stop growing? (If the clock stops before the calls have finished, no batch ever looks long enough.)');
    }
    if (calls - completed > W.maxPending) {
      throw new Error('More than ' + W.maxPending + ' calls were started without waiting for them: work() returns a promise that resolves when the call has finished; wait for it (await) before starting the next one or reading the clock.');
    }
    now += W.submitMs;
    const k = calls;
    const cost = k <= W.coldCalls ? W.coldMs : W.hotMs * (1 + W.jitter * Math.sin(k * 12.9898));
    const done = Math.max(now, gpuFree) + cost;
    gpuFree = done;
    return Promise.resolve().then(() => {
      if (now < done) now = done;
      completed += 1;
    });
  }
  return { clock, work, stats: () => ({ calls, completed, firstRead, reads, readsWithPending }) };
}
let memo;
return {
  world: W,
  options: O,
  name: C.name,
  unit: C.unit,
  /** One warm call, in the unit the samples are in. */
  hot: W.hotMs * PER_MS,
  perMs: PER_MS,
  fmt,
  run(learner) {
    if (!memo) {
      memo = (async () => {
        const w = makeWorld();
        try {
          const result = await learner[C.name](w.work, w.clock, { ...O });
          return { result, stats: w.stats() };
        } catch (error) {
          return { error };
        }
      })();
    }
    return memo.then((m) => {
      if (m.error) throw m.error;
      return m;
    });
  },
  samplesOf(result) {
    if (!result || typeof result !== 'object' || !Array.isArray(result.samples)) {
      throw new Error(C.name + ' must return an object { samples, batch } with samples a list of numbers; it returned ' + (Array.isArray(result) ? 'a list' : typeof result) + '.');
    }
    const bad = result.samples.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0);
    if (bad >= 0) throw new Error('samples[' + bad + '] is ' + String(result.samples[bad]) + ', not a time in ' + C.unit + '.');
    return result.samples;
  },
  median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  },
};
`;
}

const TESTS: JsTest[] = [
  {
    name: 'returns the samples asked for',
    description: 'It returns { samples, batch } with exactly options.samples samples.',
    body: `const { result } = await h.run(learner);
const samples = h.samplesOf(result);
assert(samples.length === h.options.samples, h.name + ' returned ' + samples.length + ' samples, but options.samples asks for ' + h.options.samples + '. One number, or a handful, says nothing about the spread.');`,
  },
  {
    name: 'warms up before timing',
    description: 'options.warmup calls have finished before the clock is read for the first time.',
    body: `const { stats } = await h.run(learner);
const w = h.options.warmup;
assert(stats.firstRead >= w, stats.firstRead <= 0
  ? 'The clock was read before any call had finished. Run options.warmup (' + w + ') calls, and wait for them, before timing anything: the first calls pay for compilation and cold caches.'
  : 'Only ' + stats.firstRead + ' call(s) had finished when the clock was first read; options.warmup asks for ' + w + ' finished warm-up calls before timing.');`,
  },
  {
    name: 'stops the clock when the work has finished',
    description: 'The clock is never read while a call is still running.',
    body: `const { stats } = await h.run(learner);
assert(stats.readsWithPending === 0, stats.readsWithPending + ' of the ' + stats.reads + ' clock readings happened while calls were still running. work() returns a promise that resolves when the call has finished: wait for it (await) before you stop the clock, or you time only the submission.');`,
  },
  {
    name: 'batches calls so that one sample lasts 1000 ticks',
    description: 'batch calls per sample, enough that a sample lasts at least 1000 x options.resolutionMs.',
    body: `const { result, stats } = await h.run(learner);
const samples = h.samplesOf(result);
const batch = result.batch;
assert(Number.isInteger(batch) && batch >= 1, h.name + ' must also return batch, the number of calls in one sample; it returned ' + String(batch) + '.');
assert(stats.calls >= samples.length * batch, h.name + ' says batch is ' + batch + ', but it made only ' + stats.calls + ' calls for ' + samples.length + ' samples.');
const lasts = batch * h.world.hotMs;
const need = 1000 * h.options.resolutionMs;
assert(lasts >= 0.99 * need, 'A sample of ' + batch + ' call(s) lasts about ' + h.fmt(lasts) + ' ms, but the clock ticks every ' + h.options.resolutionMs + ' ms: a sample must last at least 1000 ticks (' + h.fmt(need) + ' ms), or the tick is a large part of what you measure. Grow the batch until it does.'
  + (stats.firstRead < h.options.warmup ? ' (A batch size worked out while the first, slow calls were running comes out too small: warm up first.)' : ''));`,
  },
  {
    name: 'measures the time of one call',
    description: 'Every sample is within 3% of the true time of one warm call, in the unit the comment asks for.',
    body: `const { result } = await h.run(learner);
const samples = h.samplesOf(result);
const hot = h.hot;
const tick = h.options.resolutionMs * h.perMs;
const bad = samples.map((s, i) => [i, s]).filter(([, s]) => Math.abs(s - hot) > 0.03 * hot);
if (bad.length) {
  const [i, s] = bad[0];
  let why = '';
  const near = (x) => Math.abs(x - hot) < 0.05 * hot;
  if (near(s * 1000) || near(s / 1000)) why = ' That is a factor of 1000 away: the comment asks for ' + h.unit + ', and the clock reads milliseconds.';
  else if (result.batch > 1 && near(s / result.batch)) why = ' Divide each sample by its number of calls: a sample is the time of one call.';
  else if (s < 10 * tick && Math.abs(s / tick - Math.round(s / tick)) < 1e-6) why = ' It is a whole number of clock ticks: one call is too short for this clock, so time many calls together.';
  else if (i === 0 && bad.length === 1) why = ' Only the first sample is off: it includes the slow first calls. Warm up first.';
  else if (s < hot) why = ' It is shorter than a call really takes: is the clock stopped before the calls have finished?';
  assert(false, 'Sample ' + i + ' is ' + h.fmt(s) + ' ' + h.unit + ' per call, but one warm call takes about ' + h.fmt(hot) + ' ' + h.unit + ' (' + bad.length + ' of ' + samples.length + ' samples are more than 3% off).' + why);
}`,
  },
];

/** The suite for a world: the visible tests, or the hidden ones (same tests, another world). */
export function harnessSuite(contract: HarnessContract, world: World, options: HarnessOptions, label = ''): JsTestSuite {
  return {
    exports: [contract.name],
    prelude: prelude(world, options, contract),
    tests: TESTS.map((t) => ({ ...t, name: label ? `${t.name} (${label})` : t.name })),
  };
}

/** A world and options drawn from a random stream (also used by tests.ts for the hidden world). */
export function drawWorld(next: () => number): { world: World; options: HarnessOptions } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const resolutionMs = pick([0.005, 0.02, 0.1]);
  const lo = Math.max(0.01, resolutionMs / 5);
  const hotMs = round(lo + next() * (0.2 - lo), 4);
  const warmup = 3 + Math.floor(next() * 6);
  return {
    world: {
      resolutionMs,
      hotMs,
      coldMs: round(3 + next() * 7, 2),
      coldCalls: Math.max(1, warmup - Math.floor(next() * 3)),
      submitMs: 0.0005,
      jitter: 0.05,
      maxCalls: 1_000_000,
      maxPending: 20_000,
    },
    options: { warmup, samples: 20 + Math.floor(next() * 21), resolutionMs },
  };
}

const code: CodeAnswerSpec = { type: 'code', language: 'js' };

/** Runs a suite and turns the report into checklist details; throws CheckUnavailableError without a sandbox. */
async function runSuite(runJs: RunJs | undefined, answer: string, suite: JsTestSuite): Promise<SandboxReport> {
  if (!runJs) throw new CheckUnavailableError('This page cannot run JavaScript in a sandbox, so the harness cannot be checked here.');
  return runJs(answer, suite, { timeoutMs: 8000 });
}

function resultOf(reports: SandboxReport[], suites: JsTestSuite[]): PartResult {
  const compile = reports.find((r) => r.outcome === 'compile-error');
  if (compile) {
    return formatError(compile.error ?? 'Your code does not compile.', compile.at ? { diagnostics: [{ line: compile.at.line, column: compile.at.column ?? 1, severity: 'error', message: compile.error ?? '' }] } : {});
  }
  const details: CheckDetail[] = [];
  const stopped: string[] = [];
  reports.forEach((report, k) => {
    for (const t of suites[k]!.tests) {
      const r = report.tests.find((x) => x.name === t.name);
      details.push({ id: t.name, label: t.name, passed: r?.passed ?? false, ...(r && !r.passed ? { message: r.message } : !r ? { message: 'did not run' } : {}) });
    }
    if (report.error) stopped.push(report.error);
  });
  const passed = details.filter((d) => d.passed).length;
  const firstFail = details.find((d) => !d.passed);
  const logs = reports.flatMap((r) => r.logs);
  const feedback =
    passed === details.length
      ? 'Every test passes: warm-up, enough samples, long enough samples, timed to completion, per call.'
      : `${passed} of ${details.length} tests pass. ${stopped[0] ?? `"${firstFail!.label}": ${firstFail!.message}`}`;
  const at = reports.flatMap((r) => r.tests).find((t) => t.at);
  return scored(passed / details.length, logs.length ? `${feedback}\n\nYour code printed:\n${logs.slice(0, 10).join('\n')}` : feedback, {
    details,
    ...(at?.at ? { diagnostics: [{ line: at.at.line, column: at.at.column ?? 1, severity: 'error' as const, message: at.message ?? '' }] } : {}),
  });
}

export default defineExercise<FixTimingHarnessData, HarnessHidden>({
  id: 'fix-timing-harness',
  title: 'Fix a timing harness',
  level: 'foundations',
  kind: 'code',
  points: 15,
  summary: 'A JavaScript timing function with two classic faults: find them and fix them, against a simulated clock and workload.',
  minutes: 25,
  parts: [
    {
      id: 'code',
      prompt:
        'This timing function has two faults that make its numbers lie. Fix them. Keep the function\'s name and what it returns, in the unit its comment asks for. Your code runs against the tests below with a **simulated** clock and workload, so every run gives the same numbers; use only `work`, `clock` and `options`.',
      answer: code,
    },
  ],
  hints: [
    'Read the comment at the top of the function: it says what each option means. Then read the code section by section and ask whether it does that.',
    'Four things can go wrong in a timing loop: the first runs are timed, there are too few samples, one sample is shorter than the clock can see, or the clock stops before the work has finished.',
    'work() returns a promise. Code that calls it without `await` moves on at once, long before the call has finished.',
  ],
  solution: `
A correct harness warms up, grows the batch until one sample lasts 1000 ticks, then takes \`options.samples\`
samples of \`batch\` calls, each call awaited, and divides each sample by the batch (then converts to µs
where the variant asks for microseconds):

\`\`\`js
${harnessCode({ name: 'timeIt', unit: 'ms' })}\`\`\`

The four possible faults: no warm-up loop (the first, slow calls are timed, and the batch size is worked out
on cold code); a hard-coded sample count instead of \`options.samples\`; \`batch = 1\` (one call is shorter
than a tick, so samples are 0 or one tick); \`work()\` without \`await\` (the clock stops when the call was
submitted, not when it finished).
`,
  generate(seed) {
    const r = variantRandom(seed);
    const contract: HarnessContract = { name: r.pick(['timeIt', 'measureCalls', 'benchmark'] as const), unit: r.pick(['ms', 'µs'] as const) };
    const chosen = r.sample(HARNESS_BUGS, 2);
    const bugs = HARNESS_BUGS.filter((b) => chosen.includes(b));
    const { world, options } = drawWorld(() => r.next());
    return { contract, bugs, world, options, fewSamples: r.int(3, 8) };
  },
  render(variant) {
    const { world, options, contract } = variant.data;
    return {
      intro: `The simulated machine: the clock ticks every **${options.resolutionMs} ms**; the first calls are slow (compiling); each warm call is shorter than you might think. \`${contract.name}\` is called once as \`${contract.name}(work, clock, ${JSON.stringify(options)})\` and must report **${contract.unit === 'ms' ? 'milliseconds' : 'microseconds'}** per call. The workload refuses more than ${world.maxCalls.toLocaleString('en')} calls.`,
      parts: {
        code: {
          starter: harnessCode(contract, variant.data.bugs, variant.data.fewSamples),
          tests: TESTS.map((t) => ({ name: t.name, description: t.description })),
        },
      },
    };
  },
  async check(variant, answers, context) {
    const { world, options, contract } = variant.data;
    return gradeParts(answers, {
      code: async (answer) => {
        const suites = [harnessSuite(contract, world, options)];
        if (context.hidden) suites.push(harnessSuite(contract, context.hidden.world, context.hidden.options, 'hidden'));
        const reports: SandboxReport[] = [];
        for (const suite of suites) reports.push(await runSuite(context.host?.runJs, String(answer), suite));
        return resultOf(reports, suites);
      },
    });
  },
});
