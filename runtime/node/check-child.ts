/**
 * The child process of checkInChildProcess (runtime/node/exercise-host.ts): reads a JSON list of
 * ChildCheckJob from stdin, runs each check with the Node host, and prints one line
 * `RESULT <json>` with a ChildCheckOutcome per job. dawn.node writes its own warnings to stderr.
 */
import { pathToFileURL } from 'node:url';
import { CheckUnavailableError, checkAnswers, createVariant } from '../exercises/check.ts';
import type { AnyExercise, ExerciseTests } from '../exercises/types.ts';
import type { ChildCheckJob, ChildCheckOutcome } from './exercise-host.ts';
import { nodeCheckHost } from './exercise-host.ts';

let input = '';
process.stdin.setEncoding('utf8');
for await (const chunk of process.stdin) input += chunk;

const jobs = JSON.parse(input) as ChildCheckJob[];
const outcomes: ChildCheckOutcome[] = [];
const load = async (file: string) => ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
for (const job of jobs) {
  try {
    const exercise = (await load(job.exerciseFile)) as AnyExercise;
    const tests = job.testsFile ? ((await load(job.testsFile)) as ExerciseTests<unknown, unknown>) : undefined;
    const variant = createVariant(exercise, job.seed);
    const answers = job.answers === 'solve' ? tests?.solve(variant) : job.answers;
    if (!answers) throw new Error('answers "solve" needs testsFile');
    const hidden = job.hidden ? tests?.hidden?.(variant) : undefined;
    outcomes.push({ result: await checkAnswers(exercise, variant, answers, { host: nodeCheckHost, hidden }) });
  } catch (e) {
    outcomes.push({ error: e instanceof Error ? e.message : String(e), ...(e instanceof CheckUnavailableError ? { unavailable: true } : {}) });
  }
}
process.stdout.write(`RESULT ${JSON.stringify(outcomes)}\n`);
// dawn.node can keep the event loop alive after the last device is gone; this process is done.
process.exit(0);
