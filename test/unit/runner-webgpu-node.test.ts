/**
 * The WebGPU runner through dawn.node. Dawn finds its Vulkan driver through LD_LIBRARY_PATH, which
 * the dynamic loader reads only when a process starts: vitest's `test.env` (or assigning
 * process.env here) comes too late for this worker. So the GPU part runs in a child process
 * (test/unit/fixtures/webgpu-node-child.ts) started with the SwiftShader variables from
 * `swiftShaderEnv()`; that works whatever pool or environment vitest uses, keeps the variables away
 * from every other test, and a crash in the native module fails a test instead of the worker.
 * What needs no GPU (messages, formatting, limits) is tested here in-process with fakes.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeNodeMissing, swiftShaderEnv, SWIFTSHADER_ICD } from '../../runtime/node/webgpu.ts';
import { formatWgslErrors } from '../../runtime/gpu/index.ts';
import { createWebGpuRunner, limitProblem } from '../../runtime/runners/webgpu.ts';
import type { KernelTask } from '../../runtime/spec/task.ts';

const CHILD = fileURLToPath(new URL('./fixtures/webgpu-node-child.ts', import.meta.url));

const task = (operation: KernelTask['operation'], size: number, variant?: KernelTask['variant']): KernelTask => ({
  kind: 'kernel',
  operation,
  size,
  dtype: 'float32',
  seed: 11,
  ...(variant ? { variant } : {}),
});

interface JobResult {
  task: KernelTask;
  unsupported?: string;
  verify?: { ok: boolean; maxAbsError: number; detail?: string };
  wallMs?: number[];
  deviceMs?: (number | null)[];
  environment?: Record<string, unknown>;
}
interface ChildOutput {
  results: JobResult[];
  brokenError: string | null;
}

async function runChild(input: unknown, env: NodeJS.ProcessEnv): Promise<ChildOutput> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [CHILD, JSON.stringify(input)], {
    env,
    timeout: 170_000,
    maxBuffer: 16 * 2 ** 20,
  }).catch((e: { message: string; stdout?: string; stderr?: string }) => {
    throw new Error(`the WebGPU child process failed: ${e.message}\nstdout: ${e.stdout}\nstderr: ${e.stderr}`);
  });
  const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`the WebGPU child printed no RESULT line.\nstdout: ${stdout}\nstderr: ${stderr}`);
  return JSON.parse(line.slice('RESULT '.length)) as ChildOutput;
}

const BROKEN_WGSL = `@group(0) @binding(0) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  out[gid.x] = gid.x * 2.0;
}
`;

const JOBS = [
  { task: task('copy', 1000003) },
  { task: task('vector-add', 1000003), runs: 2, iterations: 3 },
  { task: task('reduce-sum', 1000003), runs: 1, iterations: 2 },
  { task: task('reduce-sum', 1) },
  { task: task('reduce-sum', 4097) },
  { task: task('matmul', 100, 'naive') },
  { task: task('matmul', 64) },
  // Tiled: vec4 path (n a multiple of 4) and scalar path, n below, at and across the 64 x 64 blocks.
  { task: task('matmul', 100, 'tiled'), runs: 1, iterations: 2 },
  { task: task('matmul', 1, 'tiled') },
  { task: task('matmul', 16, 'tiled') },
  { task: task('matmul', 17, 'tiled') },
  { task: task('matmul', 129, 'tiled') },
  { task: task('matmul', 130, 'tiled') },
  { task: task('matmul', 256, 'tiled') },
  { task: task('matmul', 1000, 'tiled') },
];

describe('WebGPU runner on dawn.node (SwiftShader when this machine has no GPU)', () => {
  let output: ChildOutput | undefined;
  let skipReason = '';

  beforeAll(async () => {
    const extra = swiftShaderEnv();
    output = await runChild({ jobs: JOBS, brokenWgsl: BROKEN_WGSL }, { ...process.env, ...extra });
    const first = output.results[0];
    if (first?.unsupported && !extra) {
      skipReason = `no WebGPU adapter and no SwiftShader at ${SWIFTSHADER_ICD}: ${first.unsupported}`;
      output = undefined;
    }
  }, 180_000);

  const results = () => output?.results ?? [];

  it('verifies every operation, matmul both variants, sizes not multiples of 16, reduce of 1000003', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    expect(results()).toHaveLength(JOBS.length);
    const failures = results()
      .filter((r) => r.unsupported !== undefined || r.verify?.ok !== true)
      .map((r) => `${r.task.operation} ${r.task.variant ?? ''} ${r.task.size}: ${r.unsupported ?? r.verify?.detail}`);
    expect(failures).toEqual([]);
    // Tighter than the tolerance: a reduction that dropped its 3 tail values (1000003 = 4096 x 244 + 579 ...)
    // or one workgroup would be off by far more than float32 rounding of a tree.
    const reduce = results().find((r) => r.task.operation === 'reduce-sum' && r.task.size === 1000003);
    expect(reduce?.verify?.maxAbsError).toBeLessThan(0.01);
  });

  it('runs the tiled matmul with vec4 loads exactly when n is a multiple of 4', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    const tiled = results().filter((r) => r.task.operation === 'matmul' && r.task.variant === 'tiled');
    expect(tiled.map((r) => r.task.size)).toEqual([100, 1, 16, 17, 129, 130, 256, 1000]);
    for (const r of tiled) {
      const kernel = String(r.environment?.kernel);
      expect(kernel, `n = ${r.task.size}`).toMatch(/64 x 64 block of C per workgroup of 8 x 8, 8 x 8 per invocation/);
      expect(kernel, `n = ${r.task.size}`).toContain(r.task.size % 4 === 0 ? 'vec4 loads and stores' : 'scalar loads and stores');
      expect(r.environment?.workgroupSize).toEqual([8, 8]);
    }
    const naive = results().find((r) => r.task.variant === 'naive')!;
    expect(naive.environment?.workgroupSize).toEqual([16, 16]);
  });

  it('returns device time for the batch when the adapter has timestamp-query', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    for (const r of results().filter((x) => (x.deviceMs?.length ?? 0) > 0)) {
      const env = r.environment!;
      const used = (env.timestampQuery as { used: boolean }).used;
      expect(used).toBe((env.features as string[]).includes('timestamp-query'));
      for (const ms of r.deviceMs!) {
        if (used) expect(ms).toBeGreaterThan(0);
        else expect(ms).toBeNull();
      }
    }
  });

  it('records the adapter, and says when it is a CPU fallback', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    const env = results()[0]!.environment!;
    expect(env.backend).toBe('webgpu');
    expect(env.target).toBe('node-webgpu');
    const adapter = env.adapter as { vendor: string; architecture: string; isFallbackAdapter: boolean };
    expect(typeof adapter.isFallbackAdapter).toBe('boolean');
    if (/swiftshader/i.test(adapter.architecture)) {
      expect(adapter.isFallbackAdapter).toBe(true);
      expect(String(env.fallbackNote)).toMatch(/CPU/);
    }
    expect((env.limits as Record<string, number>).maxComputeInvocationsPerWorkgroup).toBeGreaterThanOrEqual(256);
    expect(String(env.binding)).toMatch(/dawn\.node/);
    expect(String(results().find((r) => r.task.operation === 'reduce-sum')!.environment!.kernel)).toMatch(/2 pass\(es\): 1000003 -> 245 -> 1/);
  });

  it('keeps one device for every job of the process and compiles each kernel once (the record says which)', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    const prepared = results().map(
      (r) => r.environment!.prepared as { device: { inThisSetup: boolean }; pipelines: { label: string; inThisSetup: boolean }[] },
    );
    expect(prepared.map((p) => p.device.inThisSetup)).toEqual(JOBS.map((_, k) => k === 0));
    // The first tiled vec4 job (n = 100) compiles; n = 16, 256 and 1000 find its pipeline; the scalar n = 1 compiles its own.
    const compiledIn = results().map(
      (r, k) => `${r.task.operation} ${r.task.variant ?? ''} ${r.task.size}: ${prepared[k]!.pipelines[0]!.inThisSetup}`,
    );
    expect(compiledIn).toEqual([
      'copy  1000003: true',
      'vector-add  1000003: true',
      'reduce-sum  1000003: true',
      'reduce-sum  1: false',
      'reduce-sum  4097: false',
      'matmul naive 100: true',
      'matmul  64: false',
      'matmul tiled 100: true',
      'matmul tiled 1: true',
      'matmul tiled 16: false',
      'matmul tiled 17: false',
      'matmul tiled 129: false',
      'matmul tiled 130: false',
      'matmul tiled 256: false',
      'matmul tiled 1000: false',
    ]);
  });

  it('turns a WGSL compile error into a message with the label, line and source line', (ctx) => {
    if (!output) return ctx.skip(skipReason);
    const message = output.brokenError ?? '';
    expect(message).toMatch(/^WgslError: broken\.wgsl:5:\d+: /);
    expect(message).toContain('out[gid.x] = gid.x * 2.0;');
    expect(message).toContain('^');
  });
});

describe('dawn.node without a Vulkan driver', () => {
  it('either finds a real adapter or explains the Vulkan driver and the SwiftShader variables', async () => {
    const env = { ...process.env };
    delete env.LD_LIBRARY_PATH;
    delete env.VK_ICD_FILENAMES;
    const out = await runChild({ jobs: [{ task: task('copy', 10) }] }, env);
    const r = out.results[0]!;
    if (r.unsupported) {
      expect(r.unsupported).toMatch(/Vulkan driver/);
      expect(r.unsupported).toContain('VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json');
      expect(r.unsupported).toContain('LD_LIBRARY_PATH=/usr/lib/chromium');
      expect(r.unsupported).toMatch(/before Node starts/);
    } else {
      expect(r.verify?.ok).toBe(true); // a machine with a real GPU and its Vulkan driver
    }
  }, 60_000);

  it('describes the missing driver in-process too, naming an ICD file that does not exist', () => {
    const saved = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = '/nowhere/icd.json';
    try {
      const text = describeNodeMissing('adapter');
      if (process.platform === 'linux') expect(text).toMatch(/VK_ICD_FILENAMES is set to \/nowhere\/icd.json, a file that does not exist/);
    } finally {
      if (saved === undefined) delete process.env.VK_ICD_FILENAMES;
      else process.env.VK_ICD_FILENAMES = saved;
    }
  });

  it('puts SwiftShader first on LD_LIBRARY_PATH and keeps what was there', () => {
    const env = swiftShaderEnv({ LD_LIBRARY_PATH: '/opt/lib' });
    if (env) expect(env).toEqual({ LD_LIBRARY_PATH: '/usr/lib/chromium:/opt/lib', VK_ICD_FILENAMES: SWIFTSHADER_ICD });
    else expect(swiftShaderEnv({})).toBeUndefined();
  });
});

describe('createWebGpuRunner without a GPU (fakes)', () => {
  it('says the host reason when there is no WebGPU, and when there is no adapter', async () => {
    const none = createWebGpuRunner(
      'node-webgpu',
      async () => undefined,
      (what) => `missing ${what}`,
    );
    expect(await none.unsupported(task('copy', 10))).toBe('missing gpu');
    await expect(none.prepare(task('copy', 10))).rejects.toThrow(/node-webgpu runner: missing gpu/);
    const noAdapter = createWebGpuRunner(
      'browser-webgpu',
      async () => ({ requestAdapter: async () => null }) as unknown as GPU,
      (what) => `missing ${what}`,
    );
    expect(await noAdapter.unsupported(task('copy', 10))).toBe('missing adapter');
    const throwing = createWebGpuRunner(
      'browser-webgpu',
      async () =>
        ({
          requestAdapter: async () => {
            throw new Error('blocked');
          },
        }) as unknown as GPU,
      () => 'x',
    );
    expect(await throwing.unsupported(task('copy', 10))).toMatch(/Asking for a WebGPU adapter failed: blocked/);
  });

  it('reports a task problem before asking for a GPU', async () => {
    let asked = false;
    const runner = createWebGpuRunner(
      'node-webgpu',
      async () => {
        asked = true;
        return undefined;
      },
      () => 'none',
    );
    expect(await runner.unsupported(task('copy', 0))).toMatch(/task.size/);
    expect(asked).toBe(false);
  });

  it('says when a buffer would exceed the adapter limits', () => {
    const limits = { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 };
    expect(limitProblem(task('copy', 2 ** 25), limits)).toBeNull();
    expect(limitProblem(task('copy', 2 ** 25 + 1), limits)).toMatch(/at most 128 MiB per storage buffer/);
    expect(limitProblem(task('matmul', 8192), limits)).toMatch(/matmul of size 8192 needs a 256 MiB buffer/);
  });

  it('formats compilation messages with a caret under the column', () => {
    const text = formatWgslErrors('k.wgsl', 'line one\n  bad thing\n', [{ message: 'no', lineNum: 2, linePos: 3 }], 'fallback');
    expect(text).toBe('k.wgsl:2:3: no\n  2 |   bad thing\n        ^');
    expect(formatWgslErrors('k.wgsl', '', [], 'entry point missing')).toBe('k.wgsl: the compute pipeline was rejected: entry point missing');
  });
});
