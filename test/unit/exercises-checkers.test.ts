import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswers, defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, checkOrdering, isClose, longestCommonSubsequence, parseQuantity } from '../../runtime/exercises/checkers.ts';
import {
  checkSpecRubric,
  declaresWarmup,
  percentileWithEnoughSamples,
  qualityTarget,
  recordsHardware,
  seededData,
  unitsOnEveryMetric,
  validates,
} from '../../runtime/exercises/rubric.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec, Option } from '../../runtime/exercises/types.ts';

const ms: NumberAnswerSpec = { type: 'number', unit: 'ms' };

describe('parseQuantity', () => {
  it('reads a number with its unit and converts it to the expected unit', () => {
    expect(parseQuantity('12.5 ms', 'ms')).toEqual({ ok: true, value: 12.5, unit: 'ms' });
    expect(parseQuantity('12.5ms', 'ms')).toEqual({ ok: true, value: 12.5, unit: 'ms' });
    expect(parseQuantity('0.0125 s', 'ms')).toMatchObject({ ok: true, unit: 's' });
    expect((parseQuantity('0.0125 s', 'ms') as { value: number }).value).toBeCloseTo(12.5, 12);
    expect((parseQuantity('12500 µs', 'ms') as { value: number }).value).toBeCloseTo(12.5, 12);
    expect((parseQuantity('12500 us', 'ms') as { value: number }).value).toBeCloseTo(12.5, 12);
    expect((parseQuantity('1.25e1 msec', 'ms') as { value: number }).value).toBeCloseTo(12.5, 12);
    expect((parseQuantity('2 TB/s', 'GB/s') as { value: number }).value).toBeCloseTo(2000, 9);
    expect((parseQuantity('−3 ms', 'ms') as { value: number }).value).toBe(-3);
    expect(parseQuantity('42', '')).toEqual({ ok: true, value: 42, unit: '' });
  });

  it('says what is wrong with an answer it cannot read', () => {
    const message = (text: string, unit = 'ms') => (parseQuantity(text, unit) as { ok: false; message: string }).message;
    expect(message('12.5')).toMatch(/Give the unit too: the answer is a time/);
    expect(message('about 12')).toMatch(/does not start with a number/);
    expect(message('12,5 ms')).toMatch(/point for decimals/);
    expect(message('1,234.5 ms')).toMatch(/without thousands separators/);
    expect(message('12 MS')).toMatch(/"MS" is not a unit .* did you mean ms\?/);
    expect(message('12 parsecs')).toMatch(/"parsecs" is not a unit/);
    expect(message('12 GB/s')).toMatch(/GB\/s is the unit of a bandwidth, but this answer is a time/);
    expect(message('12 ms', '')).toMatch(/plain number, without a unit/);
    expect(message('   ')).toMatch(/Type a number with its unit/);
  });

  it('refuses another base clearly (0x19 ms is not 0 in "x19 ms"), and quotes at most 40 characters of an answer', () => {
    const message = (text: string, unit = 'ms') => (parseQuantity(text, unit) as { ok: false; message: string }).message;
    expect(message('0x19 ms')).toMatch(/^"0x19" is written in another base .* write the number in decimal/);
    expect(message('0b101', '')).toMatch(/another base/);
    const huge = `25.673 ${'x'.repeat(1_000_000)}`;
    expect(message(huge).length).toBeLessThan(200);
    expect(message(huge)).toMatch(/^"x{40}… \(1000000 characters\)" is not a unit/);
    expect(message(`${'1'.repeat(400)} ms`)).toMatch(/^1{40}… \(400 characters\) is not a finite number/);
    expect(checkNumber(huge, ms, 25.673).feedback!.length).toBeLessThan(200);
  });

  it('reads minutes and hours as times', () => {
    expect((parseQuantity('2 min', 'ms') as { value: number }).value).toBe(120_000);
    expect((parseQuantity('1.5 hours', 's') as { value: number }).value).toBe(5400);
    expect(parseQuantity('2 min', 'GB/s')).toMatchObject({ ok: false, message: expect.stringMatching(/min is the unit of a time/) });
  });
});

