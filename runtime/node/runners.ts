import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { runSpec } from '../engine/run-spec.ts';
import type { CancelSignal } from '../measure/types.ts';
import type { ResultRecord } from '../results/record.ts';
import type { Spec } from '../spec/index.ts';
import type { Target } from '../spec/task.ts';
import { lazyRunner } from '../runners/lazy.ts';
import type { Runner } from '../runners/types.ts';
import { jsTarget } from '../targets/js.ts';
import { nodeOnnxTarget } from '../targets/node-onnx.ts';
import { nodeWebGpuTarget } from '../targets/node-webgpu.ts';
import { defaultEnergyProbe, type EnergyProbe } from './energy/index.ts';
import { nodeGpus, nodeHostEnvironment } from './environment.ts';
import { nodeLoadSystem } from './load-onnx.ts';
import type { LoadProgress } from '../load/index.ts';

/**
 * The runners the command line (and later the agent) offers: native backends, loaded on first use.
 * WORKBOOK_ONNX_EP picks onnxruntime-node's execution provider (default cpu; cuda once installed).
 */
export function nodeRunners(env: Record<string, string | undefined> = process.env): Runner[] {
  const executionProvider = env.WORKBOOK_ONNX_EP || 'cpu';
  return [
    lazyRunner(jsTarget.id, async () => (await import('../runners/js.ts')).jsRunner),
    lazyRunner(nodeWebGpuTarget.id, async () => (await import('./webgpu.ts')).nodeWebGpuRunner),
    lazyRunner(nodeOnnxTarget.id, async () => (await import('./onnx-node.ts')).createNodeOnnxRunner({ executionProvider })),
  ];
}

/** What one native run needs: the spec (already loaded and checked) and the caller's choices. */
export interface NativeRunInput {
  spec: Spec;
  overrides?: Record<string, string | number | boolean>;
  target?: Target;
  log?: (line: string) => void;
  onProgress?: (p: { phase: string; samples: number; elapsedMs: number }) => void;
  signal?: CancelSignal;
  /** The load generator's progress (queries issued, in flight, done) when the spec has constraints.load. */
  onLoadProgress?: (p: LoadProgress) => void;
  /** Energy counters around the timed region (runtime/node/energy); default: whatever this machine offers. */
  energy?: EnergyProbe;
  env?: Record<string, string | undefined>;
}

// One set of runners per execution provider for the process: the agent's second run reuses the first's
// trained MNIST model and loaded backends, as a second cell run in one page does.
const runnerCache = new Map<string, Runner[]>();
const cachedRunners = (env: Record<string, string | undefined>) => {
  const key = env.WORKBOOK_ONNX_EP || 'cpu';
  let runners = runnerCache.get(key);
  if (!runners) {
    runners = nodeRunners(env);
    runnerCache.set(key, runners);
  }
  return runners;
};

/**
 * The one code path of a native run: `workbook run --target node-...` and the agent both call this, so a
 * spec run from the page through the agent and from the command line is the same run (runners, host
 * record, clock, energy).
 */
export async function runOnNode(input: NativeRunInput): Promise<ResultRecord> {
  const log = input.log ?? (() => {});
  const energy = input.energy ?? (await defaultEnergyProbe(input.env)).probe;
  const window = await energy.begin(log);
  const count = { iterations: 0, itemsPerIteration: 1 };
  const runners = cachedRunners(input.env ?? process.env).map((r) => counted(r, count));
  let record: ResultRecord;
  try {
    record = await runSpec({
      spec: input.spec,
      overrides: input.overrides ?? {},
      target: input.target,
      runners,
      host: { ...nodeHostEnvironment(), ...(await nodeGpus(input.env)) },
      clock: () => performance.now(),
      signal: input.signal,
      log,
      // The load generator's system under test: the MNIST classifier per sample, or the runner wrapped.
      loadSystem: nodeLoadSystem,
      onLoadProgress: input.onLoadProgress,
      onProgress: (p) => {
        // The timed region is the measure phase: its first report opens the energy window, each later one moves its end.
        if (p.phase === 'measure') window.mark(performance.now(), count.iterations);
        input.onProgress?.(p);
      },
    });
  } catch (e) {
    await window.end(count.itemsPerIteration).catch(() => undefined);
    throw e;
  }
  record.environment.target.energy = await window.end(count.itemsPerIteration);
  return record;
}

/**
 * The runner, with each timed call's iterations counted (an integer add outside the timed call's own work)
 * and the work per iteration noted, so energy can be divided per item.
 */
function counted(runner: Runner, count: { iterations: number; itemsPerIteration: number }): Runner {
  return {
    target: runner.target,
    unsupported: (task) => runner.unsupported(task),
    async prepare(task, options) {
      const prepared = await runner.prepare(task, options);
      count.itemsPerIteration = prepared.work.items;
      const quality = prepared.quality;
      return {
        workload: {
          run: (iterations: number) => {
            count.iterations += iterations;
            return prepared.workload.run(iterations);
          },
        },
        get work() {
          return prepared.work;
        },
        verify: () => prepared.verify(),
        ...(quality ? { quality: () => quality.call(prepared) } : {}),
        environment: () => prepared.environment(),
        dispose: () => prepared.dispose(),
      };
    },
  };
}
