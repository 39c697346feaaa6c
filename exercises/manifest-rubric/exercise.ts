import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { MANIFEST_FIELDS, manifestGaps } from '../../runtime/results/manifest.ts';

/**
 * Interpretation: a generated result record (the shape `workbook run --out` writes, shortened) with some
 * fields dropped. The answer comes from the engine's manifest rubric (runtime/results/manifest.ts): the
 * missing fields that a rerun from the record alone, or its check, needs.
 */

export interface ManifestData {
  spec: string;
  target: string;
  /** The record as sent: a plain object with the dropped fields absent. */
  record: Record<string, unknown>;
}

const NEEDED = MANIFEST_FIELDS.filter((f) => f.needed).map((f) => f.field);
const OPTIONAL = MANIFEST_FIELDS.filter((f) => !f.needed).map((f) => f.field);
/** An option id of exercise.md for a record field: `samples.perIteration` -> `samples-per-iteration`. */
export const optionId = (field: string): string =>
  field.replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a}-${b.toLowerCase()}`).replace(/\./g, '-');
export const FIELD_OPTIONS = MANIFEST_FIELDS.map((f) => optionId(f.field));

const SPECS = [
  { id: 'reproduce-digits', target: 'browser-wasm', params: { batch: 100 }, seed: 5 },
  { id: 'zoo-quality', target: 'node-onnx', params: { model: 'mnist-32' }, seed: 5 },
  { id: 'matmul', target: 'browser-webgpu', params: { n: 256, variant: 'tiled' }, seed: 7 },
  { id: 'vector-add', target: 'js', params: { elements: 1048576 }, seed: 1 },
];

function unset(record: Record<string, unknown>, path: string) {
  const keys = path.split('.');
  let o = record;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  delete o[keys.at(-1)!];
}

/** The missing fields that block a rerun or its check, by the engine's rubric. */
export const blocking = (d: ManifestData): string[] =>
  manifestGaps(d.record)
    .filter((f) => f.needed)
    .map((f) => optionId(f.field));
/** Every rubric field missing from the record. */
export const missing = (d: ManifestData): string[] => manifestGaps(d.record).map((f) => optionId(f.field));

export default defineExerciseLogic<ManifestData>(({ parts }) => {
  const spec = parts[0]!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const s = r.pick(SPECS);
      const samples = Array.from({ length: r.int(24, 40) }, () => round(r.logNormal(r.uniform(0.05, 3), 0.08), 4));
      const record: Record<string, unknown> = {
        format: 'benchmark-carpentry/result',
        version: 1,
        spec: {
          id: s.id,
          title: `${s.id} (title)`,
          hash: `sha256:${Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join('')}`,
          source: { id: s.id },
        },
        parameters: s.params,
        seed: s.seed,
        target: s.target,
        startedAt: `2026-11-${String(r.int(10, 28)).padStart(2, '0')}T${String(r.int(8, 20)).padStart(2, '0')}:15:00.000Z`,
        timing: { stoppedBecause: r.pick(['converged', 'time cap reached']), timerResolutionMs: 0.005 },
        samples: { unit: 'ms', perIteration: samples },
        statistics: { n: samples.length, median: [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] },
        environment: {
          host: {
            kind: s.target.startsWith('browser') ? 'browser' : 'node',
            cpu: r.pick(['AMD EPYC', 'Intel Core i7-1260P', 'Apple M2']),
            logicalCores: r.pick([4, 8, 12]),
          },
          // No backend name here: `target` is the record's one place that says where it ran, so a missing
          // target cannot be read off another field (the hint says recomputable fields do not block).
          target: { version: r.pick(['1.30.0', '1.29.1']), threads: r.pick([1, 2, 4]) },
        },
      };
      // Two or three needed fields and one or two that are not: ticking every missing field is then wrong.
      for (const f of [...r.sample(NEEDED, r.int(2, 3)), ...r.sample(OPTIONAL, r.int(1, 2))]) unset(record, f);
      return { spec: s.id, target: s.target, record };
    },
    render({ data }) {
      const shown = (v: unknown, field: string): string => {
        if (field === 'spec.source') return '(the spec as run: task, infrastructure, datasets, metrics, constraints)';
        if (field === 'samples.perIteration') return `(${(v as number[]).length} samples, ms)`;
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
      };
      const rows: [string, string][] = [];
      const walk = (o: Record<string, unknown>, prefix: string) => {
        for (const [k, v] of Object.entries(o)) {
          const path = prefix ? `${prefix}.${k}` : k;
          const leaf =
            path === 'spec.source' ||
            path === 'samples.perIteration' ||
            path.startsWith('environment.') ||
            path === 'parameters' ||
            path === 'statistics';
          if (!leaf && v && typeof v === 'object' && !Array.isArray(v)) walk(v as Record<string, unknown>, path);
          else rows.push([path, shown(v, path)]);
        }
      };
      walk(data.record, '');
      return {
        values: { spec: data.spec },
        tables: [{ id: 'record', caption: 'The record as sent: every field it still has', columns: ['field', 'value'], rows }],
      };
    },
    async check({ data }, answers) {
      const gone = new Set(missing(data));
      const why: Record<string, string> = {};
      for (const f of MANIFEST_FIELDS) {
        if (!gone.has(optionId(f.field))) why[optionId(f.field)] = 'A field you ticked is still in the record: look it up in the table again.';
        else if (!f.needed) why[optionId(f.field)] = `A missing field you ticked does not block anything: ${f.why}.`;
      }
      return gradeParts(answers, {
        missing: (a) =>
          checkChoice(a, spec, blocking(data), {
            why,
            wrong: 'For each missing field, ask whether `workbook rerun` could start without it and whether the diff could still check the rerun.',
          }),
      });
    },
  };
});
