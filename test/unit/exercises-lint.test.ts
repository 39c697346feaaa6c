import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gradeParts } from '../../runtime/exercises/check.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { lintExercises, type ExerciseFolder } from '../../runtime/exercises/lint.ts';
import type { ExerciseLogic, ExerciseTests } from '../../runtime/exercises/types.ts';

const MD = `---
id: tiny
title: Tiny
level: foundations
kind: interpretation
points: 1
summary: One number.
minutes: 1
parts:
  - id: first
    answer: { type: number, unit: ms }
---

## Introduction

x is {{x}}.

## Part first

x?

## Hints

1. Look.

## Worked solution

x.

## Instructor notes

None.
`;

type Data = { x: number };
const number = { type: 'number' as const, unit: 'ms' };
function tiny(over: Partial<ExerciseLogic<Data>> = {}) {
  return defineExerciseLogic<Data>(() => ({
    generate: (seed) => ({ x: seed }),
    render: (v) => ({ values: { x: v.data.x } }),
    check: async (v, answers) => gradeParts(answers, { first: (a) => checkNumber(a, number, v.data.x) }),
    ...over,
  }));
}
const solve: ExerciseTests<Data> = { solve: (v) => ({ first: `${v.data.x} ms` }), cases: [], degenerate: [{ name: 'empty', answers: () => ({}) }] };
const folder = (logic: unknown, tests: unknown = solve, name = 'tiny', markdown: string | undefined = MD): ExerciseFolder => ({
  path: `exercises/${name}`,
  input: { name, markdown, logic, files: {} },
  testsSource: '',
  testsModule: { default: tests },
});
const messages = async (f: ExerciseFolder, options = {}) =>
  (await lintExercises([f], { solutionSeeds: 5, ...options })).diagnostics.map((d) => `${d.path}:${d.line}:${d.column}: ${d.message}`);

