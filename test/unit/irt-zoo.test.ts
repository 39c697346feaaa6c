import { beforeAll, describe, expect, it } from 'vitest';
import { memorisationReport } from '../../runtime/eval/memorisation.ts';
import { informativeItems, responseMatrix, type ResponseMatrix } from '../../runtime/eval/responses.ts';
import { adaptiveRanking } from '../../runtime/irt/adaptive.ts';
import { kendallTau } from '../../runtime/irt/simulate.ts';
import { fitTwoPlJoint, type TwoPlFit } from '../../runtime/irt/twopl.ts';
import type { Digits } from '../../runtime/models/mnist.ts';
import { buildMlp } from '../../runtime/models/onnx-builder.ts';
import { correctOn } from '../../runtime/models/zoo/build.ts';
import { zooGenerations } from '../../runtime/node/zoo-generations.ts';
import { loadZooSource } from '../../runtime/node/zoo-source.ts';

// The zoo's real responses: every epoch ("generation") of the 16, 32 and 64 wide MLPs, the under-trained
// and the int8 model (26 respondents) on the 2,000 test digits. The figures the tests measure are printed.
const PRIOR = { logA: { mean: 0, sd: 0.5 }, b: { mean: 0, sd: 2 } };
let test: Digits;
let fresh: Digits;
let generations: Record<string, ReturnType<typeof zooGenerations>>;
let matrix: ResponseMatrix;
let informative: ReturnType<typeof informativeItems>;
let fit: TwoPlFit;

beforeAll(async () => {
  generations = Object.fromEntries(['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-contaminated'].map((id) => [id, zooGenerations(id)]));
  const under = await loadZooSource('mnist-64-undertrained');
  const int8 = await loadZooSource('mnist-64-int8');
  test = under.split('test') as Digits;
  fresh = under.split('fresh') as Digits;
  const models = [
    ...['mnist-16', 'mnist-32', 'mnist-64'].flatMap((id) => generations[id]!.map((g) => ({ name: g.name, parameters: g.parameters }))),
    { name: 'mnist-64-undertrained', parameters: under.parameters },
    { name: 'mnist-64-int8', parameters: int8.parameters },
  ];
  matrix = responseMatrix(models, test);
  informative = informativeItems(matrix);
  fit = fitTwoPlJoint(informative.matrix.responses, models.length, informative.matrix.items, { prior: PRIOR });
}, 120_000);

describe('model generations', () => {
  it('end at the zoo model itself, bit for bit (the training is deterministic)', async () => {
    const last = generations['mnist-32']!.at(-1)!.parameters;
    expect(buildMlp(last.layers, last.weights, last.biases)).toEqual((await loadZooSource('mnist-32')).bytes);
  });
});

