import { seededRandom } from '../data/random.ts';
import { subSeed } from '../models/mlp.ts';
import { forwardMlp } from '../models/mlp.ts';
import { denseRows, fitMlp } from '../models/train.ts';

/**
 * A real, small hyper-parameter search that runs in a page in about a second: ReLU MLPs trained with the
 * zoo's trainer (fitMlp) on a generated two-moons data set (seeded, labelled generated), scored by
 * validation accuracy. Random search after Bergstra and Bengio (2012): each trial draws its
 * hyper-parameters independently from the search space. Two methods share the space and the data and differ
 * only in depth, so that a comparison between them is about the method, if the budgets are equal. Pure.
 */

export interface Moons {
  /** n x 2 points, row-major. */
  x: Float32Array;
  labels: Uint8Array;
}

/** Two interleaved half circles with Gaussian noise (the "two moons" toy set), n points, half per class. */
export function twoMoons(n: number, seed: number, noise = 0.25): Moons {
  if (!Number.isInteger(n) || n < 4) throw new RangeError(`twoMoons: n must be a whole number >= 4, got ${n}`);
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = new Float32Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const t = Math.PI * random();
    const [px, py] = c === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
    x[2 * i] = (px + noise * gauss()) / 2;
    x[2 * i + 1] = (py + noise * gauss()) / 2;
    labels[i] = c;
  }
  return { x, labels };
}

export type Method = 'one-layer' | 'two-layer';
export const METHODS: Record<Method, string> = {
  'one-layer': 'MLP with one hidden layer',
  'two-layer': 'MLP with two hidden layers',
};

export interface TrialConfig {
  learningRate: number;
  width: number;
  epochs: number;
  weightDecay: number;
}

export interface Trial {
  method: Method;
  /** The trial's number within its method's search, from 1. */
  index: number;
  config: TrialConfig;
  /** Validation accuracy. */
  score: number;
}

/** The search space: learning rate and weight decay log-uniform, width and epochs uniform over their values. */
export const SEARCH_SPACE = {
  learningRate: [0.001, 1],
  width: [2, 4, 8, 16],
  epochs: [2, 30],
  weightDecay: [1e-5, 0.1],
} as const;

const logUniform = (u: number, [lo, hi]: readonly [number, number]) => Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo)));

export function sampleConfig(random: () => number): TrialConfig {
  const [e0, e1] = SEARCH_SPACE.epochs;
  return {
    learningRate: logUniform(random(), SEARCH_SPACE.learningRate),
    width: SEARCH_SPACE.width[Math.floor(random() * SEARCH_SPACE.width.length)]!,
    epochs: e0 + Math.floor(random() * (e1 - e0 + 1)),
    weightDecay: logUniform(random(), SEARCH_SPACE.weightDecay),
  };
}

/** The data every trial of one search sees: a training and a validation set, from the search's seed. */
export function searchData(seed: number, points = 300): { train: Moons; validation: Moons } {
  return { train: twoMoons(points, subSeed(seed, 'train')), validation: twoMoons(points, subSeed(seed, 'validation')) };
}

/** Trains one MLP with the config and returns its validation accuracy. */
export function runTrial(method: Method, config: TrialConfig, data: { train: Moons; validation: Moons }, seed: number): number {
  const hidden = method === 'one-layer' ? [config.width] : [config.width, config.width];
  const { parameters } = fitMlp(denseRows(data.train.x, 2), data.train.labels, {
    seed,
    layers: [2, ...hidden, 2],
    epochs: config.epochs,
    batchSize: 16,
    learningRate: config.learningRate,
    momentum: 0.9,
    weightDecay: config.weightDecay,
  });
  const v = data.validation;
  const logits = forwardMlp(parameters, v.x, v.labels.length);
  let right = 0;
  for (let i = 0; i < v.labels.length; i++) if ((logits[2 * i + 1]! > logits[2 * i]! ? 1 : 0) === v.labels[i]) right++;
  return right / v.labels.length;
}

/**
 * Random search, one trial at a time: configurations drawn from the search space by the method's own stream
 * of the seed, each trained and scored. The same seed gives the same trials, so a larger budget extends a
 * smaller one (the first 5 trials of a budget of 50 are the 5 of a budget of 5): budgets compare like for like.
 */
export function* searchTrials(method: Method, seed: number, data = searchData(seed)): Generator<Trial> {
  const random = seededRandom(subSeed(seed, `search:${method}`));
  for (let i = 0; ; i++) {
    const config = sampleConfig(random);
    yield { method, index: i + 1, config, score: runTrial(method, config, data, subSeed(seed, `init:${method}:${i}`)) };
  }
}

/** The first `trials` trials of searchTrials (1 to 200). */
export function randomSearch(method: Method, trials: number, seed: number, data = searchData(seed)): Trial[] {
  if (!Number.isInteger(trials) || trials < 1 || trials > 200)
    throw new RangeError(`randomSearch: trials must be a whole number from 1 to 200, got ${trials}`);
  const out: Trial[] = [];
  for (const t of searchTrials(method, seed, data)) {
    out.push(t);
    if (out.length === trials) break;
  }
  return out;
}
