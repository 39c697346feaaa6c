import { beforeAll, describe, expect, it } from 'vitest';
import { findLeakage, NEAR_RELATIVE_DIFF } from '../../runtime/eval/leakage.ts';
import { inkOf, perturbDigits } from '../../runtime/eval/perturb.ts';
import { robustnessCurve } from '../../runtime/eval/robustness.ts';
import { sliceMembers, subgroupReport } from '../../runtime/eval/subgroups.ts';
import { forwardMlp } from '../../runtime/models/mlp.ts';
import { MNIST_PIXELS, selectDigits, type Digits } from '../../runtime/models/mnist.ts';
import { concatDigits, mnistSplits, type MnistSplits } from '../../runtime/models/zoo/data.ts';
import { loadZooData } from '../../runtime/node/zoo-data.ts';
import { loadZooSource } from '../../runtime/node/zoo-source.ts';
import type { ZooModelSource } from '../../runtime/eval/task-run.ts';

let splits: MnistSplits;
let model: ZooModelSource;
let few: Digits;
beforeAll(async () => {
  splits = mnistSplits(loadZooData().mnist.all);
  model = await loadZooSource('mnist-16');
  few = selectDigits(
    splits.test,
    Array.from({ length: 300 }, (_, i) => i),
  );
}, 60_000);

const centre = (d: Digits, i: number) => {
  let sx = 0;
  let sy = 0;
  let s = 0;
  for (let k = 0; k < MNIST_PIXELS; k++) {
    const v = d.images[i * MNIST_PIXELS + k]!;
    sx += v * (k % 28);
    sy += v * Math.floor(k / 28);
    s += v;
  }
  return [sx / s, sy / s];
};

describe('perturbations', () => {
  it('strength 0 is the identity, and the same seed gives the same pixels', () => {
    for (const kind of ['gaussian-noise', 'shift', 'rotation', 'occlusion'] as const) {
      expect(perturbDigits(few, { kind, strength: 0 }, 1).images).toEqual(few.images);
      expect(perturbDigits(few, { kind, strength: 0.5 }, 9).images).toEqual(perturbDigits(few, { kind, strength: 0.5 }, 9).images);
    }
    expect(perturbDigits(few, { kind: 'gaussian-noise', strength: 0.2 }, 1).images).not.toEqual(
      perturbDigits(few, { kind: 'gaussian-noise', strength: 0.2 }, 2).images,
    );
  });
  it('shift moves the ink by the strength; occlusion only removes ink; rotation by 180 twice is close to the original', () => {
    const moved = perturbDigits(few, { kind: 'shift', strength: 3 }, 4);
    for (let i = 0; i < 20; i++) {
      const [x0, y0] = centre(few, i);
      const [x1, y1] = centre(moved, i);
      // Rounded to whole pixels: dx, dy each within 0.5 of 3 cos / 3 sin; ink pushed off the edge can move the centre a little.
      expect(Math.hypot(x1! - x0!, y1! - y0!)).toBeGreaterThan(2.2);
      expect(Math.hypot(x1! - x0!, y1! - y0!)).toBeLessThan(3.9);
    }
    const covered = perturbDigits(few, { kind: 'occlusion', strength: 0.5 }, 4);
    for (let k = 0; k < covered.images.length; k++) expect(covered.images[k]! <= few.images[k]!).toBe(true);
    expect(inkOf(covered).reduce((a, b) => a + b, 0)).toBeLessThan(inkOf(few).reduce((a, b) => a + b, 0));
  });
  it('refuses a strength out of range, naming the range and unit', () => {
    expect(() => perturbDigits(few, { kind: 'rotation', strength: 200 }, 1)).toThrow(/rotation: strength 200 is out of range 0..180 \(degrees\)/);
    expect(() => perturbDigits(few, { kind: 'gaussian-noise', strength: -1 }, 1)).toThrow(/out of range 0..1/);
  });
});

