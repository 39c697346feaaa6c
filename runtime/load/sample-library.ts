import { shuffler } from 'd3-array';
import { randomInt } from 'd3-random';
import { seededRandom } from '../data/random.ts';
import type { QuerySampleLibrary } from './types.ts';

/**
 * The samples a performance run draws from: `performanceSampleCount` of the library's samples, chosen by
 * `qslSeed` (LoadGen's qsl_rng_seed) and loaded before timing starts, as LoadGen's LoadSamplesToRam.
 */
export function loadedSet(qsl: QuerySampleLibrary, qslSeed: number): number[] {
  checkLibrary(qsl);
  const all = Array.from({ length: qsl.totalSampleCount }, (_, i) => i);
  return shuffler(seededRandom(qslSeed))(all).slice(0, qsl.performanceSampleCount);
}

/** Draws sample indexes from the loaded set, uniformly with replacement (LoadGen's sample_index_rng_seed). */
export function samplePicker(loaded: readonly number[], seed: number): (count: number) => number[] {
  if (loaded.length === 0) throw new RangeError('samplePicker: the loaded set is empty');
  const pick = randomInt.source(seededRandom(seed))(0, loaded.length);
  return (count) => Array.from({ length: count }, () => loaded[pick()]!);
}

/** A library of `total` samples, `performance` of them loaded at a time (a synthetic SUT needs no data). */
export function countingLibrary(name: string, total: number, performance = total): QuerySampleLibrary {
  const qsl = { name, totalSampleCount: total, performanceSampleCount: Math.min(total, performance) };
  checkLibrary(qsl);
  return qsl;
}

function checkLibrary(qsl: QuerySampleLibrary): void {
  const { totalSampleCount: total, performanceSampleCount: perf } = qsl;
  if (!(Number.isInteger(total) && total >= 1))
    throw new RangeError(`query sample library ${qsl.name}: totalSampleCount must be a whole number >= 1, got ${total}`);
  if (!(Number.isInteger(perf) && perf >= 1 && perf <= total)) {
    throw new RangeError(`query sample library ${qsl.name}: performanceSampleCount must be a whole number from 1 to ${total}, got ${perf}`);
  }
}
