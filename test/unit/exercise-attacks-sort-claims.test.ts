/**
 * sort-claims against the tester's attacks: a table of sentences learnt on practice seeds, feedback that
 * gives the right part away, and sentences that do not fit the system.
 */
import { describe, expect, it } from 'vitest';
import { createVariant } from '../../runtime/exercises/check.ts';
import { PARTS, type SortClaimsData } from '../../exercises/sort-claims/exercise.ts';
import tests, { DEFINING } from '../../exercises/sort-claims/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';
import { asIs, numbersBlanked, tableAttack } from './exercise-attacks-tables.ts';

const { exercise, variant, view } = await loadExercise<SortClaimsData>('sort-claims');
const IDS = ['claim-1', 'claim-2', 'claim-3', 'claim-4'];
const solve = (s: number) => tests.solve(createVariant(exercise, s) as never);

describe('sort-claims: a table learnt on other seeds does not answer the next', () => {
  it('a table of rendered sentences from seeds 100001-100060 scores < 0.5 on seeds 1-200 (it scored 1.0 on the old pool of 26 sentences)', async () => {
    const r = await tableAttack('sort-claims', IDS, solve, asIs);
    console.log(`sort-claims table as-is: score ${r.score.toFixed(3)}, coverage ${r.coverage.toFixed(3)}, ${r.size} entries`);
    expect(r.score).toBeLessThan(0.5);
  }, 60_000);
  it('so does a table that blanks the numbers (sentences that differ only in a size or a seed look alike)', async () => {
    const r = await tableAttack('sort-claims', IDS, solve, numbersBlanked);
    console.log(`sort-claims table numbers blanked: score ${r.score.toFixed(3)}, coverage ${r.coverage.toFixed(3)}, ${r.size} entries`);
    expect(r.score).toBeLessThan(0.5);
  }, 60_000);
});

describe('sort-claims: the sentences fit the system', () => {
  it('on 500 seeds, a classifier gets no GFLOP/s or bandwidth, a kernel no digits or accuracy', () => {
    for (const s of seeds(1, 500)) {
      const v = view(s).values ?? {};
      const text = IDS.map((k) => v[k]).join(' ');
      const system = String(v.system);
      if (/digit/.test(system)) expect(text, `seed ${s}`).not.toMatch(/GFLOP|GB\/s|matri|vector/);
      else expect(text, `seed ${s}`).not.toMatch(/digit|MNIST|accura|classif/i);
      if (/vector/.test(system)) expect(text, `seed ${s}`).not.toMatch(/GFLOP|2 n\^3|matri/);
      if (/matrix/.test(system)) expect(text, `seed ${s}`).not.toMatch(/GB\/s|vector/);
    }
  });
  it('no sentence is about the number format (float32), which the lesson puts under two parts', () => {
    for (const s of seeds(1, 500))
      for (const k of IDS) expect(String(view(s).values?.[k])).not.toMatch(/float ?(16|32|64)|\bprecision\b|number format/i);
  });
  it('four different parts in every variant, each part drawn often', () => {
    const counts: Record<string, number> = {};
    for (const s of seeds(1, 300)) {
      const parts = variant(s).data.claims.map((c) => c.part);
      expect(new Set(parts).size).toBe(4);
      for (const p of parts) counts[p] = (counts[p] ?? 0) + 1;
    }
    for (const p of PARTS) expect(counts[p]).toBeGreaterThan(120);
  });
});

describe('sort-claims: the feedback test catches feedback that restates the right part', () => {
  // Feedback the old pool gave (the tester's seeds 3 and 4, claim-1, among them): each restates its right part's question.
  const OLD: [keyof typeof DEFINING, string][] = [
    ['datasets', 'This sentence is about where the inputs come from and how to recreate them, not about the operation.'],
    ['metrics', 'No number from a run is in this sentence: it says what will be measured and how it will be summarised.'],
    ['infrastructure', 'This sentence says which machines may be used and what to record about them, before any run.'],
    ['task', 'This sentence defines what the work is, not a rule about how long or how often to measure it.'],
    ['results', 'This sentence reports a number a run produced. A metric says what is measured and how it is summarised.'],
  ];
  it.each(OLD)('old feedback on a %s sentence is caught', (part, feedback) => {
    expect(feedback).toMatch(DEFINING[part]);
  });
});
