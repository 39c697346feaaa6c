import type { VariantRandom } from '../../runtime/exercises/random.ts';

/**
 * The measurements of kinds-of-benchmarks, generated. Each product below has an app with a model inside
 * it, and the model has kernels: the same product gives a micro-benchmark, an inference benchmark or an
 * application benchmark depending on what the drawn sentence puts inside the timed region. So neither a
 * product nor a keyword ("model", "app", a big number) tells the kind, and wording, sizes and counts are
 * drawn, so a table of sentences learnt on some seeds does not cover the next.
 */

export const KINDS = ['micro', 'inference', 'application'] as const;
export type Kind = (typeof KINDS)[number];

interface Product {
  app: string;
  /** Ways the user starts the job, and what they see when it is done. */
  action: readonly string[];
  visible: readonly string[];
  model: string;
  inputs: (r: VariantRandom) => string;
  quality: string;
  kernel: (r: VariantRandom) => string;
}

const PRODUCTS: readonly Product[] = [
  {
    app: 'a note-taking app',
    action: ['pressing "transcribe"', 'the end of a recording', 'dropping an audio file in'],
    visible: ['the text appearing', 'the transcript saved', 'the first line of text shown'],
    model: 'the speech-recognition model',
    inputs: (r) => `${r.pick([200, 500, 1000])} recorded test clips`,
    quality: 'the word error rate',
    kernel: (r) => `the ${r.pick([512, 1024])} x ${r.pick([512, 1024])} attention matrix product`,
  },
  {
    app: 'a photo-sharing site',
    action: ['choosing a file to upload', 'pressing "share"', 'taking a photo in the app'],
    visible: ['the tagged photo appearing', 'the photo shown with its tags', 'the album updated'],
    model: 'the image classifier',
    inputs: (r) => `${r.pick([5000, 10000, 50000])} validation images`,
    quality: 'top-1 accuracy',
    kernel: (r) => {
      const k = r.pick([3, 5]);
      const n = r.pick([112, 224]);
      return `one ${k} x ${k} convolution layer on ${n} x ${n} inputs`;
    },
  },
  {
    app: 'a chat service',
    action: ["the user's message being sent", 'pressing Enter', 'a question being pasted in'],
    visible: ['the first word of the answer on screen', 'the whole answer shown', 'the answer starting to scroll'],
    model: 'the language model',
    inputs: (r) => `a fixed set of ${r.pick([100, 500, 1000])} prompts`,
    quality: 'the accuracy of its answers on a quiz set',
    kernel: (r) => `the softmax over ${r.pick([32000, 50000, 128000])} vocabulary scores`,
  },
  {
    app: 'a form that reads handwritten postcodes',
    action: ['taking the photo', 'choosing a scanned form', 'pressing "read postcode"'],
    visible: ['the postcode filled in', 'the form ready to send', 'the digits highlighted on the photo'],
    model: 'the small MLP digit classifier',
    inputs: (r) => `${r.pick([1000, 2000, 10000])} MNIST test digits`,
    quality: 'accuracy',
    kernel: (r) => `the 784 x ${r.pick([64, 128, 256])} matrix-vector product of the first layer`,
  },
  {
    app: 'a browser extension that translates a page',
    action: ['clicking "translate"', 'opening a foreign page', 'choosing a language'],
    visible: ['the translated page being shown', 'the first paragraph replaced', 'every paragraph translated'],
    model: 'the translation model',
    inputs: (r) => `${r.pick([500, 1000, 3000])} test sentences`,
    quality: 'the BLEU score',
    kernel: (r) => `the layer normalisation over ${r.pick([512, 768, 1024])} values`,
  },
  {
    app: 'a photo search box',
    action: ['typing a query', 'pressing "search"', 'choosing a suggested query'],
    visible: ['the matching photos appearing', 'the first result shown', 'the result grid filled'],
    model: 'the text-embedding model',
    inputs: (r) => `${r.pick([1000, 5000])} test queries`,
    quality: 'recall at 10',
    kernel: (r) => `a dot product of two ${r.pick([384, 768, 1024])}-element vectors`,
  },
];

const WHERE = ['in a WGSL shader', 'in plain JavaScript', 'in WebAssembly', 'on WebGPU in the browser', 'through the native agent'];
const BACKEND = ['with onnxruntime-web on WebGPU', 'with onnxruntime-web in WebAssembly', 'on one GPU through the native agent', 'on the CPU'];

export interface Template {
  kind: Kind;
  /** The kind learners pick by mistake for it, and why that pick is wrong: about the pick, never the right kind's definition. */
  trap: Kind;
  why: string;
  text: (p: Product, r: VariantRandom) => string;
}

const say = (r: VariantRandom, ways: readonly string[]) => r.pick(ways);
const cap = (t: string) => t[0]!.toUpperCase() + t.slice(1);

