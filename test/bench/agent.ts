// The agent's overhead, for `npm run bench` (or `npx node test/bench/agent.ts` alone): the same spec run
// through a real agent process and directly in Node (runOnNode, the path both share), alternating, and
// the WebSocket round trip on loopback. Figures, not pass/fail: the goals are reported as met or not.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { spawnAgent } from '../../runtime/node/agent/spawn-agent.ts';
import { runOnNode } from '../../runtime/node/runners.ts';
import type { ResultRecord } from '../../runtime/results/record.ts';
import { loadSpec } from '../../runtime/spec/index.ts';

const CASES = [
  { spec: 'mlp-inference', target: 'node-onnx', overrides: { batch: 32 } },
  { spec: 'vector-add', target: 'js', overrides: { elements: 65536 } },
] as const;
const PAIRS = 6;
const PINGS = 300;
// The agent takes at most 20 messages a second from one page (its flood limit): pings are paced under it.
const PING_GAP_MS = 60;

const shortSpec = (id: string) =>
  readFileSync(`lessons/specs/${id}.bench.yaml`, 'utf8')
    .replace(/min-duration-ms: \d+/, 'min-duration-ms: 1000')
    .replace(/max-duration-ms: \d+/, 'max-duration-ms: 3000');
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const quantile = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)]!;

export interface AgentBench {
  overhead: { spec: string; target: string; agentMs: number[]; directMs: number[]; overhead: number }[];
  roundTrip: { n: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** The machine's load (1, 5, 15 min) before and after, and its cores: a shared machine's figures need it. */
  load: { before: number[]; after: number[]; cores: number };
}

export async function agentBench(): Promise<AgentBench> {
  const before = os.loadavg();
  const agent = await spawnAgent();
  const ws = new WebSocket(`ws://127.0.0.1:${agent.port}/ws?token=${agent.token}`);
  const inbox: { type: string; [k: string]: unknown }[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (d) => {
    inbox.push(JSON.parse(String(d)));
    for (const w of waiters) w();
  });
  await new Promise((r) => ws.once('open', r));
  const next = (pred: (m: (typeof inbox)[number]) => boolean) =>
    new Promise<(typeof inbox)[number]>((resolve) => {
      const check = () => {
        const i = inbox.findIndex(pred);
        if (i < 0) return;
        waiters.delete(check);
        resolve(inbox.splice(i, 1)[0]!);
      };
      waiters.add(check);
      check();
    });
  try {
    const overhead: AgentBench['overhead'] = [];
    for (const c of CASES) {
      const text = shortSpec(c.spec);
      const spec = loadSpec(text).spec!;
      const agentMs: number[] = [];
      const directMs: number[] = [];
      // One untimed run each first: the agent's and this process's backends load, MNIST and JIT warm.
      const throughAgent = async (i: number) => {
        ws.send(JSON.stringify({ type: 'run', request: `b${c.spec}${i}`, specText: text, target: c.target, overrides: c.overrides }));
        const done = await next((m) => m.type === 'done' || (m.type === 'refused' && m.request === `b${c.spec}${i}`) || m.type === 'failed');
        if (done.type !== 'done') throw new Error(`the agent did not run ${c.spec}: ${JSON.stringify(done)}`);
        return done.record as ResultRecord;
      };
      const directly = () => runOnNode({ spec, target: c.target, overrides: c.overrides });
      for (let i = -1; i < PAIRS; i++) {
        // Which goes first alternates, so a drift of the machine does not land on one side.
        let viaAgent: ResultRecord;
        let direct: ResultRecord;
        if (i % 2 === 0) {
          direct = await directly();
          viaAgent = await throughAgent(i);
        } else {
          viaAgent = await throughAgent(i);
          direct = await directly();
        }
        if (i < 0) continue;
        agentMs.push(viaAgent.statistics.median);
        directMs.push(direct.statistics.median);
      }
      overhead.push({ spec: c.spec, target: c.target, agentMs, directMs, overhead: median(agentMs) / median(directMs) - 1 });
    }
    const rtt: number[] = [];
    for (let i = 0; i < PINGS + 20; i++) {
      const t = performance.now();
      ws.send(JSON.stringify({ type: 'ping', t: i }));
      await next((m) => m.type === 'pong' && m.t === i);
      if (i >= 20) rtt.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, PING_GAP_MS));
    }
    return {
      overhead,
      roundTrip: { n: rtt.length, p50Ms: median(rtt), p99Ms: quantile(rtt, 0.99), maxMs: Math.max(...rtt) },
      load: { before, after: os.loadavg(), cores: os.availableParallelism() },
    };
  } finally {
    ws.close();
    await agent.stop();
  }
}

export function printAgentBench(b: AgentBench): void {
  console.log('\n## The local agent: the same spec through the agent and directly in Node (alternating runs)\n');
  console.log('| spec | target | runs | median of medians, agent | direct | overhead (goal <= 2%) |\n| --- | --- | ---: | ---: | ---: | ---: |');
  for (const o of b.overhead)
    console.log(
      `| ${o.spec} | ${o.target} | ${o.agentMs.length} + ${o.directMs.length} | ${(median(o.agentMs) * 1000).toFixed(2)} µs | ${(median(o.directMs) * 1000).toFixed(2)} µs | ${(o.overhead * 100).toFixed(2)}% (${Math.abs(o.overhead) <= 0.02 ? 'met' : 'NOT met'}) |`,
    );
  const r = b.roundTrip;
  const l = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
  console.log(
    `\nLoad average (1 / 5 / 15 min) on ${b.load.cores} cores: ${l(b.load.before)} before, ${l(b.load.after)} after; above the core count, these figures measure the other work as much as the agent.`,
  );
  console.log(
    `\nWebSocket round trip on loopback (${r.n} pings, ${PING_GAP_MS} ms apart): p50 ${r.p50Ms.toFixed(3)} ms, p99 ${r.p99Ms.toFixed(3)} ms (goal <= 5 ms: ${r.p99Ms <= 5 ? 'met' : 'NOT met'}), max ${r.maxMs.toFixed(3)} ms`,
  );
}

/** Runs, prints and keeps the figures (test-results/bench-agent.json). */
export async function runAgentBench(): Promise<AgentBench> {
  const b = await agentBench();
  printAgentBench(b);
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/bench-agent.json', JSON.stringify({ date: new Date().toISOString(), ...b }, null, 2));
  return b;
}

if (import.meta.main) await runAgentBench();
