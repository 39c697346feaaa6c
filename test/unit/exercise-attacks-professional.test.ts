/**
 * Attacks on the Professional exercises, after a tester's report: a learner hunting for a cheap full score. Each
 * shortcut must score under half on average and full marks on only a few % of seeds; each named mistake gets its
 * own feedback and scores under half on every seed; the worked solution scores full marks on every seed.
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { allowedOrders, CHAIN, type ComplianceData, FLOATING, PRECEDENCES } from '../../exercises/compliance-steps/exercise.ts';
import { swapped } from '../../exercises/compliance-steps/tests.ts';
import { LAYERS, type Layer, METERS, type MeterData } from '../../exercises/meter-layer/exercise.ts';
import { MISTAKES as METER_MISTAKES } from '../../exercises/meter-layer/tests.ts';
import { overOf, p99Of, type QueryLog } from '../../exercises/p99-validity/log.ts';
import { boundOf, errorMistakes, errorPct, type Kernel, type ModelData, predictedMs, timeMistakes } from '../../exercises/predicted-runtime/model.ts';
import { correctOf, type RubricData } from '../../exercises/spec-rubric/exercise.ts';
import { repaired } from '../../exercises/spec-rubric/tests.ts';
import { loadExercise, seeds } from './exercise-attack-helpers.ts';

const SEEDS = seeds(1, 300);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const perms = <T>(a: T[]): T[][] => (a.length <= 1 ? [a] : a.flatMap((x, i) => perms([...a.slice(0, i), ...a.slice(i + 1)]).map((p) => [x, ...p])));

const meter = await loadExercise<MeterData>('meter-layer');

describe('meter-layer', () => {
  const { variant, check } = meter;
  const answersOf = (layers: string[]) => Object.fromEntries(layers.map((l, k) => [`meter-${k + 1}`, l]));
  const truth = (s: number) => variant(s).data.meters.map(([l]) => l);
  const textOf = ([l, i]: [Layer, number]) => METERS[l][i]!;

  it("a description names its own layer only beside another layer's word (the agent's `rapl:package-0/dram`)", () => {
    const word: Record<Layer, RegExp> = { package: /package/i, dram: /dram/i, board: /board/i, wall: /wall/i };
    for (const l of LAYERS)
      for (const t of METERS[l])
        if (word[l].test(t))
          expect(
            LAYERS.filter((o) => o !== l && word[o].test(t)),
            t,
          ).not.toEqual([]);
  });

  it('matching a word of each description (any priority of the four words) averages under 0.35, never full marks', async () => {
    const rates: number[] = [];
    for (const order of perms([...LAYERS])) {
      const guess = (t: string) => order.find((l) => new RegExp(l, 'i').test(t)) ?? order[3]!; // no word found: the last in the order
      const scores: number[] = [];
      for (const s of SEEDS.slice(0, 100)) scores.push((await check(s, answersOf(variant(s).data.meters.map((m) => guess(textOf(m)))))).score);
      expect(mean(scores), order.join('>')).toBeLessThan(0.35);
      rates.push(scores.filter((x) => x === 1).length / scores.length);
    }
    // Measured on seeds 1-100: the best word order averages 0.28 and is never fully right.
    expect(Math.max(...rates)).toBeLessThan(0.01);
  });

  it('every fixed answer (all 4^5 of them) averages under 0.35 and full marks on under 2% of seeds', () => {
    const truths = SEEDS.map(truth);
    let worstMean = 0;
    let worstFull = 0;
    for (let code = 0; code < 4 ** 5; code++) {
      const guess = [0, 1, 2, 3, 4].map((k) => LAYERS[Math.floor(code / 4 ** k) % 4]!);
      const scores = truths.map((t) => t.filter((l, k) => l === guess[k]).length / 5);
      worstMean = Math.max(worstMean, mean(scores));
      worstFull = Math.max(worstFull, scores.filter((x) => x === 1).length / scores.length);
    }
    // Measured on seeds 1-300: the best fixed answer averages 0.28 and is fully right on 1.7% of seeds (5 of 300).
    expect(worstMean).toBeLessThan(0.35);
    expect(worstFull).toBeLessThan(0.02);
  });

  it('a fixed answer scores as the checker says (the sweep above counts matches the same way)', async () => {
    for (const s of seeds(1, 20)) {
      const guess = ['wall', 'board', 'dram', 'package', 'wall'];
      const matches = truth(s).filter((l, k) => l === guess[k]).length;
      expect((await check(s, answersOf(guess))).score).toBeCloseTo(matches / 5, 10);
    }
  });

  it("another seed's answer scores under half on average and full marks on under 2% of seeds", async () => {
    const scores: number[] = [];
    for (const s of SEEDS) scores.push((await check(s, answersOf(truth(s + 1)))).score);
    // Measured: 0.25 on average, fully right on 1 seed of 300.
    expect(mean(scores)).toBeLessThan(0.35);
    expect(scores.filter((x) => x === 1).length / scores.length).toBeLessThan(0.02);
  });

  it('every named mistake gets its own feedback and scores under half, on every seed; the solution scores 1', async () => {
    for (const s of SEEDS) {
      const t = truth(s);
      expect((await check(s, answersOf(t))).score, `seed ${s}`).toBe(1);
      for (const [layer, pick, feedback] of METER_MISTAKES) {
        // The mistake made on every meter of that layer, the rest left unanswered.
        const answers = Object.fromEntries(t.flatMap((l, k) => (l === layer ? [[`meter-${k + 1}`, pick]] : [])));
        const r = await check(s, answers);
        expect(r.score, `seed ${s}`).toBeLessThan(0.5);
        for (const id of Object.keys(answers)) expect(JSON.stringify(r.parts[id]), `seed ${s}`).toContain(feedback);
      }
    }
  });
});

const rubric = await loadExercise<RubricData>('spec-rubric');
const ALL_RULES = ['image-tag', 'no-container', 'no-host', 'no-backend', 'no-seed'];

/** The tester's fixed text edit (the first version of tests.ts's repaired()): host and backend, a digest, a seed. */
function textRepair(yaml: string): string {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;
  let out = yaml.replace(/( {2}record: \[)([^\]]*)\]/, (_m, head: string, items: string) => {
    const list = items.split(', ').filter(Boolean);
    for (const x of ['backend', 'host']) if (!list.includes(x)) list.push(x);
    return `${head}${list.join(', ')}]`;
  });
  out = out.replace(/( {4}image: [^@\n]+)\n/, `$1@${digest}\n`);
  if (!out.includes('  container:')) out = out.replace('datasets:\n', `  container:\n    image: python@${digest}\ndatasets:\n`);
  return out.replace('generated: { generator: uniform, shape', 'generated: { generator: uniform, seed: 7, shape');
}

