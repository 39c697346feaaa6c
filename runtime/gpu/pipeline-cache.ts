/// <reference types="@webgpu/types" />
import { compileComputePipeline } from './pipeline.ts';

/** Who did a piece of setup: a prestart (the cell came into view, before any click) or a run's own setup. */
export type PreparedBy = 'prestart' | 'run';

/** One compute program: what makes two pipelines the same is its source, entry point and constants. */
export interface PipelineRequest {
  /** For messages and the record only; not part of the identity. */
  label: string;
  code: string;
  entryPoint?: string;
  /** Pipeline-overridable constants (WGSL `override`), by name. */
  constants?: Record<string, number>;
}

/** A compiled pipeline, with who compiled it and how long that took. */
export interface CachedPipeline {
  pipeline: GPUComputePipeline;
  label: string;
  compiledBy: PreparedBy;
  compileMs: number;
}

/** The cache key: source, entry point and constants (sorted by name, so their order does not matter). */
export function pipelineKey(request: PipelineRequest): string {
  const constants = Object.entries(request.constants ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of constants) {
    // JSON would write NaN and Infinity as null: two different constants must never share a key.
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TypeError(`${request.label}: pipeline constant '${name}' must be a finite number, got ${String(value)}`);
    }
  }
  return JSON.stringify([request.code, request.entryPoint ?? 'main', constants]);
}

/**
 * The compute pipelines compiled on one device, by source + entry point + constants, so a kernel that
 * ran (or was prestarted) before compiles nothing the next time. A pipeline belongs to its device:
 * a new device (after a loss) gets a new cache. A compile that fails is not kept, so the next
 * request compiles again and reports the same WGSL error.
 */
export class PipelineCache {
  private readonly entries = new Map<string, Promise<CachedPipeline>>();
  readonly device: GPUDevice;
  private readonly clock: () => number;

  constructor(device: GPUDevice, clock: () => number = () => performance.now()) {
    this.device = device;
    this.clock = clock;
  }

  /** How many pipelines are kept (compiled or compiling). */
  get size(): number {
    return this.entries.size;
  }

  /** Whether this program is kept already (compiled or compiling). */
  has(request: PipelineRequest): boolean {
    return this.entries.has(pipelineKey(request));
  }

  /**
   * The pipeline for `request`: the kept one, or compiled now on behalf of `by`. `compiledNow` is true
   * only for the call that compiled it; a call that waited for another's compile gets false.
   */
  async get(request: PipelineRequest, by: PreparedBy): Promise<{ entry: CachedPipeline; compiledNow: boolean }> {
    const key = pipelineKey(request);
    const kept = this.entries.get(key);
    if (kept) return { entry: await kept, compiledNow: false };
    const began = this.clock();
    const compiling = compileComputePipeline(this.device, request.label, request.code, request.entryPoint ?? 'main', 'auto', request.constants).then(
      (pipeline): CachedPipeline => ({ pipeline, label: request.label, compiledBy: by, compileMs: this.clock() - began }),
    );
    this.entries.set(key, compiling);
    compiling.catch(() => {
      if (this.entries.get(key) === compiling) this.entries.delete(key);
    });
    return { entry: await compiling, compiledNow: true };
  }
}