describe('checkNumber (PrairieLearn semantics)', () => {
  it('accepts |x - expected| <= atol + rtol |expected| with the defaults 1e-2 and 1e-8', () => {
    expect(checkNumber('10.1 ms', ms, 10).status).toBe('correct'); // 1% off: on the boundary
    expect(checkNumber('10.11 ms', ms, 10).status).toBe('wrong');
    expect(checkNumber('9.9 ms', ms, 10).status).toBe('correct');
    expect(checkNumber('0 ms', ms, 1e-9).status).toBe('correct'); // atol
    expect(checkNumber('10.05 ms', { ...ms, rtol: 1e-3 }, 10).status).toBe('wrong');
    expect(checkNumber('10.2 ms', { ...ms, atol: 0.5 }, 10).status).toBe('correct');
  });

  it('isClose agrees with the definition for any numbers', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), (b, rtol) => {
        const tol = 1e-8 + rtol * Math.abs(b);
        expect(isClose(b + tol * 0.999, b, rtol)).toBe(true);
        expect(isClose(b - tol * 1.001 - 1e-6, b, rtol)).toBe(false);
      }),
    );
  });

  it('names a typical mistake, notices a factor of 1000, and otherwise gives the generic hint', () => {
    const options = { misconceptions: [{ value: 14, feedback: 'That is the mean.' }], wrong: 'Sort first.' };
    expect(checkNumber('14 ms', ms, 10, options)).toMatchObject({ status: 'wrong', score: 0, feedback: 'That is the mean.' });
    expect(checkNumber('10000 ms', ms, 10, options).feedback).toMatch(/factor of a thousand/);
    expect(checkNumber('0.01 ms', ms, 10, options).feedback).toMatch(/factor of a thousand/);
    const generic = checkNumber('12 ms', ms, 10, options);
    expect(generic.feedback).toBe('Not within 1% of the expected value. Sort first.');
    expect(generic.feedback).not.toMatch(/10/);
  });

  it('never gives the factor-of-a-thousand note for 0 or a number that is only near 0, nor an empty "()", and states the real tolerance', () => {
    const ratio = { type: 'number', unit: '', rtol: 0.001, atol: 0.001 } as const;
    for (const answer of ['0', '1e-9', '0.0004', '0.0008', '0.5']) {
      const r = checkNumber(answer, ratio, 0.6);
      expect(r.status, answer).toBe('wrong');
      expect(r.feedback, answer).not.toMatch(/factor|\(\)/);
      expect(r.feedback, answer).toMatch(/^Not within 0\.001 \+ 0\.1% of the expected value\./);
    }
    // A count without a unit off by exactly 1000 (ms against µs) is still named, without a unit to quote.
    const count = { type: 'number', unit: '' } as const;
    expect(checkNumber('25000', count, 25).feedback).toBe(
      'Your number is off by a factor of a thousand: check the units of the numbers you computed from (ms against µs?).',
    );
    // A plain fraction has no unit to slip: its exercise turns the note off.
    expect(checkNumber('0.0006', ratio, 0.6, { unitSlips: false }).feedback).toMatch(/^Not within/);
    expect(checkNumber('0.0006', ratio, 0.6).feedback).toMatch(/factor of a thousand/);
    expect(checkNumber('0 ms', ms, 10).feedback).not.toMatch(/factor/);
    expect(checkNumber('10 ms', ms, 0).feedback).not.toMatch(/factor/);
    expect(checkNumber('10000 ms', ms, 10).feedback).toMatch(/factor of a thousand: check the unit you wrote \(ms\)/);
  });

  it('accepts alternatives with their note, and a format error costs nothing', () => {
    expect(checkNumber('11 ms', ms, 10, { alsoAccept: [{ value: 11, feedback: 'Another definition.' }] })).toMatchObject({
      status: 'correct',
      score: 1,
      feedback: 'Another definition.',
    });
    expect(checkNumber('ten', ms, 10)).toMatchObject({ status: 'format-error', score: 0 });
    expect(checkNumber(['10 ms'], ms, 10).status).toBe('format-error');
  });

  it('refuses an expected value that is not finite (a bug in the exercise)', () => {
    expect(() => checkNumber('1 ms', ms, Number.NaN)).toThrow(/bug in the exercise/);
  });
});