describe('spec-rubric', () => {
  const { variant, check } = rubric;
  const yamlOf = (s: number) => variant(s).data.yaml;

  it('the worked solution scores 1 on every seed', async () => {
    for (const s of SEEDS.slice(0, 200))
      expect((await check(s, { problems: correctOf(variant(s).data), repair: repaired(yamlOf(s)) })).score, `seed ${s}`).toBe(1);
  });

  it('a fixed repair (the text edit, or the full structural one) without the diagnosis scores 0 on every seed', async () => {
    for (const s of SEEDS.slice(0, 150)) {
      expect((await check(s, { repair: textRepair(yamlOf(s)) })).score, `seed ${s}`).toBe(0);
      expect((await check(s, { repair: repaired(yamlOf(s)) })).score, `seed ${s}`).toBe(0);
    }
  });

  it('a fixed repair with every rule ticked (not "None") averages under 0.2 and is never full marks', async () => {
    const scores: number[] = [];
    for (const s of SEEDS.slice(0, 150)) scores.push((await check(s, { problems: ALL_RULES, repair: repaired(yamlOf(s)) })).score);
    // Measured: 0.05 on average; at most 1/3 (a variant that broke three rules).
    expect(mean(scores)).toBeLessThan(0.2);
    expect(Math.max(...scores)).toBeLessThan(0.5);
  });

  it('even with the right diagnosis, the fixed text edit repairs only some layouts (full marks on under 60% of seeds)', async () => {
    let full = 0;
    const some = SEEDS.slice(0, 100);
    for (const s of some) if ((await check(s, { problems: correctOf(variant(s).data), repair: textRepair(yamlOf(s)) })).score === 1) full++;
    // Measured: 47% of seeds 1-300 (the layouts it was written for).
    expect(full / some.length).toBeLessThan(0.6);
  });

  it("the starter unchanged tells nothing about the rules: no rule in the feedback, no rule's line in the editor", async () => {
    for (const s of SEEDS.slice(0, 100)) {
      const r = (await check(s, { repair: yamlOf(s) })).parts.repair!;
      expect(r.score).toBe(0);
      expect(r.feedback).not.toMatch(/digest|seed|host|backend|container|record|image/i);
      expect(r.diagnostics ?? []).toEqual([]);
    }
  });

  it('"keep everything else" is enforced: each change the rules do not need scores 0 and names its field', async () => {
    const edits: [string, (y: string) => string, RegExp][] = [
      ['record cut to host and backend', (y) => setIn(y, ['infrastructure', 'record'], ['host', 'backend']), /infrastructure\.record/],
      [
        'the image replaced',
        (y) => setIn(y, ['infrastructure', 'container', 'image'], `x@sha256:${'a'.repeat(64)}`),
        /infrastructure\.container\.image/,
      ],
      ['the metrics cut to one', (y) => setIn(y, ['metrics'], [parseDocument(y).toJS().metrics[0]]), /metrics\[1\]/],
      ['the operation changed', (y) => setIn(y, ['task', 'operation'], 'add'), /task\.operation/],
    ];
    for (const s of SEEDS.slice(0, 50)) {
      const v = variant(s);
      for (const [name, edit, field] of edits) {
        const r = (await check(s, { problems: correctOf(v.data), repair: edit(repaired(v.data.yaml)) })).parts.repair!;
        if (name === 'the image replaced' && !parseDocument(v.data.yaml).hasIn(['infrastructure', 'container'])) continue; // a new container is the fix
        expect(r.score, `seed ${s}: ${name}`).toBe(0);
        expect(r.feedback, `seed ${s}: ${name}`).toMatch(field);
      }
    }
  });

  it("another seed's answers and constant diagnoses score under half on average", async () => {
    const other: number[] = [];
    const constant: Record<string, number[]> = {};
    for (const s of SEEDS.slice(0, 40)) {
      const o = variant(s + 1);
      other.push((await check(s, { problems: correctOf(o.data), repair: repaired(o.data.yaml) })).score);
      for (const p of [...ALL_RULES, 'none']) {
        constant[p] = constant[p] ?? [];
        constant[p].push((await check(s, { problems: [p], repair: repaired(yamlOf(s)) })).score);
      }
    }
    expect(mean(other)).toBeLessThan(0.5);
    for (const [p, xs] of Object.entries(constant)) expect(mean(xs), p).toBeLessThan(0.5);
  });
});

