import { CheckUnavailableError, gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { formatError, scored } from '../../runtime/exercises/checkers.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { JsTest, JsTestSuite, SandboxReport } from '../../runtime/exercises/sandbox.ts';
import type { CheckDetail, PartResult, RunJs } from '../../runtime/exercises/types.ts';

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
    lines.push(
      '  // Warm-up: the first calls pay for compilation and cold caches.',
      '  for (let i = 0; i < options.warmup; i++) {',
      '    await work();',
      '  }',
      '',
    );
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
    contract.unit === 'ms'
      ? '    samples.push((clock.now() - start) / batch);'
      : '    samples.push(((clock.now() - start) / batch) * 1000); // ms to µs',
    '  }',
    '  return { samples, batch };',
    '}',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * A sandbox test file: `// test: <name>` and `// checks: <description>` on top, then `async function
 * test(learner, h, assert)`, called with the machine `machine` names (what the prelude returned, or one
 * of the machines it returned).
 */
export function readTestFile(path: string, text: string, machine = 'h'): JsTest {
  const name = /^\/\/ test: (.+)$/m.exec(text)?.[1];
  const description = /^\/\/ checks: (.+)$/m.exec(text)?.[1];
  if (!name || !description || !/async function test\(learner, h, assert\)/.test(text)) {
    throw new Error(
      `fix-timing-harness: ${path} must start with "// test: <name>" and "// checks: <what>", and define async function test(learner, h, assert)`,
    );
  }
  return { name, description, body: `${text}\nreturn await test(learner, ${machine}, assert);` };
}

/** The visible tests, in file order: sandbox/tests/*.js. */
export function testsOf(files: Record<string, string>, machine = 'h'): JsTest[] {
  const tests = Object.keys(files)
    .filter((p) => p.startsWith('sandbox/tests/') && p.endsWith('.js'))
    .sort()
    .map((p) => readTestFile(p, files[p]!, machine));
  if (tests.length === 0) throw new Error('fix-timing-harness: no tests in sandbox/tests/');
  return tests;
}

/**
 * A second machine that differs only in the cost of a call, so no fixed batch fits both (a batch that
 * lasts 1-2x the need on one machine lasts 5-10x, or 0.2-0.4x, on the other; test 4 allows 1-4x).
 * Calls 5x longer where that machine's batch is still at least MIN_OTHER_BATCH calls, else 5x shorter:
 * shorter calls need a 5x bigger batch (most of a check's work in the grader), while a batch of a few
 * long calls does not average out their 5% jitter, and a right harness could stop one doubling short
 * of 1000 ticks (8-call batches did on 22 of 2,000 seeds; none from 16 calls up, and at 16 the reference
 * finds its batch there on every seed of 1-2,000, visible and hidden: grade-harness-workload.test.ts).
 */
export const MIN_OTHER_BATCH = 16;
export function otherWorld(world: World): World {
  const longer = round(world.hotMs * 5, 6);
  const fits = (1000 * world.resolutionMs) / (longer + world.submitMs) >= MIN_OTHER_BATCH;
  return { ...world, hotMs: fits ? longer : round(world.hotMs / 5, 6) };
}

function preludeOf(files: Record<string, string>): string {
  const prelude = files['sandbox/prelude.js'];
  if (prelude === undefined) throw new Error('fix-timing-harness: sandbox/prelude.js is missing');
  return prelude;
}

/** The prelude's call for a machine: its world and options, the contract, and its second machine. */
const preludeCall = (contract: HarnessContract, world: World, options: HarnessOptions) =>
  `prelude(${[world, options, contract, otherWorld(world)].map((x) => JSON.stringify(x)).join(', ')})`;

/** The suite the page runs: the visible tests on the variant's machine. */
export function harnessSuite(files: Record<string, string>, contract: HarnessContract, world: World, options: HarnessOptions): JsTestSuite {
  return { exports: [contract.name], prelude: `${preludeOf(files)}\nreturn ${preludeCall(contract, world, options)};`, tests: testsOf(files) };
}

export const HIDDEN_LABEL = ' (hidden)';

/**
 * The grader's suite: the visible tests, then the same tests on the hidden machine, in one sandbox run
 * (one realm to start and freeze instead of two: ~10 ms of a ~65 ms check). Each test is given its
 * machine (h.visible or h.hidden); the learner's console is muted on the hidden ones.
 */
export function gradedSuite(
  files: Record<string, string>,
  contract: HarnessContract,
  data: { world: World; options: HarnessOptions },
  hidden: HarnessHidden,
): JsTestSuite {
  const visible = testsOf(files, 'h.visible');
  const unseen = testsOf(files, 'h.hidden').map((t) => ({ ...t, name: `${t.name}${HIDDEN_LABEL}` }));
  const machines = `{ visible: ${preludeCall(contract, data.world, data.options)}, hidden: ${preludeCall(contract, hidden.world, hidden.options)} }`;
  return { exports: [contract.name], prelude: `${preludeOf(files)}\nreturn ${machines};`, tests: [...visible, ...unseen], quietFrom: visible.length };
}

/**
 * The graded run's report as two, the visible tests' and the hidden ones', each with its tests and
 * suite: what stopped the run belongs to the part whose tests did not all finish (the visible part
 * first), and the console output, muted on the hidden tests, to the visible part.
 */
export function splitReport(report: SandboxReport, suite: JsTestSuite): { reports: SandboxReport[]; suites: JsTestSuite[] } {
  const cut = suite.quietFrom ?? suite.tests.length;
  const parts = [suite.tests.slice(0, cut), suite.tests.slice(cut)];
  const finished = (tests: JsTest[]) => tests.every((t) => report.tests.some((r) => r.name === t.name));
  const errorIn = report.error === undefined ? -1 : finished(parts[0]!) ? 1 : 0;
  const reports = parts.map((tests, k): SandboxReport => {
    const names = new Set(tests.map((t) => t.name));
    return {
      outcome: report.outcome,
      tests: report.tests.filter((r) => names.has(r.name)),
      ...(k === errorIn ? { error: report.error } : {}),
      ...(k === 0 && report.at ? { at: report.at } : {}),
      logs: k === 0 ? report.logs : [],
    };
  });
  return { reports, suites: parts.map((tests) => ({ ...suite, tests, quietFrom: undefined })) };
}

/**
 * A machine of a tick and a cost per warm call: the warm-up, the slow first calls and the samples
 * asked for drawn next from `next`, in this order (the variants depend on it), with `samples` from
 * `fewest` to `fewest + spread - 1`.
 */
function machine(next: () => number, resolutionMs: number, hotMs: number, fewest: number, spread: number): { world: World; options: HarnessOptions } {
  const warmup = 3 + Math.floor(next() * 6);
  const coldMs = round(3 + next() * 7, 2);
  const coldCalls = Math.max(1, warmup - Math.floor(next() * 3));
  return {
    world: { resolutionMs, hotMs, coldMs, coldCalls, submitMs: 0.0005, jitter: 0.05, maxCalls: 1_000_000, maxPending: 20_000 },
    options: { warmup, samples: fewest + Math.floor(next() * spread), resolutionMs },
  };
}

/** A warm call lasts CALL_TICKS[0] to CALL_TICKS[1] ticks of the clock, log-uniformly, on every machine. */
export const CALL_TICKS = [2.5, 40] as const;

/** A warm call's time on a clock of `resolutionMs`, drawn from `next` (log-uniform over CALL_TICKS). */
function callMs(next: () => number, resolutionMs: number): number {
  const [fewest, most] = CALL_TICKS;
  return round(resolutionMs * fewest * (most / fewest) ** next(), 4);
}

/**
 * The visible world and options of a variant, drawn from its random stream: a warm call lasts 2.5 to
 * 40 ticks (log-uniform), so a sample of 1000 ticks needs 25 to 400 calls (a batch of 32 to 512 calls,
 * 20-40 samples: at most ~21,000 calls for the grader to interpret in QuickJS, and the page).
 */
export function drawWorld(next: () => number): { world: World; options: HarnessOptions } {
  const resolutionMs = [0.005, 0.02, 0.1][Math.floor(next() * 3)]!;
  return machine(next, resolutionMs, callMs(next, resolutionMs), 20, 21);
}

/**
 * The grader's hidden machine (tests.ts `hidden`), drawn from its own stream: another clock than the
 * visible one (so a need worked out from the visible tick fails), 10-19 samples (never the visible
 * 20-40, always more than a hard-coded handful), and calls of 2.5 to 40 ticks, so a batch of 32 to
 * 512 calls (at most 1,024 on its other machine) lasts 1000 ticks: a cheap run in the grader's sandbox.
 * The range (16x, drawn log-uniformly) is wider than the 4x a sample may last beyond its need, so no
 * batch fixed in the code passes on most hidden machines, whatever call time it assumes.
 */
export function drawHiddenWorld(next: () => number, visible: World): { world: World; options: HarnessOptions } {
  const ticks = [0.005, 0.02].filter((t) => t !== visible.resolutionMs);
  const resolutionMs = ticks[Math.floor(next() * ticks.length)]!;
  return machine(next, resolutionMs, callMs(next, resolutionMs), 10, 10);
}

/** Runs a suite and turns the report into checklist details; throws CheckUnavailableError without a sandbox. */
async function runSuite(runJs: RunJs | undefined, answer: string, suite: JsTestSuite): Promise<SandboxReport> {
  if (!runJs) throw new CheckUnavailableError('This page cannot run JavaScript in a sandbox, so the harness cannot be checked here.');
  return runJs(answer, suite, { timeoutMs: 8000 });
}

const NUMBERS_TEST = 'measures the time of one call';
const FAILED_TEST_COST = 0.3;
const NUMBERS_WRONG_CAP = 0.4;

/** What a learner is told about a hidden test: which test, never its numbers (nor what the code printed or threw there). */
export const HIDDEN_FAILED =
  'fails on the hidden machine (other options and another cost per call); the visible test of the same name says what it checks.';
const HIDDEN_STOPPED = 'On the hidden machine the run did not finish (the time limit, the memory limit, or a crash).';
/** At most this much of what the learner's code printed is quoted back, and only from the visible tests. */
export const LOG_LINES_SHOWN = 10;
export const LOG_CHARS_SHOWN = 1000;

/** The learner's console output, from the visible run only, cut to LOG_LINES_SHOWN lines and LOG_CHARS_SHOWN characters. */
export function shownLogs(logs: readonly string[]): string {
  const text = logs.slice(0, LOG_LINES_SHOWN).join('\n');
  const more = logs.length > LOG_LINES_SHOWN || text.length > LOG_CHARS_SHOWN;
  return more ? `${text.slice(0, LOG_CHARS_SHOWN)}\n[... cut: ${logs.length} line(s) printed in all]` : text;
}

/** `reports[k]` ran `suites[k]`; `hiddenFrom` is the index of the first hidden suite (reports from it on are the grader's). */
function resultOf(reports: SandboxReport[], suites: JsTestSuite[], hiddenFrom = suites.length): PartResult {
  const compile = reports.find((r) => r.outcome === 'compile-error');
  if (compile) {
    return formatError(
      compile.error ?? 'Your code does not compile.',
      compile.at ? { diagnostics: [{ line: compile.at.line, column: compile.at.column ?? 1, severity: 'error', message: compile.error ?? '' }] } : {},
    );
  }
  const details: CheckDetail[] = [];
  const stopped: string[] = [];
  reports.forEach((report, k) => {
    const hidden = k >= hiddenFrom;
    for (const t of suites[k]!.tests) {
      const r = report.tests.find((x) => x.name === t.name);
      const message = !r ? 'did not run' : r.passed ? undefined : hidden ? HIDDEN_FAILED : r.message;
      details.push({ id: t.name, label: t.name, passed: r?.passed ?? false, ...(message ? { message } : {}) });
    }
    if (report.error) stopped.push(hidden ? HIDDEN_STOPPED : report.error);
  });
  const passed = details.filter((d) => d.passed).length;
  const firstFail = details.find((d) => !d.passed);
  // The numbers are the product: a harness whose numbers are wrong earns at most 40%.
  const numbersWrong = details.some((d) => d.id.startsWith(NUMBERS_TEST) && !d.passed);
  const logs = shownLogs(reports.slice(0, hiddenFrom).flatMap((r) => r.logs));
  const feedback =
    passed === details.length
      ? 'Every test passes: warm-up, enough samples, long enough samples, timed to completion, per call.'
      : `${passed} of ${details.length} tests pass. ${stopped[0] ?? `"${firstFail!.label}": ${firstFail!.message}`}`;
  const at = reports
    .slice(0, hiddenFrom)
    .flatMap((r) => r.tests)
    .find((t) => t.at);
  // Each test that fails (on any machine, visible or hidden) costs 30%: a harness with two faults is not
  // two thirds right, its numbers cannot be trusted.
  const failedTests = new Set(details.filter((d) => !d.passed).map((d) => (d.id.endsWith(HIDDEN_LABEL) ? d.id.slice(0, -HIDDEN_LABEL.length) : d.id)))
    .size;
  // Rounded: 1 - 3 x 0.3 is 0.10000000000000009 in floating point, and the learner reads the score.
  const score = Math.max(0, Math.round((1 - FAILED_TEST_COST * failedTests) * 1000) / 1000);
  return scored(numbersWrong ? Math.min(NUMBERS_WRONG_CAP, score) : score, logs ? `${feedback}\n\nYour code printed:\n${logs}` : feedback, {
    details,
    ...(at?.at ? { diagnostics: [{ line: at.at.line, column: at.at.column ?? 1, severity: 'error' as const, message: at.message ?? '' }] } : {}),
  });
}

export default defineExerciseLogic<FixTimingHarnessData, HarnessHidden>(({ files }) => ({
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
      values: {
        resolution: options.resolutionMs,
        name: contract.name,
        call: `${contract.name}(work, clock, ${JSON.stringify(options)})`,
        'unit-words': contract.unit === 'ms' ? 'milliseconds' : 'microseconds',
        'max-calls': world.maxCalls.toLocaleString('en'),
      },
      parts: {
        code: {
          starter: harnessCode(contract, variant.data.bugs, variant.data.fewSamples),
          tests: testsOf(files).map((t) => ({ name: t.name, description: t.description })),
        },
      },
    };
  },
  async check(variant, answers, context) {
    const { world, options, contract } = variant.data;
    return gradeParts(answers, {
      code: async (answer) => {
        if (!context.hidden) {
          const suite = harnessSuite(files, contract, world, options);
          return resultOf([await runSuite(context.host?.runJs, String(answer), suite)], [suite]);
        }
        const suite = gradedSuite(files, contract, { world, options }, context.hidden);
        const { reports, suites } = splitReport(await runSuite(context.host?.runJs, String(answer), suite), suite);
        return resultOf(reports, suites, 1);
      },
    });
  },
}));
