import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Variant seeds. In a course, every learner gets a variant of their own that the grader can draw
 * again: seed = HMAC-SHA256(course secret, [assignment, learner]), its first 4 bytes as an unsigned
 * 32-bit integer. Without the secret, nobody can work out another learner's seed. Self-paced learners
 * get a stable local seed from the page instead (the UI's job), and may ask for a new one.
 */

/** The largest seed: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed is a whole number from 0 to 2^32 - 1. */
export function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
}

/** Throws a RangeError that says what a seed is, naming `where`, unless `value` is one. */
export function assertSeed(value: unknown, where: string): asserts value is number {
  if (!isSeed(value)) throw new RangeError(`${where}: a seed is a whole number from 0 to ${MAX_SEED}, got ${JSON.stringify(value) ?? String(value)}`);
}

export interface SeedInput {
  /** The course's secret (kept by the instructor, never shipped to learners). */
  courseSecret: string;
  /** The assignment's id: the same learner gets a different variant in each assignment. */
  assignment: string;
  /** The learner's id as the course knows it (a login or an e-mail address, exactly as written). */
  learner: string;
}

/** The seed of one learner's variant in one assignment; the same inputs always give the same seed. */
export function seedFor({ courseSecret, assignment, learner }: SeedInput): number {
  for (const [name, value] of Object.entries({ courseSecret, assignment, learner })) {
    if (typeof value !== 'string' || value.trim() === '')
      throw new TypeError(`seedFor: ${name} must be a non-empty text, got ${JSON.stringify(value) ?? String(value)}`);
  }
  // JSON of the pair, so ("a b", "c") and ("a", "b c") cannot collide.
  const mac = hmac(sha256, utf8ToBytes(courseSecret), utf8ToBytes(JSON.stringify([assignment, learner])));
  return ((mac[0]! << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) >>> 0;
}
