// Result records as the roofline reads them: the kernel task each ran (the spec in the record, with the run's
// parameters), its median and fastest time per iteration. Runs of other tasks, or whose spec no longer
// resolves, are left out, and the caller is told how many.
import { resolveSpec } from '../../../runtime/spec/resolve.ts';
import type { Spec } from '../../../runtime/spec/schema.ts';
import type { KernelTask } from '../../../runtime/spec/task.ts';
import type { ResultRecord } from '../../../runtime/results/record.ts';
import type { RooflineRun } from '../../../runtime/kernels/roofline.ts';

/** The kernel task of a record, or null when it ran something else or its spec cannot be resolved again. */
export function kernelTaskOf(r: ResultRecord): KernelTask | null {
  try {
    const params = Object.fromEntries(Object.entries(r.parameters).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as Record<
      string,
      string | number | boolean
    >;
    const task = resolveSpec(r.spec.source as Spec, params).task;
    return task.kind === 'kernel' ? task : null;
  } catch {
    return null;
  }
}

export function kernelLabel(t: KernelTask): string {
  return t.operation === 'matmul' ? `matmul ${t.variant ?? 'naive'}, n = ${t.size}` : `${t.operation}, ${t.size.toLocaleString('en')} elements`;
}

/** The records of one target as roofline runs, numbered in the order they were made. */
export function rooflineRuns(records: readonly ResultRecord[], target: string): RooflineRun[] {
  const out: RooflineRun[] = [];
  for (const r of records) {
    if (r.target !== target) continue;
    const task = kernelTaskOf(r);
    if (!task || !(r.statistics.min > 0)) continue;
    out.push({ label: kernelLabel(task), task, medianMs: r.statistics.median, minMs: r.statistics.min });
  }
  return out;
}
