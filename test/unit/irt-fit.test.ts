import { describe, expect, it } from 'vitest';
import { adaptiveTest, eap } from '../../runtime/irt/adaptive.ts';
import { gaussHermiteNormal } from '../../runtime/irt/quadrature.ts';
import { correlation, kendallTau, simulateTwoPl } from '../../runtime/irt/simulate.ts';
import { fitTwoPl, fitTwoPlJoint, information } from '../../runtime/irt/twopl.ts';

/**
 * LSAT Section 6 (Bock & Lieberman 1970): 1000 examinees, 5 items, as 32 response patterns. The counts are
 * the OpenBUGS "LSAT" example's (stan-dev/example-models, bugs_examples/vol1/lsat/lsat.data.json, `culm`
 * as cumulative counts), the same data as R's ltm::LSAT.
 * Reference: R's ltm (Rizopoulos 2006, J. Stat. Softw. 17(5)), `ltm(LSAT ~ z1, IRT.param = TRUE)`, 21-point
 * Gauss-Hermite, BFGS, as printed by summary()/coef() (e.g. https://geeksrepos.com/kdavis91/2PL-and-3PL-Dichotomous-Item-response-theory-model):
 *   Dffclt -3.3597341 -1.3696497 -0.2798983 -1.8659189 -3.1235725
 *   Dscrmn  0.8253715  0.7229499  0.8904748  0.6885502  0.6574516     log.Lik -2466.653
 */
const CULM = [
  3, 9, 11, 22, 23, 24, 27, 31, 32, 40, 40, 56, 56, 59, 61, 76, 86, 115, 129, 210, 213, 241, 256, 336, 352, 408, 429, 602, 613, 674, 702, 1000,
];
const LTM = {
  b: [-3.3597341, -1.3696497, -0.2798983, -1.8659189, -3.1235725],
  a: [0.8253715, 0.7229499, 0.8904748, 0.6885502, 0.6574516],
  logLik: -2466.653,
};

function lsat() {
  const responses: number[] = [];
  const weights: number[] = [];
  CULM.forEach((c, p) => {
    responses.push(...[4, 3, 2, 1, 0].map((k) => (p >> k) & 1));
    weights.push(c - (p ? CULM[p - 1]! : 0));
  });
  return { responses, weights };
}

describe('Gauss-Hermite quadrature for a standard normal', () => {
  it('integrates the moments of N(0, 1) exactly up to degree 2n - 1', () => {
    const { nodes, weights } = gaussHermiteNormal(21);
    const moment = (k: number) => nodes.reduce((s, x, i) => s + weights[i]! * x ** k, 0);
    expect(moment(0)).toBeCloseTo(1, 12);
    expect(moment(1)).toBeCloseTo(0, 12);
    expect(moment(2)).toBeCloseTo(1, 12);
    expect(moment(4)).toBeCloseTo(3, 10);
    expect(moment(6)).toBeCloseTo(15, 8);
    expect(() => gaussHermiteNormal(1)).toThrow(/n must be a whole number from 2 to 100/);
  });
});

