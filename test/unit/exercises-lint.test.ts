import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defineExercise, gradeParts } from '../../runtime/exercises/check.ts';
import { checkNumber } from '../../runtime/exercises/checkers.ts';
import { lintExercises, locate, type ExerciseFolder } from '../../runtime/exercises/lint.ts';
import type { ExerciseDefinition, ExerciseTests } from '../../runtime/exercises/types.ts';

const SOURCE = `import { defineExercise } from '...';
export default defineExercise({
  id: 'tiny',
  title: 'Tiny',
  level: 'foundations',
  kind: 'interpretation',
  points: 1,
  summary: 'One number.',
  minutes: 1,
  parts: [
    { id: 'first', prompt: 'x?', answer: { type: 'number', unit: 'ms' } },
    {
      id: 'second',
      prompt: 'y?',
      answer: { type: 'number', unit: 'furlongs' },
    },
  ],
  hints: ['Look.'],
  solution: 'x.',
  generate(seed) {
    return { x: seed };
  },
  render: () => ({ intro: '', parts: {} }),
  check: async () => ({}),
});
`;

type Data = { x: number };
const number = { type: 'number' as const, unit: 'ms' };
function tiny(over: Partial<ExerciseDefinition<Data>> = {}): ExerciseDefinition<Data> {
  return defineExercise<Data>({
    id: 'tiny',
    title: 'Tiny',
    level: 'foundations',
    kind: 'interpretation',
    points: 1,
    summary: 'One number.',
    minutes: 1,
    parts: [{ id: 'first', prompt: 'x?', answer: number }],
    hints: ['Look.'],
    solution: 'x.',
    generate: (seed) => ({ x: seed }),
    render: () => ({ intro: '', parts: {} }),
    check: async (v, answers) => gradeParts(answers, { first: (a) => checkNumber(a, number, v.data.x) }),
    ...over,
  });
}
const solve: ExerciseTests<Data> = { solve: (v) => ({ first: `${v.data.x} ms` }), cases: [] };
const folder = (definition: unknown, tests: unknown = solve, path = 'exercises/tiny'): ExerciseFolder => ({
  path,
  source: SOURCE,
  module: { default: definition },
  testsSource: '',
  testsModule: { default: tests },
});
const messages = async (f: ExerciseFolder, options = {}) => (await lintExercises([f], options)).diagnostics.map((d) => `${d.path}:${d.line}:${d.column}: ${d.message}`);

describe('lintExercises', () => {
  it('passes a sound exercise', async () => {
    expect(await messages(folder(tiny()))).toEqual([]);
  });

  it('reports schema problems at the line of the field, found by the part id', async () => {
    const bad = tiny({ parts: [{ id: 'first', prompt: 'x?', answer: number }, { id: 'second', prompt: 'y?', answer: { type: 'number', unit: 'furlongs' } }] });
    expect(await messages(folder(bad))).toEqual(['exercises/tiny/exercise.ts:15:33: parts[1].answer.unit: is not a unit the checker knows (ms, s, µs, GB/s, GFLOP/s, items/s, fraction, % or "" for none)']);
    expect(await messages(folder(tiny({ hints: [] })))).toEqual([expect.stringMatching(/^exercises\/tiny\/exercise.ts:18:3: hints: /)]);
  });

  it('the id must be the folder name', async () => {
    expect(await messages(folder(tiny(), solve, 'exercises/other'))).toEqual([expect.stringMatching(/exercise.ts:3:3: id "tiny" does not match the folder name "other"/)]);
  });

  it('generate must be deterministic, plain JSON, and depend on the seed', async () => {
    let calls = 0;
    expect((await messages(folder(tiny({ generate: () => ({ x: calls++ }) }))))[0]).toMatch(/:20:3: generate\(1\) gave two different variants: it must depend on the seed only/);
    expect((await messages(folder(tiny({ generate: () => ({ x: 1 }) }))))[0]).toMatch(/generate\(\) gave the same variant for seeds 1, 2, 3/);
    expect((await messages(folder(tiny({ generate: (s) => ({ x: Float32Array.of(s) }) as unknown as Data })))).join('\n')).toMatch(/must return plain JSON/);
    expect((await messages(folder(tiny({ generate: () => { throw new Error('boom'); } }))))[0]).toMatch(/generate\(1\) threw: boom/);
  });

  it('the solution must score 1, and render may show only known parts', async () => {
    const wrong: ExerciseTests<Data> = { solve: () => ({ first: '0 ms' }), cases: [] };
    expect((await messages(folder(tiny(), wrong)))[0]).toMatch(/:24:3: the solution \(tests.ts solve\) does not score 1 on the variant of seed 1: first is wrong/);
    expect((await messages(folder(tiny({ render: () => ({ intro: '', parts: { nope: {} } }) }))))[0]).toMatch(/render\(\) returns a part "nope"/);
  });

  it('missing files and modules that do not load are errors; a check that cannot run here is a note', async () => {
    expect(await messages({ path: 'exercises/empty' })).toEqual(['exercises/empty/exercise.ts:1:1: missing: every exercise folder has an exercise.ts that exports its definition as default']);
    expect(await messages({ path: 'exercises/tiny', source: 'x', importError: 'SyntaxError: nope' })).toEqual(['exercises/tiny/exercise.ts:1:1: cannot be loaded: SyntaxError: nope']);
    expect(await messages({ ...folder(tiny()), testsSource: undefined, testsModule: undefined })).toEqual([expect.stringMatching(/^exercises\/tiny\/tests.ts:1:1: missing/)]);
    const { CheckUnavailableError } = await import('../../runtime/exercises/check.ts');
    const unavailable = await lintExercises([folder(tiny({ check: async () => { throw new CheckUnavailableError('no GPU here'); } }))]);
    expect(unavailable.diagnostics).toEqual([]);
    expect(unavailable.notes).toEqual(['exercises/tiny: the solution was not checked here: no GPU here']);
  });

  it('folders and the registry must agree', async () => {
    const r = await lintExercises([folder(tiny())], { registry: { ids: ['other'], complete: true } });
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      '"tiny" is not listed in runtime/exercises/registry.ts: import its exercise.ts there, or the site never shows it',
      'the registry lists "other", but there is no folder exercises/other/',
    ]);
  });
});

