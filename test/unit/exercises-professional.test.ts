/**
 * Seed sweeps for the Professional exercises: every named mistake stays outside the tolerance on every seed,
 * no constant answer is right on most variants, and degenerate orders stay below half.
 */
import { describe, expect, it } from 'vitest';
import { checkAnswers, createVariant } from '../../runtime/exercises/check.ts';
import { isClose } from '../../runtime/exercises/checkers.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';
import { brokenRules, p99Mistakes, p99Of, RTOL, type QueryLog, latenciesOf } from '../../exercises/p99-validity/log.ts';
import { allowedOrders, type ComplianceData } from '../../exercises/compliance-steps/exercise.ts';
import { loadPercentile } from '../../runtime/load/summary.ts';
import { earlyStoppingServer } from '../../runtime/load/early-stopping.ts';

const { exercises } = await loadExerciseRegistry();
const get = (id: string) => exercises.find((e) => e.id === id)!;
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

describe('p99-validity', () => {
  const ex = get('p99-validity');
  const variants = SEEDS.map((s) => createVariant(ex, s).data as QueryLog);

  it('every named p99 mistake is outside the tolerance on every seed', () => {
    for (const d of variants) {
      const right = p99Of(d);
      for (const m of p99Mistakes(d)) expect(isClose(m.value, right, RTOL, 1e-8), m.feedback).toBe(false);
    }
  });

  it('the p99 is LoadGen convention: sorted[floor(0.99 n)], from the scheduled arrival', () => {
    const d = variants[0]!;
    const sorted = latenciesOf(d).sort((a, b) => a - b);
    expect(p99Of(d)).toBe(sorted[Math.floor(sorted.length * 0.99)]);
    expect(loadPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
  });

  it('the verdict agrees with the engine: a run that meets the p99 bound with too few queries is not VALID', () => {
    // 500 queries, all within the bound: the p99 is fine, but the minimum count (662) is not met.
    const n = 500;
    const d: QueryLog = {
      targetQps: 100,
      scheduled: Array.from({ length: n }, (_, i) => i * 10),
      issued: Array.from({ length: n }, (_, i) => i * 10),
      completed: Array.from({ length: n }, (_, i) => i * 10 + 2),
      boundMs: 5,
      minQueries: 662,
    };
    expect(brokenRules(d)).toEqual(['too-few']);
    // 700 queries with 3 over the bound: p99 within, but early stopping needs 1001.
    const m = 700;
    const d2: QueryLog = {
      ...d,
      scheduled: Array.from({ length: m }, (_, i) => i * 10),
      issued: Array.from({ length: m }, (_, i) => i * 10),
      completed: Array.from({ length: m }, (_, i) => i * 10 + (i % 250 === 7 ? 9 : 2)),
    };
    expect(earlyStoppingServer(m, 3, 0.99).ok).toBe(false);
    expect(brokenRules(d2)).toEqual(['early-stopping']);
  });

  it('no constant verdict is right on half the variants or more', () => {
    const counts = new Map<string, number>();
    for (const d of variants) {
      const k = brokenRules(d).join('+') || 'valid';
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [k, c] of counts) expect(c / variants.length, k).toBeLessThan(0.4);
  });
});

describe('compliance-steps', () => {
  const ex = get('compliance-steps');

  it('the order shown, and the right order reversed, score below half on every seed', async () => {
    for (const seed of SEEDS) {
      const v = createVariant(ex, seed);
      const d = v.data as ComplianceData;
      const shown = await checkAnswers(ex, v, { order: d.shown });
      expect(shown.score).toBeLessThan(0.5);
      const reversed = await checkAnswers(ex, v, { order: [...allowedOrders(d.shown)[0]!].reverse() });
      expect(reversed.score).toBeLessThan(0.5);
      const right = await checkAnswers(ex, v, { order: allowedOrders(d.shown).at(-1)! });
      expect(right.score).toBe(1);
    }
  });
});

describe('energy-per-query', () => {
  const ex = get('energy-per-query');
  it('every named mistake is outside the tolerance on every seed, and the trace is labelled generated', async () => {
    const { netMistakes, perQueryMistakes, resultOf, RTOL: tol } = await import('../../exercises/energy-per-query/trace.ts');
    for (const seed of SEEDS) {
      const v = createVariant(ex, seed);
      const d = v.data as Parameters<typeof resultOf>[0];
      const r = resultOf(d);
      for (const m of netMistakes(d)) expect(isClose(m.value, r.netJ, tol, 1e-8), m.feedback).toBe(false);
      for (const m of perQueryMistakes(d)) expect(isClose(m.value, r.joulesPerQuery, tol, 1e-8), m.feedback).toBe(false);
    }
    const view = ex.render(createVariant(ex, 1));
    expect(view.intro).toMatch(/\*\*generated\*\* \(seed \d+\)/);
    expect(view.datasets!.every((d) => d.label.includes('GENERATED'))).toBe(true);
  });
});

describe('meter-layer', () => {
  const ex = get('meter-layer');
  it('answering in the order the options are listed scores below half on every seed', async () => {
    for (const seed of SEEDS) {
      const r = await checkAnswers(ex, createVariant(ex, seed), {
        'meter-1': 'package',
        'meter-2': 'dram',
        'meter-3': 'board',
        'meter-4': 'wall',
        'meter-5': 'package',
      });
      expect(r.score).toBeLessThan(0.5);
    }
  });
});

describe('every placeholder of the Professional exercises is filled', () => {
  it.each(['p99-validity', 'compliance-steps', 'energy-per-query', 'meter-layer', 'predicted-runtime', 'spec-rubric'])('%s', (id) => {
    const ex = get(id);
    for (const seed of [1, 2, 3]) {
      const view = ex.render(createVariant(ex, seed));
      const texts = [view.intro, ...ex.parts.map((p) => view.parts[p.id]?.prompt ?? p.prompt)];
      for (const t of texts) expect(t).not.toMatch(/\{\{/);
    }
  });
});

describe('predicted-runtime', () => {
  const ex = get('predicted-runtime');
  it('every named mistake is outside the tolerance on every seed; the model takes the larger term', async () => {
    const m = await import('../../exercises/predicted-runtime/model.ts');
    for (const seed of SEEDS) {
      const d = createVariant(ex, seed).data as import('../../exercises/predicted-runtime/model.ts').ModelData;
      for (const x of m.namedMistakes(m.predictedMs(d), m.timeMistakes(d))!) expect(isClose(x.value, m.predictedMs(d), m.RTOL, 1e-8)).toBe(false);
      for (const x of m.namedMistakes(m.errorPct(d), m.errorMistakes(d))!) expect(isClose(x.value, m.errorPct(d), m.RTOL, 1e-8)).toBe(false);
    }
    // 1 GFLOP at 100 GFLOP/s is 10 ms; 1 GB at 50 GB/s is 20 ms: memory-bound, 20 ms plus 10 µs of overhead.
    const d = { device: 0, kernel: 'vector-add' as const, n: 1e9, peakGflops: 100, bandwidthGBs: 600, overheadUs: 10, measuredMs: 30 };
    expect(m.predictedMs(d)).toBeCloseTo(20.01, 9);
    expect(m.boundOf(d)).toBe('memory');
    expect(m.errorPct(d)).toBeCloseTo((30 / 20.01 - 1) * 100, 9);
  });
});

describe('spec-rubric', () => {
  const ex = get('spec-rubric');
  it('every variant breaks a rule; the starter unchanged repairs nothing; a tagged image fails the validator', async () => {
    const { loadSpec } = await import('../../runtime/spec/load.ts');
    const { correctOf } = await import('../../exercises/spec-rubric/exercise.ts');
    for (const seed of SEEDS.slice(0, 100)) {
      const v = createVariant(ex, seed);
      const d = v.data as { yaml: string };
      const right = correctOf(d);
      expect(right).not.toContain('none');
      const r = await checkAnswers(ex, v, { repair: d.yaml });
      expect(r.parts.repair!.score).toBe(0);
      const errors = loadSpec(d.yaml).diagnostics.filter((x) => x.severity === 'error');
      if (right.includes('image-tag')) expect(errors.map((e) => e.message).join()).toMatch(/pin the image by digest/);
      if (right.includes('no-seed') && !right.includes('image-tag')) expect(errors.map((e) => e.message).join()).toMatch(/seed/);
      if (!right.includes('image-tag') && !right.includes('no-seed')) expect(errors).toEqual([]);
    }
  });
});