describe('2PL by marginal maximum likelihood (EM)', () => {
  it("reproduces R ltm's printed estimates on the LSAT data (Bock & Lieberman 1970)", () => {
    const { responses, weights } = lsat();
    expect(weights.reduce((a, b) => a + b, 0)).toBe(1000);
    const fit = fitTwoPl(responses, 32, 5, { weights, tolerance: 1e-7, maxIterations: 5000 });
    expect(fit.converged).toBe(true);
    fit.items.forEach((item, j) => {
      // ltm stops at max |grad| 0.024 (its printout): agreement to about 1e-3, which the printed 3 decimals show.
      expect(Math.abs(item.b - LTM.b[j]!), `b${j + 1}`).toBeLessThan(0.005);
      expect(Math.abs(item.a - LTM.a[j]!), `a${j + 1}`).toBeLessThan(0.002);
    });
    expect(fit.logLik).toBeCloseTo(LTM.logLik, 2);
    expect(fit.method).toMatch(/marginal maximum likelihood by EM .*21-node Gauss-Hermite/);
  });

  it('recovers simulated parameters (1000 respondents, 20 items): r(a) > 0.9, r(b) > 0.99, r(theta) > 0.9', () => {
    const sim = simulateTwoPl(1000, 20, 42);
    const fit = fitTwoPl(sim.responses, 1000, 20);
    expect(fit.converged).toBe(true);
    const r = {
      a: correlation(
        sim.items.map((i) => i.a),
        fit.items.map((i) => i.a),
      ),
      b: correlation(
        sim.items.map((i) => i.b),
        fit.items.map((i) => i.b),
      ),
      theta: correlation(
        sim.thetas,
        fit.abilities.map((t) => t.theta),
      ),
    };
    // Measured: r(a) 0.937, r(b) 0.997, r(theta) 0.910 (seed 42).
    expect(r.a).toBeGreaterThan(0.9);
    expect(r.b).toBeGreaterThan(0.99);
    expect(r.theta).toBeGreaterThan(0.9);
  });

  it('says when it does not converge, with the iteration count, instead of returning as if it had', () => {
    const sim = simulateTwoPl(200, 10, 1);
    const fit = fitTwoPl(sim.responses, 200, 10, { maxIterations: 3 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(3);
    expect(fit.lastChange).toBeGreaterThan(1e-5);
    for (const item of fit.items) expect(Number.isFinite(item.a) && Number.isFinite(item.b)).toBe(true);
  });

  it('refuses responses that are not 0 or 1, and sizes that disagree', () => {
    expect(() => fitTwoPl([0, 1, 2, 0], 2, 2)).toThrow(/response 1, item 0 is 2; responses are 0 or 1/);
    expect(() => fitTwoPl([0, 1, 1], 2, 2)).toThrow(/2 x 2 responses needed, got 3/);
  });
});

describe('2PL by joint MAP (few respondents, many items: the zoo)', () => {
  it('recovers abilities almost exactly and difficulties well from 30 respondents x 400 items; discriminations only roughly', () => {
    const sim = simulateTwoPl(30, 400, 42);
    const fit = fitTwoPlJoint(sim.responses, 30, 400, { prior: { logA: { mean: 0, sd: 0.5 }, b: { mean: 0, sd: 2 } } });
    expect(fit.converged).toBe(true);
    // Measured: r(theta) 0.995, r(b) 0.911, r(a) 0.509: 30 respondents say little about each item's slope.
    expect(
      correlation(
        sim.thetas,
        fit.abilities.map((t) => t.theta),
      ),
    ).toBeGreaterThan(0.99);
    expect(
      correlation(
        sim.items.map((i) => i.b),
        fit.items.map((i) => i.b),
      ),
    ).toBeGreaterThan(0.88);
    expect(
      correlation(
        sim.items.map((i) => i.a),
        fit.items.map((i) => i.a),
      ),
    ).toBeGreaterThan(0.4);
  });
});

describe('adaptive testing', () => {
  it('gives the most informative item at the current estimate first, and its EAP moves towards the answers', () => {
    const items = [
      { a: 1, b: -2 },
      { a: 2, b: 0 },
      { a: 1, b: 2 },
    ];
    expect(information(items[1]!, 0)).toBeGreaterThan(information(items[0]!, 0));
    const trace = adaptiveTest(items, () => 1, 3);
    expect(trace[0]!.item).toBe(1);
    expect(trace[0]!.theta).toBeGreaterThan(0); // a right answer raises the estimate
    expect(trace[2]!.sd).toBeLessThan(trace[0]!.sd);
    expect(eap(items, []).theta).toBeCloseTo(0, 6);
    expect(() => adaptiveTest(items, () => 1, 4)).toThrow(/maxItems must be a whole number from 1 to 3/);
  });

  it('ranks simulated respondents better after 10 items chosen by information than after 10 random ones', () => {
    const sim = simulateTwoPl(40, 200, 7);
    const at = (order: Parameters<typeof adaptiveTest>[3]) =>
      Array.from({ length: 40 }, (_, i) => adaptiveTest(sim.items, (j) => (sim.responses[i * 200 + j] ? 1 : 0), 10, order)[9]!.theta);
    const adaptive = kendallTau(at({ by: 'information' }), sim.thetas);
    const random = kendallTau(at({ by: 'random', seed: 3 }), sim.thetas);
    expect(adaptive).toBeGreaterThan(random);
  });
});