function setIn(yaml: string, path: (string | number)[], value: unknown): string {
  const doc = parseDocument(yaml);
  doc.setIn(path, doc.createNode(value));
  return doc.toString();
}

const runtime = await loadExercise<ModelData>('predicted-runtime');

describe('predicted-runtime', () => {
  const { variant, check } = runtime;
  const fmt = (x: number) => x.toPrecision(8);

  it("the bound guessed from the kernel's name is right on at most 65% of seeds, and every kernel is drawn", async () => {
    const byName: Record<Kernel, 'memory' | 'compute'>[] = [
      { 'vector-add': 'memory', polynomial: 'memory', matmul: 'compute' },
      { 'vector-add': 'memory', polynomial: 'compute', matmul: 'compute' },
      { 'vector-add': 'memory', polynomial: 'compute', matmul: 'memory' },
      { 'vector-add': 'memory', polynomial: 'memory', matmul: 'memory' },
    ];
    for (const guess of byName) {
      let right = 0;
      for (const s of SEEDS) if ((await check(s, { bound: guess[variant(s).data.kernel] })).parts.bound!.score === 1) right++;
      // Measured: the best of these is right on 60% of seeds (a two-way choice: 50% is a coin).
      expect(right / SEEDS.length, JSON.stringify(guess)).toBeLessThan(0.65);
    }
    const kinds = new Set(SEEDS.map((s) => `${variant(s).data.kernel}:${boundOf(variant(s).data)}`));
    expect([...kinds].sort()).toEqual(['matmul:compute', 'matmul:memory', 'polynomial:compute', 'polynomial:memory', 'vector-add:memory']);
  });

  it('every named mistake is more than 2.5 tolerances from the answer, gets its own feedback and is not accepted, on every seed', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect((await check(s, { time: `${fmt(predictedMs(d))} ms`, bound: boundOf(d), error: `${fmt(errorPct(d))} %` })).score, `seed ${s}`).toBe(1);
      for (const m of timeMistakes(d)) {
        expect(Math.abs(m.value - predictedMs(d)), `seed ${s}: ${m.feedback}`).toBeGreaterThan(2.5 * 0.01 * predictedMs(d));
        const r = (await check(s, { time: `${fmt(m.value)} ms` })).parts.time!;
        expect(r.score, `seed ${s}: ${m.feedback}`).toBe(0);
        expect(r.feedback, `seed ${s}`).toContain(m.feedback);
      }
      for (const m of errorMistakes(d)) {
        expect(Math.abs(m.value - errorPct(d)), `seed ${s}: ${m.feedback}`).toBeGreaterThan(2.5 * 0.01 * Math.abs(errorPct(d)));
        const r = (await check(s, { error: `${fmt(m.value)} %` })).parts.error!;
        expect(r.score, `seed ${s}: ${m.feedback}`).toBe(0);
        expect(r.feedback, `seed ${s}`).toContain(m.feedback);
      }
    }
  });

  it('the four mistakes the tester found accepted are named on every seed where they change the answer', () => {
    let gib = 0;
    for (const s of SEEDS) {
      const d = variant(s).data;
      const names = timeMistakes(d).map((m) => m.feedback);
      expect(
        names.some((f) => f.includes('fixed overhead')),
        `seed ${s}`,
      ).toBe(true);
      expect(
        names.some((f) => f.startsWith('That adds')),
        `seed ${s}`,
      ).toBe(true);
      expect(
        errorMistakes(d).some((m) => m.feedback.includes('without its overhead')),
        `seed ${s}`,
      ).toBe(true);
      if (names.some((f) => f.includes('2^30'))) gib++;
      // GiB for GB moves only the memory term: it is named on every memory-bound seed.
      expect(
        names.some((f) => f.includes('2^30')),
        `seed ${s}`,
      ).toBe(boundOf(d) === 'memory');
    }
    expect(gib).toBeGreaterThan(100);
  });
});