describe('robustness curve', () => {
  it('starts at the clean accuracy and falls as noise grows (mnist-16, 300 test digits, the JS forward pass)', async () => {
    const logits = (x: Float32Array, n: number) => forwardMlp(model.parameters, x, n);
    const curve = await robustnessCurve(few, 'gaussian-noise', [0, 0.2, 0.5, 1], logits, { seed: 3, resamples: 200 });
    const acc = curve.map((p) => p.accuracy.value);
    let clean = 0;
    const out = forwardMlp(
      model.parameters,
      Float32Array.from(few.images, (v) => v / 255),
      few.count,
    );
    for (let i = 0; i < few.count; i++) {
      const row = Array.from(out.subarray(i * 10, i * 10 + 10));
      if (row.indexOf(Math.max(...row)) === few.labels[i]) clean++;
    }
    expect(acc[0]).toBe(clean / few.count);
    expect(acc[3]!).toBeLessThan(acc[1]!);
    expect(acc[3]!).toBeLessThan(0.6); // sigma = the whole pixel range: far from the clean ~0.9
    for (const p of curve) expect(p.accuracy.ci95[0]).toBeLessThanOrEqual(p.accuracy.value);
    await expect(robustnessCurve(few, 'shift', [0, 20], logits, { seed: 1 })).rejects.toThrow(
      /strengths\[1\] = 20 is out of range for shift: 0 to 14 \(pixels\)/,
    );
  });
});

describe('subgroups', () => {
  it('worst group and gap; a slice that selects nothing is an error naming it', () => {
    const labels = [0, 0, 1, 1, 1, 2];
    const correct = [1, 0, 1, 1, 1, 0];
    const ink = [0.05, 0.2, 0.1, 0.1, 0.3, 0.2];
    const r = subgroupReport(
      [
        { name: 'zeros', labels: [0] },
        { name: 'ones', labels: [1] },
        { name: 'inky', ink: [0.15, 1] },
      ],
      labels,
      correct,
      ink,
    );
    expect(r.slices.map((s) => [s.name, s.items, s.accuracy])).toEqual([
      ['zeros', 2, 0.5],
      ['ones', 3, 1],
      ['inky', 3, 1 / 3],
    ]);
    expect(r.worst.name).toBe('inky');
    expect(r.gap).toBeCloseTo(2 / 3, 12);
    expect(sliceMembers({ name: 'x', labels: [1], ink: [0.2, 1] }, labels, ink)).toEqual([4]);
    expect(() => subgroupReport([{ name: 'twos-thin', labels: [2], ink: [0, 0.1] }], labels, correct, ink)).toThrow(
      /slice twos-thin selects no item of the 6 scored \(labels 2 and ink in \[0, 0.1\)\); its accuracy would be 0\/0/,
    );
  });
});

describe('leakage between splits', () => {
  it('finds no exact and no near duplicate between the zoo train and test splits, and every test digit in the contaminated training set', () => {
    const clean = findLeakage(splits.train, splits.test);
    expect([clean.exact, clean.near]).toEqual([0, 0]);
    expect(clean.candidates).toBeGreaterThan(0); // the aHash alone would have cried wolf
    const leaked = findLeakage(concatDigits(splits.train, splits.test), splits.test);
    expect(leaked.exact).toBe(2000);
    expect(leaked.near).toBe(2000);
    expect(leaked.examples[0]).toEqual({ test: 0, train: 7000, exact: true });
  }, 30_000);
  it('finds noisy copies as near but not exact, fewer as the noise grows', () => {
    const copies = (sigma: number) => findLeakage(perturbDigits(splits.test, { kind: 'gaussian-noise', strength: sigma }, 1), splits.test);
    const a = copies(0.01);
    const b = copies(0.05);
    expect(a.exact).toBe(0);
    expect(a.near).toBe(1918);
    expect(b.near).toBe(44);
    expect(NEAR_RELATIVE_DIFF).toBe(0.05);
  }, 30_000);
});
