// The page's agent client (runtime/browser/agent-client.ts), run in Node (which has fetch and WebSocket)
// against a real agent process: pairing links, storage, connect, a run, and a result fetched again after
// the connection dropped mid-run.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AgentClient,
  describeAgent,
  forgetPairing,
  loadPairing,
  parsePairingLink,
  savePairing,
  type AgentState,
} from '../../runtime/browser/agent-client.ts';
import { spawnAgent, type SpawnedAgent } from '../../runtime/node/agent/spawn-agent.ts';

class MemoryStorage {
  private m = new Map<string, string>();
  getItem = (k: string) => this.m.get(k) ?? null;
  setItem = (k: string, v: string) => void this.m.set(k, v);
  removeItem = (k: string) => void this.m.delete(k);
}

describe('pairing links', () => {
  it('read the agent and token from the fragment, loopback only', () => {
    const token = 'A'.repeat(43);
    expect(parsePairingLink(`http://localhost:4321/#agent=http%3A%2F%2F127.0.0.1%3A4380&token=${token}`, new Date(0))).toEqual({
      url: 'http://127.0.0.1:4380',
      token,
      pairedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(parsePairingLink('http://localhost:4321/')).toEqual({ error: expect.stringMatching(/^not a pairing link/) });
    expect(parsePairingLink(`#agent=${encodeURIComponent('http://evil.example:4380')}&token=${token}`)).toEqual({
      error: 'evil.example is not this computer: the agent listens on 127.0.0.1 only',
    });
    expect(parsePairingLink(`#agent=${encodeURIComponent('https://127.0.0.1:4380')}&token=${token}`)).toEqual({
      error: 'the agent speaks http, not https',
    });
    expect(parsePairingLink(`#agent=${encodeURIComponent('http://127.0.0.1:4380')}&token=a<b`)).toEqual({
      error: 'the token in the link is not one the agent prints',
    });
  });
  it('are kept per origin and forgotten on unpair; a tampered entry is not used', () => {
    const s = new MemoryStorage();
    const p = { url: 'http://127.0.0.1:4380', token: 'B'.repeat(43), pairedAt: 'x' };
    savePairing(p, s);
    expect(loadPairing(s)).toEqual(p);
    forgetPairing(s);
    expect(loadPairing(s)).toBeNull();
    s.setItem('bc-agent-pairing', JSON.stringify({ ...p, url: 'http://evil.example:1' }));
    expect(loadPairing(s)).toBeNull();
  });
});

let agent: SpawnedAgent;
beforeAll(async () => {
  agent = await spawnAgent();
});
afterAll(() => agent?.stop());

const spec = readFileSync('lessons/specs/vector-add.bench.yaml', 'utf8')
  .replace('min-duration-ms: 1000', 'min-duration-ms: 300')
  .replace('max-duration-ms: 10000', 'max-duration-ms: 1500')
  .replace('min-samples: 20', 'min-samples: 10');

describe('the page client against a real agent', { timeout: 60_000 }, () => {
  it('pairs, says what the agent is, runs, and refuses with the agent reason', async () => {
    const storage = new MemoryStorage();
    const client = new AgentClient();
    const states: AgentState['state'][] = [];
    client.subscribe((s) => states.push(s.state));
    const info = await client.pair({ url: agent.origin, token: agent.token, pairedAt: 'now' }, storage);
    expect(loadPairing(storage)?.url).toBe(agent.origin);
    expect(states).toEqual(['unpaired', 'connecting', 'connected']);
    expect(describeAgent(info)).toMatch(/^agent connected: .+, .+ \(\d+ cores, [\d.]+ GiB\), GPUs: .+; Node\.js v\d+/);
    const rtt = await client.ping();
    expect(rtt).toBeGreaterThan(0);
    const logs: string[] = [];
    const record = await client.run({ specText: spec, target: 'js', overrides: { elements: 4096 } }, { onLog: (l) => logs.push(l) }).result;
    expect(record.target).toBe('js');
    expect(logs[0]).toBe('spec vector-add on js: elements=4096');
    await expect(client.run({ specText: spec, target: 'browser-webgpu' }).result).rejects.toThrow(
      'the agent refused the run: browser-webgpu runs in a page, not in the agent; the agent runs the native targets',
    );
    expect((await client.runs()).at(-1)).toMatchObject({ state: 'done', specId: 'vector-add' });
    client.unpair(storage);
    expect(loadPairing(storage)).toBeNull();
    expect(client.state.state).toBe('unpaired');
  });

  it('a wrong token fails with the agent reason; no agent at the address says so', async () => {
    const client = new AgentClient();
    await expect(client.connect({ url: agent.origin, token: 'W'.repeat(43), pairedAt: 'x' })).rejects.toThrow(
      /^the agent refused the page \(401\): wrong pairing token/,
    );
    expect(client.state).toMatchObject({ state: 'failed' });
    await expect(client.connect({ url: 'http://127.0.0.1:9', token: 'W'.repeat(43), pairedAt: 'x' })).rejects.toThrow(
      /^no agent answers at http:\/\/127\.0\.0\.1:9/,
    );
  });

  it('Stop cancels a run in the agent: it ends after the current sample and keeps what it measured', async () => {
    const client = new AgentClient();
    await client.connect({ url: agent.origin, token: agent.token, pairedAt: 'x' });
    const long = spec.replace('max-duration-ms: 1500', 'max-duration-ms: 20000').replace('target-ci: 0.05', 'target-ci: 0.0001');
    let stopped = false;
    const handle = client.run(
      { specText: long, target: 'js', overrides: { elements: 4096 } },
      {
        onProgress: (p) => {
          if (p.phase !== 'measure' || p.samples < 3 || stopped) return;
          stopped = true;
          handle.stop();
        },
      },
    );
    const t0 = Date.now();
    const record = await handle.result;
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(record.timing.stoppedBecause).toBe('cancelled');
    expect(record.samples.perIteration.length).toBeGreaterThanOrEqual(3);
    client.unpair(new MemoryStorage());
  });

  it('gets the result of a run whose connection dropped: it reconnects and attaches again', async () => {
    const client = new AgentClient();
    await client.connect({ url: agent.origin, token: agent.token, pairedAt: 'x' });
    let dropped = false;
    const handle = client.run(
      { specText: spec, target: 'js', overrides: { elements: 4096 } },
      {
        onProgress: () => {
          if (dropped) return;
          dropped = true;
          (client as unknown as { ws: WebSocket }).ws.close(); // the page's network blips mid-run
        },
      },
    );
    const record = await handle.result;
    expect(dropped).toBe(true);
    expect(record.parameters).toEqual({ elements: 4096 });
    expect(client.state.state).toBe('connected');
    client.unpair(new MemoryStorage());
  });
});
