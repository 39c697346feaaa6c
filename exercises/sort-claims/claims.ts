import { round, type VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The sentences of sort-claims, generated: each template fills its slots from the variant's system and
 * from draws (sizes, seeds, statistics, values), so a rendered sentence rarely repeats across seeds and a
 * table of sentences learnt on some seeds does not cover the next. Templates of different parts share
 * their words (the median latency is defined, bounded and reported): the part is decided by what the
 * sentence does with them, as the lesson's table says, never by a keyword.
 *
 * Every sentence fits its system (a classifier has accuracy, a matrix product GFLOP/s, a vector addition
 * GB/s). Number formats (float32) are left out on purpose: the lesson puts "was lower precision allowed?"
 * under constraints and the dtype under task, so a sentence about it would belong to two parts.
 */

export const PARTS = ['task', 'infrastructure', 'datasets', 'metrics', 'constraints', 'results'] as const;
export type SpecPart = (typeof PARTS)[number];

/** A system the report is about: everything a sentence may say about it. */
export interface SystemFacts {
  name: string;
  /** The operation, for a size drawn per variant. */
  op: (r: VariantRandom) => string;
  /** Parts of the job that are not timed (loading, compiling, copying back). */
  excluded: readonly string[];
  targets: readonly string[];
  /** The metrics a run of it reports: name, how it is defined, unit, direction, typical value. */
  metrics: readonly { name: string; definition: string; unit: string; higher: boolean; value: (r: VariantRandom) => number }[];
  /** The inputs, said as a dataset sentence (with a seed or a split drawn per variant). */
  inputs: (r: VariantRandom) => string;
  /** A second sentence about the inputs: how they are kept the same. */
  inputsKept: (r: VariantRandom) => string;
  /** What a run is checked against to count (a quality target or a reference). */
  quality: (r: VariantRandom) => string;
}

const latency = (lo: number, hi: number) => ({
  name: 'latency',
  definition: 'the wall time of one call until its work has finished',
  unit: 'ms',
  higher: false,
  value: (r: VariantRandom) => round(r.uniform(lo, hi), 2),
});
const generated = (r: VariantRandom) => {
  const dist = r.pick([
    'uniformly in [-1, 1)',
    'uniformly in [0, 1)',
    'from a normal distribution with mean 0 and standard deviation 1',
    'as small whole numbers from -8 to 8',
    'uniformly in [-0.5, 0.5)',
  ]);
  const seed = r.int(1, 9999);
  return r.pick([
    `The inputs are generated ${dist} from seed ${seed}, so anyone can make the same numbers.`,
    `Both inputs come from a generator drawing ${dist}, with seed ${seed}.`,
    `The input values are drawn ${dist} by a seeded generator (seed ${seed}), not read from a file.`,
  ]);
};
/** One of a few ways to say the same thing: phrasing is drawn, so sentences differ in words, not only in numbers. */
const say = (r: VariantRandom, ways: readonly string[]) => r.pick(ways);

export const SYSTEMS: readonly SystemFacts[] = [
  {
    name: 'a handwritten-digit classifier running in the browser',
    op: (r) =>
      `classify ${r.pick([`a batch of ${r.pick([8, 32, 64])} 28 x 28 digits`, 'one 28 x 28 digit', `${r.pick([16, 128])} digits at once`])} with the ${r.pick(['MLP', 'two-layer MLP', 'small MLP'])} \`mnist-mlp-${r.pick([64, 128, 256])}\``,
    excluded: ['loading the model file', 'decoding the images', 'drawing the predicted label'],
    targets: ['WebAssembly with one thread', 'WebAssembly with threads', 'WebGPU in the browser', 'the native agent'],
    metrics: [
      latency(0.2, 4),
      {
        name: 'throughput',
        definition: 'the digits classified per second',
        unit: 'digits/s',
        higher: true,
        value: (r) => round(r.uniform(2000, 60000), 0),
      },
      {
        name: 'accuracy',
        definition: 'the fraction of test digits classified correctly',
        unit: '%',
        higher: true,
        value: (r) => round(r.uniform(91, 98.5), 1),
      },
    ],
    inputs: (r) => {
      const n = r.pick([500, 1000, 2000, 5000]);
      const order = r.pick(['in their published order', `shuffled with seed ${r.int(1, 999)}`, 'sorted by label', 'in a fixed order']);
      return r.pick([
        `The inputs are ${n} digits of the MNIST test split, ${order}, never digits from the training split.`,
        `Only the MNIST test split is used: ${n} digits, ${order}.`,
        `The classifier is given ${n} test digits from MNIST, ${order}; no training digit is among them.`,
      ]);
    },
    inputsKept: (r) => {
      const hash = Array.from({ length: 8 }, () => 'abcdef'[r.int(0, 5)]).join('');
      return r.pick([
        `The test digits are read from one file whose SHA-256 checksum (it starts ${hash}) is checked first, so a changed file is noticed.`,
        `The digit file is compared with its published checksum (${hash}...) before use.`,
        `Before a run, the ${r.pick(['test', 'MNIST test'])} file is hashed and must match ${hash}..., or a different file is in use.`,
        `The ${r.pick(['test digits', 'digit images and labels'])} are the published file, identified by its checksum ${hash}....`,
      ]);
    },
    quality: (r) => r.pick([`at least ${r.int(88, 96)}% of the digits are classified correctly`, `its accuracy is ${r.int(88, 96)}% or more`]),
  },
  {
    name: 'a matrix multiplication kernel on WebGPU',
    op: (r) => {
      const n = r.pick([256, 512, 1024, 2048]);
      const kernel = r.pick(['naive', 'tiled', 'register-blocked']);
      return r.pick([
        `multiply two ${n} x ${n} matrices with the ${kernel} kernel`,
        `compute C = A x B for two ${n} x ${n} matrices with the ${kernel} kernel`,
      ]);
    },
    excluded: ['creating the GPU buffers', 'compiling the shader', 'uploading the two input matrices'],
    targets: ['WebGPU in the browser', 'plain JavaScript', 'native WebGPU through the agent'],
    metrics: [
      latency(2, 60),
      {
        name: 'GFLOP/s',
        definition: '2 n^3 floating-point operations divided by the latency',
        unit: 'GFLOP/s',
        higher: true,
        value: (r) => round(r.uniform(0.2, 40), 1),
      },
    ],
    inputs: generated,
    inputsKept: (r) =>
      r.pick([
        `The two input matrices are drawn once, from seed ${r.int(1, 9999)}, and every target multiplies the same two.`,
        `Every target gets the same A and B, generated from seed ${r.int(1, 9999)}.`,
        `A and B are ${r.pick(['generated', 'drawn'])} before the first call and reused, unchanged, for every ${r.pick(['call', 'sample', 'target'])}.`,
        `The matrices are ${r.pick(['regenerated', 'made again'])} from their seed (${r.int(1, 9999)}) on each target rather than copied between them.`,
      ]),
    quality: (r) =>
      `every element of the product matches ${r.pick(['a reference', 'a plain JavaScript product', 'the CPU result'])} to within ${r.pick(['1e-3', '1e-4', '1e-5'])}`,
  },
  {
    name: 'a vector addition kernel',
    op: (r) =>
      `${r.pick(['add two vectors', 'compute c = a + b for two vectors', 'sum two arrays element by element, each'])} of 2^${r.int(16, 24)} elements`,
    excluded: ['creating the buffers', 'compiling the kernel', 'reading the sum back to the CPU'],
    targets: ['WebGPU in the browser', 'plain JavaScript', 'WebAssembly', 'native WebGPU through the agent'],
    metrics: [
      latency(0.5, 30),
      {
        name: 'bandwidth',
        definition: 'the bytes read and written (three vectors) divided by the latency',
        unit: 'GB/s',
        higher: true,
        value: (r) => round(r.uniform(1, 200), 1),
      },
    ],
    inputs: generated,
    inputsKept: (r) =>
      r.pick([
        `The two input vectors are drawn once, from seed ${r.int(1, 9999)}, and every target adds the same two.`,
        `Every target gets the same a and b, generated from seed ${r.int(1, 9999)}.`,
        `The vectors a and b are ${r.pick(['generated', 'drawn'])} before the first call and reused, unchanged, for every ${r.pick(['call', 'sample', 'target'])}.`,
        `The vectors are ${r.pick(['regenerated', 'made again'])} from their seed (${r.int(1, 9999)}) on each target rather than copied between them.`,
      ]),
    quality: (r) =>
      `every element of the sum matches ${r.pick(['a reference', 'a plain JavaScript sum', 'the CPU result'])} to within ${r.pick(['1e-6', '1e-7'])}`,
  },
];

export interface Template {
  part: SpecPart;
  /** The part learners pick by mistake for it, and why that pick is wrong: about the pick, never the right part's question. */
  trap: SpecPart;
  why: string;
  text: (s: SystemFacts, r: VariantRandom) => string;
}

const metricOf = (s: SystemFacts, r: VariantRandom) => r.pick(s.metrics);
const statistic = (r: VariantRandom) => r.pick(['median', 'p90', 'minimum', 'mean']);
const cap = (t: string) => t[0]!.toUpperCase() + t.slice(1);
const named = (m: SystemFacts['metrics'][number], stat: string) => (m.name === 'accuracy' ? 'accuracy' : `${stat} ${m.name}`);

/** Templates by part, several per part, each with slots. */
export const TEMPLATES: Record<string, Template> = {
  'task-op': {
    part: 'task',
    trap: 'datasets',
    why: 'Nothing here says where the inputs come from or how to make them again.',
    text: (s, r) => say(r, [`Each timed call is to ${s.op(r)}.`, `One timed call means: ${s.op(r)}.`, `The work under the timer is to ${s.op(r)}.`]),
  },
  'task-excluded': {
    part: 'task',
    trap: 'constraints',
    why: 'No run is made to count or not count by this sentence: it sets no number of runs, no duration and no bound.',
    text: (s, r) => {
      const op = s.op(r);
      const out = r.pick(s.excluded);
      return say(r, [
        `The timed call is to ${op}; ${out} is not part of it.`,
        `A call is to ${op}, and ${out} is left out of it.`,
        `We time calls that ${op.replace(/^(\w+)/, '$1')}, without ${out}.`,
      ]);
    },
  },
  'infrastructure-targets': {
    part: 'infrastructure',
    trap: 'task',
    why: 'The call and its size would be the same on every one of them; the sentence does not change the computation.',
    text: (s, r) => {
      const [a, b] = r.sample(s.targets, 2);
      return say(r, [`It may run on ${a} or on ${b}, and on nothing else.`, `Allowed targets: ${a} and ${b}.`, `Only ${a} and ${b} may run it.`]);
    },
  },
  'infrastructure-record': {
    part: 'infrastructure',
    trap: 'results',
    why: 'No value appears in this sentence, and nothing in it was found by a run.',
    text: (_s, r) => {
      const things = r.sample(
        [
          'the GPU adapter',
          'the browser version',
          'whether the page is cross-origin isolated',
          "the timer's measured resolution",
          'the number of threads',
          'the operating system',
        ],
        r.int(2, 3),
      );
      const list = `${things.slice(0, -1).join(', ')} and ${things.at(-1)}`;
      return say(r, [`Every run must record ${list}.`, `A run's record must include ${list}.`]);
    },
  },
  'infrastructure-fallback': {
    part: 'infrastructure',
    trap: 'results',
    why: 'No run is described: the sentence permits something and asks for a note, before any run exists.',
    text: (_s, r) => {
      const where = r.pick([
        'a software (CPU fallback) adapter',
        'a machine without a GPU',
        'a page that is not cross-origin isolated',
        'a laptop on battery',
        'an integrated GPU',
        'a browser without timestamp queries',
      ]);
      const note = r.pick(['say so in their record', 'be labelled as such in their record']);
      return say(r, [
        `Runs on ${where} are allowed, and must ${note}.`,
        `It may also run on ${where}, provided the runs ${note.replace('their', 'the')}.`,
        `${cap(where)} is an allowed place to run; such runs must ${note}.`,
      ]);
    },
  },
  'datasets-inputs': {
    part: 'datasets',
    trap: 'task',
    why: 'The call would be the same with other numbers: this sentence does not change what is done to them.',
    text: (s, r) => s.inputs(r),
  },
  'datasets-kept': {
    part: 'datasets',
    trap: 'infrastructure',
    why: 'Nothing in it allows or forbids a machine, or asks for anything about one to be written down.',
    text: (s, r) => s.inputsKept(r),
  },
  'metrics-define': {
    part: 'metrics',
    trap: 'results',
    why: 'No value from a run appears here; a sentence of results would hold one.',
    text: (s, r) => {
      const m = metricOf(s, r);
      const by = r.pick(['median', 'median and the p90', 'median and the minimum', 'p90']);
      const summary = m.name === 'accuracy' ? '' : `, summarised by the ${by}`;
      return say(r, [
        `${cap(m.name)} is ${m.definition}, in ${m.unit}; ${m.higher ? 'higher' : 'lower'} is better${summary}.`,
        `We define ${m.name} as ${m.definition} (${m.unit}, ${m.higher ? 'higher' : 'lower'} is better)${summary}.`,
      ]);
    },
  },
  'metrics-direction': {
    part: 'metrics',
    trap: 'constraints',
    why: 'No threshold is set here: nothing in it decides whether a run counts.',
    text: (s, r) => {
      const m = metricOf(s, r);
      return say(r, [
        `${cap(m.name)} is reported in ${m.unit}, and ${m.higher ? 'a higher' : 'a lower'} value is the better one.`,
        `${cap(m.name)}: unit ${m.unit}, ${m.higher ? 'higher' : 'lower'} is better.`,
        `For ${m.name}, ${m.higher ? 'more' : 'less'} is better; it is given in ${m.unit}.`,
        `${cap(m.name)} counts in ${m.unit}; the ${m.higher ? 'larger' : 'smaller'} it is, the better.`,
        `Report ${m.name} in ${m.unit}; ${m.higher ? 'higher' : 'lower'} wins.`,
      ]);
    },
  },
  'constraints-samples': {
    part: 'constraints',
    trap: 'metrics',
    why: 'The sentence names no unit and no direction: it defines no quantity.',
    text: (_s, r) => {
      const w = r.int(2, 10);
      const n = r.pick([20, 30, 50, 100, 200]);
      const lasting = r.pick(['', `, over at least ${r.int(1, 5)} seconds`]);
      const warm = r.pick(['warm-up calls', 'warm-up runs', 'untimed warm-up iterations']);
      const samples = r.pick(['samples', 'timed samples', 'timed calls']);
      return say(r, [
        `A run discards ${w} ${warm} and takes at least ${n} ${samples}${lasting}.`,
        `Before timing, ${w} ${warm} are thrown away; then at least ${n} ${samples} are taken${lasting}.`,
        `At least ${n} ${samples} are needed${lasting}, after ${w} discarded ${warm}.`,
      ]);
    },
  },
  'constraints-precision': {
    part: 'constraints',
    trap: 'metrics',
    why: 'A statistic is named, but the sentence defines no quantity: no unit, no direction.',
    text: (_s, r) => {
      const stat = r.pick(['median', 'p90', 'p99']);
      const p = r.pick([2, 5, 10]);
      const cap2 = r.pick([
        `after ${r.pick([10, 15, 30, 60])} seconds`,
        `at ${r.pick([500, 1000, 5000])} samples`,
        `after ${r.pick([1, 2, 5])} minutes`,
      ]);
      return say(r, [
        `Sampling stops when the ${stat} is known to within ±${p}%, or ${cap2}.`,
        `A run samples until the ${stat}'s 95% interval is within ±${p}%, or stops ${cap2}.`,
        `Keep sampling until the ${stat} is pinned down to ±${p}%; stop anyway ${cap2}.`,
      ]);
    },
  },
  'constraints-bound': {
    part: 'constraints',
    trap: 'metrics',
    why: 'The statistic and its unit are used here, not defined: the sentence gives no direction and no definition.',
    text: (s, r) => {
      const m = metricOf(s, r);
      const v = m.value(r);
      const sep = m.unit === '%' ? '' : ' ';
      const what = m.higher ? named(m, statistic(r)) : named(m, r.pick(['median', 'p90', 'p99']));
      const bound = m.higher ? `at least ${v}${sep}${m.unit}` : `under ${round(v * 1.5, 2)} ${m.unit}`;
      return say(r, [`The ${what} must be ${bound}, or the run is INVALID.`, `A run whose ${what} is not ${bound} does not count.`]);
    },
  },
  'constraints-quality': {
    part: 'constraints',
    trap: 'results',
    why: 'Nothing here was measured yet: there is no outcome of a run in it.',
    text: (s, r) => {
      const q = s.quality(r);
      return say(r, [`A run counts only if ${q}.`, `A run is INVALID unless ${q}.`]);
    },
  },
  'results-value': {
    part: 'results',
    trap: 'metrics',
    why: 'A statistic and a unit are named, but a definition of a metric holds no measured value, and this sentence does.',
    text: (s, r) => {
      const m = metricOf(s, r);
      const v = m.value(r);
      if (m.unit === '%') {
        // A fraction's interval stays within 0-100%.
        return `The accuracy was ${v}%, with a 95% interval from ${round(v - r.uniform(0.3, 1.5), 1)}% to ${Math.min(100, round(v + r.uniform(0.3, 1.5), 1))}%.`;
      }
      const d = m.unit === 'digits/s' ? 0 : 2;
      const what = named(m, statistic(r));
      const lo = round(v * r.uniform(0.9, 0.98), d);
      const hi = round(v * r.uniform(1.02, 1.1), d);
      return say(r, [
        `The ${what} was ${v} ${m.unit}, with a 95% interval from ${lo} to ${hi} ${m.unit}.`,
        `We measured a ${what} of ${v} ${m.unit} (95% interval ${lo} to ${hi}).`,
      ]);
    },
  },
  'results-found': {
    part: 'results',
    trap: 'infrastructure',
    why: 'The infrastructure part is settled before any run, and this sentence could not have been written then.',
    text: (_s, r) => {
      const found = r.pick([
        'a SwiftShader adapter (a CPU fallback)',
        'an NVIDIA adapter',
        'no WebGPU adapter',
        'a page without cross-origin isolation',
      ]);
      const browser = `${r.pick(['Chromium', 'Chrome'])} ${r.int(150, 158)}`;
      return say(r, [`The run found ${found} in ${browser}.`, `Our run had ${found}, in ${browser}.`, `In ${browser}, the run got ${found}.`]);
    },
  },
  'results-verdict': {
    part: 'results',
    trap: 'constraints',
    why: 'The sentence sets no rule: it tells how one run went.',
    text: (_s, r) => {
      const verdict = r.pick([
        'VALID',
        'VALID, with a high-variance warning',
        'INVALID (the median was not pinned down in time)',
        'INVALID (wrong output)',
      ]);
      const n = r.int(40, 900);
      const t = round(r.uniform(1, 15), 1);
      const out = `${r.int(0, 12)} ${r.pick(['outliers flagged', 'outliers, kept and flagged', 'samples marked as outliers'])}`;
      return say(r, [
        `Verdict: ${verdict}; ${n} samples in ${t} s; ${out}.`,
        `The run ended ${verdict} after ${n} samples (${t} s), with ${out}.`,
        `${n} samples, ${t} s, ${out}: ${verdict}.`,
      ]);
    },
  },
  'results-first': {
    part: 'results',
    trap: 'constraints',
    why: 'The sentence sets no rule a run must follow: its numbers came out of one.',
    text: (s, r) => {
      const base = s.metrics[0]!.value(r);
      const w = r.int(2, 4);
      const warm = Array.from({ length: w }, (_, i) => round(base * (1 + (w - i) * r.uniform(0.1, 0.4)), 2));
      const first = round(base * r.uniform(5, 40), 1);
      return say(r, [
        `The first call took ${first} ms, timed on its own; the ${w} warm-up calls took ${warm.join(', ')} ms.`,
        `Cold start: ${first} ms for the first call, then ${warm.join(', ')} ms for the warm-up calls.`,
      ]);
    },
  },
};

export const TEMPLATE_IDS = Object.keys(TEMPLATES);
export const templatesOf = (part: SpecPart) => TEMPLATE_IDS.filter((id) => TEMPLATES[id]!.part === part);
