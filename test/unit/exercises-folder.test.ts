/**
 * The exercise folder format: exercise.md (frontmatter + sections) read by the one loader
 * (runtime/exercises/folder.ts), problems with their lines, placeholders, the attempt policy, and
 * `workbook lint` on a whole folder written the way exercises/README.md shows.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTEMPT_POLICY, attemptValue, creditedBest, creditedScores } from '../../runtime/exercises/attempts.ts';
import { createVariant, checkAnswers } from '../../runtime/exercises/check.ts';
import { assembleExercise, defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { fillPlaceholders, parseExerciseMarkdown, placeholdersIn } from '../../runtime/exercises/markdown.ts';
import { lintExerciseFolders } from '../../runtime/node/exercise-lint.ts';

const MD = `---
id: tiny
title: Tiny
level: foundations
kind: interpretation
points: 2
summary: One number.
minutes: 1
parts:
  - id: first
    answer: { type: number, unit: ms }
---

## Introduction

The run took {{x}} ms.

## Part first

How long did it take?

## Hints

1. Read the introduction.
2. Copy the number,
   with its unit.

## Worked solution

Read it off.

## Instructor notes

One minute.
`;

const logic = defineExerciseLogic<{ x: number }>(({ parts }) => ({
  generate: (seed) => ({ x: seed }),
  render: (v) => ({ values: { x: v.data.x } }),
  check: async (v, answers): Promise<Record<string, import('../../runtime/exercises/types.ts').PartResult>> => {
    const { checkNumber } = await import('../../runtime/exercises/checkers.ts');
    const spec = parts[0]!.answer as { type: 'number'; unit: string };
    return answers.first === undefined
      ? {}
      : { first: checkNumber(answers.first, spec, v.data.x) as import('../../runtime/exercises/types.ts').PartResult };
  },
}));

describe('exercise.md', () => {
  it('is read into metadata and sections; hints keep their continuation lines', () => {
    const md = parseExerciseMarkdown(MD);
    expect(md.problems).toEqual([]);
    expect(md.meta?.parts[0]).toEqual({ id: 'first', answer: { type: 'number', unit: 'ms' } });
    expect(md.introduction).toBe('The run took {{x}} ms.');
    expect(md.prompts).toEqual({ first: 'How long did it take?' });
    expect(md.hints).toEqual(['Read the introduction.', 'Copy the number,\nwith its unit.']);
    expect(md.notes).toBe('One minute.');
  });

  it('says what is missing or wrong, with the line', () => {
    const broken = MD.replace('## Part first\n\nHow long did it take?\n\n', '').replace(
      '## Instructor notes\n\nOne minute.\n',
      '## Solutions\n\nx\n',
    );
    const messages = parseExerciseMarkdown(broken).problems.map((p) => `${p.line}: ${p.message}`);
    expect(parseExerciseMarkdown(MD.replace('points: 2', 'points: -2')).problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '6: frontmatter points: Too small: expected number to be >0',
    ]);
    expect(messages).toContain('1: the part "first" has no prompt: add a section "## Part first"');
    expect(messages).toContain('1: the section "## Instructor notes" is missing');
    expect(messages.some((m) => /^\d+: unknown section "Solutions"/.test(m))).toBe(true);
    expect(parseExerciseMarkdown('# no frontmatter\n').problems[0]!.message).toMatch(/must start with YAML frontmatter/);
  });

  it('placeholders: listed, filled, unknown ones left as written', () => {
    expect(placeholdersIn('a {{x}} b {{ y-z }} {{x}}')).toEqual(['x', 'y-z']);
    expect(fillPlaceholders('{{x}} and {{y}}', { x: 3 })).toBe('3 and {{y}}');
  });

  it('the loader assembles a definition whose render fills the prose', async () => {
    const { exercise, problems } = assembleExercise({ name: 'tiny', markdown: MD, logic, files: {} });
    expect(problems).toEqual([]);
    const view = exercise!.render(createVariant(exercise!, 42));
    expect(view.intro).toBe('The run took 42 ms.');
    expect(view.parts.first!.prompt).toBe('How long did it take?');
    expect((await checkAnswers(exercise!, createVariant(exercise!, 42), { first: '42 ms' })).score).toBe(1);
    expect(assembleExercise({ name: 'other', markdown: MD, logic, files: {} }).problems[0]!.message).toMatch(
      /does not match the folder name "other"/,
    );
    expect(assembleExercise({ name: 'tiny', markdown: MD, logic: {}, files: {} }).problems[0]!.message).toMatch(/defineExerciseLogic/);
  });
});

describe('the attempt policy (page and grader)', () => {
  it('each further attempt on the same variant is worth 25% less, never below 25%; a new variant starts again', () => {
    expect([1, 2, 3, 4, 5].map((n) => attemptValue(n))).toEqual([1, 0.75, 0.5, 0.25, 0.25]);
    expect(ATTEMPT_POLICY.limit).toBeUndefined();
    // Tick everything (0), read the feedback, answer right on the same variant: 0.75, not full marks.
    expect(
      creditedBest([
        { seed: 7, score: 0 },
        { seed: 7, score: 1 },
      ]),
    ).toBe(0.75);
    expect(
      creditedScores([
        { seed: 7, score: 0 },
        { seed: 8, score: 1 },
      ]),
    ).toEqual([0, 1]);
    expect(() => attemptValue(0)).toThrow(/whole number from 1/);
  });
});

describe('workbook lint on a folder written as exercises/README.md shows', () => {
  it('passes a good folder and reports a missing placeholder and an open loophole with their files', async () => {
    // A fresh folder per variant of the files: Node caches an imported tests.ts by its path.
    let root = '';
    let dir = '';
    const fresh = () => {
      root = mkdtempSync(path.join(tmpdir(), 'bc-ex-'));
      dir = path.join(root, 'exercises', 'tiny');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'exercise.md'), MD);
      writeFileSync(path.join(dir, 'exercise.ts'), LOGIC);
    };
    const here = path.resolve('runtime/exercises');
    const LOGIC = `import { defineExerciseLogic } from '${here}/folder.ts';
import { checkNumber } from '${here}/checkers.ts';
export default defineExerciseLogic(({ parts }) => ({
  generate: (seed) => ({ x: seed }),
  render: (v) => ({ values: { x: v.data.x } }),
  check: async (v, a) => (a.first === undefined ? {} : { first: checkNumber(a.first, parts[0].answer, v.data.x) }),
}));
`;
    const tests = (degenerate: string) => `export default { solve: (v) => ({ first: v.data.x + ' ms' }), cases: [], degenerate: [${degenerate}] };\n`;
    fresh();
    writeFileSync(path.join(dir, 'tests.ts'), tests(`{ name: 'empty', answers: () => ({}) }`));
    const good = await lintExerciseFolders(root, [dir], { solutionSeeds: 200 });
    expect(good.diagnostics).toEqual([]);
    expect(good.counts['exercises/tiny']).toEqual({ solutionSeeds: 200, degenerateChecks: 12 });

    fresh();
    writeFileSync(
      path.join(dir, 'tests.ts'),
      tests(
        `{ name: 'the answer of seed 1', answers: () => ({ first: '1 ms' }) }, { name: 'always right', answers: (v) => ({ first: v.data.x + ' ms' }) }`,
      ),
    );
    const bad = (await lintExerciseFolders(root, [dir], { solutionSeeds: 200 })).diagnostics.map((d) => `${d.path}:${d.line}: ${d.message}`);
    expect(bad).toContain(
      'exercises/tiny/tests.ts:1: the degenerate answer "always right" scores 1 on seed 1; it must score below 0.5: a loophole is open',
    );
    expect(bad.filter((m) => m.includes('"the answer of seed 1"'))).toEqual([
      'exercises/tiny/tests.ts:1: the degenerate answer "the answer of seed 1" scores 1 on seed 1; it must score below 0.5: a loophole is open',
    ]);

    writeFileSync(path.join(dir, 'exercise.md'), MD.replace('How long did it take?', 'How long did {{what}} take?'));
    const placeholder = (await lintExerciseFolders(root, [dir], { solutionSeeds: 200 })).diagnostics.map((d) => `${d.path}:${d.line}: ${d.message}`);
    expect(placeholder).toContain(
      'exercises/tiny/exercise.md:18: {{what}} in the section "Part first" is not among the values render() gives for seed 1 (x)',
    );
  });
});