const single: ChoiceAnswerSpec = {
  type: 'choice',
  options: [
    { id: 'median', text: 'The median' },
    { id: 'mean', text: 'The mean' },
    { id: 'min', text: 'The minimum' },
  ],
};
const multiple: ChoiceAnswerSpec = { ...single, multiple: true, options: [...single.options, { id: 'p90', text: 'The p90' }] };

describe('checkChoice', () => {
  it('single: the right option scores 1, a wrong one 0 with its own feedback', () => {
    expect(checkChoice('median', single, 'median')).toMatchObject({ status: 'correct', score: 1 });
    expect(checkChoice('mean', single, 'median', { why: { mean: 'Outliers pull the mean.' } })).toMatchObject({
      status: 'wrong',
      feedback: 'Outliers pull the mean.',
    });
    expect(checkChoice('min', single, 'median', { wrong: 'Look again.' }).feedback).toBe('Look again.');
  });

  it('multiple: net partial credit (right - wrong) / right, never below 0; the feedback never enumerates wrong or missed options', () => {
    expect(checkChoice(['median', 'p90'], multiple, ['median', 'p90']).score).toBe(1);
    const half = checkChoice(['median'], multiple, ['median', 'p90']);
    expect(half).toMatchObject({ status: 'partial', score: 0.5 });
    // Deliberate change (DESIGN.md): no count and no names of what is missing or wrong.
    expect(half.feedback).toBe('Some options that apply are not picked.');
    expect(checkChoice(['median', 'p90', 'mean'], multiple, ['median', 'p90'], { why: { mean: 'No.' } })).toMatchObject({
      score: 0.5,
      feedback: 'No.',
    });
    expect(checkChoice(['median', 'mean', 'min'], multiple, ['median', 'p90'], { why: { mean: 'No.', min: 'Not min.' } })).toMatchObject({
      score: 0,
      feedback: 'No. Other picks do not apply either. Some options that apply are not picked.',
    });
    expect(
      checkChoice(
        multiple.options.map((o) => o.id),
        multiple,
        ['median', 'p90'],
      ),
    ).toMatchObject({ score: 0, feedback: expect.stringMatching(/^Every option is ticked: that is not an answer/) });
    expect(checkChoice(['mean', 'min'], multiple, ['median', 'p90']).score).toBe(0);
    expect(checkChoice(['mean', 'min', 'median'], multiple, ['median', 'p90']).score).toBe(0);
    expect(checkChoice('median', multiple, ['median']).status).toBe('correct');
  });

  it('an unreadable choice is a format error', () => {
    expect(checkChoice('mode', single, 'median')).toMatchObject({
      status: 'format-error',
      feedback: expect.stringMatching(/"mode" is not among the options/),
    });
    expect(checkChoice(['median', 'mean'], single, 'median').feedback).toBe('Pick only one option.');
    expect(checkChoice([], multiple, ['median']).feedback).toBe('Pick at least one option.');
    expect(checkChoice(['median', 'median'], multiple, ['median']).feedback).toMatch(/twice/);
  });

  it('rejects a correct option that is not an option (a bug in the exercise)', () => {
    expect(() => checkChoice('median', single, 'mode')).toThrow(/bug in the exercise/);
  });
});

