import { isSeq, parseDocument } from 'yaml';
import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { correctOf, type RubricData } from './exercise.ts';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
/** The variant's spec with every broken rule repaired, and nothing else changed (the layout kept). */
export function repaired(yaml: string): string {
  const doc = parseDocument(yaml);
  if (!isSeq(doc.getIn(['infrastructure', 'record']))) doc.setIn(['infrastructure', 'record'], doc.createNode([]));
  const record = doc.getIn(['infrastructure', 'record']);
  for (const x of ['backend', 'host'])
    if (!(isSeq(record) && record.items.some((i) => String((i as { value?: unknown }).value ?? i) === x))) doc.addIn(['infrastructure', 'record'], x);
  const image = doc.getIn(['infrastructure', 'container', 'image']);
  if (typeof image !== 'string') doc.setIn(['infrastructure', 'container'], doc.createNode({ image: `python@${DIGEST}` }));
  else if (!/@sha256:[0-9a-f]{64}$/.test(image)) doc.setIn(['infrastructure', 'container', 'image'], `${image.replace(/@.*$/, '')}@${DIGEST}`);
  const datasets = doc.get('datasets');
  if (isSeq(datasets))
    datasets.items.forEach((_, i) => {
      if (doc.hasIn(['datasets', i, 'generated']) && !doc.hasIn(['datasets', i, 'generated', 'seed']))
        doc.setIn(['datasets', i, 'generated', 'seed'], 7);
    });
  return doc.toString();
}
/** The starter with one list item or field taken out, as a repair that keeps less than it should. */
export function without(yaml: string, path: (string | number)[]): string {
  const doc = parseDocument(yaml);
  doc.deleteIn(path);
  return doc.toString();
}
const recordIndex = (yaml: string, item: string) => {
  const r = parseDocument(yaml).toJS().infrastructure.record as string[];
  return r.indexOf(item);
};
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
      answers: (v) => {
        if (correctOf(v.data).includes('no-host')) return undefined;
        const fixed = repaired(v.data.yaml);
        return { problems: correctOf(v.data), repair: without(fixed, ['infrastructure', 'record', recordIndex(fixed, 'host')]) };
      },
      expect: { repair: { status: 'wrong', feedback: 'breaks a rule that the spec you were given kept' } },
    },
    {
      name: 'the starter unchanged, after a right diagnosis, is told that not every rule is fixed, not which',
      seeds: SEEDS,
      answers: (v) => ({ problems: correctOf(v.data), repair: v.data.yaml }),
      expect: { repair: { status: 'wrong', feedback: 'Not every rule you found is fixed yet' } },
    },
    {
      name: 'a full repair without the diagnosis scores 0 and says nothing about the rules',
      seeds: SEEDS,
      answers: (v) => ({ repair: repaired(v.data.yaml) }),
      expect: { repair: { status: 'wrong', feedback: 'checked once the problems part is right' } },
    },
    {
      name: 'a repair that drops a record item the rules do not need is refused, naming the field',
      seeds: SEEDS,
      answers: (v) => {
        const fixed = repaired(v.data.yaml);
        return { problems: correctOf(v.data), repair: without(fixed, ['infrastructure', 'record', recordIndex(fixed, 'adapter')]) };
      },
      expect: { repair: { status: 'wrong', feedback: 'infrastructure.record' } },
    },
    {
      name: 'a repair that cuts a metric is refused, naming the field',
      seeds: SEEDS,
      answers: (v) => ({ problems: correctOf(v.data), repair: without(repaired(v.data.yaml), ['metrics', 1]) }),
      expect: { repair: { status: 'wrong', feedback: 'metrics[1]' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'every option ticked', answers: () => ({ problems: ['image-tag', 'no-container', 'no-host', 'no-backend', 'no-seed', 'none'] }) },
    { name: 'always reportable, the starter unchanged', answers: (v) => ({ problems: ['none'], repair: v.data.yaml }) },
    { name: 'a constant, well-formed spec', answers: () => ({ problems: ['no-host'], repair: repaired('version: 2\nid: x\n') }) },
    { name: 'the full repair with no diagnosis', answers: (v) => ({ repair: repaired(v.data.yaml) }) },
    {
      name: 'the full repair with every rule ticked but "None"',
      answers: (v) => ({ problems: ['image-tag', 'no-container', 'no-host', 'no-backend', 'no-seed'], repair: repaired(v.data.yaml) }),
    },
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
