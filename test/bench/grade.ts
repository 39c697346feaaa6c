// Grading throughput: 1,000 generated submissions (some with a code exercise, graded in QuickJS-wasm),
// on every core of this machine (2 here), then the same as 4 shards and a merge. Figures only.
// Alone: `npx node test/bench/grade.ts [count] [code share]`; also part of `npm run bench`.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import harness from '../../exercises/fix-timing-harness/tests.ts';
import readTwo from '../../exercises/read-two-runs/tests.ts';
import valid from '../../exercises/valid-comparisons/tests.ts';
import { gradesJson, mergeGrades } from '../../runtime/classroom/render.ts';
import { createVariant } from '../../runtime/exercises/check.ts';
import { seedFor } from '../../runtime/exercises/seed.ts';
import { writeGradeOutputs } from '../../runtime/node/classroom/grade-output.ts';
import { runGrading } from '../../runtime/node/classroom/grade-run.ts';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';

const SECRET = 'bench-secret-00112233445566778899';

export interface GradeBench {
  submissions: number;
  withCode: number;
  cores: number;
  singleSeconds: number;
  perSecond: number;
  /** CPU time of the single run (this process and its worker threads), per submission: what a loaded machine cannot inflate. */
  cpuPerSubmission: number;
  shardSeconds: number[];
  mergeSeconds: number;
  identical: boolean;
  /** The 1-minute load average before and after the single run: other work on the cores inflates wall time, barely CPU time. */
  load: [number, number];
}

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  return out;
}

export async function gradeBench(count = 1000, codeShare = 0.1): Promise<GradeBench> {
  const registry = await loadExerciseRegistry();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'grade-bench-'));
  const subs = path.join(dir, 'submissions');
  await mkdir(subs);
  const assignment = path.join(dir, 'bench.assignment.yaml');
  await writeFile(
    assignment,
    'id: bench\ncourse: bench-101\ntitle: Bench\nexercises:\n  - id: read-two-runs\n    points: 10\n  - id: valid-comparisons\n    points: 10\n  - id: fix-timing-harness\n    points: 20\ndue: 2099-01-01T00:00:00Z\nsecret: { env: WORKBOOK_BENCH_SECRET }\n',
  );
  const codeEvery = codeShare > 0 ? Math.round(1 / codeShare) : 0;
  let withCode = 0;
  for (let i = 0; i < count; i++) {
    const learner = `l${String(i).padStart(4, '0')}`;
    const seed = seedFor({ courseSecret: SECRET, assignment: 'bench', learner });
    const at = '2026-12-01T10:00:00.000Z';
    const attempt = (id: string, answers: Record<string, unknown>) => ({ id, seed, answers, score: 1, parts: {}, complete: true, at });
    const r2 = readTwo.solve(createVariant(registry.get('read-two-runs'), seed) as never) as Record<string, string>;
    const exercises: unknown[] = [
      // Three learners in ten get the median wrong first.
      {
        exercise: 'read-two-runs',
        attempts: [...(i % 10 < 3 ? [attempt(`${learner}-a`, { ...r2, median: '1 ms' })] : []), attempt(`${learner}-b`, r2)],
      },
      {
        exercise: 'valid-comparisons',
        attempts: [attempt(`${learner}-c`, valid.solve(createVariant(registry.get('valid-comparisons'), seed) as never) as never)],
      },
    ];
    if (codeEvery && i % codeEvery === 0) {
      withCode++;
      exercises.push({
        exercise: 'fix-timing-harness',
        attempts: [attempt(`${learner}-d`, harness.solve(createVariant(registry.get('fix-timing-harness'), seed) as never) as never)],
      });
    }
    await writeFile(
      path.join(subs, `${learner}.submission.json`),
      JSON.stringify({ format: 'benchmark-carpentry/submission', version: 1, exportedAt: at, exercises }),
    );
  }
  const env = { ...process.env, WORKBOOK_BENCH_SECRET: SECRET };
  const cores = os.availableParallelism();
  const loadBefore = os.loadavg()[0]!;
  let t = performance.now();
  const cpu = process.cpuUsage();
  const single = await runGrading({ assignmentPath: assignment, submissionsDir: subs, env });
  if ('errors' in single) throw new Error(single.errors.join('\n'));
  await writeGradeOutputs(single.grades, path.join(dir, 'single'));
  const singleSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const loadAfter = os.loadavg()[0]!;
  const cpuPerSubmission = (used.user + used.system) / 1e6 / count;
  const graded = single.grades.learners.filter((l) => l.status === 'graded').length;
  if (graded !== count)
    throw new Error(`bench: ${count - graded} submission(s) not graded: ${single.grades.learners.find((l) => l.status !== 'graded')?.message}`);
  const shardSeconds: number[] = [];
  const shards = [];
  for (let index = 1; index <= 4; index++) {
    t = performance.now();
    const r = await runGrading({ assignmentPath: assignment, submissionsDir: subs, env, shard: { index, count: 4 } });
    if ('errors' in r) throw new Error(r.errors.join('\n'));
    await writeGradeOutputs(r.grades, path.join(dir, `shard-${index}`));
    shardSeconds.push((performance.now() - t) / 1000);
    shards.push({ name: `shard-${index}`, grades: JSON.parse(gradesJson(r.grades)) });
  }
  t = performance.now();
  const merged = mergeGrades(shards);
  if (!merged.grades) throw new Error(merged.errors.join('\n'));
  await writeGradeOutputs(merged.grades, path.join(dir, 'merged'));
  const mergeSeconds = (performance.now() - t) / 1000;
  const identical = JSON.stringify(await tree(path.join(dir, 'merged'))) === JSON.stringify(await tree(path.join(dir, 'single')));
  await rm(dir, { recursive: true, force: true });
  return {
    submissions: count,
    withCode,
    cores,
    singleSeconds,
    perSecond: count / singleSeconds,
    cpuPerSubmission,
    shardSeconds,
    mergeSeconds,
    identical,
    load: [loadBefore, loadAfter],
  };
}

