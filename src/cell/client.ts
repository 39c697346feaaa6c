// The page's side of the benchmark worker: one worker per page, shared by its cells (and the lab).
// Runs take turns: two benchmarks at once would slow each other down and both results would lie.
import type { BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import type { Comparison } from '../../runtime/results/compare.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { Diagnostic } from '../../runtime/spec/load.ts';
import { targetInfo, type Target } from '../../runtime/targets/index.ts';
import type { Answers, ParamValues, Reply, Request } from './protocol.ts';

export interface RunRequest {
  /** The spec's YAML text. */
  specText: string;
  target?: Target;
  overrides?: ParamValues;
  /** Where the build put the models and onnxruntime-web's files. */
  assetsBase?: string;
}

export interface RunProgress {
  phase: string;
  samples: number;
  elapsedMs: number;
  /** Under the load generator (phase `queries`): queries issued and still in flight (`samples` counts those done). */
  issued?: number;
  inFlight?: number;
}

export interface RunHandlers {
  onLog?: (line: string) => void;
  onProgress?: (p: RunProgress) => void;
  /** The run waits for another run on this page to finish. */
  onQueued?: () => void;
  /** The run was handed to the worker. */
  onStart?: () => void;
}

export interface RunHandle {
  /** The result record; a stopped run resolves with what it measured (INVALID, cancelled). */
  result: Promise<ResultRecord>;
  /** Stops the run: it ends after the current sample and keeps what it measured. */
  stop(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  handlers?: RunHandlers;
}

const defaultAssetsBase = () => new URL('/models', location.href).href;

type WasmMode = 'one thread' | 'threads';
/** How onnxruntime-web's thread pool starts for `target` (the table says), or undefined where ORT's wasm is not used. */
const wasmModeOf = (target?: Target): WasmMode | undefined => (target ? targetInfo(target)?.wasmThreads : undefined);

/** Talks to the benchmark worker: runs (queued, stoppable), probes, spec checks, result files, comparisons. */
export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private turn: Promise<unknown> = Promise.resolve();
  /** Runs in progress or waiting for their turn. */
  private running = 0;
  /** How the current worker's onnxruntime-web started: its thread pool cannot change afterwards. */
  private wasmMode: WasmMode | undefined;

  /** Whether a run is in progress or waiting for its turn. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Starts the worker (it loads the engine) before the first request needs it. */
  warmUp(): void {
    this.ensureWorker();
  }

  /**
   * Starts the worker and loads what a run on `target` needs (see the worker's prestart), so a
   * later Run starts sooner. Skipped while a run is in progress or waiting (it would share the
   * machine with a measurement), and where the worker's onnxruntime-web already runs with the
   * other thread setting (that run gets a fresh worker anyway). Resolves with why nothing was
   * started, or null. `overrides` are the cell's current parameters (WebGPU compiles their pipeline).
   */
  prestart(target: Target, specText: string, assetsBase = defaultAssetsBase(), overrides: ParamValues = {}): Promise<string | null> {
    if (this.busy) return Promise.resolve('a run is in progress');
    const wanted = wasmModeOf(target);
    if (wanted && this.wasmMode && wanted !== this.wasmMode)
      return Promise.resolve(`onnxruntime-web already runs with ${this.wasmMode} in this worker`);
    return this.exclusive(() => {
      this.wasmMode ??= wanted;
      return this.send<'prestart'>({ type: 'prestart', id: this.nextId++, target, specText, assetsBase, overrides });
    });
  }

  run(request: RunRequest, handlers: RunHandlers = {}): RunHandle {
    let id: number | undefined;
    let stopped = false;
    if (this.busy) handlers.onQueued?.();
    this.running++;
    const result = this.exclusive(() => {
      if (stopped) throw new Error('stopped before it started: nothing was measured');
      this.recycleFor(request.target, handlers.onLog);
      handlers.onStart?.();
      const started = this.send<'run'>(
        {
          type: 'run',
          id: (id = this.nextId++),
          specText: request.specText,
          ...(request.target ? { target: request.target } : {}),
          overrides: request.overrides ?? {},
          assetsBase: request.assetsBase ?? defaultAssetsBase(),
        },
        handlers,
      );
      this.wasmMode ??= wasmModeOf(request.target);
      return started;
    }).finally(() => {
      this.running--;
    });
    return {
      result,
      stop: () => {
        stopped = true;
        if (id !== undefined) this.worker?.postMessage({ type: 'stop', id } satisfies Request);
      },
    };
  }

  // Everything else the worker does also waits for its turn: a probe or a comparison running in the
  // worker between two samples of a benchmark would land inside the next sample's time.

  /** What the worker's browser offers: WebGPU adapter, isolation, timer step. */
  probe(): Promise<BrowserProbe> {
    return this.exclusive(() => this.send<'probe'>({ type: 'probe', id: this.nextId++ }));
  }

  /** The spec's problems (schema and rules), with lines. */
  validate(specText: string, file: string): Promise<Diagnostic[]> {
    return this.exclusive(() => this.send<'validate'>({ type: 'validate', id: this.nextId++, specText, file }));
  }

  /** Reads a result file's text: the record, or what is wrong with it. */
  parseResult(text: string, file: string): Promise<{ record?: ResultRecord; errors: string[] }> {
    return this.exclusive(() => this.send<'parse-result'>({ type: 'parse-result', id: this.nextId++, text, file }));
  }

  /** Comparable or not, significant or not, in words. */
  compare(a: ResultRecord, b: ResultRecord): Promise<Comparison> {
    return this.exclusive(() => this.send<'compare'>({ type: 'compare', id: this.nextId++, a, b }));
  }

  /** Runs `job` when everything asked of the worker before it has finished. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const result = this.turn.then(job);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private send<K extends keyof Answers>(request: Extract<Request, { type: K }>, handlers?: RunHandlers): Promise<Answers[K]> {
    const worker = this.ensureWorker();
    return new Promise<Answers[K]>((resolve, reject) => {
      this.pending.set(request.id, { resolve: resolve as (v: unknown) => void, reject, handlers });
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'benchmark' });
    worker.onmessage = (event: MessageEvent<Reply>) => this.receive(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`the benchmark worker stopped: ${event.message || 'its code could not be loaded'}`);
    };
    worker.onmessageerror = () => this.fail('the benchmark worker sent a message the page could not read');
    this.worker = worker;
    return worker;
  }

  private receive(reply: Reply) {
    const p = this.pending.get(reply.id);
    if (!p) return;
    switch (reply.type) {
      case 'log':
        p.handlers?.onLog?.(reply.line);
        return;
      case 'progress':
        p.handlers?.onProgress?.({
          phase: reply.phase,
          samples: reply.samples,
          elapsedMs: reply.elapsedMs,
          ...(reply.issued !== undefined ? { issued: reply.issued, inFlight: reply.inFlight } : {}),
        });
        return;
      case 'done':
        this.pending.delete(reply.id);
        p.resolve(reply.value);
        return;
      case 'error':
        this.pending.delete(reply.id);
        p.reject(new Error(reply.message));
    }
  }

  /** Every open request fails with `message`; the next request starts a fresh worker. */
  private fail(message: string) {
    this.worker?.terminate();
    this.worker = undefined;
    this.wasmMode = undefined;
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }

  /**
   * onnxruntime-web fixes its WebAssembly thread pool when it first starts in a worker. A run that
   * wants the other kind (one thread after threads, or the reverse) gets a fresh worker, which the
   * page can do without a reload.
   */
  private recycleFor(target: Target | undefined, log?: (line: string) => void) {
    const wanted = wasmModeOf(target);
    if (!wanted || !this.wasmMode || wanted === this.wasmMode) return;
    log?.(`starting a fresh worker: onnxruntime-web already runs with ${this.wasmMode} in this one, and its thread pool cannot change`);
    this.fail('the benchmark worker was restarted for a run with another thread setting; try again');
  }
}

let shared: EngineClient | undefined;

/** The page's one engine client (one worker), shared by every cell on the page. */
export function engineClient(): EngineClient {
  return (shared ??= new EngineClient());
}
