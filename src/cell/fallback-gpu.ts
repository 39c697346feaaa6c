/// <reference types="@webgpu/types" />
// Before the first Run: can this browser give the page a WebGPU adapter? Asked once per page
// (requestAdapter, shared by every cell and exercise), so a cell preselects a target that runs and
// never fails on its default. Without an adapter (the common case on a machine with no usable GPU:
// Chrome offers no software adapter without flags) the cells fall back to the targets that need no
// WebGPU, and the first of them says why, once, in a learner's words. Loaded with <bench-cell>: keep it small.
import { isCpuFallbackAdapter } from '../../runtime/gpu/fallback.ts';
import type { Target } from '../../runtime/targets/index.ts';
import { PAGE_WEBGPU_TARGETS } from './targets.ts';

/** What the page found: an adapter (maybe a CPU fallback one), or none and why. */
export type PageGpu = { kind: 'adapter'; fallback: boolean } | { kind: 'none'; why: 'insecure' | 'no-api' | 'no-adapter' | 'error'; detail?: string };

/** Asks for an adapter in `g` (the page, or a test's stand-in). Never throws. */
export async function askAdapter(g: { isSecureContext?: boolean; navigator?: { gpu?: GPU } }): Promise<PageGpu> {
  if (g.isSecureContext === false) return { kind: 'none', why: 'insecure' };
  const gpu = g.navigator?.gpu;
  if (!gpu) return { kind: 'none', why: 'no-api' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { kind: 'none', why: 'no-adapter' };
    // The one rule for "a CPU fallback" (runtime/gpu/fallback.ts): the adapter's flag or a software rasteriser's name.
    const info = (adapter.info ?? {}) as Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean };
    return { kind: 'adapter', fallback: isCpuFallbackAdapter(info) };
  } catch (e) {
    return { kind: 'none', why: 'error', detail: e instanceof Error ? e.message : String(e) };
  }
}

let asked: Promise<PageGpu> | undefined;

/** The page's one answer: the first caller asks, every later one shares it. */
export function pageGpu(): Promise<PageGpu> {
  asked ??= askAdapter(globalThis as { isSecureContext?: boolean; navigator?: { gpu?: GPU } });
  return asked;
}

/** Beside each WebGPU target a cell cannot run. */
export const NO_ADAPTER_NOTE = 'no WebGPU adapter in this browser (the note on this page says why)';

const WHY: Record<Extract<PageGpu, { kind: 'none' }>['why'], string> = {
  insecure: 'WebGPU only works on a secure page (https, or localhost on your own machine), and this page is neither.',
  'no-api': 'This browser has no WebGPU at all (an older browser, or one that has not switched it on yet).',
  'no-adapter':
    'Your browser knows WebGPU, but it found no graphics processor it is willing to use: this machine may have no GPU, or its driver is missing or blocked. Browsers do not stand in a software GPU by default, so there is simply no adapter.',
  error: 'Your browser knows WebGPU, but asking it for an adapter failed.',
};

/** The page's one explanation, in a learner's words: why WebGPU is missing and what still works. */
export function missingWebGpuText(p: Extract<PageGpu, { kind: 'none' }>): string {
  return (
    `WebGPU is not available here. ${WHY[p.why]} ` +
    'So the cells on this page run on plain JavaScript (and WebAssembly where a cell offers it): they measure your processor. ' +
    'Everything the episode teaches works the same way: the spec, the clock and its resolution, warm-up and the first run, ' +
    'the distribution of samples and comparing two runs. Only the WebGPU figures are missing: compare yours with a neighbour who has a GPU.'
  );
}

/** The targets a cell can still run without an adapter, first choice first. */
export function runnableWithoutGpu(targets: readonly Target[]): Target[] {
  return targets.filter((t) => !PAGE_WEBGPU_TARGETS.includes(t));
}

/** What a cell lets this module do to it (src/cell/element.ts). */
export interface GpuAwareCell extends HTMLElement {
  readonly meta: { targets: Target[] };
  disableTargets(targets: readonly Target[], why: string): void;
  noteTargets(targets: readonly Target[], note: string): void;
}

/** Beside each WebGPU target when the adapter is a CPU fallback, before the first run. */
export const CPU_ADAPTER_NOTE = 'on a CPU fallback adapter: it measures your processor, not a graphics card';

let explained = false;

/**
 * Fits a cell to the page's answer: without an adapter its WebGPU targets are disabled (another is
 * chosen), and the first such cell on the page shows the explanation. `data-webgpu` says what was found
 * (cells that offer no WebGPU target neither ask nor say).
 */
export async function fitCellToGpu(cell: GpuAwareCell): Promise<void> {
  // A cell without a WebGPU target does not ask: a page of such cells never wakes the GPU.
  if (!cell.meta.targets.some((t) => PAGE_WEBGPU_TARGETS.includes(t))) return;
  const found = await pageGpu();
  cell.dataset.webgpu = found.kind === 'adapter' ? (found.fallback ? 'cpu-adapter' : 'adapter') : 'none';
  if (found.kind === 'adapter') {
    if (found.fallback) cell.noteTargets(PAGE_WEBGPU_TARGETS, CPU_ADAPTER_NOTE);
    return;
  }
  cell.disableTargets(PAGE_WEBGPU_TARGETS, NO_ADAPTER_NOTE);
  if (explained) return;
  explained = true;
  const note = document.createElement('div');
  note.className = 'bc-notice bc-gpu-notice';
  note.setAttribute('role', 'note');
  note.setAttribute('aria-label', 'Why WebGPU is missing');
  // Inline: the cells' stylesheet loads only with the first run.
  note.style.cssText = 'border:1px solid #c15f00;border-radius:0.4rem;padding:0.5rem 0.75rem';
  note.textContent = missingWebGpuText(found);
  cell.querySelector('.bc-cell-targets')?.after(note);
}

/** Said once above an exercise whose check runs code on WebGPU (a WGSL kernel), when the page has no adapter. */
export function exerciseWithoutGpuText(p: Extract<PageGpu, { kind: 'none' }>): string {
  return (
    `This exercise runs your kernel on WebGPU, and this browser has none: ${WHY[p.why]} ` +
    'You can still read the kernel, find the fault and write your fix: it is kept with your answers, and Check says it cannot run here ' +
    'without using an attempt. The grader runs the same kernel on a software GPU, so export your work from the progress page, ' +
    'or check it on a machine with a GPU.'
  );
}
