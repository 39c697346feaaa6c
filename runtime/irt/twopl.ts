import { gaussHermiteNormal } from './quadrature.ts';

/**
 * The two-parameter logistic IRT model: P(right | ability theta) = 1 / (1 + exp(-a (theta - b))),
 * a = discrimination, b = difficulty. Fitted by marginal maximum likelihood with the EM algorithm of
 * Bock & Aitkin (1981): abilities integrated out over a standard normal by Gauss-Hermite quadrature
 * (21 nodes by default, as R's ltm), the M-step a Newton-Raphson fit per item in the slope-intercept
 * form logit = a theta + c (concave, so each step is safe), b = -c / a. Optional priors (log a ~ normal,
 * b ~ normal) make it Bayes modal (MAP) estimation, as BILOG does: needed when an item is answered
 * right by (almost) every respondent, where the maximum likelihood b runs off to minus infinity.
 * Abilities are expected a posteriori (EAP) with their posterior SD.
 * Non-convergence is reported (converged: false, with the iteration count), never hidden.
 */
export interface TwoPlItem {
  a: number;
  b: number;
}

export interface TwoPlFit {
  items: TwoPlItem[];
  /** EAP ability and posterior SD per respondent. */
  abilities: { theta: number; sd: number }[];
  /** Marginal log-likelihood (without the priors). */
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Largest change of any a or b in the last iteration. */
  lastChange: number;
  method: string;
}

export interface TwoPlOptions {
  nodes?: number;
  maxIterations?: number;
  /** Stop when no a or b moves more than this in an iteration. */
  tolerance?: number;
  /** Priors for MAP; left out: plain maximum likelihood. */
  prior?: { logA: { mean: number; sd: number }; b: { mean: number; sd: number } };
  /** Per-respondent weights (pattern counts); 1 each when left out. */
  weights?: ArrayLike<number>;
}

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Fits the 2PL to responses: rows = respondents, `items` columns, 1 right, 0 wrong. */
export function fitTwoPl(responses: ArrayLike<number>, respondents: number, items: number, options: TwoPlOptions = {}): TwoPlFit {
  if (responses.length !== respondents * items) throw new Error(`fitTwoPl: ${respondents} x ${items} responses needed, got ${responses.length}`);
  if (respondents < 2 || items < 2) throw new Error(`fitTwoPl: needs at least 2 respondents and 2 items, got ${respondents} x ${items}`);
  for (let k = 0; k < responses.length; k++) {
    const x = responses[k];
    if (x !== 0 && x !== 1) throw new Error(`fitTwoPl: response ${Math.floor(k / items)}, item ${k % items} is ${x}; responses are 0 or 1`);
  }
  const Q = options.nodes ?? 21;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-5;
  const { nodes, weights } = gaussHermiteNormal(Q);
  const rw = options.weights ?? new Float64Array(respondents).fill(1);
  const a = new Float64Array(items).fill(1);
  const c = new Float64Array(items);
  // Start c from each item's proportion right (logit), shrunk off 0 and 1.
  for (let j = 0; j < items; j++) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < respondents; i++) {
      s += rw[i]! * responses[i * items + j]!;
      n += rw[i]!;
    }
    const p = (s + 0.5) / (n + 1);
    c[j] = Math.log(p / (1 - p));
  }
  const post = new Float64Array(respondents * Q);
  const nq = new Float64Array(Q);
  const rq = new Float64Array(items * Q);
  let logLik = -Infinity;
  let iterations = 0;
  let converged = false;
  let lastChange = Infinity;

  const eStep = (): number => {
    nq.fill(0);
    rq.fill(0);
    let ll = 0;
    const logP = new Float64Array(items * Q);
    const log1mP = new Float64Array(items * Q);
    for (let j = 0; j < items; j++)
      for (let q = 0; q < Q; q++) {
        const z = a[j]! * nodes[q]! + c[j]!;
        // log sigmoid(z) and log(1 - sigmoid(z)), stable for large |z|.
        logP[j * Q + q] = -Math.log1p(Math.exp(-Math.abs(z))) + Math.min(0, z);
        log1mP[j * Q + q] = -Math.log1p(Math.exp(-Math.abs(z))) + Math.min(0, -z);
      }
    for (let i = 0; i < respondents; i++) {
      let max = -Infinity;
      for (let q = 0; q < Q; q++) {
        let l = Math.log(weights[q]!);
        for (let j = 0; j < items; j++) l += responses[i * items + j] ? logP[j * Q + q]! : log1mP[j * Q + q]!;
        post[i * Q + q] = l;
        if (l > max) max = l;
      }
      let sum = 0;
      for (let q = 0; q < Q; q++) {
        post[i * Q + q] = Math.exp(post[i * Q + q]! - max);
        sum += post[i * Q + q]!;
      }
      ll += rw[i]! * (max + Math.log(sum));
      for (let q = 0; q < Q; q++) {
        post[i * Q + q]! /= sum;
        const p = post[i * Q + q]!;
        const wp = rw[i]! * p;
        nq[q]! += wp;
        for (let j = 0; j < items; j++) if (responses[i * items + j]) rq[j * Q + q]! += wp;
      }
    }
    return ll;
  };

  for (iterations = 1; iterations <= maxIterations; iterations++) {
    logLik = eStep();
    lastChange = 0;
    for (let j = 0; j < items; j++) {
      const before = { a: a[j]!, b: -c[j]! / a[j]! };
      const next = fitItem(nodes, nq, rq.subarray(j * Q, (j + 1) * Q), a[j]!, c[j]!, options.prior);
      a[j] = next.a;
      c[j] = next.c;
      lastChange = Math.max(lastChange, Math.abs(a[j]! - before.a), Math.abs(-c[j]! / a[j]! - before.b));
    }
    if (lastChange < tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged) iterations = maxIterations;
  logLik = eStep();

  const abilities = [];
  for (let i = 0; i < respondents; i++) {
    let m = 0;
    let m2 = 0;
    for (let q = 0; q < Q; q++) {
      m += post[i * Q + q]! * nodes[q]!;
      m2 += post[i * Q + q]! * nodes[q]! ** 2;
    }
    abilities.push({ theta: m, sd: Math.sqrt(Math.max(0, m2 - m * m)) });
  }
  return {
    items: Array.from({ length: items }, (_, j) => ({ a: a[j]!, b: -c[j]! / a[j]! })),
    abilities,
    logLik,
    iterations,
    converged,
    lastChange,
    method: `marginal maximum likelihood${options.prior ? ' with priors (MAP)' : ''} by EM (Bock & Aitkin 1981), ${Q}-node Gauss-Hermite quadrature, Newton-Raphson M-step; EAP abilities`,
  };
}

