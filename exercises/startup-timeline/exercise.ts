import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, checkOrdering, isClose } from '../../runtime/exercises/checkers.ts';
import { defineExerciseLogic } from '../../runtime/exercises/folder.ts';
import { round, variantRandom, type VariantRandom } from '../../runtime/exercises/random.ts';
import type { ChoiceAnswerSpec, NumberAnswerSpec, OrderingAnswerSpec } from '../../runtime/exercises/types.ts';

/**
 * Interpretation: a generated cold-start trace (phases with start and end, overlapping fetches, the
 * session waiting for the runtime and the model, the first query for the session and the digits). The
 * learner orders the phases by start, reads the time to the first answer, and names the phase that gated
 * the session. Every named mistake of the number part is drawn apart from the answer.
 */
export type PhaseId = 'js' | 'wasm' | 'compile' | 'model' | 'digits' | 'session' | 'first' | 'steady';
export interface Phase {
  id: PhaseId;
  start: number;
  end: number;
}
export interface StlData {
  device: number;
  /** In the order the log printed them (shuffled). */
  trace: Phase[];
}

const DEVICES = ['a laptop on office Wi-Fi', 'a phone on a mobile network', 'a desktop on a wired network', 'a tablet on a slow hotel network'];

const phase = (d: StlData, id: PhaseId) => d.trace.find((p) => p.id === id)!;
export const orderOf = (d: StlData): PhaseId[] => [...d.trace].sort((a, b) => a.start - b.start).map((p) => p.id);
export const firstResult = (d: StlData) => phase(d, 'first').end;
export const gateOf = (d: StlData): 'compile' | 'model' => (phase(d, 'compile').end > phase(d, 'model').end ? 'compile' : 'model');

export function mistakesOf(d: StlData): Record<'sum-of-durations' | 'first-duration' | 'session-end' | 'steady-end', number> {
  const upTo = d.trace.filter((p) => p.id !== 'steady');
  return {
    'sum-of-durations': upTo.reduce((s, p) => s + (p.end - p.start), 0),
    'first-duration': phase(d, 'first').end - phase(d, 'first').start,
    'session-end': phase(d, 'session').end,
    'steady-end': phase(d, 'steady').end,
  };
}

export function apart(d: StlData): boolean {
  const n = firstResult(d);
  const starts = d.trace.map((p) => p.start);
  return new Set(starts).size === starts.length && Object.values(mistakesOf(d)).every((m) => !isClose(m, n, 0.02, 0));
}

function draw(r: VariantRandom): Phase[] {
  const slow = r.uniform(0.5, 3); // network speed factor
  const span = (start: number, ms: number): Phase['start'][] => [round(start, 1), round(start + ms, 1)];
  const [jsS, jsE] = span(r.uniform(0, 40), r.uniform(30, 120) * slow);
  const [mS, mE] = span(r.uniform(0, 250), r.uniform(100, 1800) * slow);
  const [dS, dE] = span(r.uniform(0, 300), r.uniform(30, 300) * slow);
  const [wS, wE] = span(jsE! + r.uniform(2, 20), r.uniform(100, 900) * slow);
  const [cS, cE] = span(wE! + r.uniform(1, 10), r.uniform(40, 400));
  const [sS, sE] = span(Math.max(cE!, mE!) + r.uniform(1, 8), r.uniform(5, 80));
  const [fS, fE] = span(Math.max(sE!, dE!) + r.uniform(0.5, 3), r.uniform(5, 60));
  const [tS, tE] = span(fE! + r.uniform(20, 200), r.uniform(0.2, 3));
  const at = (id: PhaseId, s: number, e: number): Phase => ({ id, start: s, end: e });
  return [
    at('js', jsS!, jsE!),
    at('wasm', wS!, wE!),
    at('compile', cS!, cE!),
    at('model', mS!, mE!),
    at('digits', dS!, dE!),
    at('session', sS!, sE!),
    at('first', fS!, fE!),
    at('steady', tS!, tE!),
  ];
}

export default defineExerciseLogic<StlData>(({ parts }) => {
  const spec = (id: string) => parts.find((p) => p.id === id)!.answer;
  return {
    generate(seed) {
      const r = variantRandom(seed);
      const device = r.int(0, DEVICES.length - 1);
      for (let attempt = 0; attempt < 200; attempt++) {
        const d = { device, trace: r.shuffle(draw(r)) };
        if (apart(d)) return d;
      }
      throw new Error(`startup-timeline: no variant with every mistake apart for seed ${seed}`);
    },
    render({ data: d }) {
      const items = (spec('order') as OrderingAnswerSpec).items;
      const label = (id: PhaseId) => items.find((i) => i.id === id)?.text ?? id;
      return {
        values: { device: DEVICES[d.device]! },
        tables: [
          {
            id: 'trace',
            caption: 'Start-up trace, ms after the click, in the order the log printed it (generated for your variant)',
            columns: ['phase', 'start (ms)', 'end (ms)', 'duration (ms)'],
            rows: d.trace.map((p) => [label(p.id), p.start.toFixed(1), p.end.toFixed(1), (p.end - p.start).toFixed(1)]),
          },
        ],
      };
    },
    async check({ data: d }, answers) {
      const m = mistakesOf(d);
      const items = (spec('order') as OrderingAnswerSpec).items;
      return gradeParts(answers, {
        order: (a) =>
          checkOrdering(a, items, orderOf(d), {
            why: {
              model: 'Fetches start when the page asks for them, not when the runtime is ready: read the start column.',
              digits: 'The digits are requested by the page as well, whenever it asks: their start time decides, not their place in the log.',
            },
          }),
        'first-result': (a) =>
          checkNumber(a, spec('first-result') as NumberAnswerSpec, firstResult(d), {
            misconceptions: [
              {
                value: m['sum-of-durations'],
                feedback: 'That adds the durations, but the phases overlap: read the clock at the end of the first query instead.',
              },
              {
                value: m['first-duration'],
                feedback: 'That is how long the first query itself took; the question is how long after the click it ended.',
              },
              { value: m['session-end'], feedback: 'That is when the session was ready; the first answer comes at the end of the first query.' },
              { value: m['steady-end'], feedback: 'That is the steady-state query after the warm-up; the first answer comes earlier.' },
            ],
            wrong: 'Find the first query in the trace and read when it ended.',
            correct: 'Correct: the time to the first answer, the cost a cold start puts in front of a user.',
          }),
        gate: (a) =>
          checkChoice(a as never, spec('gate') as ChoiceAnswerSpec, gateOf(d), {
            wrong: 'Compare when each of the two ended, not how long each took: the session starts after the later one.',
            correct: 'Correct: that phase ended last, so shortening it is what brings the session, and the first answer, forward.',
          }),
      });
    },
  };
});
