/// <reference types="@webgpu/types" />

/** A WGSL program that did not compile or link, with the shader's own line in the message. */
export class WgslError extends Error {
  override name = 'WgslError';
}

/**
 * Compiles a compute pipeline inside a validation error scope, so a WGSL mistake becomes one clear
 * error (`label:line:column: message` and the source line) instead of an "uncaptured error" in the
 * console and a silently broken pipeline. `layout` is 'auto' unless given (an exercise's check binds
 * an explicit one, so a declaration of the wrong kind is refused).
 */
export async function compileComputePipeline(
  device: GPUDevice,
  label: string,
  code: string,
  entryPoint = 'main',
  layout: GPUPipelineLayout | 'auto' = 'auto',
  constants?: Record<string, number>,
): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  let module: GPUShaderModule | undefined;
  let pipeline: GPUComputePipeline | undefined;
  let thrown: unknown;
  try {
    module = device.createShaderModule({ label, code });
    pipeline = device.createComputePipeline({ label, layout, compute: { module, entryPoint, ...(constants ? { constants } : {}) } });
  } catch (e) {
    thrown = e;
  }
  const scoped = await device.popErrorScope();
  if (!scoped && !thrown && pipeline) return pipeline;
  const messages = module ? (await module.getCompilationInfo()).messages.filter((m) => m.type === 'error') : [];
  const fallback = scoped?.message ?? (thrown instanceof Error ? thrown.message : String(thrown));
  throw new WgslError(formatWgslErrors(label, code, messages, fallback));
}

/** `label:line:col: message`, then the line itself with a caret, for each error; `fallback` when there are none. */
export function formatWgslErrors(
  label: string,
  code: string,
  messages: readonly Pick<GPUCompilationMessage, 'message' | 'lineNum' | 'linePos'>[],
  fallback: string,
): string {
  if (messages.length === 0) return `${label}: the compute pipeline was rejected: ${fallback.trim()}`;
  const lines = code.split('\n');
  return messages
    .map((m) => {
      const source = lines[m.lineNum - 1];
      const where = `${label}:${m.lineNum}:${m.linePos}`;
      if (source === undefined || m.lineNum < 1) return `${where}: ${m.message}`;
      const gutter = `${m.lineNum} | `;
      return `${where}: ${m.message}\n  ${gutter}${source}\n  ${' '.repeat(gutter.length + Math.max(m.linePos - 1, 0))}^`;
    })
    .join('\n');
}
