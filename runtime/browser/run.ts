import { loadSpec } from '../spec/index.ts';
import type { Target } from '../spec/task.ts';
import { runSpec } from '../engine/run-spec.ts';
import type { ResultRecord } from '../results/record.ts';
import { browserHostEnvironment } from './environment.ts';
import { browserRunners } from './runners.ts';
import { formatDiagnostic } from '../diagnostics.ts';

export interface BrowserRunOptions {
  target?: Target;
  overrides?: Record<string, string | number | boolean>;
  assetsBase?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  onProgress?: (p: { phase: string; samples: number; elapsedMs: number }) => void;
}

/** Runs a spec's YAML text in this page (or worker): the same engine as `workbook run`. */
export async function runSpecInBrowser(specText: string, options: BrowserRunOptions = {}): Promise<ResultRecord> {
  const { spec, diagnostics } = loadSpec(specText);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!spec || errors.length) throw new Error(errors.map((d) => `line ${formatDiagnostic(d)}`).join('\n'));
  const assetsBase = options.assetsBase ?? '/models';
  return runSpec({
    spec,
    overrides: options.overrides,
    target: options.target,
    runners: browserRunners(assetsBase),
    host: browserHostEnvironment(),
    clock: () => performance.now(),
    signal: options.signal,
    log: options.log,
    onProgress: options.onProgress,
    // Under the load generator, the WASM targets' queries run in a SUT worker of their own, so this thread issues
    // on schedule (loaded only when a load spec runs on them).
    loadSystem: async (task, target, performanceSampleCount) =>
      (await import('./load-ort-worker.ts')).browserLoadSystem(task, target, {
        assetsBase,
        ...(performanceSampleCount !== undefined ? { performanceSampleCount } : {}),
      }),
  });
}