describe('longestCommonSubsequence and checkOrdering', () => {
  it('finds the longest common subsequence', () => {
    expect(longestCommonSubsequence(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'd'])).toHaveLength(3);
    expect(longestCommonSubsequence([1, 2, 3], [3, 2, 1])).toHaveLength(1);
    expect(longestCommonSubsequence([], [1])).toEqual([]);
  });

  it('agrees with brute force on small lists, and is a subsequence of both', () => {
    const isSub = (sub: number[], of: number[]) => {
      let j = 0;
      for (const x of of) if (x === sub[j]) j++;
      return j === sub.length;
    };
    const brute = (a: number[], b: number[]): number => {
      let best = 0;
      for (let mask = 0; mask < 1 << a.length; mask++) {
        const sub = a.filter((_, i) => mask & (1 << i));
        if (sub.length > best && isSub(sub, b)) best = sub.length;
      }
      return best;
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 8 }), (a, b) => {
        const lcs = longestCommonSubsequence(a, b);
        expect(lcs.length).toBe(brute(a, b));
        expect(isSub(lcs, a) && isSub(lcs, b)).toBe(true);
      }),
    );
  });

  const items: Option[] = ['w', 'x', 'y', 'z'].map((id) => ({ id, text: `step ${id}` }));
  const correct = ['w', 'x', 'y', 'z'];

  it('scores LCS / n with the reason of a step out of place', () => {
    expect(checkOrdering(correct, items, correct)).toMatchObject({ status: 'correct', score: 1 });
    const one = checkOrdering(['x', 'y', 'z', 'w'], items, correct, { why: { w: 'w comes first because it plans.' } });
    expect(one).toMatchObject({ status: 'partial', score: 0.75 });
    expect(one.feedback).toBe(
      '3 of 4 items are in the right order relative to each other; moving 1 item would fix it. w comes first because it plans.',
    );
    expect(checkOrdering(['z', 'y', 'x', 'w'], items, correct).score).toBe(0.25);
  });

  it('an ordering that is not a permutation of the items is a format error', () => {
    expect(checkOrdering(['w', 'x', 'y'], items, correct)).toMatchObject({
      status: 'format-error',
      feedback: expect.stringMatching(/"step z" is missing/),
    });
    expect(checkOrdering(['w', 'x', 'y', 'y'], items, correct).feedback).toMatch(/twice/);
    expect(checkOrdering(['w', 'x', 'y', 'q'], items, correct).feedback).toMatch(/"q" is not one of the items/);
    expect(checkOrdering('w', items, correct).status).toBe('format-error');
  });
});

const VECTOR_ADD = readFileSync(new URL('../../lessons/specs/vector-add.bench.yaml', import.meta.url), 'utf8');

describe('checkSpecRubric', () => {
  const rubric = [
    validates(2),
    declaresWarmup(),
    percentileWithEnoughSamples(90),
    unitsOnEveryMetric(),
    seededData(),
    recordsHardware(['browser-webgpu']),
  ];

  it('runs the engine validator and every rubric item, with partial credit by points', () => {
    const r = checkSpecRubric(VECTOR_ADD, rubric);
    // vector-add.bench.yaml reports median and min, not p90: every other item passes.
    expect(r.status).toBe('partial');
    expect(r.score).toBeCloseTo(6 / 8, 12);
    expect(r.details?.map((d) => [d.id, d.passed])).toEqual([
      ['validates', true],
      ['warmup', true],
      ['percentile-samples', false],
      ['units', true],
      ['data-provenance', true],
      ['hardware', true],
    ]);
    expect(r.feedback).toMatch(/^5 of 6 rubric items pass \(6 of 8 points\)\. The scenario asks for the p90 latency/);
  });

  it('an item that fails says why, and partial credit survives a spec that does not validate', () => {
    const p90 = VECTOR_ADD.replace('aggregation: [median, min]', 'aggregation: [median, p90]');
    const r = checkSpecRubric(p90, rubric);
    expect(r.details?.find((d) => d.id === 'validates')?.message).toMatch(/line \d+: metrics\[0\]\.aggregation\[1\]: p90 needs at least 100 samples/);
    expect(r.details?.find((d) => d.id === 'percentile-samples')?.message).toMatch(/constraints.min-samples is 20/);
    expect(r.diagnostics?.some((d) => d.severity === 'error')).toBe(true);
    expect(checkSpecRubric(p90.replace('min-samples: 20', 'min-samples: 100'), rubric)).toMatchObject({ status: 'correct', score: 1 });
    // What a record keeps of where it ran is infrastructure.record (spec version 2 has no results.keep).
    const noAdapter = checkSpecRubric(p90.replace(/record: \[[^\]]*\]/, 'record: [timer-resolution, user-agent]'), rubric);
    expect(noAdapter.details?.find((d) => d.id === 'hardware')?.message).toBe(
      'On browser-webgpu, a reader needs to know which GPU adapter ran it: infrastructure.record lists timer-resolution, user-agent.',
    );
    const noSeed = checkSpecRubric(p90.replace('seed: 1, ', ''), rubric);
    expect(noSeed.details?.find((d) => d.id === 'data-provenance')?.message).toMatch(/"vectors" is generated, but from which seed/);
  });

  it('YAML that does not parse, an empty text or a list is a format error', () => {
    const broken = checkSpecRubric('version: 1\nmetrics: [\n', rubric);
    expect(broken.status).toBe('format-error');
    expect(broken.feedback).toMatch(/^The YAML does not parse: line \d+, column \d+/);
    expect(broken.diagnostics?.[0]).toMatchObject({ severity: 'error' });
    expect(checkSpecRubric('# nothing yet\n', rubric)).toMatchObject({
      status: 'format-error',
      feedback: 'The spec is empty: write its fields, starting with `version: 2`.',
    });
    expect(checkSpecRubric('- a\n- b\n', rubric).feedback).toMatch(/mapping/);
  });

  it('the quality item wants an accuracy metric, a target on it and a fraction', () => {
    const mnist = readFileSync(new URL('../../lessons/specs/mnist-classifier.bench.yaml', import.meta.url), 'utf8');
    const q = [qualityTarget(0.9)];
    expect(checkSpecRubric(mnist, q).status).toBe('correct');
    expect(checkSpecRubric(mnist, [qualityTarget(0.95)]).details?.[0]?.message).toMatch(/below what the scenario requires/);
    expect(checkSpecRubric(mnist.replace('min: 0.9', 'min: 90'), q).details?.[0]?.message).toMatch(/90% is written 0.9/);
    expect(checkSpecRubric(mnist.replace('  quality: { metric: accuracy, min: 0.9 }\n', ''), q).details?.[0]?.message).toMatch(
      /add a quality target/,
    );
  });
});

