import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { checkSpecRubric, get, type RubricItem } from '../../runtime/exercises/rubric.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { parse } from 'yaml';
import { PROBLEMS, type Problem, reportabilityProblems } from './rubric.ts';

/**
 * Interpretation: a spec for a native run on a machine the reader will never see; which reportability rules does
 * it break? The variant writes a spec with some of the rubric's items missing or wrong; the answer is what the
 * rubric (rubric.ts) finds in that text.
 */

export { reportabilityProblems } from './rubric.ts';

export interface RubricData {
  /** The spec as shown. */
  yaml: string;
}

const IMAGES = ['python', 'ubuntu', 'ghcr.io/bench-lab/runner', 'registry.example.org/team/onnx-bench', 'nvcr.io/example/inference'];
const TAGS = ['latest', '3.12', '24.04', '1.4.2', 'stable'];

export const correctOf = (d: RubricData): string[] => {
  const p = reportabilityProblems(d.yaml);
  return p.length === 0 ? ['none'] : p;
};

function writeSpec(r: ReturnType<typeof variantRandom>, broken: Set<Problem>): string {
  const elements = 2 ** r.int(18, 23);
  const hex = Array.from({ length: 64 }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
  const name = r.pick(IMAGES);
  const record = ['adapter', 'backend', 'threads', 'timer-resolution', 'host'].filter(
    (x) => !(x === 'host' && broken.has('no-host')) && !(x === 'backend' && broken.has('no-backend')),
  );
  const container = broken.has('no-container')
    ? ''
    : `  container:\n    image: ${broken.has('image-tag') ? `${name}:${r.pick(TAGS)}` : `${name}${r.chance(0.5) ? `:${r.pick(TAGS)}` : ''}@sha256:${hex}`}\n`;
  return `version: 2
id: copy-on-${r.pick(['edge-board', 'borrowed-gpu', 'simulator', 'cloud-node'])}-${r.int(10, 99)}
title: Copy bandwidth on a machine the reader will not see
description: One native run of a memory copy on a machine that readers of the report will never use.
task:
  kind: kernel
  operation: copy
  size: ${elements}
  dtype: float32
infrastructure:
  targets: [node-webgpu]
  record: [${record.join(', ')}]
${container}datasets:
  - name: source
    generated: { generator: uniform${broken.has('no-seed') ? '' : `, seed: ${r.int(1, 99)}`}, shape: [${elements}] }
metrics:
  - name: latency
    kind: latency
    unit: ms
    direction: lower
    aggregation: [median]
    definition: Wall time of one copy, from submitting it until it has finished.
  - name: bandwidth
    kind: gbps
    unit: GB/s
    direction: higher
    aggregation: [median]
    definition: Bytes moved per copy, 8 per element, divided by the latency.
constraints:
  scenario: single-stream
  warmup: 5
  min-samples: 30
  min-duration-ms: 2000
  max-duration-ms: 20000
`;
}

const RULE_LABEL: Record<Problem, string> = {
  'image-tag': 'The container image is pinned by its digest',
  'no-container': 'A container image pins the software, by its digest',
  'no-host': 'The record names `host`',
  'no-backend': 'The record names `backend`',
  'no-seed': 'The generated input has a seed',
};

/**
 * The repair's rubric: one point for each rule the variant broke and the repair keeps; the rules the variant kept
 * are gates (a repair must not break them), and so are validating and staying the same benchmark (same id and
 * size), so a spec written for another variant, or the starter unchanged, scores 0.
 */
export function repairRubric(d: RubricData): RubricItem[] {
  const original = parse(d.yaml) as Record<string, unknown>;
  const broken = new Set(reportabilityProblems(d.yaml));
  const pinned = (p: Problem) => (text: string) =>
    !reportabilityProblems(text).includes(p) && !(p === 'no-container' && reportabilityProblems(text).includes('image-tag'));
  const items: RubricItem[] = [
    {
      id: 'same-benchmark',
      label: 'The same benchmark: the id and the size are the spec you were given',
      points: 0,
      gate: true,
      feedback: "Repair the spec you were given: keep its id and the task's size.",
      passes: (s) => get(s.data, 'id') === get(original, 'id') && get(s.data, 'task', 'size') === get(original, 'task', 'size'),
    },
    {
      id: 'validates',
      label: 'Passes `workbook validate`',
      points: 0,
      gate: true,
      feedback: 'The spec does not validate yet; the editor marks each line.',
      passes: (s) => {
        if (s.spec) return true;
        const e = s.diagnostics.find((x) => x.severity === 'error');
        return `The spec does not validate yet: line ${e?.line}: ${e?.message}`;
      },
    },
  ];
  for (const p of PROBLEMS) {
    if (p === 'image-tag' && broken.has('no-container')) continue;
    if (p === 'no-container' && broken.has('image-tag')) continue;
    const was = broken.has(p);
    items.push({
      id: p,
      label: RULE_LABEL[p],
      points: was ? 1 : 0,
      gate: !was,
      feedback: was ? `Not yet: ${RULE_LABEL[p].toLowerCase()}.` : `The spec you were given had this right; keep it: ${RULE_LABEL[p].toLowerCase()}.`,
      passes: (s) => pinned(p)(s.text),
    });
  }
  return items;
}

export default defineExerciseLogic<RubricData>(({ parts }) => {
  const spec = parts.find((p) => p.id === 'problems')!.answer as ChoiceAnswerSpec;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      // Every variant breaks one to three rules, so the repair always has something to fix.
      const broken = new Set<Problem>();
      const image = r.pick(['image-tag', 'no-container', null] as const);
      if (image) broken.add(image);
      for (const p of r.sample(['no-host', 'no-backend', 'no-seed'] as const, r.int(image ? 0 : 1, 2))) broken.add(p);
      return { yaml: writeSpec(r, broken) };
    },
    render({ data }) {
      return { values: { spec: `\`\`\`yaml\n${data.yaml}\`\`\`` }, parts: { repair: { starter: data.yaml } } };
    },
    async check({ data }, answers) {
      return gradeParts(answers, {
        problems: (a) =>
          checkChoice(a, spec, correctOf(data), {
            why: {
              none: 'Read the spec against each rule once more: is the software pinned, the place recorded, the input reproducible?',
              'image-tag': 'Look at the image reference: what follows the name, and could it be moved to another image?',
              'no-container': 'Look under infrastructure for the container once more.',
              'no-host': 'Read the record list again, item by item.',
              'no-backend': 'Read the record list again, item by item.',
              'no-seed': 'Read the generated dataset once more.',
            },
          }),
        repair: (a) => checkSpecRubric(String(a), repairRubric(data)),
      });
    },
  };
});
