/// <reference types="@webgpu/types" />
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import type { Runner } from '../runners/types.ts';
import { createWebGpuRunner, type MissingWebGpu } from '../runners/webgpu.ts';
import { nodeWebGpuTarget } from '../targets/node-webgpu.ts';

/**
 * WebGPU in Node through dawn.node (npm package `webgpu`): Dawn, Chrome's WebGPU implementation,
 * on the operating system's native API (Vulkan on Linux, Metal on macOS, D3D12 on Windows).
 */

/** Where Debian's Chromium keeps SwiftShader, a Vulkan driver that runs on the CPU. */
export const SWIFTSHADER_DIR = '/usr/lib/chromium';
export const SWIFTSHADER_ICD = `${SWIFTSHADER_DIR}/vk_swiftshader_icd.json`;

let globalsInstalled = false;
let loadError: string | undefined;
const gpus = new Map<string, Promise<GPU | undefined>>();

/**
 * dawn.node's GPU object for these Dawn options (e.g. 'enable-dawn-features=disable_robustness'),
 * or undefined when the native module cannot load here (the reason goes to `describeNodeMissing`).
 * The WebGPU classes and constants (GPUBufferUsage, ...) are put on globalThis once, as in a browser.
 */
export function getNodeGpu(dawnOptions: readonly string[] = []): Promise<GPU | undefined> {
  const key = dawnOptions.join('\n');
  let gpu = gpus.get(key);
  if (!gpu) {
    gpu = (async () => {
      try {
        const { create, globals } = await import('webgpu');
        if (!globalsInstalled) {
          Object.assign(globalThis, globals);
          globalsInstalled = true;
        }
        return create([...dawnOptions]);
      } catch (e) {
        loadError = e instanceof Error ? e.message : String(e);
        return undefined;
      }
    })();
    gpus.set(key, gpu);
  }
  return gpu;
}

/**
 * The environment variables that make SwiftShader Node's Vulkan driver, or undefined when this
 * machine has no SwiftShader where Debian's Chromium puts it. They must be in the environment
 * when Node starts (the dynamic loader reads LD_LIBRARY_PATH only then), so use them to spawn a
 * process, not to change this one.
 */
export function swiftShaderEnv(env: Record<string, string | undefined> = process.env): Record<string, string> | undefined {
  if (!existsSync(SWIFTSHADER_ICD)) return undefined;
  const path = env.LD_LIBRARY_PATH ? `${SWIFTSHADER_DIR}:${env.LD_LIBRARY_PATH}` : SWIFTSHADER_DIR;
  return { LD_LIBRARY_PATH: path, VK_ICD_FILENAMES: SWIFTSHADER_ICD };
}

/** Why Node has no WebGPU adapter, and what to do about it. */
export function describeNodeMissing(missing: MissingWebGpu = 'adapter'): string {
  if (missing === 'gpu' || loadError) {
    return `dawn.node (the npm package 'webgpu') could not be loaded${loadError ? `: ${loadError}` : ''}. It ships binaries for Linux, macOS and Windows on x64 and arm64; reinstall the project's packages (npm install) on one of those.`;
  }
  if (process.platform === 'darwin') return 'dawn.node found no Metal adapter on this Mac.';
  if (process.platform === 'win32') return 'dawn.node found no Direct3D 12 or Vulkan adapter: update the graphics driver.';
  const icd = process.env.VK_ICD_FILENAMES;
  const lines = [
    'Node found no WebGPU adapter. dawn.node needs a Vulkan driver: with a GPU, install its Vulkan driver (the NVIDIA driver, or mesa-vulkan-drivers for AMD and Intel; `vulkaninfo --summary` should list the GPU).',
    `Without a GPU, Chromium's SwiftShader works as a Vulkan driver on the CPU: start Node with LD_LIBRARY_PATH=${SWIFTSHADER_DIR} VK_ICD_FILENAMES=${SWIFTSHADER_ICD} (for example \`LD_LIBRARY_PATH=${SWIFTSHADER_DIR} VK_ICD_FILENAMES=${SWIFTSHADER_ICD} npx workbook run ...\`). Both must be set before Node starts; setting them inside a running program is too late.`,
  ];
  if (icd) lines.push(`VK_ICD_FILENAMES is set to ${icd}${existsSync(icd) ? '' : ', a file that does not exist'}.`);
  if (!existsSync(SWIFTSHADER_ICD)) lines.push(`(${SWIFTSHADER_ICD} is not on this machine: install Debian's chromium package to get it.)`);
  return lines.join(' ');
}

function dawnVersion(): string {
  try {
    const version = (createRequire(import.meta.url)('webgpu/package.json') as { version?: string }).version;
    return version ? `webgpu ${version} (dawn.node)` : 'webgpu (dawn.node)';
  } catch {
    return 'webgpu (dawn.node)';
  }
}

/** A Node WebGPU runner with Dawn options (see the `webgpu` package's README for the toggles). */
export function createNodeWebGpuRunner(dawnOptions: readonly string[] = []): Runner {
  return createWebGpuRunner(nodeWebGpuTarget.id, () => getNodeGpu(dawnOptions), describeNodeMissing, {
    environment: () => ({
      host: 'node',
      engine: `Node.js ${process.version}`,
      binding: dawnVersion(),
      dawnOptions: [...dawnOptions],
      vulkanIcd: process.env.VK_ICD_FILENAMES ?? null,
    }),
  });
}

/** WebGPU in Node with Dawn's defaults. */
export const nodeWebGpuRunner: Runner = createNodeWebGpuRunner();
