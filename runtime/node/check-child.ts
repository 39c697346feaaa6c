/**
 * The child process of checkInChildProcess (runtime/node/exercise-host.ts): reads a JSON list of
 * ChildCheckJob from stdin, loads each folder with the one loader (runtime/node/exercise-folders.ts),
 * runs each check with the Node host, and prints two lines per job: `START <json>` (a ChildJobStart,
 * before the check, so a parent that has to stop a check that never ends can still give it a result)
 * and `JOB <json>` (its ChildCheckOutcome). dawn.node writes its own warnings to stderr.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckUnavailableError, checkAnswers, createVariant } from '../exercises/check.ts';
import type { AnyExercise, ExerciseTests } from '../exercises/types.ts';
import type { ChildCheckJob, ChildCheckOutcome, ChildJobStart } from './exercise-host.ts';
import { nodeCheckHost } from './exercise-host.ts';
import { loadExerciseFolder } from './exercise-folders.ts';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;

const jobs = JSON.parse(input) as ChildCheckJob[];
const loaded = new Map<string, { exercise: AnyExercise; tests?: ExerciseTests<unknown, unknown> }>();
async function load(folder: string) {
  let entry = loaded.get(folder);
  if (!entry) {
    const { exercise, problems } = await loadExerciseFolder(folder);
    if (!exercise) throw new Error(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('; '));
    const tests = (
      (await import(pathToFileURL(path.join(folder, 'tests.ts')).href).catch(() => ({}))) as { default?: ExerciseTests<unknown, unknown> }
    ).default;
    entry = { exercise, tests };
    loaded.set(folder, entry);
  }
  return entry;
}
/** Pipes are written synchronously on Linux; waiting for the callback keeps lines whole elsewhere too. */
const line = (text: string) => new Promise<void>((resolve) => process.stdout.write(`${text}\n`, () => resolve()));
for (const job of jobs) {
  let outcome: ChildCheckOutcome;
  try {
    const { exercise, tests } = await load(job.folder);
    const variant = createVariant(exercise, job.seed);
    const answers = job.answers === 'solve' ? tests?.solve(variant) : job.answers;
    if (!answers) throw new Error('answers "solve" needs the folder\'s tests.ts');
    const hidden = job.hidden ? tests?.hidden?.(variant) : undefined;
    const start: ChildJobStart = {
      exercise: exercise.id,
      seed: job.seed,
      points: exercise.points,
      parts: exercise.parts.map((p) => p.id).filter((id) => answers[id] !== undefined),
    };
    await line(`START ${JSON.stringify(start)}`);
    outcome = { result: await checkAnswers(exercise, variant, answers, { host: nodeCheckHost, hidden }) };
  } catch (e) {
    outcome = { error: e instanceof Error ? e.message : String(e), ...(e instanceof CheckUnavailableError ? { unavailable: true } : {}) };
  }
  await line(`JOB ${JSON.stringify(outcome)}`);
}
// dawn.node can keep the event loop alive after the last device is gone, so the process exits by itself,
// once the last line is written.
process.exit(0);
