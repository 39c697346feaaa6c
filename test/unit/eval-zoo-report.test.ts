import { describe, expect, it } from 'vitest';
import { zooReport } from '../../runtime/eval/zoo-report.ts';
import type { Digits } from '../../runtime/models/mnist.ts';
import { loadZooSource } from '../../runtime/node/zoo-source.ts';

describe('the zoo report (what `workbook zoo` prints)', () => {
  it('puts leakage, memorisation, saturation and IRT together from real responses', async () => {
    const [m16, m32, clean, cont] = await Promise.all(['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-contaminated'].map((id) => loadZooSource(id)));
    const splits = { train: clean!.split('train') as Digits, test: clean!.split('test') as Digits, fresh: clean!.split('fresh') as Digits };
    const r = zooReport({
      splits,
      clean: clean!.parameters,
      contaminated: cont!.parameters,
      // One generation each (the final models) keeps the test short; `workbook zoo` passes every epoch.
      generations: { clean: [{ epoch: 8, parameters: clean!.parameters }], contaminated: [{ epoch: 8, parameters: cont!.parameters }] },
      respondents: [
        { name: 'mnist-16', parameters: m16!.parameters },
        { name: 'mnist-32', parameters: m32!.parameters },
        { name: 'mnist-64', parameters: clean!.parameters },
      ],
      seed: 1,
    });
    expect([r.leakage.trainTest.exact, r.leakage.contaminatedTest.exact]).toEqual([0, 2000]);
    expect(r.memorisation.static.advantage.value).toBeCloseTo(0.052, 6);
    expect(r.saturation).toEqual([{ epoch: 8, contaminatedStatic: 0.997, contaminatedFresh: 0.948, cleanStatic: 0.945, cleanFresh: 0.943 }]);
    expect(r.irt.respondents).toEqual(['mnist-16', 'mnist-32', 'mnist-64']);
    expect(r.irt.items.kept + r.irt.items.allRight + r.irt.items.allWrong).toBe(2000);
    expect(r.irt.sampleItems.map((i) => i.b)).toEqual([...r.irt.sampleItems.map((i) => i.b)].sort((a, b) => a - b));
    expect(r.irt.adaptive.map((a) => a.at)).toEqual([5, 10, 30, 60]);
    for (const a of r.irt.adaptive) expect(Math.abs(a.adaptive) <= 1 && Math.abs(a.random) <= 1).toBe(true);
  }, 120_000);
});
