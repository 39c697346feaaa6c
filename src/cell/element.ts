// <bench-cell>: the only script a lesson page loads for its cells before one comes into view. It
// wires Run, Stop and "Open the terminal", and owns the cell's DOM (status, progress, target picker);
// the first use loads the cell's code (src/cell/wiring.ts: the controller, the worker, React, the plots
// and the terminal). When a cell comes into view, that code,
// the worker and the chosen target's backend start loading in idle time (src/cell/prestart.ts), so
// Run starts sooner. Keep this file small: it is page weight.
import type { Target } from '../../runtime/targets/index.ts';
import type { CellController } from './controller.ts';
import { fitCellToGpu } from './fallback-gpu.ts';
import { PAGE_ISOLATED_TARGETS } from './targets.ts';
import type { CellHost, CellMeta, CellValues } from './types.ts';

/** One observer for every cell of the page: a cell is prestarted the first time it comes into view. */
let viewWatcher: IntersectionObserver | undefined;
const watchView = (cell: BenchCellElement) => {
  viewWatcher ??= new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      viewWatcher?.unobserve(entry.target);
      (entry.target as BenchCellElement).cameIntoView();
    }
  });
  viewWatcher.observe(cell);
};
/** Runs `job` when the page has nothing better to do (at most `ms` later); Safari has no requestIdleCallback. */
const whenIdle = (job: () => void, ms = 500) =>
  'requestIdleCallback' in globalThis ? requestIdleCallback(job, { timeout: ms }) : setTimeout(job, 50);

/** Whether this origin keeps an agent pairing (storage can be switched off: then there is none). */
const storedPairing = () => {
  try {
    return localStorage.getItem('bc-agent-pairing') !== null;
  } catch {
    return false;
  }
};

class BenchCellElement extends HTMLElement implements CellHost {
  private controller: Promise<CellController> | undefined;
  private stopWanted = false;
  private inView = false;
  /** Targets and parameter values this cell has asked to prestart. */
  private readonly prestarted = new Set<string>();
  /** Settles when the page's one WebGPU question is answered and this cell's targets fit it (src/cell/fallback-gpu.ts). */
  private gpuFitted: Promise<void> = Promise.resolve();

  get meta(): CellMeta {
    return JSON.parse(this.dataset.meta ?? '{}') as CellMeta;
  }

  get specText(): string {
    return this.dataset.specText ?? '';
  }

  private get form(): HTMLFormElement {
    return this.querySelector('form')!;
  }

