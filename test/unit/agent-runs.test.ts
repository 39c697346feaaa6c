// A real agent process serving runs: native ONNX Runtime, one at a time in order, cancel, and a page that
// disconnects mid-run and fetches the result after reconnecting (WebSocket and HTTP).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnAgent, type SpawnedAgent } from '../../runtime/node/agent/spawn-agent.ts';
import { parseResultRecord, type ResultRecord } from '../../runtime/results/record.ts';

const shorten = (text: string, maxMs: number) =>
  text
    .replace(/min-duration-ms: \d+/, 'min-duration-ms: 200')
    .replace(/max-duration-ms: \d+/, `max-duration-ms: ${maxMs}`)
    .replace(/min-samples: \d+/, 'min-samples: 10');
const vectorAdd = (maxMs = 800) => shorten(readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8'), maxMs);
// Its p90 needs 100 samples: fast on the CPU.
const mlp = shorten(readFileSync('lessons/specs/mlp-inference.bench.yaml', 'utf8'), 1500).replace('min-samples: 10', 'min-samples: 100');

let agent: SpawnedAgent;
beforeAll(async () => {
  agent = await spawnAgent();
});
afterAll(() => agent?.stop());

type Msg = { type: string; [k: string]: unknown };
async function connect() {
  const ws = new WebSocket(`ws://127.0.0.1:${agent.port}/ws?token=${agent.token}`, { origin: 'http://localhost:4321' });
  const messages: Msg[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const next = async (pred: (m: Msg) => boolean, timeoutMs = 30_000) => {
    const t0 = Date.now();
    for (;;) {
      const i = messages.findIndex(pred);
      if (i >= 0) return messages.splice(i, 1)[0]!;
      if (Date.now() - t0 > timeoutMs) throw new Error(`no such message; got ${JSON.stringify(messages).slice(0, 1500)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { ws, messages, next, send: (m: unknown) => ws.send(JSON.stringify(m)) };
}
const get = async (p: string) => {
  const r = await fetch(`http://127.0.0.1:${agent.port}${p}`, { headers: { Authorization: `Bearer ${agent.token}` } });
  const text = await r.text();
  return {
    status: r.status,
    body: (r.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : { text }) as Record<string, unknown>,
  };
};

describe('the agent runs specs natively', { timeout: 90_000 }, () => {
  it('runs an ONNX model on onnxruntime-node, as `workbook run --target node-onnx` does (one code path)', async () => {
    const c = await connect();
    const hello = await c.next((m) => m.type === 'hello');
    const info = hello.agent as { cpu: string; runtimes: string[]; targets: { id: string; available: boolean }[] };
    expect(info.runtimes.join(' ')).toMatch(/onnxruntime-node 1\.\d+/);
    expect(info.targets.find((t) => t.id === 'node-onnx')!.available).toBe(true);
    c.send({ type: 'run', request: 'm', specText: mlp, target: 'node-onnx' });
    const { runId } = await c.next((m) => m.type === 'accepted');
    const done = await c.next((m) => m.type === 'done' && m.runId === runId, 60_000);
    const viaAgent = parseResultRecord(JSON.stringify(done.record)).record!;
    expect(viaAgent.target).toBe('node-onnx');
    expect(viaAgent.verification.ok).toBe(true);
    c.ws.close();

    const dir = mkdtempSync(path.join(tmpdir(), 'bc-agent-'));
    writeFileSync(path.join(dir, 'mlp.bench.yaml'), mlp);
    const out = path.join(dir, 'cli.json');
    const cli = spawnSync(process.execPath, ['runtime/cli/bin.mjs', 'run', path.join(dir, 'mlp.bench.yaml'), '--target', 'node-onnx', '--out', out], {
      encoding: 'utf8',
    });
    expect([0, 1]).toContain(cli.status);
    const viaCli = parseResultRecord(readFileSync(out, 'utf8')).record!;
    // The same spec, hash, host record and target record fields: the agent adds nothing and drops nothing.
    expect(viaAgent.spec.hash).toBe(viaCli.spec.hash);
    expect(Object.keys(viaAgent.environment.host).sort()).toEqual(Object.keys(viaCli.environment.host).sort());
    expect(Object.keys(viaAgent.environment.target).sort()).toEqual(Object.keys(viaCli.environment.target).sort());
    expect(viaAgent.environment.target.executionProvider).toBe('cpu');
    expect((viaAgent.environment.target.energy as { status: string }).status).toBe((viaCli.environment.target.energy as { status: string }).status);
  });

  it('runs one at a time, in order; a queued run can be cancelled before it starts, a running one stops and keeps its samples', async () => {
    const c = await connect();
    c.send({
      type: 'run',
      request: 'long',
      specText: vectorAdd(8000).replace('target-ci: 0.05', 'target-ci: 0.0001'),
      target: 'js',
      overrides: { elements: 4096 },
    });
    c.send({ type: 'run', request: 'second', specText: vectorAdd(), target: 'js', overrides: { elements: 4096 } });
    c.send({ type: 'run', request: 'third', specText: vectorAdd(), target: 'js', overrides: { elements: 4096 } });
    const long = await c.next((m) => m.type === 'accepted' && m.request === 'long');
    const second = await c.next((m) => m.type === 'accepted' && m.request === 'second');
    const third = await c.next((m) => m.type === 'accepted' && m.request === 'third');
    expect([long.position, second.position, third.position]).toEqual([0, 1, 2]);
    await c.next((m) => m.type === 'progress' && m.runId === long.runId && m.phase === 'measure');
    const status = await get('/status');
    expect(status.body).toMatchObject({ running: long.runId, queued: [second.runId, third.runId] });
    c.send({ type: 'cancel', runId: third.runId });
    expect((await c.next((m) => m.type === 'failed' && m.runId === third.runId)).message).toBe('cancelled before it started: nothing was measured');
    c.send({ type: 'cancel', runId: long.runId });
    const t0 = Date.now();
    const stopped = (await c.next((m) => m.type === 'done' && m.runId === long.runId)).record as ResultRecord;
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(stopped.timing.stoppedBecause).toBe('cancelled');
    expect(stopped.validity.valid).toBe(false);
    // The second starts only after the first ended.
    const started = await c.next((m) => m.type === 'started' && m.runId === second.runId);
    expect(started).toBeTruthy();
    await c.next((m) => m.type === 'done' && m.runId === second.runId);
    c.send({ type: 'cancel', runId: second.runId });
    expect((await c.next((m) => m.type === 'refused')).reason).toBe(`cancel: run ${second.runId} has already ended (done)`);
    c.ws.close();
  });

  it('a page that disconnects mid-run neither stops the agent nor loses the result', async () => {
    const a = await connect();
    a.send({ type: 'run', request: 'x', specText: vectorAdd(1500), target: 'js', overrides: { elements: 4096 } });
    const { runId } = await a.next((m) => m.type === 'accepted');
    await a.next((m) => m.type === 'progress' && m.runId === runId);
    a.ws.terminate();
    const b = await connect();
    b.send({ type: 'attach', runId });
    const replayed = await b.next((m) => m.type === 'log' && m.runId === runId);
    expect(replayed.line).toBe('spec vector-add on js: elements=4096');
    const done = await b.next((m) => m.type === 'done' && m.runId === runId);
    expect(parseResultRecord(JSON.stringify(done.record)).errors).toEqual([]);
    // And over HTTP, by id; the list names it.
    const byId = await get(`/runs/${runId}`);
    expect(byId.body).toMatchObject({ runId, state: 'done' });
    expect(parseResultRecord(JSON.stringify(byId.body.record)).errors).toEqual([]);
    expect(((await get('/runs')).body.runs as { runId: string }[]).some((r) => r.runId === runId)).toBe(true);
    expect((await get('/runs/r999999')).status).toBe(404);
    b.send({ type: 'attach', runId: 'r999999' });
    expect((await b.next((m) => m.type === 'refused')).reason).toMatch(/^attach: no run r999999/);
    b.ws.close();
  });
});
