import os from 'node:os';
import process from 'node:process';

/** The Node host, for the result record: what the numbers depend on (no host name: records get shared). */
export function nodeHostEnvironment(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    kind: 'node',
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    logicalCores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    runtime: `Node.js ${process.version}`,
    v8: process.versions.v8,
  };
}

/**
 * The machine's GPUs as their drivers name them (NVIDIA through nvidia-smi: board, driver version, memory),
 * for a native run's record. An empty list means none was found, which is itself worth recording.
 */
export async function nodeGpus(env: Record<string, string | undefined> = process.env): Promise<{ gpus: string[] }> {
  const { nvidiaGpus } = await import('./energy/nvidia.ts');
  return { gpus: (await nvidiaGpus(env)).map((g) => `${g.name} (NVIDIA driver ${g.driver}, ${g.memory})`) };
}
