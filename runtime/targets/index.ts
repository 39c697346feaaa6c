// The one table of targets. A new target is a file beside this one (its definition) and one line in
// TABLE; everything else (schema enum, spec rules, cell, lab, terminal, CLI help) reads the table.
import type { Task } from '../spec/task.ts';
import { browserOnnxWebGpuTarget } from './browser-onnx-webgpu.ts';
import { browserWasmThreadsTarget } from './browser-wasm-threads.ts';
import { browserWasmTarget } from './browser-wasm.ts';
import { browserWebGpuTarget } from './browser-webgpu.ts';
import { jsTarget } from './js.ts';
import { nodeOnnxTarget } from './node-onnx.ts';
import { nodeWebGpuTarget } from './node-webgpu.ts';
import type { Host, TargetDefinition } from './types.ts';

export type { Host, TargetDefinition } from './types.ts';

/** Every target, in the order specs, messages and the schema's enum list them. */
const TABLE = [
  jsTarget,
  browserWebGpuTarget,
  browserWasmTarget,
  browserWasmThreadsTarget,
  browserOnnxWebGpuTarget,
  nodeWebGpuTarget,
  nodeOnnxTarget,
] as const;

/** Where a spec can run: a target's id. */
export type Target = (typeof TABLE)[number]['id'];

export const TARGET_TABLE: readonly TargetDefinition<Target>[] = TABLE;

/** The ids, in table order (the schema's enum). */
export const TARGETS = TABLE.map((t) => t.id) as [Target, ...Target[]];

const BY_ID = new Map<string, TargetDefinition<Target>>(TABLE.map((t) => [t.id, t]));

/** The definition of a target id, or undefined for a word that is not one. */
export const targetInfo = (id: string): TargetDefinition<Target> | undefined => BY_ID.get(id);

/** Whether `id` names a target. */
export const isTarget = (id: string): id is Target => BY_ID.has(id);

/** The cell's name for a target (its id when it is not one). */
export const targetLabel = (id: string): string => BY_ID.get(id)?.label ?? id;

/** Whether the target runs on `host`. */
export const runsOn = (id: string, host: Host): boolean => BY_ID.get(id)?.hosts.includes(host) ?? false;

/** The targets that run on `host`, in table order. */
export const targetsOn = (host: Host): Target[] => TABLE.filter((t) => (t.hosts as readonly Host[]).includes(host)).map((t) => t.id);

/** The targets that run each kind of task, in table order. */
export const TARGETS_BY_KIND: Record<Task['kind'], readonly Target[]> = {
  kernel: TABLE.filter((t) => (t.kinds as readonly string[]).includes('kernel')).map((t) => t.id),
  inference: TABLE.filter((t) => (t.kinds as readonly string[]).includes('inference')).map((t) => t.id),
  evaluation: TABLE.filter((t) => (t.kinds as readonly string[]).includes('evaluation')).map((t) => t.id),
};

/** The WebGPU targets, grouped by the kind of task they run (kernels first). */
export const WEBGPU_TARGETS: readonly Target[] = Object.values(TARGETS_BY_KIND)
  .flat()
  .filter((id, i, all) => targetInfo(id)!.webgpu && all.indexOf(id) === i);

/** `js, browser-webgpu, node-webgpu (kernels); browser-wasm, ... (inference)`: the schema's and the help's words. */
export function targetsByKindText(): string {
  return (Object.entries(TARGETS_BY_KIND) as [Task['kind'], readonly Target[]][])
    .map(([kind, ids]) => `${ids.join(', ')} (${kind === 'kernel' ? 'kernels' : kind})`)
    .join('; ');
}
