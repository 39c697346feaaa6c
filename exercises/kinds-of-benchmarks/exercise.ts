import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { variantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: five measurements, each a micro-benchmark, an inference benchmark or an application
 * benchmark. A wrong pick that falls into the measurement's trap (a big kernel is "inference", a model
 * inside an app is "inference") names the trap, never the kind.
 */

export const KINDS = ['micro', 'inference', 'application'] as const;
export type Kind = (typeof KINDS)[number];

interface Measurement {
  kind: Kind;
  text: string;
  trap: Kind;
  why: string;
}

const BIG_IS_NOT_A_MODEL =
  'A large input does not change what is timed: ask whether the timed region holds one operation, a whole model, or a whole job.';
const MODEL_INSIDE_A_JOB =
  'There is a model in it, but the timing covers more than the model: everything the user waits for, from their action to the result.';
const SMALL_MODEL_IS_A_MODEL = 'It is small, but it is a whole model answering inputs, not one operation in isolation.';

const POOL: Measurement[] = [
  { kind: 'micro', text: 'Timing a WGSL shader that adds two vectors of 16 million floats.', trap: 'inference', why: BIG_IS_NOT_A_MODEL },
  { kind: 'micro', text: 'Copying a 1 GB buffer on the GPU to estimate memory bandwidth in GB/s.', trap: 'inference', why: BIG_IS_NOT_A_MODEL },
  {
    kind: 'micro',
    text: 'Timing one 4096 x 4096 matrix multiplication, the largest layer of a language model.',
    trap: 'inference',
    why: 'It comes from a model, but only one of its operations is timed, alone.',
  },
  { kind: 'micro', text: 'Timing a softmax over 10,000 numbers in plain JavaScript.', trap: 'application', why: BIG_IS_NOT_A_MODEL },
  {
    kind: 'micro',
    text: "Measuring the resolution of the browser's timer, performance.now().",
    trap: 'application',
    why: 'Only one small operation is timed, in isolation: nothing a user waits for.',
  },
  {
    kind: 'inference',
    text: 'Running a small MLP over 1000 test digits and reporting its latency and accuracy.',
    trap: 'micro',
    why: SMALL_MODEL_IS_A_MODEL,
  },
  {
    kind: 'inference',
    text: 'Measuring tokens per second of a language model answering a fixed set of prompts on one GPU.',
    trap: 'application',
    why: 'No user-visible job is timed here: a model answers a fixed set of inputs.',
  },
  {
    kind: 'inference',
    text: 'Timing an image classifier on 50,000 validation images at batch 32, with top-1 accuracy beside the time.',
    trap: 'micro',
    why: SMALL_MODEL_IS_A_MODEL,
  },
  {
    kind: 'inference',
    text: 'Comparing the p90 latency of the same speech model in WebAssembly and on WebGPU.',
    trap: 'application',
    why: 'Two backends run the same model on the same inputs: the model is what is timed, not a user-visible job.',
  },
  {
    kind: 'application',
    text: 'Measuring how long a note-taking app takes from pressing "transcribe" to the text appearing.',
    trap: 'inference',
    why: MODEL_INSIDE_A_JOB,
  },
  {
    kind: 'application',
    text: 'Timing a photo upload on a website, from choosing the file to the tagged photo appearing.',
    trap: 'inference',
    why: MODEL_INSIDE_A_JOB,
  },
  {
    kind: 'application',
    text: "Measuring a chat service's time from the user's message to the first word of the answer on screen.",
    trap: 'inference',
    why: MODEL_INSIDE_A_JOB,
  },
  {
    kind: 'application',
    text: "Timing a spreadsheet's full recalculation after one cell changes, as the user sees it.",
    trap: 'micro',
    why: 'The timing covers a whole user-visible job, not one operation alone.',
  },
];

const GENERIC = 'Not this kind. Ask what is inside the timed region: one operation, a whole model answering inputs, or everything a user waits for.';

export interface KindsData {
  team: number;
  /** Indices into POOL: five measurements, kinds mixed 2-2-1. */
  items: number[];
}

export const measurementOf = (i: number): Measurement => POOL[i]!;
const TEAMS = ['a browser team', 'a course project', 'a hardware review site', 'a start-up choosing a runtime'];

export default defineExerciseLogic<KindsData>(({ parts }) => {
  const specs = parts.map((p) => p.answer as ChoiceAnswerSpec);
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const [one, ...two] = r.shuffle(KINDS);
      const counts: [Kind, number][] = [
        [one!, 1],
        [two[0]!, 2],
        [two[1]!, 2],
      ];
      const picked = counts.flatMap(([kind, n]) =>
        r
          .sample(
            POOL.map((m, i) => ({ m, i })).filter(({ m }) => m.kind === kind),
            n,
          )
          .map(({ i }) => i),
      );
      return { team: r.int(0, TEAMS.length - 1), items: r.shuffle(picked) };
    },
    render({ data }) {
      const values: Record<string, string> = { team: TEAMS[data.team]! };
      data.items.forEach((m, k) => {
        values[`m-${k + 1}`] = measurementOf(m).text;
      });
      return { values };
    },
    async check({ data }, answers) {
      return gradeParts(
        answers,
        Object.fromEntries(
          data.items.map((m, k) => {
            const it = measurementOf(m);
            return [
              `m-${k + 1}`,
              (answer: Parameters<typeof checkChoice>[0]) => checkChoice(answer, specs[k]!, it.kind, { why: { [it.trap]: it.why }, wrong: GENERIC }),
            ];
          }),
        ),
      );
    },
  };
});
