import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import { assertSeed, isSeed, MAX_SEED, seedFor } from '../../runtime/exercises/seed.ts';

describe('seedFor', () => {
  const input = { courseSecret: 'correct horse battery staple', assignment: 'week-3', learner: 'ada@example.org' };

  it('is HMAC-SHA256(secret, JSON [assignment, learner]), its first 4 bytes as an unsigned integer', () => {
    // An independent implementation: Node's crypto.
    const mac = createHmac('sha256', input.courseSecret)
      .update(JSON.stringify([input.assignment, input.learner]))
      .digest();
    expect(seedFor(input)).toBe(mac.readUInt32BE(0));
    expect(seedFor(input)).toBe(seedFor({ ...input }));
  });

  it('gives each learner, assignment and course a seed of their own', () => {
    const seeds = new Set([
      seedFor(input),
      seedFor({ ...input, learner: 'grace@example.org' }),
      seedFor({ ...input, assignment: 'week-4' }),
      seedFor({ ...input, courseSecret: 'another secret' }),
      // The pair is encoded unambiguously: moving text from one field to the other changes the seed.
      seedFor({ ...input, assignment: 'week-', learner: '3ada@example.org' }),
    ]);
    expect(seeds.size).toBe(5);
    for (const s of seeds) expect(isSeed(s)).toBe(true);
  });

  it('refuses empty inputs, naming the field', () => {
    expect(() => seedFor({ ...input, learner: ' ' })).toThrow(/seedFor: learner must be a non-empty text/);
    expect(() => seedFor({ ...input, courseSecret: undefined as unknown as string })).toThrow(/courseSecret/);
  });
});

describe('seeds and variant random numbers', () => {
  it('a seed is a whole number from 0 to 2^32 - 1', () => {
    expect([0, 1, MAX_SEED].every(isSeed)).toBe(true);
    expect([-1, 0.5, MAX_SEED + 1, Number.NaN, '3'].some(isSeed)).toBe(false);
    expect(() => assertSeed(1.5, 'here')).toThrow('here: a seed is a whole number from 0 to 4294967295, got 1.5');
  });

  it('the same seed draws the same sequence, another seed another one', () => {
    const draw = (seed: number) => {
      const r = variantRandom(seed);
      return [
        r.next(),
        r.int(1, 6),
        r.pick(['a', 'b', 'c']),
        r.shuffle([1, 2, 3, 4, 5]),
        r.normal(0, 1),
        r.logNormal(10, 0.1),
        r.sample([1, 2, 3, 4], 2),
      ];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(MAX_SEED)).not.toEqual(draw(MAX_SEED - 1));
  });

  it('draws within the ranges it promises', () => {
    const r = variantRandom(7);
    const ints = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const k = r.int(2, 5);
      ints.add(k);
      const u = r.uniform(-1, 1);
      expect(u >= -1 && u < 1).toBe(true);
    }
    expect([...ints].sort()).toEqual([2, 3, 4, 5]);
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => r.pick([])).toThrow(/empty/);
    expect(() => r.sample([1], 2)).toThrow(/cannot draw 2 of 1/);
    expect(() => variantRandom(-1)).toThrow(/variantRandom: a seed/);
    expect(round(1.23456, 3)).toBe(1.235);
  });
});
