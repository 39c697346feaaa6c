// A cell after its first use: runs in the worker (src/cell/client.ts), the list of runs, comparisons,
// result files in and out, and the stores the results view (React) and the terminal pane (xterm) read
// (src/cell/store.ts). The status line, progress bar and target picker belong to the element: the
// controller tells it what happened (CellHost) and never edits its DOM. Wired by src/cell/wiring.ts.
import type { BrowserProbe } from '../../runtime/browser/webgpu-probe.ts';
import { formatMs } from '../../runtime/results/format.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import type { CellContext, TerminalHost } from '../../runtime/terminal/index.ts';
import { engineClient, type RunHandle, type RunProgress } from './client.ts';
import { agentClient, parsePairingLink } from '../../runtime/browser/agent-client.ts';
import type { AgentHost } from '../../runtime/terminal/index.ts';
import { nativeTargetsNow, watchAgent } from './agent.ts';
import type { CellSnapshot, ResultsStore, RunEntry, TerminalStore } from './store.ts';
import { NO_ADAPTER_NOTE } from './fallback-gpu.ts';
import { isNativeTarget, PAGE_WEBGPU_TARGETS, targetLabel } from './targets.ts';
import type { CellHost, CellMeta, CellValues } from './types.ts';

type Listener = () => void;

export class CellController implements ResultsStore, TerminalStore {
  readonly host: CellHost;
  readonly meta: CellMeta;
  private state: CellSnapshot = {
    runs: [],
    selected: null,
    running: false,
    error: null,
    probe: null,
    loadErrors: [],
    loadNotes: [],
    comparing: false,
    comparison: null,
    recordDiff: null,
    compareError: null,
  };
  private readonly listeners = new Set<Listener>();
  private readonly logListeners = new Set<(line: string) => void>();
  private current: RunHandle | undefined;
  private terminalFocus: (() => void) | undefined;

  constructor(host: CellHost) {
    this.host = host;
    this.meta = host.meta;
    watchAgent(host);
  }

  // --- the store React reads (useSyncExternalStore) ---------------------------------------------
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CellSnapshot => this.state;

