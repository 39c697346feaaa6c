import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { correctOf, type RubricData } from './exercise.ts';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
/** The variant's spec with every broken rule repaired, and nothing else changed. */
export function repaired(yaml: string): string {
  let out = yaml.replace(/( {2}record: \[)([^\]]*)\]/, (_m, head: string, items: string) => {
    const list = items.split(', ').filter(Boolean);
    for (const x of ['backend', 'host']) if (!list.includes(x)) list.push(x);
    return `${head}${list.join(', ')}]`;
  });
  out = out.replace(/( {4}image: [^@\n]+)\n/, `$1@${DIGEST}\n`);
  if (!out.includes('  container:')) out = out.replace('datasets:\n', `  container:\n    image: python@${DIGEST}\ndatasets:\n`);
  out = out.replace('generated: { generator: uniform, shape', 'generated: { generator: uniform, seed: 7, shape');
  return out;
}
const solve = (v: Variant<RubricData>) => ({ problems: correctOf(v.data), repair: repaired(v.data.yaml) });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

export default defineExerciseTests<RubricData>({
  solve,
  cases: [
    {
      name: 'a tag taken for a pin is told to look at what follows the name',
      seeds: SEEDS,
      answers: (v) => (correctOf(v.data).join() === 'image-tag' ? { problems: ['none'] } : undefined),
      expect: { problems: { status: 'wrong', feedback: 'Read the spec against each rule' } },
    },
    {
      name: 'a repair that fixes the rules but breaks one that held scores 0',
      seeds: SEEDS,
      answers: (v) => (correctOf(v.data).includes('no-host') ? undefined : { repair: repaired(v.data.yaml).replace(/, host(?=[,\]])/, '') }),
      expect: { repair: { status: 'wrong', feedback: 'had this right' } },
    },
    {
      name: 'a repair that leaves the tag alone is refused by the validator, a gate',
      seeds: SEEDS,
      answers: (v) => (correctOf(v.data).includes('image-tag') ? { repair: v.data.yaml } : undefined),
      expect: { repair: { status: 'wrong', feedback: 'pin the image by digest' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every option ticked', answers: () => ({ problems: ['image-tag', 'no-container', 'no-host', 'no-backend', 'no-seed', 'none'] }) },
    { name: 'always reportable, the starter unchanged', answers: (v) => ({ problems: ['none'], repair: v.data.yaml }) },
    { name: 'a constant, well-formed spec', answers: () => ({ problems: ['no-host'], repair: repaired('version: 2\nid: x\n') }) },
    {
      name: 'the answers of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          const a = correctOf(o.data);
          const b = correctOf(v.data);
          if (a.filter((x) => b.includes(x)).length === 0) return solve(o);
        }
      },
    },
  ],
});
