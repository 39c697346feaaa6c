import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_ENTRY_COST, costOrder, dealShards, expectedCost } from '../../runtime/classroom/schedule.ts';
import { codeExercisesOf } from '../../runtime/node/classroom/grade-cost.ts';
import { readSubmissionFile } from '../../runtime/node/classroom/submission-file.ts';
import { PROJECT_ROOT } from '../../runtime/node/exercise-folders.ts';

describe('grading by expected cost (shards and workers)', () => {
  it('a file with an entry for a code exercise costs more, however the JSON is spaced; a mention elsewhere does not', () => {
    const code = ['fix-timing-harness'];
    expect(expectedCost('{"exercises":[{"exercise":"read-two-runs"}]}', code)).toBe(1);
    expect(expectedCost('{"exercises":[{"exercise":"fix-timing-harness"}]}', code)).toBe(1 + CODE_ENTRY_COST);
    expect(expectedCost('{\n  "exercise" :  "fix-timing-harness"\n}', code)).toBe(1 + CODE_ENTRY_COST);
    expect(expectedCost('{"note":"fix-timing-harness"}', code)).toBe(1);
  });

  it('the code exercises of an assignment are read from exercise.md: fix-timing-harness is, read-two-runs is not', async () => {
    expect(await codeExercisesOf(['read-two-runs', 'fix-timing-harness', 'valid-comparisons'], PROJECT_ROOT)).toEqual(['fix-timing-harness']);
  });

  it('every tenth learner with code, in 4 shards: each shard gets a quarter of the code rows and of the rows, every row once', () => {
    // The bench's folder: learners 0, 10, 20... have code. Round-robin put all of them in shards 1 and 3.
    const costs = Array.from({ length: 1000 }, (_, k) => (k % 10 === 0 ? 1 + CODE_ENTRY_COST : 1));
    const shard = dealShards(costs, 4);
    expect(shard).toHaveLength(1000);
    for (let s = 0; s < 4; s++) {
      const mine = shard.map((x, k) => [x, k] as const).filter(([x]) => x === s);
      expect(mine.filter(([, k]) => k % 10 === 0)).toHaveLength(25);
      expect(mine).toHaveLength(250);
    }
    // The same on every machine (each shard computes it alone).
    expect(dealShards(costs, 4)).toEqual(shard);
  });

  it('uneven costs: no shard is above the lightest by more than the costliest row', () => {
    const costs = Array.from({ length: 97 }, (_, k) => ((k * 7919) % 13 === 0 ? 41 : (k % 3) + 0.1));
    for (const count of [1, 2, 3, 5, 8]) {
      const shard = dealShards(costs, count);
      const load = Array.from({ length: count }, (_, s) => costs.reduce((sum, c, k) => sum + (shard[k] === s ? c : 0), 0));
      expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(Math.max(...costs));
    }
    expect(() => dealShards(costs, 0)).toThrow(/count must be a whole number >= 1, got 0/);
  });

  it('workers take the costliest rows first, ties in learner order', () => {
    expect(costOrder([1, 21, 1, 41, 21, 0.1])).toEqual([3, 1, 4, 0, 2, 5]);
  });

  it('a submission file is read whole, whatever its size (no fixed 4 MiB buffer)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'read-sub-'));
    for (const text of ['{}', `{"a":"${'é'.repeat(100_000)}"}`]) {
      await writeFile(path.join(dir, 'x.submission.json'), text);
      expect(await readSubmissionFile(path.join(dir, 'x.submission.json'), 'x.submission.json')).toEqual({ text });
    }
  });
});
