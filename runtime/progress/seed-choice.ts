import { isSeed, MAX_SEED } from '../exercises/seed.ts';
import type { Assignment, ExerciseState, SeedSource } from './records.ts';

/**
 * Which variant a page shows, most binding first:
 *   1. a course assignment for the exercise (the classroom's seed: the grader draws the same variant);
 *   2. a seed in the page's address (`?seed=123` on a practice page: a link to one variant, for tests
 *      and for an instructor who shows a variant to the room);
 *   3. the seed this browser drew before (stored with the exercise's state);
 *   4. a new random seed, drawn once and then stored.
 */
export interface SeedChoice {
  seed: number;
  source: SeedSource;
  /** The stored state no longer describes the variant shown (its draft and feedback belong to another seed). */
  replacesState: boolean;
}

export interface SeedInputs {
  assignment?: Pick<Assignment, 'seed'>;
  /** The `seed` parameter of the page's address, as written, when the page accepts one. */
  urlSeed?: string | null;
  state?: Pick<ExerciseState, 'seed' | 'seedSource'>;
  /** Draws a fresh seed (crypto.getRandomValues in the page). */
  random: () => number;
}

/** The seed in `?seed=`, or undefined when absent or not a seed (a message says why). */
export function parseUrlSeed(value: string | null | undefined): { seed?: number; problem?: string } {
  if (value === null || value === undefined || value === '') return {};
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!isSeed(n))
    return {
      problem: `The address asks for variant "${value}", but a variant's seed is a whole number from 0 to ${MAX_SEED}; showing your own variant instead.`,
    };
  return { seed: n };
}

export function chooseSeed(inputs: SeedInputs): SeedChoice {
  const stored = inputs.state;
  const pick = (seed: number, source: SeedSource): SeedChoice => ({ seed, source, replacesState: !!stored && stored.seed !== seed });
  if (inputs.assignment) return pick(inputs.assignment.seed, 'assignment');
  const url = parseUrlSeed(inputs.urlSeed).seed;
  if (url !== undefined) return pick(url, 'url');
  // A stored assignment seed without its assignment (it was withdrawn) falls back to a local one.
  if (stored && stored.seedSource !== 'assignment') return pick(stored.seed, stored.seedSource);
  const seed = inputs.random();
  if (!isSeed(seed)) throw new RangeError(`chooseSeed: random() must return a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  return pick(seed, 'local');
}
