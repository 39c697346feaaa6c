/**
 * submit-or-completion against the tester's attacks: the smallest size's time as the fixed cost, and a
 * million taken as 2^20, were accepted on every seed because the tolerance was wider than the error.
 */
import { describe, expect, it } from 'vitest';
import { endpointsLine, SIZES, type SubmitData } from '../../exercises/submit-or-completion/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, check } = await loadExercise<SubmitData>('submit-or-completion');
const ms = (x: number) => `${x} ms`;
const SEEDS = seeds(1, 500);

async function acceptedOn(answer: (d: SubmitData) => Record<string, string>): Promise<number[]> {
  const out: number[] = [];
  for (const s of SEEDS) {
    const a = answer(variant(s).data);
    const part = Object.keys(a)[0]!;
    if ((await check(s, a)).parts[part]!.score > 0) out.push(s);
  }
  return out;
}

describe('submit-or-completion: the two shortcuts are rejected on every seed', () => {
  it("fixed = the smallest size's time: rejected on 500 of 500 seeds (was accepted on 500)", async () => {
    expect(await acceptedOn((d) => ({ fixed: ms(d.done[0]!) }))).toEqual([]);
  });
  it('per-million = slope x 2^20: rejected on 500 of 500 seeds (was accepted on 500)', async () => {
    expect(await acceptedOn((d) => ({ 'per-million': ms(endpointsLine(d.done).slope * 2 ** 20) }))).toEqual([]);
  });
});

describe('submit-or-completion: honest readings stay within the tighter tolerance', () => {
  it('the slope from any two sizes far apart (a factor 4 or more, as the hint says) is accepted on every seed', async () => {
    for (let i = 0; i < SIZES.length; i++)
      for (let j = i + 2; j < SIZES.length; j++) {
        const slope = (d: SubmitData) => (d.done[j]! - d.done[i]!) / (SIZES[j]! - SIZES[i]!);
        expect((await acceptedOn((d) => ({ 'per-million': ms(slope(d) * 1e6) }))).length, `sizes ${i} and ${j}`).toBe(SEEDS.length);
      }
  });
});
