import { createVariant, defineExerciseTests } from '../../runtime/exercises/check.ts';
import type { Variant } from '../../runtime/exercises/types.ts';
import { allowedOrders, CHAIN, type ComplianceData, FLOATING, PRECEDENCES } from './exercise.ts';

const solve = (v: Variant<ComplianceData>) => ({ order: allowedOrders(v.data.shown)[0]! });
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
/** A right order with two steps swapped. */
export const swapped = (order: readonly string[], a: string, b: string) => order.map((id) => (id === a ? b : id === b ? a : id));
const has = (v: Variant<ComplianceData>, ...ids: string[]) => ids.every((id) => v.data.shown.includes(id));

export default defineExerciseTests<ComplianceData>({
  solve,
  cases: [
    {
      name: 'every allowed place of the accuracy run is correct',
      seeds: SEEDS,
      answers: (v) => (has(v, FLOATING) ? { order: allowedOrders(v.data.shown).at(-1)! } : undefined),
      expect: { order: { status: 'correct', feedback: 'every step is where it belongs' } },
    },
    {
      name: 'the compliance run before the performance run loses a step and says why it belongs later',
      seeds: SEEDS,
      answers: (v) => {
        if (!has(v, 'compliance-run', 'performance-run')) return undefined;
        const o = allowedOrders(v.data.shown)[0]!.filter((id) => id !== 'compliance-run');
        o.splice(o.indexOf('performance-run'), 0, 'compliance-run');
        return { order: o };
      },
      expect: { order: { status: 'partial', feedback: ['not a compliant plan', 'must be run once for each submission run', 'moving 1 item'] } },
    },
    // Each named precedence broken alone (the two steps swapped in a right order) is named, and scores at most 0.4.
    ...PRECEDENCES.map(([before, after, why]) => ({
      name: `${after} before ${before} is named`,
      seeds: SEEDS,
      answers: (v: Variant<ComplianceData>) =>
        has(v, before, after) ? { order: swapped(allowedOrders(v.data.shown)[0]!, before, after) } : undefined,
      expect: { order: { status: 'partial' as const, feedback: why } },
    })),
    {
      name: 'the accuracy run after the compliance run is not allowed',
      seeds: SEEDS,
      answers: (v) => {
        if (!has(v, FLOATING, 'compliance-run')) return undefined;
        const o = allowedOrders(v.data.shown)[0]!.filter((id) => id !== FLOATING);
        o.splice(o.indexOf('compliance-run') + 1, 0, FLOATING);
        return { order: o };
      },
      expect: { order: { status: 'partial', feedback: 'TEST01 compares' } },
    },
    {
      name: 'an order that leaves a step out is a format error',
      answers: (v) => ({ order: v.data.shown.slice(1) }),
      expect: { order: { status: 'format-error' } },
    },
  ],
  degenerate: [
    { name: 'nothing answered', answers: () => ({}) },
    { name: 'the order shown', answers: (v) => ({ order: v.data.shown }) },
    { name: 'the steps sorted by id', answers: (v) => ({ order: [...v.data.shown].sort() }) },
    {
      name: 'the steps sorted by their text',
      answers: (v, exercise) => {
        const items = exercise.render(v).parts.order!.items!;
        return { order: [...items].sort((a, b) => a.text.localeCompare(b.text)).map((i) => i.id) };
      },
    },
    { name: 'the right order reversed', answers: (v) => ({ order: [...allowedOrders(v.data.shown)[0]!].reverse() }) },
    {
      name: 'the answer of another seed',
      answers: (v, exercise) => {
        for (let k = 1; ; k++) {
          const o = createVariant(exercise, (v.seed + k * 7919) % 2 ** 32);
          if ([...o.data.shown].sort().join() !== [...v.data.shown].sort().join()) return solve(o);
        }
      },
    },
  ],
});
// The chain is a constant of the rules: a change to it must be deliberate.
if (CHAIN.length !== 8) throw new Error('compliance-steps: the chain changed');