/**
 * One item's (a, c) by Newton-Raphson on sum_q [r_q log P(x_q) + (n_q - r_q) log(1 - P(x_q))] + log prior,
 * P(x) = sigmoid(a x + c): the M-step of the EM (x = quadrature nodes, n, r = expected counts) and the item
 * step of the joint fit (x = abilities, n = 1, r = responses).
 */
export function fitItem(
  x: ArrayLike<number>,
  n: ArrayLike<number>,
  r: ArrayLike<number>,
  a0: number,
  c0: number,
  prior: TwoPlOptions['prior'],
): { a: number; c: number } {
  const Q = x.length;
  let aj = a0;
  let cj = c0;
  for (let step = 0; step < 20; step++) {
    let ga = 0;
    let gc = 0;
    let haa = 0;
    let hac = 0;
    let hcc = 0;
    for (let q = 0; q < Q; q++) {
      const p = sigmoid(aj * x[q]! + cj);
      const resid = r[q]! - n[q]! * p;
      const wgt = n[q]! * p * (1 - p);
      ga += resid * x[q]!;
      gc += resid;
      haa -= wgt * x[q]! * x[q]!;
      hac -= wgt * x[q]!;
      hcc -= wgt;
    }
    if (prior) {
      // log a ~ N(mu, s): d/da = -(log a - mu) / (s^2 a) - 1 / a; b = -c / a ~ N(m, t).
      const { logA, b: pb } = prior;
      const la = Math.log(Math.max(aj, 1e-6));
      ga += -(la - logA.mean) / (logA.sd ** 2 * aj) - 1 / aj;
      haa += (-1 + (la - logA.mean)) / (logA.sd ** 2 * aj * aj) + 1 / (aj * aj);
      const bj = -cj / aj;
      const db = -(bj - pb.mean) / pb.sd ** 2; // d log prior / d b
      const dbb = -1 / pb.sd ** 2;
      // Chain rule through b(a, c) = -c / a: db/da = c / a^2, db/dc = -1 / a.
      const ba = cj / (aj * aj);
      const bc = -1 / aj;
      ga += db * ba;
      gc += db * bc;
      haa += dbb * ba * ba + (db * (-2 * cj)) / (aj * aj * aj);
      hac += dbb * ba * bc + db * (1 / (aj * aj));
      hcc += dbb * bc * bc;
    }
    const det = haa * hcc - hac * hac;
    if (!(det > 0) || !(haa < 0)) {
      // Not concave here (the lognormal prior is not, far out): a short step along the gradient, at most 0.1.
      const norm = Math.hypot(ga, gc);
      if (norm < 1e-12) break;
      aj = Math.max(1e-3, aj + (0.1 * ga) / norm);
      cj += (0.1 * gc) / norm;
      continue;
    }
    let da = (hcc * ga - hac * gc) / det;
    let dc = (haa * gc - hac * ga) / det;
    // Keep steps bounded and a positive (an item that falls with ability is not a test item).
    const size = Math.max(Math.abs(da), Math.abs(dc));
    if (size > 1) {
      da /= size;
      dc /= size;
    }
    aj = Math.max(1e-3, aj - da);
    cj -= dc;
    if (size < 1e-10) break;
  }
  return { a: aj, c: cj };
}

