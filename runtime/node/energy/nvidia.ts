// NVIDIA GPUs through `nvidia-smi` (it ships with the driver; NVML underneath). Listing the boards for
// the environment record, and reading their energy counters (see readNvidiaEnergy below).
import { execFile } from 'node:child_process';
import process from 'node:process';

export interface NvidiaGpu {
  index: number;
  name: string;
  driver: string;
  memory: string;
}

/** Runs nvidia-smi with `args`; null when it is not installed or fails (with why in `error`). */
export function nvidiaSmi(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  timeoutMs = 5000,
): Promise<{ out: string } | { error: string }> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', args, { env: env as NodeJS.ProcessEnv, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        resolve({
          error:
            code === 'ENOENT'
              ? 'nvidia-smi is not installed (no NVIDIA driver)'
              : `nvidia-smi failed: ${(stderr || error.message).trim().split('\n')[0]}`,
        });
      } else resolve({ out: stdout });
    });
  });
}

/** The NVIDIA boards of this machine (none without the driver). */
export async function nvidiaGpus(env: Record<string, string | undefined> = process.env): Promise<NvidiaGpu[]> {
  const r = await nvidiaSmi(['--query-gpu=index,name,driver_version,memory.total', '--format=csv,noheader'], env);
  if ('error' in r) return [];
  return r.out
    .split('\n')
    .map((l) => l.split(',').map((c) => c.trim()))
    .filter((c) => c.length >= 4 && /^\d+$/.test(c[0]!))
    .map((c) => ({ index: Number(c[0]), name: c[1]!, driver: c[2]!, memory: c[3]! }));
}