describe('checkAnswers', () => {
  const exercise = defineExercise<{ x: number }>({
    id: 'tiny',
    title: 'Tiny',
    level: 'foundations',
    kind: 'interpretation',
    points: 4,
    summary: 'A test exercise.',
    minutes: 1,
    introduction: 'Two numbers.',
    notes: 'None.',
    files: {},
    parts: [
      { id: 'value', prompt: 'x?', answer: ms },
      { id: 'pick', prompt: 'which?', answer: single, weight: 3 },
    ],
    hints: ['None.'],
    solution: 'x.',
    generate: (seed) => ({ x: seed }),
    render: () => ({ intro: '', parts: {} }),
    check: async (variant, answers) =>
      gradeParts(answers, {
        value: (a) => checkNumber(a, ms, variant.data.x),
        pick: (a) => checkChoice(a, single, 'median'),
      }),
  });
  const variant = { exercise: 'tiny', seed: 5, data: { x: 5 } };

  it('weights parts, leaves unanswered ones out, and totals points', async () => {
    const r = await checkAnswers(exercise, variant, { pick: 'median' });
    expect(Object.keys(r.parts)).toEqual(['pick']);
    expect(r.score).toBe(0.75);
    expect(r.points).toBe(3);
    expect(r.complete).toBe(false);
    const all = await checkAnswers(exercise, variant, { value: '5 ms', pick: 'median' });
    expect(all).toMatchObject({ score: 1, points: 4, complete: true, formatErrors: [] });
  });

  it('answers of the wrong JSON type and empty answers', async () => {
    const r = await checkAnswers(exercise, variant, { value: ['5 ms'], pick: '  ' });
    expect(r.parts.value?.status).toBe('format-error');
    expect(r.parts.pick).toBeUndefined();
    expect(r.formatErrors).toEqual(['value']);
    expect((await checkAnswers(exercise, variant, { pick: ['median'] })).parts.pick?.status).toBe('correct');
  });

  it('refuses a variant of another exercise, and a check that forgets a part', async () => {
    await expect(checkAnswers(exercise, { ...variant, exercise: 'other' }, {})).rejects.toThrow(/belongs to the exercise "other"/);
    const forgetful = { ...exercise, check: async () => ({}) };
    await expect(checkAnswers(forgetful, variant, { value: '5 ms' })).rejects.toThrow(/no result for the answered part "value"/);
  });
});
