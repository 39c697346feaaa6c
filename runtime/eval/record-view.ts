/**
 * An evaluation's numbers read back from a result record's flat `quality` (written by task-run.ts:
 * `<metric>`, `<metric>:ci95-low/high`, `confusion:<true>:<predicted>`, `calibration:<bin>:...`,
 * `slice:<name>:accuracy/items`), for the result views and the CLI. Pure.
 */
export interface EvaluationView {
  items: number;
  /** Top-level metrics (accuracy, f1-macro, ...) with their intervals, in the record's order. */
  metrics: { name: string; value: number; ci95?: [number, number] }[];
  /** Per-class metrics (`f1:3`), same shape. */
  perClass: { name: string; value: number; ci95?: [number, number] }[];
  /** cm[true][predicted], or null when the record has none. */
  confusion: number[][] | null;
  calibration: { bin: number; items: number; accuracy?: number; confidence?: number }[];
  /** Each slice's accuracy, items, and its bootstrap interval where the record has one (`slice:<name>:accuracy:ci95-low/high`). */
  slices: { name: string; accuracy: number; items: number; ci95?: [number, number] }[];
  /** The robustness curve (`robustness:<strength>:...`), or null when the run made none. */
  robustness: { kind: string; points: { strength: number; value: number; ci95: [number, number] }[] } | null;
}

/** Whether a record's quality is an evaluation's (and not, say, mnist-mlp's lone accuracy). */
export function isEvaluationQuality(q: Record<string, number> | undefined): boolean {
  return !!q && Object.keys(q).some((k) => k.startsWith('confusion:'));
}

export function readEvaluation(q: Record<string, number>): EvaluationView {
  const metrics: EvaluationView['metrics'] = [];
  const perClass: EvaluationView['perClass'] = [];
  const cells: [number, number, number][] = [];
  const bins = new Map<number, EvaluationView['calibration'][number]>();
  const slices = new Map<string, { name: string; accuracy: number; items: number }>();
  let robustKind: string | undefined;
  const points = new Map<number, { strength: number; value: number; ci95: [number, number] }>();
  for (const [key, value] of Object.entries(q)) {
    const parts = key.split(':');
    // The dynamic-benchmark options have their own readers (readIrt, readMemorisation).
    if (parts[0] === 'irt' || parts[0] === 'memorisation') continue;
    if (parts[0] === 'robustness' && parts.length === 3) {
      if (parts[1] === 'kind') robustKind = parts[2];
      else {
        const strength = Number(parts[1]);
        const p = points.get(strength) ?? { strength, value: 0, ci95: [0, 0] as [number, number] };
        if (parts[2] === 'accuracy') p.value = value;
        else if (parts[2] === 'ci95-low') p.ci95[0] = value;
        else if (parts[2] === 'ci95-high') p.ci95[1] = value;
        points.set(strength, p);
      }
    } else if (parts[0] === 'confusion' && parts.length === 3) cells.push([Number(parts[1]), Number(parts[2]), value]);
    else if (parts[0] === 'calibration' && parts.length === 3) {
      const bin = Number(parts[1]);
      const b = bins.get(bin) ?? { bin, items: 0 };
      if (parts[2] === 'items') b.items = value;
      else if (parts[2] === 'accuracy') b.accuracy = value;
      else if (parts[2] === 'confidence') b.confidence = value;
      bins.set(bin, b);
    } else if (parts[0] === 'slice' && parts.length === 3) {
      const s = slices.get(parts[1]!) ?? { name: parts[1]!, accuracy: 0, items: 0 };
      if (parts[2] === 'accuracy') s.accuracy = value;
      else if (parts[2] === 'items') s.items = value;
      slices.set(parts[1]!, s);
    } else if (key.endsWith(':ci95-low') || key.endsWith(':ci95-high') || key === 'items') continue;
    else {
      const lo = q[`${key}:ci95-low`];
      const hi = q[`${key}:ci95-high`];
      const entry = { name: key, value, ...(lo !== undefined && hi !== undefined ? { ci95: [lo, hi] as [number, number] } : {}) };
      (key.includes(':') ? perClass : metrics).push(entry);
    }
  }
  let confusion: number[][] | null = null;
  if (cells.length) {
    const k = Math.max(...cells.map(([t, p]) => Math.max(t, p))) + 1;
    confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (const [t, p, v] of cells) confusion[t]![p] = v;
  }
  return {
    items: q.items ?? 0,
    metrics,
    perClass,
    confusion,
    calibration: [...bins.values()].sort((a, b) => a.bin - b.bin),
    slices: [...slices.values()].map((s) => {
      const lo = q[`slice:${s.name}:accuracy:ci95-low`];
      const hi = q[`slice:${s.name}:accuracy:ci95-high`];
      return lo !== undefined && hi !== undefined ? { ...s, ci95: [lo, hi] as [number, number] } : s;
    }),
    robustness: robustKind ? { kind: robustKind, points: [...points.values()].sort((a, b) => a.strength - b.strength) } : null,
  };
}