/**
 * Joint maximum a posteriori fit (abilities as parameters with a N(0, 1) prior, items with the priors
 * of `options.prior`, required): alternate one Newton step set per item and per respondent until
 * nothing moves more than the tolerance. Meant for few respondents and many items (the zoo: tens of
 * models, hundreds of items), where the marginal fit's posteriors are narrower than its quadrature
 * grid; like every joint fit, it is biased for short tests, so it is for ranking, not for calibration.
 */
export function fitTwoPlJoint(
  responses: ArrayLike<number>,
  respondents: number,
  items: number,
  options: TwoPlOptions & { prior: NonNullable<TwoPlOptions['prior']> },
): TwoPlFit {
  if (responses.length !== respondents * items) throw new Error(`fitTwoPlJoint: ${respondents} x ${items} responses needed, got ${responses.length}`);
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.tolerance ?? 1e-4;
  const theta = new Float64Array(respondents);
  // Start abilities from the standardised share right.
  for (let i = 0; i < respondents; i++) {
    let s = 0;
    for (let j = 0; j < items; j++) s += responses[i * items + j]!;
    theta[i] = (s + 0.5) / (items + 1);
  }
  standardise(theta);
  const a = new Float64Array(items).fill(1);
  const c = new Float64Array(items);
  const ones = new Float64Array(respondents).fill(1);
  const column = new Float64Array(respondents);
  let iterations = 0;
  let converged = false;
  let lastChange = Infinity;
  for (iterations = 1; iterations <= maxIterations; iterations++) {
    lastChange = 0;
    for (let j = 0; j < items; j++) {
      for (let i = 0; i < respondents; i++) column[i] = responses[i * items + j]!;
      const before = -c[j]! / a[j]!;
      const next = fitItem(theta, ones, column, a[j]!, c[j]!, options.prior);
      lastChange = Math.max(lastChange, Math.abs(next.a - a[j]!), Math.abs(-next.c / next.a - before));
      a[j] = next.a;
      c[j] = next.c;
    }
    for (let i = 0; i < respondents; i++) {
      let t = theta[i]!;
      for (let step = 0; step < 20; step++) {
        let g = -t;
        let h = -1;
        for (let j = 0; j < items; j++) {
          const p = sigmoid(a[j]! * t + c[j]!);
          g += a[j]! * (responses[i * items + j]! - p);
          h -= a[j]! * a[j]! * p * (1 - p);
        }
        const d = Math.max(-1, Math.min(1, g / h));
        t -= d;
        if (Math.abs(d) < 1e-10) break;
      }
      lastChange = Math.max(lastChange, Math.abs(t - theta[i]!));
      theta[i] = t;
    }
    if (lastChange < tolerance) {
      converged = true;
      break;
    }
  }
  if (!converged) iterations = maxIterations;
  let logLik = 0;
  const abilities = [];
  for (let i = 0; i < respondents; i++) {
    let info = 1;
    for (let j = 0; j < items; j++) {
      const p = sigmoid(a[j]! * theta[i]! + c[j]!);
      logLik += responses[i * items + j] ? Math.log(p) : Math.log(1 - p);
      info += a[j]! * a[j]! * p * (1 - p);
    }
    abilities.push({ theta: theta[i]!, sd: 1 / Math.sqrt(info) });
  }
  return {
    items: Array.from({ length: items }, (_, j) => ({ a: a[j]!, b: -c[j]! / a[j]! })),
    abilities,
    logLik,
    iterations,
    converged,
    lastChange,
    method: 'joint maximum a posteriori (abilities N(0, 1), log a and b normal priors), alternating Newton-Raphson steps per item and per respondent',
  };
}

function standardise(x: Float64Array): void {
  let m = 0;
  for (const v of x) m += v;
  m /= x.length;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  s = Math.sqrt(s / x.length) || 1;
  for (let i = 0; i < x.length; i++) x[i] = (x[i]! - m) / s;
}

/** P(right) under the 2PL. */
export function probability(item: TwoPlItem, theta: number): number {
  return sigmoid(item.a * (theta - item.b));
}

/** Fisher information of an item at theta: a^2 P (1 - P). */
export function information(item: TwoPlItem, theta: number): number {
  const p = probability(item, theta);
  return item.a * item.a * p * (1 - p);
}