const compliance = await loadExercise<ComplianceData>('compliance-steps');

describe('compliance-steps', () => {
  const { variant, check } = compliance;
  const rights = new Map<number, string[]>();
  const rightOf = (s: number) => {
    if (!rights.has(s)) rights.set(s, allowedOrders(variant(s).data.shown)[0]!);
    return rights.get(s)!;
  };

  it('every named precedence broken alone scores at most 0.4 and names its rule, on every seed where both steps are drawn', async () => {
    const counts: Record<string, number> = {};
    for (const s of SEEDS) {
      expect((await check(s, { order: rightOf(s) })).score, `seed ${s}`).toBe(1);
      for (const [before, after, why] of PRECEDENCES) {
        if (!rightOf(s).includes(before) || !rightOf(s).includes(after)) continue;
        counts[`${before}>${after}`] = (counts[`${before}>${after}`] ?? 0) + 1;
        const r = (await check(s, { order: swapped(rightOf(s), before, after) })).parts.order!;
        expect(r.score, `seed ${s}: ${after} before ${before}`).toBeLessThanOrEqual(0.4);
        expect(r.feedback, `seed ${s}`).toContain(why);
      }
    }
    // The precedences the tester named are drawn on every seed.
    for (const k of ['system-fixed>run-settings', 'performance-run>compliance-run', 'compliance-check>checker', 'compliance-run>compliance-check'])
      expect(counts[k], k).toBe(SEEDS.length);
  });

  it("the tester's mistakes: the checker before the compliance tests, the compliance tests before the performance run", async () => {
    const moveBefore = (order: string[], moved: string[], target: string) => {
      const rest = order.filter((x) => !moved.includes(x));
      rest.splice(rest.indexOf(target), 0, ...moved);
      return rest;
    };
    for (const s of SEEDS) {
      const right = rightOf(s);
      const a = (await check(s, { order: moveBefore(right, ['checker'], 'compliance-run') })).score;
      const b = (await check(s, { order: moveBefore(right, ['compliance-run', 'compliance-check'], 'performance-run') })).score;
      expect(a, `seed ${s}`).toBeLessThan(0.5);
      expect(b, `seed ${s}`).toBeLessThan(0.5);
    }
  });

  it('the order shown and its reverse score at most 0.2 on every seed; the one memorised chain is right (one order per set)', async () => {
    for (const s of SEEDS.slice(0, 100)) {
      const shown = variant(s).data.shown;
      expect((await check(s, { order: shown })).score, `seed ${s}`).toBeLessThanOrEqual(0.2);
      expect((await check(s, { order: [...shown].reverse() })).score, `seed ${s}`).toBeLessThanOrEqual(0.2);
      const memorised = [...CHAIN.slice(0, 2), FLOATING, ...CHAIN.slice(2)].filter((x) => shown.includes(x));
      expect((await check(s, { order: memorised })).score, `seed ${s}`).toBe(1);
    }
  });
});