/** An evaluation's IRT numbers (`irt:...`, written by dynamic-run.ts), or null when the run fitted none. */
export interface IrtView {
  respondents: { name: string; accuracy: number; ability: number; abilitySd: number }[];
  items: { kept: number; allRight: number; allWrong: number };
  converged: boolean;
  iterations: number;
  tauAbilityAccuracy: number;
  /** A few items (by their index in the split), easy to hard. */
  sampleItems: { item: number; a: number; b: number }[];
  maxItems: number;
  randomOrders: number;
  /** Kendall tau with the full-set ranking after k items, adaptive and the mean of the random orders. */
  tau: { at: number; adaptive: number; random: number }[];
  fullRankingAfter: number | null;
  misordered: { a: string; b: string; gap: number }[];
  /** The adaptive test of one model (the task's), step by step. */
  trace: { name: string; steps: { theta: number; sd: number }[] } | null;
}

export function readIrt(q: Record<string, number> | undefined): IrtView | null {
  if (!q || q['irt:respondents'] === undefined) return null;
  const respondents = new Map<string, IrtView['respondents'][number]>();
  const items = new Map<number, { item: number; a: number; b: number }>();
  const tau = new Map<number, { at: number; adaptive: number; random: number }>();
  const steps = new Map<number, { theta: number; sd: number }>();
  const misordered: IrtView['misordered'] = [];
  let traced: string | undefined;
  for (const [key, value] of Object.entries(q)) {
    const p = key.split(':');
    if (p[0] !== 'irt') continue;
    if (p[1] === 'respondent' && p.length === 4) {
      const r = respondents.get(p[2]!) ?? { name: p[2]!, accuracy: 0, ability: 0, abilitySd: 0 };
      if (p[3] === 'accuracy') r.accuracy = value;
      else if (p[3] === 'ability') r.ability = value;
      else if (p[3] === 'ability-sd') r.abilitySd = value;
      respondents.set(p[2]!, r);
    } else if (p[1] === 'item' && p.length === 4) {
      const it = items.get(Number(p[2])) ?? { item: Number(p[2]), a: 0, b: 0 };
      if (p[3] === 'a') it.a = value;
      else if (p[3] === 'b') it.b = value;
      items.set(it.item, it);
    } else if (p[1] === 'tau' && p.length === 4) {
      const t = tau.get(Number(p[2])) ?? { at: Number(p[2]), adaptive: 0, random: 0 };
      if (p[3] === 'adaptive') t.adaptive = value;
      else if (p[3] === 'random') t.random = value;
      tau.set(t.at, t);
    } else if (p[1] === 'trace' && p.length === 4) {
      const s = steps.get(Number(p[2])) ?? { theta: 0, sd: 0 };
      if (p[3] === 'theta') s.theta = value;
      else if (p[3] === 'sd') s.sd = value;
      steps.set(Number(p[2]), s);
    } else if (p[1] === 'misordered' && p.length === 4) misordered.push({ a: p[2]!, b: p[3]!, gap: value });
    else if (p[1] === 'trace-of' && p.length === 3) traced = p[2];
  }
  const byKey = <T>(m: Map<number, T>) => [...m.entries()].sort((x, y) => x[0] - y[0]).map(([, v]) => v);
  return {
    respondents: [...respondents.values()],
    items: { kept: q['irt:items:kept'] ?? 0, allRight: q['irt:items:all-right'] ?? 0, allWrong: q['irt:items:all-wrong'] ?? 0 },
    converged: q['irt:converged'] === 1,
    iterations: q['irt:iterations'] ?? 0,
    tauAbilityAccuracy: q['irt:tau-ability-accuracy'] ?? 0,
    sampleItems: [...items.values()].sort((x, y) => x.b - y.b),
    maxItems: q['irt:max-items'] ?? 0,
    randomOrders: q['irt:random-orders'] ?? 0,
    tau: byKey(tau),
    fullRankingAfter: q['irt:full-ranking-after'] ?? null,
    misordered,
    trace: traced ? { name: traced, steps: byKey(steps) } : null,
  };
}

/** An evaluation's memorisation numbers (`memorisation:...`), or null when the run made none. */
export interface MemorisationView {
  model: string;
  twin: string;
  /** The static set first, then each rotating set. */
  sets: { set: string; items: number; seed?: number; model: number; twin: number; advantage: { value: number; ci95: [number, number] } }[];
}

export function readMemorisation(q: Record<string, number> | undefined): MemorisationView | null {
  if (!q) return null;
  let model: string | undefined;
  let twin: string | undefined;
  const sets = new Map<string, MemorisationView['sets'][number]>();
  for (const [key, value] of Object.entries(q)) {
    const p = key.split(':');
    if (p[0] !== 'memorisation') continue;
    if (p[1] === 'model' && p.length === 3) model = p[2];
    else if (p[1] === 'twin' && p.length === 3) twin = p[2];
    else {
      // memorisation:static:<field> or memorisation:rotation:<k>:<field>
      const name = p[1] === 'static' ? 'static' : `rotation ${p[2]}`;
      const field = p.at(-1)!;
      const s = sets.get(name) ?? { set: name, items: 0, model: 0, twin: 0, advantage: { value: 0, ci95: [0, 0] as [number, number] } };
      if (field === 'model') s.model = value;
      else if (field === 'twin') s.twin = value;
      else if (field === 'items') s.items = value;
      else if (field === 'seed') s.seed = value;
      else if (field === 'advantage') s.advantage.value = value;
      else if (field === 'advantage-ci95-low') s.advantage.ci95[0] = value;
      else if (field === 'advantage-ci95-high') s.advantage.ci95[1] = value;
      sets.set(name, s);
    }
  }
  if (!model || !twin) return null;
  return { model, twin, sets: [...sets.values()] };
}
