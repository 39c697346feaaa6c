import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';
import { checkRepair } from './repair.ts';
import { type Problem, reportabilityProblems } from './rubric.ts';

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

/**
 * The spec's text, written in one of several layouts (the record as a flow or a block list, the generated dataset
 * inline or as a block, a tag or a short digest), so a repair made by one fixed text edit fits only some variants.
 */
function writeSpec(r: ReturnType<typeof variantRandom>, broken: Set<Problem>): string {
  const elements = 2 ** r.int(18, 23);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(0, 15)]).join('');
  const name = r.pick(IMAGES);
  const record = r
    .shuffle(['adapter', 'backend', 'threads', 'timer-resolution', 'host'])
    .filter((x) => !(x === 'host' && broken.has('no-host')) && !(x === 'backend' && broken.has('no-backend')));
  const recordText = r.chance(0.5) ? `  record: [${record.join(', ')}]\n` : `  record:\n${record.map((x) => `    - ${x}\n`).join('')}`;
  // A tag alone, or a short digest as `docker images` prints it: neither pins the image.
  const unpinned = () => (r.chance(0.6) ? `${name}:${r.pick(TAGS)}` : `${name}@sha256:${hex(12)}`);
  const container = broken.has('no-container')
    ? ''
    : `  container:\n    image: ${broken.has('image-tag') ? unpinned() : `${name}${r.chance(0.5) ? `:${r.pick(TAGS)}` : ''}@sha256:${hex(64)}`}\n`;
  const dataset = (dname: string, seeded: boolean) =>
    r.chance(0.5)
      ? `  - name: ${dname}\n    generated: { generator: uniform${seeded ? `, seed: ${r.int(1, 99)}` : ''}, shape: [${elements}] }\n`
      : `  - name: ${dname}\n    generated:\n      generator: uniform\n${seeded ? `      seed: ${r.int(1, 99)}\n` : ''}      shape: [${elements}]\n`;
  const datasets = dataset('source', !broken.has('no-seed'));
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
${recordText}${container}datasets:
${datasets}metrics:
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
      const problems = checkChoice(answers.problems ?? '', spec, correctOf(data), {
        why: {
          none: 'Read the spec against each rule once more: is the software pinned, the place recorded, the input reproducible?',
          'image-tag': 'Look at the image reference: what follows the name, and could it be moved to another image?',
          'no-container': 'Look under infrastructure for the container once more.',
          'no-host': 'Read the record list again, item by item.',
          'no-backend': 'Read the record list again, item by item.',
          'no-seed': 'Read every generated dataset once more.',
        },
      });
      return gradeParts(answers, {
        problems: () => problems,
        repair: (a) => checkRepair(data.yaml, String(a), problems.status === 'correct' ? 1 : 0),
      });
    },
  };
});
