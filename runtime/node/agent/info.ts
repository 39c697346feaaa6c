// What the agent says about the machine when a page connects: "agent connected: host, CPU, GPUs,
// runtimes", and which native targets run here (and why not, where one does not).
import { createRequire } from 'node:module';
import os from 'node:os';
import process from 'node:process';
import { nvidiaGpus } from '../energy/nvidia.ts';
import type { AgentInfo } from './protocol.ts';

const require = createRequire(import.meta.url);
const versionOf = (pkg: string): string | undefined => {
  try {
    return (require(`${pkg}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
};

/** Looks once at the machine: CPU, GPUs (NVIDIA's tool, dawn's adapter), ONNX Runtime's providers. */
export async function agentInfo(energy: string, env: Record<string, string | undefined> = process.env): Promise<AgentInfo> {
  const cpus = os.cpus();
  const gpus: string[] = [];
  const runtimes = [`Node.js ${process.version}`];
  const targets: AgentInfo['targets'] = [];

  for (const g of await nvidiaGpus(env)) gpus.push(`${g.name} (NVIDIA driver ${g.driver}, ${g.memory})`);

  try {
    const ort = await import('onnxruntime-node');
    const eps = ort.listSupportedBackends().map((b) => `${b.name}${b.bundled ? '' : ' (add-on)'}`);
    const ep = env.WORKBOOK_ONNX_EP || 'cpu';
    runtimes.push(`onnxruntime-node ${versionOf('onnxruntime-node') ?? '?'} (execution providers: ${eps.join(', ')}; runs on ${ep})`);
    const has = ort.listSupportedBackends().some((b) => b.name === ep);
    targets.push({ id: 'node-onnx', available: has, ...(has ? {} : { why: `no '${ep}' execution provider (WORKBOOK_ONNX_EP)` }) });
  } catch (e) {
    targets.push({ id: 'node-onnx', available: false, why: `onnxruntime-node could not load: ${(e as Error).message}` });
  }

  try {
    const { getNodeGpu, describeNodeMissing } = await import('../webgpu.ts');
    const gpu = await getNodeGpu();
    const adapter = gpu ? await Promise.race([gpu.requestAdapter(), new Promise<null>((r) => setTimeout(() => r(null), 5000))]) : null;
    runtimes.push(`webgpu ${versionOf('webgpu') ?? '?'} (dawn.node)`);
    if (adapter) {
      const i = adapter.info;
      gpus.push(
        `WebGPU adapter: ${[i.vendor, i.architecture, i.description].filter(Boolean).join(' / ')}${i.isFallbackAdapter ? ' (a CPU fallback)' : ''}`,
      );
      targets.push({ id: 'node-webgpu', available: true });
    } else {
      targets.push({ id: 'node-webgpu', available: false, why: describeNodeMissing(gpu ? 'adapter' : 'gpu') });
    }
  } catch (e) {
    targets.push({ id: 'node-webgpu', available: false, why: `dawn.node could not load: ${(e as Error).message}` });
  }

  return {
    agent: `workbook agent (Node ${process.version}, pid ${process.pid})`,
    host: os.hostname(),
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    logicalCores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gpus,
    runtimes,
    targets,
    energy,
  };
}
