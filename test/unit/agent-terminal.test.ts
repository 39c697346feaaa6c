// The terminal's agent words, and native targets in `run` once an agent is connected.
import { describe, expect, it } from 'vitest';
import {
  parseCommandLine,
  runCommandLine,
  type AgentConnection,
  type AgentHost,
  type AgentMachine,
  type CellContext,
  type TerminalHost,
} from '../../runtime/terminal/index.ts';

const cell: CellContext = {
  specId: 'matmul',
  specFile: 'lessons/specs/matmul.bench.yaml',
  targets: ['browser-webgpu', 'js'],
  specTargets: ['browser-webgpu', 'node-webgpu', 'js'],
  parameters: ['n'],
};

const info: AgentMachine = {
  host: 'lab-pc',
  os: 'Linux 6.1',
  cpu: 'AMD EPYC 9654',
  logicalCores: 16,
  memoryGiB: 128,
  gpus: ['NVIDIA H200 (NVIDIA driver 560.35, 143771 MiB)'],
  runtimes: ['Node.js v24.21.0', 'onnxruntime-node 1.30.0'],
  targets: [
    { id: 'node-onnx', available: true },
    { id: 'node-webgpu', available: false, why: 'Node found no WebGPU adapter' },
  ],
  energy: 'nvidia:0 (NVIDIA H200)',
};
const pairing = { url: 'http://127.0.0.1:4380', token: 't'.repeat(43), pairedAt: '2026-11-30T00:00:00Z' };

function hosts(state: AgentConnection) {
  let current = state;
  let out = '';
  const calls: string[] = [];
  const agent: AgentHost = {
    state: () => current,
    queue: async () => ({ running: 'r3', queued: ['r4'] }),
    runs: async () => [
      { runId: 'r3', specId: 'matmul', target: 'node-onnx', state: 'done', queuedAt: '2026-11-30T00:00:00Z', outcome: 'VALID, median 1.20 ms' },
    ],
    pair: async (link) => {
      calls.push(`pair ${link}`);
      if (!link.includes('token=')) throw new Error('not a pairing link');
      current = { state: 'connected', pairing, info };
    },
    unpair: () => {
      calls.push('unpair');
      current = { state: 'unpaired' };
    },
  };
  const host = { write: (t: string) => (out += t), agent } as unknown as TerminalHost;
  return { host, output: () => out, calls };
}

describe('the agent words', () => {
  it('parse: status by default, runs, pair LINK, unpair; anything else says what to type', () => {
    expect(parseCommandLine('agent', cell)).toEqual({ command: { name: 'agent', action: 'status' } });
    expect(parseCommandLine('npx workbook agent runs', cell)).toEqual({ command: { name: 'agent', action: 'runs' } });
    expect(parseCommandLine('agent pair http://localhost:4321/#agent=x&token=y', cell)).toEqual({
      command: { name: 'agent', action: 'pair', link: 'http://localhost:4321/#agent=x&token=y' },
    });
    expect(parseCommandLine('agent pair', cell)).toEqual({ error: expect.stringMatching(/^agent pair: give the whole link/) });
    expect(parseCommandLine('agent start', cell)).toEqual({ error: expect.stringMatching(/^agent: say what to do: .* \(not "start"\)$/) });
    expect(parseCommandLine('agent runs now', cell)).toEqual({ error: 'agent runs: takes no arguments' });
  });

  it('status says how to pair when unpaired, and the machine, targets, energy and queue when connected', async () => {
    const h = hosts({ state: 'unpaired' });
    await runCommandLine('agent status', cell, h.host);
    expect(h.output()).toBe('agent: not paired; start `npx workbook agent` on your computer and open the link it prints (or type agent pair LINK)\n');
    await runCommandLine('agent runs', cell, h.host);
    expect(h.output()).toContain('agent runs: no agent is connected');
    await runCommandLine('agent pair http://localhost:4321/', cell, h.host);
    expect(h.output()).toContain('agent: not a pairing link');
    await runCommandLine('agent pair http://localhost:4321/#agent=http%3A%2F%2F127.0.0.1%3A4380&token=abc', cell, h.host);
    const out = h.output();
    expect(out).toContain('agent connected: lab-pc (http://127.0.0.1:4380)');
    expect(out).toContain('  GPUs: NVIDIA H200 (NVIDIA driver 560.35, 143771 MiB)');
    expect(out).toContain('  node-webgpu: not here: Node found no WebGPU adapter');
    expect(out).toContain('  energy: nvidia:0 (NVIDIA H200)');
    expect(out).toContain('  running: r3; waiting: r4');
    await runCommandLine('agent runs', cell, h.host);
    expect(h.output()).toMatch(/run\s+spec\s+target\s+state\s+outcome\nr3\s+matmul\s+node-onnx\s+done\s+VALID, median 1\.20 ms/);
    await runCommandLine('agent unpair', cell, h.host);
    expect(h.calls.at(-1)).toBe('unpair');
    expect(h.output()).toContain('unpaired: this browser forgot the pairing');
  });

  it('a failed connection says why', async () => {
    const h = hosts({ state: 'failed', pairing, reason: 'no agent answers at http://127.0.0.1:4380' });
    await runCommandLine('agent', cell, h.host);
    expect(h.output()).toBe('agent: not connected to http://127.0.0.1:4380: no agent answers at http://127.0.0.1:4380\n');
  });

  it('run --target node-... needs a connected agent that runs it', () => {
    expect(parseCommandLine('run --target node-webgpu', cell)).toEqual({
      error: expect.stringMatching(/^run: node-webgpu runs natively through the agent, and no agent is connected: start `npx workbook agent`/),
    });
    expect(parseCommandLine('run --target node-webgpu', { ...cell, nativeTargets: ['node-webgpu'] })).toEqual({
      command: { name: 'run', target: 'node-webgpu', params: {} },
    });
    expect(parseCommandLine('run --target node-onnx', { ...cell, nativeTargets: ['node-webgpu'] })).toEqual({
      error: 'run: matmul does not run on node-onnx; this cell runs browser-webgpu, js',
    });
  });
});