describe('IRT on the zoo', () => {
  it('keeps only the items the models disagree on, and says how many it dropped', () => {
    const { allRight, allWrong } = informative;
    console.log(
      `response matrix: ${matrix.names.length} models x ${matrix.items} items; ${allRight} all right, ${allWrong} all wrong, ${informative.matrix.items} kept`,
    );
    expect(allRight + allWrong + informative.matrix.items).toBe(2000);
    expect(allRight).toBeGreaterThan(1000); // most digits every model gets right: they say nothing about who is better
    expect(informative.matrix.items).toBeGreaterThan(300);
  });

  it('fits a 2PL whose abilities order the models almost as their accuracy does', () => {
    expect(fit.converged).toBe(true);
    const right = matrix.names.map((_, i) =>
      informative.matrix.responses.subarray(i * informative.matrix.items, (i + 1) * informative.matrix.items).reduce((a, b) => a + b, 0),
    );
    const tau = kendallTau(
      fit.abilities.map((a) => a.theta),
      right,
    );
    console.log(`joint MAP fit: ${fit.iterations} iterations; Kendall tau (ability, items right) = ${tau.toFixed(3)}`);
    expect(tau).toBeGreaterThan(0.85);
    // Harder digits get higher difficulty: the items the first generation of the narrowest model misses are harder on average.
    const first = informative.matrix.responses.subarray(0, informative.matrix.items);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const b = fit.items.map((i) => i.b);
    expect(mean(b.filter((_, j) => !first[j]))).toBeGreaterThan(mean(b.filter((_, j) => first[j])));
  });

  it('adaptive testing: closer to the full-set ranking than random items at 5 and 10 items; no exact ranking within 60, failing on close pairs', () => {
    const full = fit.abilities.map((a) => a.theta);
    const adaptive = adaptiveRanking(fit.items, informative.matrix.responses, matrix.names, full, 60);
    const random = adaptiveRanking(fit.items, informative.matrix.responses, matrix.names, full, 60, { by: 'random', seed: 5 });
    const at = (r: typeof adaptive, k: number) => r.tauByLength[k - 1]!;
    console.log(
      `tau with the full-set ranking after 5/10/30/60 items: adaptive ${[5, 10, 30, 60].map((k) => at(adaptive, k).toFixed(3)).join('/')}, random ${[5, 10, 30, 60].map((k) => at(random, k).toFixed(3)).join('/')}; exact ranking reached after ${adaptive.itemsToFullRanking ?? 'never (within 60)'}; ${adaptive.misordered.length} pairs misordered at 60, smallest ability gap ${Math.min(...adaptive.misordered.map((m) => Math.abs(m.thetaA - m.thetaB))).toFixed(3)}`,
    );
    // Measured: adaptive 0.812/0.871/0.852/0.871, random 0.474/0.643/0.852/0.911 after 5/10/30/60. The adaptive
    // test wins early and then plateaus (it keeps asking the items that split the leaders); by 30 items a random
    // order has caught up, by 60 it is ahead. Only the early win is asserted: it is the claim the lesson makes.
    expect(at(adaptive, 5)).toBeGreaterThan(at(random, 5) + 0.1);
    expect(at(adaptive, 10)).toBeGreaterThan(at(random, 10) + 0.1);
    expect(adaptive.itemsToFullRanking).toBeNull();
    // Where it fails: the pairs it still misorders are close in ability.
    const gaps = adaptive.misordered.map((m) => Math.abs(m.thetaA - m.thetaB));
    const allGaps = full.flatMap((x, i) => full.slice(i + 1).map((y) => Math.abs(x - y)));
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeLessThan(allGaps.reduce((a, b) => a + b, 0) / allGaps.length / 2);
  });
});

describe('memorisation: the contaminated model and its clean twin', () => {
  it('leads on the static test set it trained on, and not on fresh rotating sets', async () => {
    const clean = await loadZooSource('mnist-64');
    const cont = await loadZooSource('mnist-64-contaminated');
    const report = memorisationReport(
      {
        clean: { test: correctOn(clean.parameters, test), fresh: correctOn(clean.parameters, fresh) },
        contaminated: { test: correctOn(cont.parameters, test), fresh: correctOn(cont.parameters, fresh) },
      },
      { rotations: 5, count: 300, seed: 1 },
    );
    const s = report.static;
    console.log(
      `static: clean ${s.clean.toFixed(4)}, contaminated ${s.contaminated.toFixed(4)}, advantage ${s.advantage.value.toFixed(4)} [${s.advantage.ci95.map((x) => x.toFixed(4)).join(', ')}]; rotating (300 fresh digits each): ${report.rotations.map((r) => `${r.advantage.value.toFixed(3)} [${r.advantage.ci95.map((x) => x.toFixed(3)).join(', ')}]`).join('; ')}`,
    );
    expect(s.advantage.ci95[0]).toBeGreaterThan(0.03); // a real static advantage: measured 0.052 [0.042, 0.063]
    for (const r of report.rotations) {
      expect(r.advantage.ci95[0]).toBeLessThanOrEqual(0); // each rotation's interval includes no advantage
      expect(Math.abs(r.advantage.value)).toBeLessThan(s.advantage.value / 2);
    }
  });

  it('saturates the static set over generations while fresh accuracy levels off', () => {
    const acc = (c: Uint8Array) => c.reduce((a, b) => a + b, 0) / c.length;
    const rows = generations['mnist-64-contaminated']!.map((g, k) => ({
      epoch: g.epoch,
      staticAcc: acc(correctOn(g.parameters, test)),
      freshAcc: acc(correctOn(g.parameters, fresh)),
      cleanStatic: acc(correctOn(generations['mnist-64']![k]!.parameters, test)),
    }));
    console.log(
      `generation: static / fresh (contaminated), static (clean): ${rows.map((r) => `${r.epoch}: ${r.staticAcc.toFixed(3)}/${r.freshAcc.toFixed(3)}/${r.cleanStatic.toFixed(3)}`).join('; ')}`,
    );
    const last = rows.at(-1)!;
    expect(last.staticAcc).toBeGreaterThan(0.99);
    expect(last.staticAcc - last.freshAcc).toBeGreaterThan(0.03);
    expect(rows[0]!.staticAcc - rows[0]!.freshAcc).toBeLessThan(0.01); // after one epoch the gap has not opened yet
  });
});