export const TEMPLATES: Record<string, Template> = {
  'micro-from-model': {
    kind: 'micro',
    trap: 'inference',
    why: 'The kernel comes from a model, but no input goes through the model while the timer runs.',
    text: (p, r) => {
      const reps = r.pick([100, 1000, 10000]);
      const where = r.pick(WHERE);
      return say(r, [
        `Timing only ${p.kernel(r)} from ${p.model} of ${p.app}, ${reps} times in a row, ${where}.`,
        `${cap(p.kernel(r))}, taken out of ${p.model}, is timed ${where} over ${reps} repetitions.`,
        `To tune ${p.model}, its developers time ${p.kernel(r)} ${where}, ${reps} times.`,
      ]);
    },
  },
  'micro-big': {
    kind: 'micro',
    trap: 'inference',
    why: 'A large input does not put a model inside the timed region.',
    text: (_p, r) => {
      const what = r.pick([
        `adding two vectors of ${r.pick([4, 16, 64])} million floats`,
        `copying a ${r.pick([256, 512, 1024])} MB buffer to estimate memory bandwidth in GB/s`,
        `a softmax over ${r.pick([10000, 100000, 1000000])} numbers`,
        `summing ${r.pick([1, 16, 64])} million floats with a reduction`,
        `sorting ${r.pick([1, 4, 10])} million integers`,
      ]);
      const where = r.pick(WHERE);
      return say(r, [
        `Timing ${what} ${where}.`,
        `${cap(what)}, ${where}, timed ${r.pick([100, 1000])} times.`,
        `A ${r.pick(['hardware review', 'course project', 'runtime team'])} times ${what} ${where}.`,
      ]);
    },
  },
  'inference-model': {
    kind: 'inference',
    trap: 'application',
    why: 'The product is named, but no user action starts the timer and nothing appearing on screen stops it.',
    text: (p, r) => {
      const inputs = p.inputs(r);
      const backend = r.pick(BACKEND);
      return say(r, [
        `Running ${p.model} of ${p.app} over ${inputs} ${backend}, with ${p.quality} reported beside the time.`,
        `The p90 latency of ${p.model} of ${p.app} on ${inputs}, ${backend}, and ${p.quality}.`,
        `Comparing the latency of ${p.model} of ${p.app} ${backend} and ${r.pick(BACKEND.filter((b) => b !== backend))}, on ${inputs}.`,
      ]);
    },
  },
  'inference-small': {
    kind: 'inference',
    trap: 'micro',
    why: 'Not one kernel: every layer between an input and its prediction runs while the timer runs.',
    text: (p, r) =>
      say(r, [
        `Timing ${p.model} at batch ${r.pick([1, 8, 32])} on ${p.inputs(r)} ${r.pick(BACKEND)}, and checking ${p.quality}.`,
        `Throughput of ${p.model} on ${p.inputs(r)}, ${r.pick(BACKEND)}: items per second, with ${p.quality}.`,
        `${cap(p.model)} ${r.pick(['in float16 against its float32 version', 'in int8 against its float32 version', 'in float32 against the same model in int8'])} on ${p.inputs(r)}: latency and ${p.quality}.`,
      ]),
  },
  'application-job': {
    kind: 'application',
    trap: 'inference',
    why: 'There is a model in it, but the timer starts and stops outside the model.',
    text: (p, r) => {
      const action = r.pick(p.action);
      const visible = r.pick(p.visible);
      const device = r.pick(['a mid-range laptop', 'a phone', 'a desktop', 'a school Chromebook']);
      return say(r, [
        `Timing ${p.app} from ${action} to ${visible}, as the user sees it on ${device}.`,
        `Measuring how long ${p.app} takes from ${action} to ${visible}, on ${device}.`,
        `The time from ${action} to ${visible} in ${p.app}, over ${r.pick([20, 50, 100])} tries by ${r.pick(['test users', 'a scripted browser'])} on ${device}.`,
      ]);
    },
  },
  'application-no-model': {
    kind: 'application',
    trap: 'micro',
    why: 'The timer does not stop after one operation: loading, computing and drawing are all inside it.',
    text: (_p, r) => {
      const job = r.pick([
        ['a spreadsheet', 'changing one cell', 'every dependent formula redrawn'],
        ['a map page', 'dragging the map', 'the new tiles drawn'],
        ['a code editor in the browser', 'opening a 10,000-line file', 'the file highlighted and scrollable'],
        ['an online shop', 'pressing "search"', 'the results page rendered'],
        ['a web mail client', 'clicking a message', 'the message and its attachments shown'],
        ['a slide editor', 'pasting a chart', 'the slide redrawn with the chart'],
        ['a bank website', 'logging in', 'the account overview shown'],
        ['a video site', 'pressing play', 'the first frame on screen'],
      ]);
      const browser = r.pick(['Chromium', 'Firefox', 'Safari']);
      return say(r, [
        `Timing ${job[0]} from ${job[1]} to ${job[2]}, as the user sees it in ${browser}.`,
        `Measuring, in ${browser}, the time from ${job[1]} to ${job[2]} in ${job[0]}.`,
        `In ${job[0]}, ${r.pick([20, 50, 100])} testers' times from ${job[1]} to ${job[2]} (${browser}).`,
      ]);
    },
  },
};

export const templatesOf = (kind: Kind) => Object.keys(TEMPLATES).filter((id) => TEMPLATES[id]!.kind === kind);
export const PRODUCT_COUNT = PRODUCTS.length;
export const productOf = (i: number) => PRODUCTS[i]!;