const p99 = await loadExercise<QueryLog>('p99-validity');

describe('p99-validity', () => {
  const { variant, check } = p99;

  it('the bound answered as the p99 is named and kept 2.5 tolerances from the p99, on every seed', async () => {
    for (const s of SEEDS) {
      const d = variant(s).data;
      expect(Math.abs(d.boundMs - p99Of(d)), `seed ${s}`).toBeGreaterThan(2.5 * 0.005 * p99Of(d));
      const r = (await check(s, { p99: `${d.boundMs} ms` })).parts.p99!;
      expect(r.score, `seed ${s}`).toBe(0);
      expect(r.feedback).toContain("the run's latency bound");
    }
  });

  it('the count over the bound must be a whole number: right + 0.5 is a format error, the right count scores 1', async () => {
    for (const s of SEEDS.slice(0, 100)) {
      const d = variant(s).data;
      const half = (await check(s, { over: `${overOf(d) + 0.5}` })).parts.over!;
      expect(half.status, `seed ${s}`).toBe('format-error');
      expect(half.feedback).toContain('whole number');
      expect((await check(s, { over: `${overOf(d) + 1}` })).parts.over!.feedback).not.toMatch(/Not within/);
      expect((await check(s, { over: `${overOf(d)}` })).parts.over!.score, `seed ${s}`).toBe(1);
    }
  });
});
