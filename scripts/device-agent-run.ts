// The device check's agent step (docs/device-check.md): starts a real `workbook agent` (as the CLI does,
// another process on a free localhost port), connects as a page does (WebSocket with the pairing token),
// runs one spec through it and prints what the record says: the adapter, the median, the energy.
// usage: node scripts/device-agent-run.ts SPEC.yaml TARGET [key=value]... [--out FILE]
import { readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { spawnAgent } from '../runtime/node/agent/spawn-agent.ts';

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const [specPath, target, ...pairs] = args;
if (!specPath || !target) {
  console.error('usage: node scripts/device-agent-run.ts SPEC.yaml TARGET [key=value]... [--out FILE]');
  process.exit(2);
}
const overrides: Record<string, string | number> = {};
for (const p of pairs) {
  const m = /^([\w-]+)=(.*)$/.exec(p);
  if (!m) {
    console.error(`device-agent-run: '${p}' is not key=value`);
    process.exit(2);
  }
  overrides[m[1]!] = /^-?\d+(\.\d+)?$/.test(m[2]!) ? Number(m[2]) : m[2]!;
}

type Message = { type: string; [k: string]: unknown };
const agent = await spawnAgent([], { timeoutMs: 60_000 });
console.log(`agent started on port ${agent.port} (pid ${agent.child.pid})`);
// Origin: the workbook's own local page, which the agent allows by default (its own origin is not).
const ws = new WebSocket(`ws://127.0.0.1:${agent.port}/ws?token=${agent.token}`, { origin: 'http://localhost:4321' });
const inbox: Message[] = [];
const waiters = new Set<() => void>();
ws.on('message', (d) => {
  inbox.push(JSON.parse(String(d)) as Message);
  for (const w of waiters) w();
});
const next = (pred: (m: Message) => boolean, timeoutMs: number) =>
  new Promise<Message>((resolve, reject) => {
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no answer from the agent within ${timeoutMs} ms`));
    }, timeoutMs);
    const check = () => {
      const i = inbox.findIndex(pred);
      if (i < 0) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(inbox.splice(i, 1)[0]!);
    };
    waiters.add(check);
    check();
  });

let code = 1;
try {
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  const hello = (await next((m) => m.type === 'hello', 30_000)).agent as Record<string, unknown>;
  console.log('agent hello:', JSON.stringify(hello, null, 2));
  ws.send(JSON.stringify({ type: 'run', request: 'device-check', specText: readFileSync(specPath, 'utf8'), target, overrides }));
  const accepted = await next((m) => m.type === 'accepted' || m.type === 'refused', 10_000);
  if (accepted.type !== 'accepted') throw new Error(`the agent refused the run: ${JSON.stringify(accepted)}`);
  const runId = accepted.runId;
  const end = await next((m) => (m.type === 'done' || m.type === 'failed') && m.runId === runId, 120_000);
  for (const m of inbox.filter((m) => m.type === 'log' && m.runId === runId)) console.log(`  agent log: ${m.line}`);
  if (end.type !== 'done') throw new Error(`the run failed in the agent: ${end.message}`);
  // biome-ignore lint/suspicious/noExplicitAny: a record read for printing only
  const record = end.record as any;
  if (out) writeFileSync(out, JSON.stringify(record, null, 2));
  const t = record.environment?.target ?? {};
  console.log(`record via agent: spec ${record.spec?.id} on ${record.target}`);
  console.log(`  adapter: ${JSON.stringify(t.adapter ?? null)}`);
  console.log(`  median: ${record.statistics?.median} ms over ${record.statistics?.n} samples`);
  console.log(`  verified: ${JSON.stringify(record.verification ?? null)}`);
  console.log(`  validity: ${record.validity?.valid ? 'VALID' : `INVALID: ${JSON.stringify(record.validity?.reasons)}`}`);
  console.log(`  energy: ${JSON.stringify(t.energy ?? null, null, 2)}`);
  code = 0;
} catch (e) {
  console.error(`device-agent-run: ${(e as Error).message}`);
  console.error(`agent stderr:\n${agent.logLines.join('\n')}`);
} finally {
  ws.close();
  await agent.stop();
}
process.exit(code);
