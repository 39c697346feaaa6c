/**
 * Gauss-Hermite quadrature for a standard normal ability: nodes x_k and weights w_k with
 * sum_k w_k f(x_k) ~ E[f(Z)], Z ~ N(0, 1). The physicists' rule (weight e^{-t^2}) by Newton's method on
 * the Hermite recurrence (Numerical Recipes' gauher), then x = sqrt(2) t and w = w / sqrt(pi).
 * Exact for polynomials of degree below 2n; ltm uses n = 21 by default.
 */
export function gaussHermiteNormal(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 2 || n > 100) throw new RangeError(`gaussHermiteNormal: n must be a whole number from 2 to 100, got ${n}`);
  const t = new Float64Array(n);
  const w = new Float64Array(n);
  const PIM4 = Math.PI ** -0.25;
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    // Initial guesses for the largest roots first.
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * t[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * t[1]!;
    else z = 2 * z - t[i - 2]!;
    let pp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    t[i] = z;
    t[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = Math.SQRT2 * t[n - 1 - i]!;
    weights[i] = w[n - 1 - i]! / Math.sqrt(Math.PI);
  }
  return { nodes, weights };
}