  connectedCallback() {
    if (this.dataset.wired !== undefined) return;
    this.dataset.wired = '';
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run();
    });
    this.querySelector('.bc-stop')?.addEventListener('click', () => this.stop());
    this.querySelector('.bc-open-terminal')?.addEventListener('click', () => void this.activate(true));
    // Say at once what this browser cannot do, before the first Run: no WebGPU adapter means another default.
    this.gpuFitted = fitCellToGpu(this).catch(() => undefined);
    if (!globalThis.crossOriginIsolated) this.disableTargets(PAGE_ISOLATED_TARGETS, 'needs a cross-origin isolated page');
    this.form.addEventListener('change', (event) => {
      // A new target or parameter may need another backend or pipeline (WebGPU compiles per kernel).
      if (/^(target$|param:)/.test((event.target as HTMLInputElement).name) && this.inView) this.prestart();
    });
    if ('IntersectionObserver' in globalThis) watchView(this);
    // The agent's native targets: only where this browser was paired, or the link carries a pairing.
    if (this.querySelector('input[data-native]') && (location.hash.includes('agent=') || storedPairing()))
      void import('./agent.ts').then((m) => m.watchAgent(this));
  }

  /** Called once, when the cell first becomes visible. */
  cameIntoView() {
    this.inView = true;
    void this.gpuFitted.then(() => this.prestart());
  }

  /**
   * Loads the cell's code, the worker and the chosen target's backend in idle time.
   * `data-prestart` says how far it got (pending, ready, or skipped: the run will say why).
   */
  private prestart() {
    const { target, params } = this.values();
    const key = `${target} ${JSON.stringify(params)}`;
    if (this.prestarted.has(key)) return;
    this.prestarted.add(key);
    this.dataset.prestart = 'pending';
    whenIdle(() => {
      import('./prestart.ts')
        .then((m) => m.prestartCell(target, this.specText, params))
        .then(
          (why) => (this.dataset.prestart = why ? 'skipped' : 'ready'),
          () => (this.dataset.prestart = 'skipped'),
        );
    });
  }

  /** The chosen target and each parameter's value. */
  values(): CellValues {
    const data = new FormData(this.form);
    const params: Record<string, string> = {};
    for (const el of this.form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[name^="param:"]')) {
      params[el.name.slice(6)] = el instanceof HTMLInputElement && el.type === 'checkbox' ? String(el.checked) : el.value;
    }
    return { target: String(data.get('target') ?? this.meta.targets[0]) as CellValues['target'], params };
  }

  setValues(values: Partial<CellValues>) {
    if (values.target) {
      const radio = this.form.querySelector<HTMLInputElement>(`input[name="target"][value="${values.target}"]`);
      if (radio && !radio.disabled) radio.checked = true;
    }
    for (const [name, value] of Object.entries(values.params ?? {})) {
      const el = this.form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="param:${name}"]`);
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === 'true';
      else if (el) el.value = value;
    }
  }

  /** Loads the controller once (and with it the worker, React, the plots and the terminal). */
  activate(focusTerminal = false): Promise<CellController> {
    this.querySelector('.bc-open-terminal')?.setAttribute('disabled', '');
    this.controller ??= import('./wiring.ts').then((m) => m.startCell(this));
    this.controller.then(
      (c) => focusTerminal && c.focusTerminal(),
      (e: unknown) => this.status(`The cell could not load its code: ${(e as Error).message}. Reload the page to try again.`),
    );
    return this.controller;
  }

  private async run() {
    performance.mark('bench-cell:run');
    this.stopWanted = false;
    this.busy(true);
    if (!this.controller) this.status('Loading the benchmark engine…');
    try {
      await this.gpuFitted;
      const controller = await this.activate();
      if (this.stopWanted) this.status('Stopped before the run started: nothing was measured.');
      else await controller.runFromControls();
    } catch {
      // the controller has said what went wrong in the status line
    } finally {
      this.busy(false);
    }
  }

  private stop() {
    this.stopWanted = true;
    void this.controller?.then((c) => c.stop());
  }

  busy(on: boolean) {
    this.dataset.state = on ? 'running' : 'idle';
    this.querySelector<HTMLButtonElement>('.bc-run')!.disabled = on;
    this.querySelector<HTMLButtonElement>('.bc-stop')!.disabled = !on;
  }

  status(text: string) {
    this.querySelector('.bc-cell-status')!.textContent = text;
  }

  private get progressBar(): HTMLProgressElement {
    return this.querySelector<HTMLProgressElement>('.bc-cell-progress')!;
  }

  private get samplesText(): HTMLElement {
    return this.querySelector<HTMLElement>('.bc-cell-samples')!;
  }

  progressStarted() {
    delete this.dataset.samples;
    const bar = this.progressBar;
    bar.hidden = false;
    bar.removeAttribute('value');
    bar.removeAttribute('aria-valuetext');
    this.samplesText.textContent = '';
  }

  progressMeasured(p: { samples: number; elapsedMs: number; maxMs: number; text: string }) {
    const bar = this.progressBar;
    bar.max = p.maxMs;
    bar.value = Math.min(p.elapsedMs, p.maxMs);
    bar.setAttribute('aria-valuetext', p.text);
    this.samplesText.textContent = p.text;
    this.dataset.samples = String(p.samples);
  }

  progressEnded() {
    this.progressBar.hidden = true;
    this.samplesText.textContent = '';
  }

  viewContainers() {
    return { results: this.querySelector<HTMLElement>('.bc-cell-results')!, terminal: this.querySelector<HTMLElement>('.bc-cell-terminal')! };
  }

  private targetRadio(t: Target) {
    return this.form.querySelector<HTMLInputElement>(`input[name="target"][value="${t}"]`);
  }

  /** Disables `targets` with why; when the chosen one was among them, picks the first that runs (as a click, so it is prestarted). */
  disableTargets(targets: readonly Target[], why: string) {
    for (const t of targets) {
      const radio = this.targetRadio(t);
      if (!radio) continue;
      radio.disabled = true;
      radio.checked = false;
      radio.closest('label')?.querySelector('.bc-target-note')?.replaceChildren(why);
    }
    if (!this.form.querySelector('input[name="target"]:checked'))
      this.form.querySelector<HTMLInputElement>('input[name="target"]:not(:disabled)')?.click();
  }

  enableTargets(targets: readonly Target[], note: string) {
    for (const t of targets) {
      const radio = this.targetRadio(t);
      if (!radio) continue;
      radio.disabled = false;
      radio.closest('label')?.querySelector('.bc-target-note')?.replaceChildren(note);
    }
  }

  noteTargets(targets: readonly Target[], note: string) {
    for (const t of targets) this.targetRadio(t)?.closest('label')?.querySelector('.bc-target-note')?.replaceChildren(note);
  }
}

if (!customElements.get('bench-cell')) customElements.define('bench-cell', BenchCellElement);

export type { BenchCellElement };
