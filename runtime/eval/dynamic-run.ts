import { subSeed } from '../models/mlp.ts';
import { kendallTau } from '../irt/simulate.ts';
import type { EvaluationTask } from '../spec/task.ts';
import { irtReport, type IrtReport } from './irt-report.ts';
import { memorisationReport, type AdvantageReport } from './memorisation.ts';
import { responsesFromLogits } from './responses.ts';
import type { EvaluationItems } from './task-run.ts';

/**
 * An evaluation task's dynamic-benchmark options, run on whatever host runs the models (onnxruntime-web
 * in the page, onnxruntime-node): `irt` has every respondent answer the scored items and fits a 2PL to
 * the responses with an adaptive test beside it; `memorisation` sets the task's model against its twin
 * on the static items and on rotating sets drawn from the fresh split. The numbers come back as the
 * record's flat quality keys (`irt:...`, `memorisation:...`; record-view.ts reads them). Pure.
 */

/** Logits of a zoo model on `rows` items (`input` is rows x width); the host runs the model. */
export type LogitsOfModel = (id: string, input: Float32Array, rows: number) => Promise<Float32Array>;

export interface DynamicOutcome {
  quality: Record<string, number>;
  notes: string[];
  /** Rules the run broke (an IRT fit that did not converge): the record is INVALID with these. */
  reasons: string[];
  irt?: IrtReport;
  memorisation?: AdvantageReport;
}

export async function dynamicQuality(input: {
  task: EvaluationTask;
  items: EvaluationItems;
  logitsOf: LogitsOfModel;
  /** The fresh split as model input (memorisation only). */
  fresh?: { input: Float32Array; labels: Uint8Array; count: number };
  /** The 2PL fit's iteration cap (default 500). */
  maxIterations?: number;
}): Promise<DynamicOutcome> {
  const { task, items } = input;
  const classes = items.classes.length;
  const quality: Record<string, number> = {};
  const notes: string[] = [];
  const reasons: string[] = [];
  // A model that is both a respondent and the twin runs once per set of items.
  const cache = new Map<string, Promise<Float32Array>>();
  const logits = (id: string, set: 'static' | 'fresh') => {
    const key = `${id}:${set}`;
    let got = cache.get(key);
    if (!got) {
      const source = set === 'static' ? items : input.fresh;
      if (!source) throw new Error('evaluation: memorisation needs the fresh split, and the host did not provide it');
      got = input.logitsOf(id, source.input, source.count);
      cache.set(key, got);
    }
    return got;
  };
  let irt: IrtReport | undefined;
  if (task.irt) {
    const { respondents, maxItems, randomOrders } = task.irt;
    const models = [];
    for (const id of respondents) models.push({ name: id, logits: await logits(id, 'static') });
    irt = irtReport(responsesFromLogits(models, items.labels, classes), {
      seed: subSeed(task.seed, 'irt'),
      maxItems,
      randomOrders,
      ...(input.maxIterations ? { maxIterations: input.maxIterations } : {}),
    });
    Object.assign(quality, irtQuality(irt, task.model, items.indices));
    if (!irt.converged)
      reasons.push(
        `the 2PL fit did not converge after ${irt.iterations} iterations, so its abilities and the adaptive test's ranking are not estimates`,
      );
    if (irt.maxItems < maxItems)
      notes.push(
        `the adaptive test gave ${irt.maxItems} items, not the ${maxItems} asked for: only ${irt.items.kept} of the ${items.count} items split the models`,
      );
  }
  let memorisation: AdvantageReport | undefined;
  if (task.memorisation) {
    const m = task.memorisation;
    const fresh = input.fresh;
    if (!fresh) throw new Error('evaluation: memorisation needs the fresh split, and the host did not provide it');
    const correct = async (id: string) => ({
      test: responsesFromLogits([{ name: id, logits: await logits(id, 'static') }], items.labels, classes).responses,
      fresh: responsesFromLogits([{ name: id, logits: await logits(id, 'fresh') }], fresh.labels, classes).responses,
    });
    memorisation = memorisationReport(
      { contaminated: await correct(task.model), clean: await correct(m.twin) },
      { rotations: m.rotations, count: m.count, seed: subSeed(task.seed, 'memorisation') },
    );
    Object.assign(quality, memorisationQuality(memorisation, task.model, m.twin));
  }
  return { quality, notes, reasons, ...(irt ? { irt } : {}), ...(memorisation ? { memorisation } : {}) };
}

