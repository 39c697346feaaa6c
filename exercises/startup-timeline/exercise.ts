import { gradeParts } from '../../runtime/exercises/check.ts';
import { checkChoice, checkNumber, checkOrdering, isClose, scored } from '../../runtime/exercises/checkers.ts';
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
  /** The order the items are shown in before the learner moves them (shuffled, far from the answer). */
  starter: PhaseId[];
}
const ORDER: PhaseId[] = ['js', 'wasm', 'compile', 'model', 'digits', 'session', 'first', 'steady'];

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

/** The starter must earn little: under half the pairs that count in the right order. */
const starterFar = (d: StlData) => {
  const { right, all } = freePairs(d.starter, orderOf(d));
  return right <= all / 2;
};

export function apart(d: StlData): boolean {
  const n = firstResult(d);
  const starts = d.trace.map((p) => p.start);
  const g = gateOf(d);
  return (
    new Set(starts).size === starts.length &&
    Object.values(mistakesOf(d)).every((m, i, all) => !isClose(m, n, 0.02, 0) && all.slice(i + 1).every((o) => !isClose(o, m, 0.02, 0))) &&
    longerOf(d, 'compile') !== g &&
    longerOf(d, 'download') !== g
  );
}

/** The phases whose place is not fixed by what they wait for: the two fetches the page starts when it likes. */
const FREE: PhaseId[] = ['model', 'digits'];
/** Phases that wait for both fetches, so come after them on every trace. */
const AFTER: PhaseId[] = ['session', 'first', 'steady'];

/**
 * Pairs of phases whose order the trace decides (a free fetch against the other fetch or the runtime's
 * download and compile): the runtime's chain (js, wasm, compile, session, first, steady), and the fetches
 * before the session, hold on every trace, so they earn nothing. Returned: right and all.
 */
export function freePairs(answer: readonly string[], correct: readonly PhaseId[]): { right: number; all: number } {
  let right = 0;
  let all = 0;
  for (const [i, a] of correct.entries())
    for (const b of correct.slice(i + 1)) {
      if ((!FREE.includes(a) && !FREE.includes(b)) || AFTER.includes(a) || AFTER.includes(b)) continue;
      all++;
      if (answer.indexOf(a) < answer.indexOf(b)) right++;
    }
  return { right, all };
}

/**
 * The runtime's and the model's own durations, each way a learner may count the runtime's: compile alone,
 * or download and compile. The gate is drawn first and the trace built so that the phase that ended last
 * is the shorter on every count (the named mistake, "the longer phase", is wrong on every seed).
 */
export function durationsOf(d: StlData) {
  const len = (id: PhaseId) => phase(d, id).end - phase(d, id).start;
  return { compile: len('compile'), download: len('wasm') + len('compile'), model: len('model') };
}
export const longerOf = (d: StlData, count: 'compile' | 'download'): 'compile' | 'model' =>
  durationsOf(d)[count] > durationsOf(d).model ? 'compile' : 'model';

function draw(r: VariantRandom, gate: 'compile' | 'model'): Phase[] {
  const slow = r.uniform(0.5, 3); // network speed factor
  const m = 5; // ms kept between compared ends and durations, well above the 0.1 ms shown
  const span = (start: number, ms: number): Phase['start'][] => [round(start, 1), round(start + ms, 1)];
  const [jsS, jsE] = span(r.uniform(0, 150), r.uniform(30, 120) * slow);
  const [wS, wE] = span(jsE! + r.uniform(2, 20), r.uniform(100, 900) * slow);
  const [cS, cE] = span(wE! + r.uniform(1, 10), r.uniform(40, 400));
  const dc = cE! - cS!;
  const dwc = wE! - wS! + dc;
  let mS: number;
  let mE: number;
  if (gate === 'compile') {
    // A long fetch started early: longer than the whole download and compile, yet ready before them.
    mE = r.uniform(dwc + 2 * m, cE! - m);
    mS = mE - r.uniform(dwc + m, mE);
  } else {
    // A short fetch started late (the page asks for the model when the learner picks it): shorter than
    // the compile alone, yet ready after it.
    const dm = r.uniform(0.2, 0.9) * dc;
    mE = cE! + r.uniform(m, 400);
    mS = mE - dm;
  }
  [mS, mE] = span(mS, mE - mS) as [number, number];
  const [dS, dE] = span(r.uniform(0, cE!), r.uniform(30, 300) * slow);
  const [sS, sE] = span(Math.max(cE!, mE) + r.uniform(1, 8), r.uniform(5, 80));
  const [fS, fE] = span(Math.max(sE!, dE!) + r.uniform(0.5, 3), r.uniform(5, 60));
  const [tS, tE] = span(fE! + r.uniform(20, 200), r.uniform(0.2, 3));
  const at = (id: PhaseId, s: number, e: number): Phase => ({ id, start: s, end: e });
  return [
    at('js', jsS!, jsE!),
    at('wasm', wS!, wE!),
    at('compile', cS!, cE!),
    at('model', mS, mE),
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
      const gate = r.pick(['compile', 'model'] as const);
      for (let attempt = 0; attempt < 200; attempt++) {
        const d = { device, trace: r.shuffle(draw(r, gate)), starter: r.shuffle<PhaseId>(ORDER) };
        if (apart(d) && gateOf(d) === gate && starterFar(d)) return d;
      }
      throw new Error(`startup-timeline: no variant with every mistake apart for seed ${seed}`);
    },
    render({ data: d }) {
      const items = (spec('order') as OrderingAnswerSpec).items;
      const label = (id: PhaseId) => items.find((i) => i.id === id)?.text ?? id;
      return {
        values: { device: DEVICES[d.device]! },
        parts: { order: { items: d.starter.map((id) => items.find((i) => i.id === id)!) } },
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
        order: (a) => {
          const why = {
            model: 'Fetches start when the page asks for them, not when the runtime is ready: read the start column.',
            digits: 'The digits are requested by the page as well, whenever it asks: their start time decides, not their place in the log.',
          };
          const base = checkOrdering(a, items, orderOf(d), { why });
          if (base.status === 'correct' || base.status === 'format-error') return base;
          // Scored on the pairs the trace decides, above chance: the runtime's chain is the same on every
          // trace, and a random order gets half the pairs right, so half earns nothing.
          const { right, all } = freePairs(a as string[], orderOf(d));
          const notes = (a as string[]).some((id, i) => FREE.includes(id as PhaseId) && orderOf(d).indexOf(id as PhaseId) !== i)
            ? ` ${why.model}`
            : '';
          return scored(
            (2 * right) / all - 1,
            `${right} of the ${all} pairs that place the two fetches against each other and the runtime's download and compile are in the order of their starts; the steps that wait for others follow them on every trace, and earn nothing alone.${notes}`,
          );
        },
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
