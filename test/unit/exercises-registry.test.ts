import { readdirSync, readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { loadSpec } from '../../runtime/spec/load.ts';
import { describe, expect, it } from 'vitest';
import { createVariant, CheckUnavailableError, checkAnswers } from '../../runtime/exercises/check.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';

const registry = await loadExerciseRegistry();
const { exercises, ids: EXERCISE_IDS } = registry;
const findExercise = registry.find;
const getExercise = registry.get;
import { exerciseSchema } from '../../runtime/exercises/schema.ts';
import { EXERCISE_KINDS } from '../../runtime/exercises/types.ts';
import { compareOutput, gpuProblem, wgslDiagnostics } from '../../runtime/exercises/wgsl.ts';

const ROOT = new URL('../../', import.meta.url);
const folders = readdirSync(new URL('exercises/', ROOT), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
  .map((e) => e.name)
  .sort();

describe('the registry', () => {
  it('lists exactly the folders of exercises/, each under its folder name', () => {
    expect([...EXERCISE_IDS].sort()).toEqual(folders);
  });

  it('has at least two exercises of each kind, with real content', () => {
    for (const kind of EXERCISE_KINDS) expect(exercises.filter((e) => e.kind === kind).length, kind).toBeGreaterThanOrEqual(2);
    for (const e of exercises) {
      expect(e.solution.length, `${e.id} solution`).toBeGreaterThan(300);
      expect(e.hints.length, `${e.id} hints`).toBeGreaterThanOrEqual(2);
    }
  });

  it('every definition passes the schema', () => {
    for (const e of exercises) {
      const r = exerciseSchema.safeParse(e);
      expect(r.success ? [] : r.error.issues, e.id).toEqual([]);
    }
  });

  it('the code in worked solutions is sound: YAML specs validate, JavaScript parses', () => {
    let blocks = 0;
    for (const e of exercises) {
      for (const m of e.solution.matchAll(/```(yaml|js)\n([\s\S]*?)```/g)) {
        blocks++;
        if (m[1] === 'yaml') expect(loadSpec(m[2]!).diagnostics, `${e.id} yaml`).toEqual([]);
        else expect(() => new Script(m[2]!), `${e.id} js`).not.toThrow();
      }
    }
    expect(blocks).toBeGreaterThanOrEqual(2);
  });

  it('finds an exercise by id, and names the known ones for an unknown id', () => {
    expect(getExercise('read-two-runs').id).toBe('read-two-runs');
    expect(findExercise('nope')).toBeUndefined();
    expect(() => getExercise('nope')).toThrow(
      /"nope" is not an exercise of this workbook; the exercises are (?:[a-z0-9-]+, )*fix-timing-harness, (?:[a-z0-9-]+, )*read-two-runs, /,
    );
  });

  it('the exercises part of the engine and every exercise import neither Node nor DOM adapters', () => {
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: URL) => {
      if (seen.has(file.href)) return;
      seen.add(file.href);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) visit(new URL(spec, file));
        else bare.add(spec);
      }
    };
    visit(new URL('runtime/exercises/index.ts', ROOT));
    for (const f of folders) visit(new URL(`exercises/${f}/exercise.ts`, ROOT));
    expect([...seen].filter((f) => /runtime\/(node|browser)\//.test(f))).toEqual([]);
    expect([...bare].filter((b) => b.startsWith('node:'))).toEqual([]);
    expect([...seen].some((f) => f.endsWith('exercises/fix-wgsl-kernel/exercise.ts'))).toBe(true);
  });

  it('the site side never imports hidden tests', () => {
    const sources = [
      ...[
        'runtime/exercises/registry.ts',
        'runtime/exercises/folder.ts',
        'src/exercise/catalog.ts',
        'src/exercise/catalog-inputs.ts',
        'src/exercise/load.ts',
      ].map((f) => readFileSync(new URL(f, ROOT), 'utf8')),
      ...folders.map((f) => readFileSync(new URL(`exercises/${f}/exercise.ts`, ROOT), 'utf8')),
    ];
    for (const s of sources) expect(s).not.toMatch(/from ['"][^'"]*tests(\.ts)?['"]|import\.meta\.glob[^)]*['"][^'"]*tests[^'"]*['"]/);
  });
});

describe('the definition schema', () => {
  const good = exercises[0]!;
  const issues = (patch: Record<string, unknown>) => {
    const r = exerciseSchema.safeParse({ ...good, ...patch });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('rejects what an author gets wrong, saying where', () => {
    expect(issues({ id: 'Read Two Runs' })).toEqual([expect.stringMatching(/^id: must be lowercase words joined by hyphens/)]);
    expect(issues({ level: 'expert' })[0]).toMatch(/^level: /);
    expect(issues({ hints: [] })[0]).toMatch(/^hints: /);
    expect(issues({ hints: ['ok', '  '] })).toEqual(['hints.1: must not be empty']);
    expect(issues({ check: 'no' })).toEqual([expect.stringMatching(/^check: must be a function/)]);
    expect(issues({ extra: 1 })[0]).toMatch(/extra/);
    const part = good.parts[0]!;
    expect(issues({ parts: [part, part] })).toEqual([expect.stringMatching(/^parts.1.id: ".*" is already the id of another part/)]);
    expect(issues({ parts: [{ ...part, answer: { type: 'number', unit: 'furlongs' } }] })).toEqual([
      expect.stringMatching(/^parts.0.answer.unit: is not a unit the checker knows/),
    ]);
    expect(issues({ parts: [{ ...part, answer: { type: 'choice', options: [{ id: 'a', text: 'A' }] } }] })[0]).toMatch(/^parts.0.answer.options/);
    expect(issues({ parts: [{ ...part, answer: { type: 'code', language: 'python' } }] })[0]).toMatch(/^parts.0.answer.language/);
  });
});

describe('checking needs what the host offers', () => {
  it('a code exercise without a sandbox or WebGPU throws CheckUnavailableError (no attempt), naming what is missing', async () => {
    for (const id of ['fix-timing-harness', 'fix-wgsl-kernel']) {
      const e = getExercise(id);
      const v = createVariant(e, 1);
      const err = await checkAnswers(e, v, { code: 'x' }, { host: {} }).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(CheckUnavailableError);
      expect((err as Error).message).toMatch(id === 'fix-wgsl-kernel' ? /WebGPU is not available here/ : /cannot run JavaScript in a sandbox/);
    }
    expect(await gpuProblem({ requestAdapter: async () => null } as unknown as GPU)).toMatch(/no adapter/);
  });
});

describe('comparing a kernel output with its reference', () => {
  const fill = -7777;
  const out = (values: number[]) => Float32Array.from(values);

  it('passes a right output with its guard zone untouched', () => {
    expect(compareOutput(out([1, 2, 3, fill, fill]), [1, 2, 3], 3, fill)).toEqual({ ok: true, problems: [] });
  });

  it('reports the first wrong value with expected and actual, elements never written, and writes past the end', () => {
    const r = compareOutput(out([1, 5, fill, 9, fill]), [1, 2, 3], 3, fill, { explain: (i) => `x[${i}] = ${i}` });
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([
      'out[1] is 5 but should be 2 (x[1] = 1); 1 of the 3 values are wrong.',
      'out[2] was never written (it still holds -7777, the value the buffer was filled with); 1 of the 3 values were never written.',
      'out[3] was written, but the data has only 3 elements (out[0] to out[2]): 1 write landed past the end, in memory the kernel does not own.',
    ]);
  });

  it('turns compile messages into editor diagnostics', () => {
    const message = "kernel.wgsl:18:12: cannot assign 'u32' to 'f32'\n  18 |     out[i] = i;\n              ^\nkernel.wgsl:3:1: another";
    expect(wgslDiagnostics('kernel.wgsl', message)).toEqual([
      { line: 18, column: 12, severity: 'error', message: "cannot assign 'u32' to 'f32'" },
      { line: 3, column: 1, severity: 'error', message: 'another' },
    ]);
  });
});