/**
 * The IRT report as flat record numbers: per respondent its accuracy, ability and SD; the fit; five
 * items' a and b (keyed by their index in the split); Kendall tau after each item given, adaptive and
 * random; the adaptive trace of the task's model; the pairs still misordered, with their ability gap.
 */
export function irtQuality(r: IrtReport, traced: string, splitIndex: readonly number[]): Record<string, number> {
  const q: Record<string, number> = {
    'irt:respondents': r.respondents.length,
    'irt:items:kept': r.items.kept,
    'irt:items:all-right': r.items.allRight,
    'irt:items:all-wrong': r.items.allWrong,
    'irt:converged': r.converged ? 1 : 0,
    'irt:iterations': r.iterations,
    'irt:max-items': r.maxItems,
    'irt:random-orders': r.randomOrders,
    // How well the fitted abilities keep the order of plain accuracy (tau-a: a tie in either counts as neither).
    'irt:tau-ability-accuracy': kendallTau(
      r.abilities.map((a) => a.theta),
      r.accuracy,
    ),
  };
  r.abilities.forEach((a, i) => {
    q[`irt:respondent:${a.name}:accuracy`] = r.accuracy[i]!;
    q[`irt:respondent:${a.name}:ability`] = a.theta;
    q[`irt:respondent:${a.name}:ability-sd`] = a.sd;
  });
  for (const it of r.sampleItems) {
    q[`irt:item:${splitIndex[it.item]}:a`] = it.a;
    q[`irt:item:${splitIndex[it.item]}:b`] = it.b;
  }
  r.tauAdaptive.forEach((t, k) => {
    q[`irt:tau:${k + 1}:adaptive`] = t;
    q[`irt:tau:${k + 1}:random`] = r.tauRandom[k]!;
  });
  if (r.itemsToFullRanking !== null) q['irt:full-ranking-after'] = r.itemsToFullRanking;
  for (const m of r.misordered) q[`irt:misordered:${m.a}:${m.b}`] = m.gap;
  const i = r.respondents.indexOf(traced);
  if (i >= 0) {
    q[`irt:trace-of:${traced}`] = 1;
    r.traces[i]!.forEach((s, k) => {
      q[`irt:trace:${k + 1}:theta`] = s.theta;
      q[`irt:trace:${k + 1}:sd`] = s.sd;
    });
  }
  return q;
}

/** The memorisation report as flat record numbers: the static set and each rotating set, both models and the advantage with its interval. */
export function memorisationQuality(r: AdvantageReport, model: string, twin: string): Record<string, number> {
  const q: Record<string, number> = { [`memorisation:model:${model}`]: 1, [`memorisation:twin:${twin}`]: 1 };
  const put = (prefix: string, x: AdvantageReport['static']) => {
    q[`${prefix}:model`] = x.contaminated;
    q[`${prefix}:twin`] = x.clean;
    q[`${prefix}:advantage`] = x.advantage.value;
    q[`${prefix}:advantage-ci95-low`] = x.advantage.ci95[0];
    q[`${prefix}:advantage-ci95-high`] = x.advantage.ci95[1];
    q[`${prefix}:items`] = x.advantage.bootstrap.items;
  };
  put('memorisation:static', r.static);
  r.rotations.forEach((x, k) => {
    put(`memorisation:rotation:${k + 1}`, x);
    q[`memorisation:rotation:${k + 1}:seed`] = x.seed;
  });
  return q;
}