describe('locate', () => {
  it('finds keys in order, list elements by id, and falls back to 1:1', () => {
    expect(locate(SOURCE, ['parts', 1, 'answer', 'unit'], { parts: [{ id: 'first' }, { id: 'second' }] })).toEqual({ line: 15, column: 33 });
    expect(locate(SOURCE, ['generate'])).toEqual({ line: 20, column: 3 });
    expect(locate(SOURCE, ['parts', 0, 'answer'], { parts: [{ id: 'first' }] })).toEqual({ line: 11, column: 34 });
    expect(locate(SOURCE, ['nothing-here'])).toEqual({ line: 1, column: 1 });
  });
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const bin = path.join(ROOT, 'runtime/cli/bin.mjs');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' });

describe('workbook lint on exercises (command line)', () => {
  it('passes on the exercises of this repository, counting them', () => {
    const r = run(['lint', 'exercises']);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/workbook lint: 6 file\(s\), 0 error\(s\), 0 warning\(s\) \(0 lesson file\(s\), 6 exercise\(s\)\)/);
  }, 60_000);

  it('prints path:line:col: message for a broken exercise and exits 1; with no path it lints lessons and exercises', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'bc-exlint-'));
    mkdirSync(path.join(root, 'lessons'), { recursive: true });
    mkdirSync(path.join(root, 'exercises', 'broken'), { recursive: true });
    const check = path.join(ROOT, 'runtime/exercises/check.ts');
    writeFileSync(
      path.join(root, 'exercises', 'broken', 'exercise.ts'),
      `import { defineExercise } from ${JSON.stringify(check)};\nexport default defineExercise({\n  id: 'broken',\n  title: 'Broken',\n  level: 'expert',\n  kind: 'code',\n  points: 1,\n  summary: 'x',\n  minutes: 1,\n  parts: [{ id: 'a', prompt: 'a', answer: { type: 'code', language: 'js' } }],\n  hints: ['h'],\n  solution: 's',\n  generate: (seed) => ({ seed }),\n  render: () => ({ intro: '', parts: {} }),\n  check: async () => ({}),\n});\n`,
    );
    const one = run(['lint', 'exercises/broken'], root);
    expect(one.status).toBe(1);
    expect(one.stdout).toBe('exercises/broken/exercise.ts:5:3: level: Invalid option: expected one of "foundations"|"practitioner"|"researcher"|"professional"\n');
    const all = run(['lint'], root);
    expect(all.status).toBe(1);
    expect(all.stdout).toBe(one.stdout);
    expect(all.stderr).toMatch(/1 exercise\(s\)/);
  }, 60_000);
});