/** Prints the figures as tables, and returns them (for bench.json). */
export function printGradeBench(b: GradeBench): GradeBench {
  console.log(
    `\n## Grading throughput (${b.submissions} generated submissions, ${b.withCode} with a code exercise in QuickJS-wasm, ${b.cores} cores)\n`,
  );
  console.log(`Load average (1 min) on the ${b.cores} cores: ${b.load[0].toFixed(1)} before the single run, ${b.load[1].toFixed(1)} after.\n`);
  console.log('| run | seconds | submissions/s |\n| --- | ---: | ---: |');
  console.log(
    `| one run, every core | ${b.singleSeconds.toFixed(1)} | ${b.perSecond.toFixed(1)} (goal >= 100: ${b.perSecond >= 100 ? 'met' : 'NOT met'}) |`,
  );
  console.log(
    `| CPU per submission (all threads) | ${b.cpuPerSubmission.toFixed(3)} | ${(b.cores / b.cpuPerSubmission).toFixed(1)} on ${b.cores} idle cores |`,
  );
  b.shardSeconds.forEach((s, k) => console.log(`| shard ${k + 1}/4 | ${s.toFixed(1)} | ${(b.submissions / 4 / s).toFixed(1)} |`));
  console.log(`| merge | ${b.mergeSeconds.toFixed(2)} | |`);
  console.log(
    `\n4 shards one after another + merge: ${(b.shardSeconds.reduce((s, x) => s + x, 0) + b.mergeSeconds).toFixed(1)} s; on 4 machines at once: ${(Math.max(...b.shardSeconds) + b.mergeSeconds).toFixed(1)} s. Merge byte-identical to the single run: ${b.identical ? 'yes' : 'NO'}.`,
  );
  return b;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printGradeBench(await gradeBench(Number(process.argv[2] ?? 1000), Number(process.argv[3] ?? 0.1)));
}
