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
  slices: { name: string; accuracy: number; items: number }[];
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
    slices: [...slices.values()],
    robustness: robustKind ? { kind: robustKind, points: [...points.values()].sort((a, b) => a.strength - b.strength) } : null,
  };
}