describe('lintExercises', () => {
  it('passes a sound exercise', async () => {
    expect(await messages(folder(tiny()))).toEqual([]);
  });

  it('reports frontmatter problems at their line in exercise.md', async () => {
    expect(await messages(folder(tiny(), solve, 'tiny', MD.replace('unit: ms', 'unit: furlongs')))).toEqual([
      'exercises/tiny/exercise.md:11:35: frontmatter parts[0].answer.unit: is not a unit the checker knows (ms, s, µs, GB/s, GFLOP/s, items/s, fraction, % or "" for none)',
    ]);
    expect(await messages(folder(tiny(), solve, 'tiny', MD.replace('## Hints\n\n1. Look.\n\n', '')))).toEqual([
      'exercises/tiny/exercise.md:1:1: the section "## Hints" is missing',
    ]);
  });

  it('the id must be the folder name', async () => {
    expect(await messages(folder(tiny(), solve, 'other'))).toEqual([
      expect.stringMatching(/exercise.md:2:1: id "tiny" does not match the folder name "other"/),
    ]);
  });

  it('generate must be deterministic, plain JSON, and depend on the seed', async () => {
    let calls = 0;
    expect((await messages(folder(tiny({ generate: () => ({ x: calls++ }) }))))[0]).toMatch(
      /exercise.ts:1:1: generate\(1\) gave two different variants: it must depend on the seed only/,
    );
    expect((await messages(folder(tiny({ generate: () => ({ x: 1 }) }))))[0]).toMatch(/generate\(\) gave the same variant for seeds 1, 2, 3/);
    expect((await messages(folder(tiny({ generate: (s) => ({ x: Float32Array.of(s) }) as unknown as Data })))).join('\n')).toMatch(
      /must return plain JSON/,
    );
    expect(
      (
        await messages(
          folder(
            tiny({
              generate: () => {
                throw new Error('boom');
              },
            }),
          ),
        )
      )[0],
    ).toMatch(/generate\(1\) threw: boom/);
  });

  it('the solution must score 1 on every seed, and render may show only known parts', async () => {
    const wrong: ExerciseTests<Data> = { ...solve, solve: (v) => ({ first: v.seed === 4 ? '0 ms' : `${v.data.x} ms` }) };
    expect(await messages(folder(tiny(), wrong))).toEqual([
      expect.stringMatching(/tests.ts:1:1: the solution \(solve\) does not score 1 on 1 of 5 seeds: seed 4: first is wrong/),
    ]);
    expect((await messages(folder(tiny({ render: () => ({ values: { x: 1 }, parts: { nope: {} } }) }))))[0]).toMatch(
      /render\(\) returns a part "nope"/,
    );
  });

  it('missing files and modules that do not load are errors; a check that cannot run here is a note', async () => {
    expect(await messages({ ...folder(tiny()), input: { name: 'tiny', logic: tiny(), files: {} } })).toEqual([
      'exercises/tiny/exercise.md:1:1: missing: every exercise folder has an exercise.md (frontmatter with the metadata, then the prose sections)',
    ]);
    expect(await messages({ path: 'exercises/tiny', input: { name: 'tiny', markdown: MD, logicError: 'SyntaxError: nope', files: {} } })).toEqual([
      'exercises/tiny/exercise.ts:1:1: cannot be loaded: SyntaxError: nope',
    ]);
    expect(await messages({ ...folder(tiny()), testsSource: undefined, testsModule: undefined })).toEqual([
      expect.stringMatching(/^exercises\/tiny\/tests.ts:1:1: missing/),
    ]);
    expect(await messages(folder(tiny(), { ...solve, degenerate: [] }))).toEqual([
      expect.stringMatching(/tests.ts:1:1: degenerate: list the answers that must never pass/),
    ]);
    const { CheckUnavailableError } = await import('../../runtime/exercises/check.ts');
    const unavailable = await lintExercises(
      [
        folder(
          tiny({
            check: async () => {
              throw new CheckUnavailableError('no GPU here');
            },
          }),
        ),
      ],
      { solutionSeeds: 5 },
    );
    expect(unavailable.diagnostics).toEqual([]);
    expect(unavailable.notes).toEqual(['exercises/tiny: the solution and degenerate answers were not checked here: no GPU here']);
  });
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(ROOT, 'runtime/cli/bin.mjs');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

describe('workbook lint on exercises (command line)', () => {
  // The whole repository is linted by `npm test`'s own lint step (scripts/test.sh), before the unit
  // tests: linting it again here cost ~45 s of CI. Here the command line on three real folders.
  it('passes on exercises of this repository, counting them (a choice, a number and a code exercise)', () => {
    const ids = ['valid-comparisons', 'read-two-runs', 'fix-timing-harness'];
    for (const id of ids) expect(existsSync(path.join(ROOT, 'exercises', id, 'exercise.md')), id).toBe(true);
    const r = run(['lint', ...ids.map((id) => `exercises/${id}`)]);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`workbook lint: 3 file(s), 0 error(s), 0 warning(s) (0 lesson file(s), 3 exercise(s))`);
  }, 600_000);

  it('prints path:line:col: message for a broken exercise and exits 1; with no path it lints lessons and exercises', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bc-exlint-'));
    mkdirSync(path.join(root, 'lessons'), { recursive: true });
    mkdirSync(path.join(root, 'exercises', 'broken'), { recursive: true });
    writeFileSync(
      path.join(root, 'exercises', 'broken', 'exercise.md'),
      MD.replace('id: tiny', 'id: broken').replace('level: foundations', 'level: expert'),
    );
    writeFileSync(path.join(root, 'exercises', 'broken', 'exercise.ts'), `export default () => ({});\n`);
    const one = run(['lint', 'exercises/broken'], root);
    expect(one.status).toBe(1);
    expect(one.stdout).toBe(
      'exercises/broken/exercise.md:4:8: frontmatter level: Invalid option: expected one of "foundations"|"practitioner"|"researcher"|"professional"\n',
    );
    const all = run(['lint'], root);
    expect(all.status).toBe(1);
    expect(all.stdout).toBe(one.stdout);
    expect(all.stderr).toMatch(/1 exercise\(s\)/);
  }, 60_000);
});