  private set(patch: Partial<CellSnapshot>) {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** Log lines of runs (and progress), for the terminal pane. */
  onLog(listener: (line: string) => void): () => void {
    this.logListeners.add(listener);
    return () => this.logListeners.delete(listener);
  }

  private log(line: string) {
    for (const l of this.logListeners) l(line);
  }

  /** What the terminal needs to check its commands. */
  get context(): CellContext {
    return {
      specId: this.meta.id,
      specFile: this.meta.file,
      targets: this.meta.targets,
      specTargets: this.meta.specTargets,
      parameters: this.meta.parameters,
      nativeTargets: nativeTargetsNow(this.meta.specTargets),
      ...(this.meta.sweep !== undefined ? { sweep: this.meta.sweep } : {}),
    };
  }

  setTerminalFocus(focus: () => void) {
    this.terminalFocus = focus;
  }

  focusTerminal() {
    this.terminalFocus?.();
  }

  // --- runs -----------------------------------------------------------------------------------------
  /** Run pressed: runs with the cell's controls. A failure is already shown; it does not throw. */
  async runFromControls(): Promise<void> {
    await this.run(this.host.values(), 'button').catch(() => undefined);
  }

  /** Runs the spec in the worker, with live progress; the result joins the list and is shown. */
  async run(values: CellValues, source: 'button' | 'terminal' | 'rerun', specText = this.host.specText, origin = 'this page'): Promise<RunEntry> {
    if (this.current) throw new Error('a run is in progress; wait for it, or stop it');
    const label = targetLabel(values.target);
    const clickedAt =
      source === 'button' ? (performance.getEntriesByName('bench-cell:run', 'mark').at(-1)?.startTime ?? performance.now()) : performance.now();
    this.host.busy(true);
    this.set({ running: true, error: null });
    this.host.progressStarted();
    let phase = '';
    let lastLogged = -Infinity;
    let sawSample = false;
    const onProgress = (p: RunProgress) => {
      if (p.phase !== phase) {
        phase = p.phase;
        this.host.status(phaseText(p.phase, label, this.meta));
      }
      if (p.phase === 'queries') {
        // The load generator's live view: what was issued, what the system still holds, what came back.
        const text = `${p.issued ?? p.samples} queries issued, ${p.inFlight ?? 0} in flight, ${p.samples} done, ${(p.elapsedMs / 1000).toFixed(1)} s`;
        this.host.progressMeasured({ samples: p.samples, elapsedMs: p.elapsedMs, maxMs: this.meta.maxDurationMs, text });
      }
      if (p.phase === 'measure') {
        const text = `${p.samples} sample${p.samples === 1 ? '' : 's'} so far, ${(p.elapsedMs / 1000).toFixed(1)} s of at most ${(this.meta.maxDurationMs / 1000).toFixed(0)} s`;
        this.host.progressMeasured({ samples: p.samples, elapsedMs: p.elapsedMs, maxMs: this.meta.maxDurationMs, text });
        if (p.samples > 0 && !sawSample) {
          sawSample = true;
          performance.measure('bench-cell:click-to-first-sample', { start: clickedAt, end: performance.now() });
        }
      }
      if ((p.phase !== 'measure' && p.phase !== 'queries') || p.elapsedMs - lastLogged >= 1000) {
        lastLogged = p.phase === 'measure' || p.phase === 'queries' ? p.elapsedMs : lastLogged;
        this.log(`  ${p.phase}: ${p.samples} sample(s), ${(p.elapsedMs / 1000).toFixed(1)} s`);
      }
    };
    const native = isNativeTarget(values.target);
    const agentState = agentClient().state;
    const handle = native
      ? // The same spec, run natively by the paired agent (workbook agent): its log and progress stream here.
        agentClient().run(
          { specText, target: values.target, overrides: values.params },
          {
            onAccepted: (runId, position) => {
              this.log(`agent: run ${runId} accepted${position ? `, ${position} run(s) ahead of it in the agent's queue` : ''}`);
              if (position) this.host.status(`Waiting in the agent's queue (${position} ahead): the agent runs one benchmark at a time.`);
            },
            onStart: () => this.host.status(`Starting on ${label} in the agent: loading its backend, compiling, uploading the inputs…`),
            onLog: (line) => this.log(line),
            onProgress,
          },
        )
      : engineClient().run(
          { specText, target: values.target, overrides: values.params },
          {
            onQueued: () => this.host.status('Waiting for another run on this page to finish: runs take turns, so they do not slow each other down.'),
            onStart: () => this.host.status(`Starting on ${label}: loading its code, compiling, uploading the inputs…`),
            onLog: (line) => this.log(line),
            onProgress,
          },
        );
    this.current = handle;
    try {
      const record = await handle.result;
      const entry = this.add(record, native ? `agent (${agentState.state === 'connected' ? agentState.info.host : 'this computer'})` : origin);
      if (native) this.afterNativeRun(entry);
      const s = record.statistics;
      this.host.status(
        `Done: ${record.validity.valid ? 'VALID' : `INVALID (${record.validity.reasons.map((r) => r.replace(/\.$/, '')).join('; ')})`}. Run ${entry.number}: median ${formatMs(s.median)} [95% CI ${formatMs(s.ci95Median[0])} to ${formatMs(s.ci95Median[1])}], ${s.n} samples.`,
      );
      if (source === 'button')
        this.log(
          `run ${entry.number}: ${record.validity.valid ? 'VALID' : 'INVALID'}, median ${formatMs(s.median)}; type runs to list, compare A B to compare`,
        );
      return entry;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.set({ error: message });
      this.host.status(`Failed: ${message}`);
      if (source === 'button') this.log(`run failed: ${message}`);
      throw e;
    } finally {
      this.current = undefined;
      this.host.progressEnded();
      this.host.busy(false);
      this.set({ running: false });
    }
  }

  /**
   * A native run lands beside the latest run of the same spec in this page: the two are compared at once
   * (comparable or not, and why: the environment diff), and its energy reading is said in the log.
   */
  private afterNativeRun(entry: RunEntry) {
    const energy = entry.record.environment.target.energy as
      | { status: 'measured'; joulesPerItem: number | null; netJ: number; domains: { domain: string }[] }
      | { status: 'not available'; reasons: string[] }
      | undefined;
    if (energy?.status === 'measured')
      this.log(
        `energy (${energy.domains.map((d) => d.domain).join(', ')}, idle subtracted): ${energy.netJ.toPrecision(3)} J${energy.joulesPerItem !== null ? `, ${energy.joulesPerItem.toExponential(2)} J per item` : ''}`,
      );
    else if (energy) this.log(`energy: not available (${energy.reasons.join('; ')})`);
    const browserRun = this.state.runs.filter((r) => r.origin === 'this page' && r.record.spec.id === entry.record.spec.id).at(-1);
    if (browserRun) {
      this.log(`comparing run ${entry.number} (native) with run ${browserRun.number} (this browser)`);
      void this.compare(browserRun.number, entry.number);
    }
  }

  /** The terminal's `agent` words. */
  private agentHost(): AgentHost {
    const client = agentClient();
    return {
      state: () => client.state,
      queue: () => client.status(),
      runs: () => client.runs(),
      pair: async (link) => {
        const p = parsePairingLink(link);
        if ('error' in p) throw new Error(p.error);
        await client.pair(p);
      },
      unpair: () => client.unpair(),
    };
  }

  /**
   * Rerun from the record alone: the spec, parameter values and seed come from the run's record (checked
   * against its hash by runtime/results/rerun.ts), not from the cell's controls. Its own target when this
   * page offers it, else the target picked in the cell (a rerun elsewhere, which the diff then names).
   * The two runs are then compared and diffed.
   */
  async rerun(number: number): Promise<void> {
    const entry = this.state.runs.find((r) => r.number === number);
    if (!entry || this.current) return;
    const { rerunPlan } = await import('../../runtime/results/rerun.ts');
    const { plan, errors } = rerunPlan(entry.record, `run ${number}`);
    if (!plan) {
      this.set({ error: `Run ${number} cannot be rerun from its record: ${errors.join('; ')}` });
      this.host.status(`Not rerun: ${errors[0]}`);
      return;
    }
    const here =
      this.meta.targets.includes(plan.target) || (isNativeTarget(plan.target) && nativeTargetsNow(this.meta.specTargets).includes(plan.target));
    const target = here ? plan.target : this.host.values().target;
    if (!here) this.log(`run ${number} ran on ${plan.target}, which this page cannot run: rerunning it on ${target} (a rerun elsewhere)`);
    this.log(
      `rerun of run ${number} from its record: spec ${plan.spec.id}, seed ${plan.seed}, ${
        Object.entries(plan.overrides)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'no parameters'
      }`,
    );
    const params = Object.fromEntries(Object.entries(plan.overrides).map(([k, v]) => [k, String(v)]));
    try {
      const rerun = await this.run({ target, params }, 'rerun', plan.specText, `rerun of run ${number}`);
      await this.compare(number, rerun.number);
    } catch {
      // The failure is already shown by run().
    }
  }

  /** Stops the run in progress (it keeps what it measured); false when none is going. */
  stop(): boolean {
    if (!this.current) return false;
    this.current.stop();
    this.host.status('Stopping: the run ends after the current sample and keeps what it measured…');
    return true;
  }

  private add(record: ResultRecord, origin: string): RunEntry {
    const number = (this.state.runs.at(-1)?.number ?? 0) + 1;
    const entry: RunEntry = { number, record, origin, fromFile: origin !== 'this page' };
    this.set({ runs: [...this.state.runs, entry], selected: number });
    return entry;
  }

  select(number: number) {
    if (this.state.runs.some((r) => r.number === number)) this.set({ selected: number });
  }

  // --- comparing, files ------------------------------------------------------------------------------
  async compare(a: number, b: number): Promise<void> {
    const ra = this.state.runs.find((r) => r.number === a);
    const rb = this.state.runs.find((r) => r.number === b);
    if (!ra || !rb || a === b) {
      this.set({ compareError: 'Pick two different runs from the list.', comparison: null });
      return;
    }
    this.set({ comparing: true, compareError: null });
    try {
      const result = await engineClient().compare(ra.record, rb.record);
      // The record diff is pure and quick (no bootstrap): here, beside the worker's comparison.
      const { diffRecords } = await import('../../runtime/results/record-diff.ts');
      this.set({ comparison: { a, b, result }, recordDiff: { a, b, diff: diffRecords(ra.record, rb.record) } });
    } catch (e) {
      this.set({ compareError: `The comparison failed: ${(e as Error).message}` });
    } finally {
      this.set({ comparing: false });
    }
  }

  /** Reads result files (a friend's laptop, the command line, the agent) into the list. */
  async loadFiles(files: readonly File[]): Promise<void> {
    const errors: string[] = [];
    const notes: string[] = [];
    for (const file of files) {
      if (file.size > 64 * 1024 * 1024) {
        errors.push(`${file.name}: ${(file.size / 2 ** 20).toFixed(0)} MB is too large for a result file`);
        continue;
      }
      let text: string;
      try {
        text = await file.text();
      } catch {
        errors.push(`${file.name}: the browser could not read this file`);
        continue;
      }
      let parsed: { record?: ResultRecord; errors: string[] };
      try {
        parsed = await engineClient().parseResult(text, file.name);
      } catch (e) {
        errors.push(`${file.name}: ${(e as Error).message}`);
        continue;
      }
      if (!parsed.record) {
        errors.push(...parsed.errors.slice(0, 6));
        if (parsed.errors.length > 6) errors.push(`${file.name}: and ${parsed.errors.length - 6} more problems`);
        continue;
      }
      const entry = this.add(parsed.record, file.name);
      if (parsed.record.spec.id !== this.meta.id) {
        notes.push(
          `${file.name} (run ${entry.number}) measured the spec "${parsed.record.spec.id}", not this cell's "${this.meta.id}": a comparison with this cell's runs will say they are not comparable.`,
        );
      }
    }
    this.set({ loadErrors: errors, loadNotes: notes });
  }

  /** Saves a run as a result file: the same JSON as `workbook run --out`. */
  download(number: number) {
    const entry = this.state.runs.find((r) => r.number === number);
    if (!entry) return;
    const url = URL.createObjectURL(new Blob([`${JSON.stringify(entry.record, null, 2)}\n`], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = resultFileName(entry.record);
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Asks the worker what the browser offers, and says it beside the WebGPU targets. */
  async probe(): Promise<BrowserProbe> {
    const probe = await engineClient().probe();
    this.set({ probe });
    if (!probe.webgpu.available) this.host.disableTargets(PAGE_WEBGPU_TARGETS, NO_ADAPTER_NOTE);
    else if (probe.webgpu.adapter.isFallbackAdapter)
      this.host.noteTargets(PAGE_WEBGPU_TARGETS, `on a CPU fallback adapter (${probe.webgpu.adapter.architecture || 'software'})`);
    return probe;
  }

  /** The terminal pane's view of this cell. */
  terminalHost(write: (text: string) => void, clear: () => void): TerminalHost {
    const client = engineClient();
    // The worker measures one thing at a time: say why a command waits.
    const inTurn = <T>(job: () => Promise<T>): Promise<T> => {
      if (client.busy)
        write('(waiting for the run in progress to finish: the worker does one thing at a time, so nothing lands inside a measurement)\n');
      return job();
    };
    return {
      write,
      clear,
      defaults: () => this.host.values(),
      run: async (request) => {
        this.host.setValues(request);
        return this.run(request, 'terminal');
      },
      running: () => this.current !== undefined,
      stop: () => this.stop(),
      runs: () => this.state.runs,
      probe: () => inTurn(() => this.probe()),
      validate: () => inTurn(() => client.validate(this.host.specText, this.meta.file)),
      compare: (a, b) => inTurn(() => client.compare(a, b)),
      agent: this.agentHost(),
    };
  }
}

/** `matmul-browser-webgpu-2026-11-23T04-05-06-789Z.json`: spec, target, time. */
export function resultFileName(record: ResultRecord): string {
  return `${record.spec.id}-${record.target}-${record.startedAt.replace(/[:.]/g, '-')}.json`;
}

function phaseText(phase: string, label: string, meta: CellMeta): string {
  switch (phase) {
    case 'warmup':
      return `Warming up on ${label}: the first run, timed on its own, then ${meta.warmup} warm-up run${meta.warmup === 1 ? '' : 's'}, left out of the statistics.`;
    case 'calibrate':
      return `Calibrating on ${label}: growing the batch until one sample lasts 1000 ticks of the timer.`;
    case 'measure':
      return `Measuring on ${label}: sampling until the spread is small or the time cap is reached.`;
    case 'queries':
      return `Issuing queries on ${label}, as the scenario says; each is timed from when it was due.`;
    default:
      return `${phase} on ${label}…`;
  }
}
