/**
 * environment-diff against the tester's attacks: the introduction alone (target, spec, ratio) must not
 * give the answer, and the explanation accepted must agree with the ratio (a thread count explains at
 * most tA / tB, perfect scaling).
 */
import { describe, expect, it } from 'vitest';
import { differingFields, type EnvDiffData, explanationOf, FIELD_OPTIONS, threadsOf } from '../../exercises/environment-diff/exercise.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const { variant, view, check } = await loadExercise<EnvDiffData>('environment-diff');
const EXPLAINS = ['adapter', 'thread-count', 'isolation', 'browser-build', 'cores', 'none'];

type Truth = { right: Set<string>; explains: string };
const truthOf = (d: EnvDiffData): Truth => ({ right: new Set(differingFields(d)), explains: explanationOf(d) });

/** The fields part's score as checkChoice gives it (net partial credit, everything ticked scores 0), computed directly so every subset can be tried. */
function fieldsScore(picked: string[], t: Truth): number {
  const hits = picked.filter((p) => t.right.has(p)).length;
  return picked.length === FIELD_OPTIONS.length ? 0 : Math.max(0, (hits - (picked.length - hits)) / t.right.size);
}

describe('environment-diff: the introduction does not give the answer', () => {
  it('the best answer per introduction (target and a bin of the ratio), chosen knowing every answer, scores < 0.5 over 200 seeds', async () => {
    const ss = seeds(1, 200);
    const bin = (ratio: number) => (ratio < 2 ? 0 : ratio < 3 ? 1 : ratio < 5 ? 2 : 3);
    const groups = new Map<string, Truth[]>();
    for (const s of ss) {
      const key = `${view(s).values?.target}/${bin(variant(s).data.ratio)}`;
      groups.set(key, [...(groups.get(key) ?? []), truthOf(variant(s).data)]);
    }
    const subsets = Array.from({ length: 2 ** FIELD_OPTIONS.length }, (_, m) => FIELD_OPTIONS.filter((_, i) => m & (1 << i)));
    // The parts score independently (weights 3 and 1), so the best answer is the best of each.
    let total = 0;
    const best = new Map<string, { fields: string[]; explains: string }>();
    for (const [key, ts] of groups) {
      const f = subsets
        .map((fields) => ({ fields, score: ts.reduce((t, x) => t + fieldsScore(fields, x), 0) }))
        .sort((a, b) => b.score - a.score)[0]!;
      const e = EXPLAINS.map((explains) => ({ explains, score: ts.filter((x) => x.explains === explains).length })).sort(
        (a, b) => b.score - a.score,
      )[0]!;
      total += (3 * f.score + e.score) / 4;
      best.set(key, { fields: f.fields, explains: e.explains });
    }
    const average = total / ss.length;
    // The direct score agrees with check() (the same answer through the real checker):
    let checked = 0;
    for (const s of ss) {
      const b = best.get(`${view(s).values?.target}/${bin(variant(s).data.ratio)}`)!;
      checked += (await check(s, { fields: b.fields, explains: b.explains })).score;
    }
    expect(checked / ss.length).toBeCloseTo(average, 6);
    console.log(`environment-diff: best answer from the introduction: ${average.toFixed(3)}`);
    expect(average).toBeLessThan(0.5);
  });

  it('the old prose-only recipe (the fields its target suggests) scores < 0.5', async () => {
    let total = 0;
    for (const s of seeds(1, 200)) {
      const webgpu = String(view(s).values?.target).includes('webgpu');
      const a = webgpu
        ? { fields: ['adapter-vendor', 'adapter-architecture', 'adapter-fallback'], explains: 'adapter' }
        : { fields: ['threads', 'user-agent', 'platform', 'logical-cores', 'memory'], explains: 'thread-count' };
      total += (await check(s, a)).score;
    }
    expect(total / 200).toBeLessThan(0.5);
  });

  it('which fields differ and what explains it vary within each target', () => {
    for (const target of ['browser-webgpu', 'browser-wasm-threads']) {
      const ds = seeds(1, 200)
        .map(variant)
        .filter((v) => view(v.seed).values?.target === target)
        .map((v) => v.data);
      expect(new Set(ds.map((d) => differingFields(d).join())).size).toBeGreaterThan(10);
      expect(new Set(ds.map(explanationOf)).size).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('environment-diff: the accepted explanation agrees with the ratio', () => {
  it('on 500 seeds: a thread count is accepted only when the ratio is at most tA / tB, an adapter only when one is a fallback', () => {
    const counts: Record<string, number> = {};
    for (const s of seeds(1, 500)) {
      const d = variant(s).data;
      const e = explanationOf(d);
      counts[e] = (counts[e] ?? 0) + 1;
      const ta = threadsOf(d.a);
      const tb = threadsOf(d.b);
      if (e === 'thread-count') expect(d.ratio, `seed ${s}`).toBeLessThanOrEqual(ta! / tb!);
      if (e === 'adapter') expect(differingFields(d), `seed ${s}`).toContain('adapter-fallback');
      // A variant drawn with too few threads for its ratio is never explained by them:
      if (d.cause === 'threads-too-few') expect(e, `seed ${s}`).toBe('none');
    }
    for (const e of ['adapter', 'thread-count', 'none']) expect(counts[e], e).toBeGreaterThan(50);
  });

  it('seed 8 of the report (2 threads against 1, 2.8 times) is no longer possible: no variant explains more than tA / tB by threads', () => {
    const bad = seeds(1, 2000)
      .map((s) => variant(s).data)
      .filter((d) => explanationOf(d) === 'thread-count' && d.ratio > threadsOf(d.a)! / threadsOf(d.b)!);
    expect(bad).toEqual([]);
  });
});
