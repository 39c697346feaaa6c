import type { Target } from '../spec/task.ts';
import type { Runner } from './types.ts';

/**
 * A runner whose code (onnxruntime, dawn, kernels) loads only when it is first asked about a task,
 * so a page or the CLI pays for a backend only when a spec uses it.
 */
export function lazyRunner(target: Target, load: () => Promise<Runner>): Runner {
  let loaded: Promise<Runner> | undefined;
  const get = () => (loaded ??= load());
  return {
    target,
    async unsupported(task) {
      let runner: Runner;
      try {
        runner = await get();
      } catch (e) {
        loaded = undefined;
        return `the ${target} backend could not be loaded: ${(e as Error).message}`;
      }
      return runner.unsupported(task);
    },
    async prepare(task, options) {
      return (await get()).prepare(task, options);
    },
  };
}
