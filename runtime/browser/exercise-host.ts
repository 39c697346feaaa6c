/// <reference types="@webgpu/types" />
import type { CheckHost } from '../exercises/types.ts';
import { runJsInSandbox } from './sandbox.ts';

/**
 * What the page offers to exercise checks: the Web Worker sandbox for JavaScript, and navigator.gpu
 * for WGSL (undefined when the browser has no WebGPU; the check then says so, at no attempt's cost).
 */
export const browserCheckHost: CheckHost = {
  runJs: runJsInSandbox,
  gpu: async () => (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu,
};
