import { describe, expect, it } from 'vitest';
import { compareResults } from '../../runtime/results/compare.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import type { Diagnostic } from '../../runtime/spec/load.ts';
import { runCommandLine, type CellContext, type RunView, type TerminalHost } from '../../runtime/terminal/index.ts';
import { makeRecord } from './fixtures/record.ts';

const cell: CellContext = {
  specId: 'matmul',
  specFile: 'lessons/specs/matmul.bench.yaml',
  targets: ['browser-webgpu', 'js'],
  specTargets: ['browser-webgpu', 'node-webgpu', 'js'],
  parameters: ['n', 'variant'],
};

/** The shared record fixture, as this suite's runs look. */
function record(samples: number[], over: Partial<ResultRecord> = {}): ResultRecord {
  return makeRecord(samples, {
    parameters: { n: 64, variant: 'tiled' },
    target: 'browser-webgpu',
    timing: {
      setupMs: 3,
      firstRunMs: 9,
      warmupMs: [2],
      iterationsPerSample: 4,
      timerResolutionMs: 0.005,
      stoppedBecause: 'converged',
      elapsedMs: 1200,
    },
    environment: { host: { kind: 'browser' }, target: { backend: 'webgpu' } },
    ...over,
  });
}

const fallbackProbe: BrowserProbe = {
  webgpu: {
    available: true,
    adapter: {
      vendor: 'google',
      architecture: 'swiftshader',
      device: '',
      description: 'SwiftShader Device',
      isFallbackAdapter: true,
      features: ['timestamp-query'],
      limits: { maxBufferSize: 1024 },
    },
  },
  crossOriginIsolated: true,
  secureContext: true,
  timerResolutionMs: 0.005,
  userAgent: 'Test/1.0',
};

/** A host that records what it was asked and answers from fixed data. */
function fakeHost(options: { runs?: RunView[]; busy?: boolean; runError?: string; diagnostics?: Diagnostic[]; probe?: BrowserProbe } = {}) {
  let text = '';
  const runs: RunView[] = [...(options.runs ?? [])];
  const requests: { target: string; params: Record<string, string> }[] = [];
  let cleared = 0;
  let stopped = 0;
  const host: TerminalHost = {
    write: (t) => {
      text += t;
    },
    clear: () => {
      cleared++;
    },
    defaults: () => ({ target: 'browser-webgpu', params: { n: '256', variant: 'tiled' } }),
    async run(request) {
      requests.push(request);
      if (options.runError) throw new Error(options.runError);
      const entry = {
        number: runs.length + 1,
        record: record([1, 1.1, 0.9], { parameters: { n: Number(request.params.n), variant: request.params.variant! } }),
        origin: 'this page',
      };
      runs.push(entry);
      return entry;
    },
    running: () => options.busy ?? false,
    stop: () => {
      stopped++;
      return options.busy ?? false;
    },
    runs: () => runs,
    probe: async () => options.probe ?? fallbackProbe,
    validate: async () => options.diagnostics ?? [],
    compare: async (a, b) => compareResults(a, b),
  };
  return { host, output: () => text, requests, cleared: () => cleared, stopped: () => stopped };
}

describe('runCommandLine', () => {
  it('runs with the cell controls for what the line leaves out, and shows the native command and the table', async () => {
    const h = fakeHost();
    await runCommandLine('run --param n=64', cell, h.host);
    expect(h.requests).toEqual([{ target: 'browser-webgpu', params: { n: '64', variant: 'tiled' } }]);
    const out = h.output();
    expect(out).toContain('run --target browser-webgpu --param n=64 --param variant=tiled\n');
    expect(out).toContain('npx workbook run lessons/specs/matmul.bench.yaml --target node-webgpu --param n=64 --param variant=tiled');
    expect(out).toContain('median [95% CI]');
    expect(out).toContain('run 1 is in the list');
  });

  it('suggests comparing a new run with the one before', async () => {
    const h = fakeHost({ runs: [{ number: 1, record: record([2, 2.1, 1.9]), origin: 'this page' }] });
    await runCommandLine('run --target js', cell, h.host);
    expect(h.output()).toContain('run 2 is in the list; compare it with run 1: compare 1 2');
  });

  it("prints a failed run's message, not a stack trace, and refuses a second run while one is going", async () => {
    const failing = fakeHost({ runError: 'target browser-webgpu cannot run this task here: no adapter' });
    await runCommandLine('run', cell, failing.host);
    expect(failing.output()).toMatch(/run: target browser-webgpu cannot run this task here: no adapter\n$/);
    expect(failing.output()).not.toContain('    at ');
    const busy = fakeHost({ busy: true });
    await runCommandLine('run', cell, busy.host);
    expect(busy.requests).toEqual([]);
    expect(busy.output()).toContain('a run is in progress');
  });

  it('compares two runs of the list in words, and names runs that are not there', async () => {
    const spread = [0, 0.01, -0.01, 0.02, -0.02, 0.015, -0.015, 0.005, -0.005, 0.012];
    const runs = [1, 2].map((n) => ({ number: n, record: record(spread.map((d) => n * (1 + d))), origin: 'this page' }));
    const h = fakeHost({ runs });
    await runCommandLine('compare 1 2', cell, h.host);
    expect(h.output()).toContain('A: run 1, matmul on browser-webgpu, n=64 variant=tiled (this page)');
    expect(h.output()).toContain('COMPARABLE, SIGNIFICANT');
    // Five samples a run are too few to decide: the word says so instead of SIGNIFICANT.
    const few = fakeHost({ runs: runs.map((r) => ({ ...r, record: record(r.record.samples.perIteration.slice(0, 5)) })) });
    await runCommandLine('compare 1 2', cell, few.host);
    expect(few.output()).toContain('COMPARABLE, INCONCLUSIVE');
    expect(h.output()).toContain('The two results are comparable');
    const empty = fakeHost();
    await runCommandLine('compare 1 3', cell, empty.host);
    expect(empty.output()).toBe('compare: no run 1 or 3; the list is empty: run the cell first\n');
  });

  it("validates the cell's spec with file:line:col messages", async () => {
    const h = fakeHost({
      diagnostics: [
        { line: 12, column: 3, severity: 'error', message: 'task.size: expected a whole number' },
        { line: 20, column: 1, severity: 'warning', message: 'p99 needs 1000 samples' },
      ],
    });
    await runCommandLine('validate', cell, h.host);
    expect(h.output()).toBe(
      'lessons/specs/matmul.bench.yaml:12:3: task.size: expected a whole number\nlessons/specs/matmul.bench.yaml:20:1: warning: p99 needs 1000 samples\n1 error(s), 1 warning(s)\n',
    );
    const clean = fakeHost();
    await runCommandLine('validate', cell, clean.host);
    expect(clean.output()).toContain('no problems');
  });

  it('describes the environment: a fallback adapter plainly, and a missing WebGPU with its reason', async () => {
    const h = fakeHost();
    await runCommandLine('env', cell, h.host);
    expect(h.output()).toContain('WebGPU: available, adapter google / swiftshader (SwiftShader Device)');
    expect(h.output()).toContain('CPU fallback adapter');
    expect(h.output()).toContain('timestamp-query (GPU timestamps): yes, shader-f16 (16-bit floats): no; 1 feature in all');
    expect(h.output()).toContain('limits: maxBufferSize 1,024');
    expect(h.output()).toContain('cross-origin isolated: yes');
    expect(h.output()).toContain('timer step (performance.now): 5.000 µs');
    const none = fakeHost({
      probe: { ...fallbackProbe, crossOriginIsolated: false, webgpu: { available: false, reason: 'navigator.gpu is missing.' } },
    });
    await runCommandLine('env', cell, none.host);
    expect(none.output()).toContain('WebGPU: not available. navigator.gpu is missing.');
    expect(none.output()).toContain('cross-origin isolated: no');
  });

  it('lists runs, stops, clears, helps, and answers unknown words as not a shell', async () => {
    const h = fakeHost({
      runs: [{ number: 1, record: record([1, 1, 1], { validity: { valid: false, reasons: ['cancelled'], notes: [] } }), origin: 'friend.json' }],
    });
    await runCommandLine('runs', cell, h.host);
    expect(h.output()).toMatch(
      /#\s+target\s+parameters\s+median\s+verdict\s+from\n1\s+browser-webgpu\s+n=64 variant=tiled\s+1\.000 ms\s+INVALID\s+friend\.json/,
    );
    await runCommandLine('stop', cell, h.host);
    expect(h.stopped()).toBe(1);
    expect(h.output()).toContain('stop: no run in progress');
    await runCommandLine('clear', cell, h.host);
    expect(h.cleared()).toBe(1);
    await runCommandLine('help', cell, h.host);
    expect(h.output()).toContain('compare A B');
    expect(h.output()).toContain('This is not a system shell');
    await runCommandLine('cat /etc/passwd', cell, h.host);
    expect(h.output()).toContain('cat: unknown command. This terminal is not a system shell');
  });
});
