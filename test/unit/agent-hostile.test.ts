// Hostile clients against a real agent process: each is refused with its reason (answered and logged),
// and a legitimate page is still served afterwards.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { spawnAgent, type SpawnedAgent } from '../../runtime/node/agent/spawn-agent.ts';
import { parseResultRecord } from '../../runtime/results/record.ts';
import { shortVectorAdd as shortVectorAddSpec } from './spec-fixtures.ts';

const PAGE = 'http://localhost:4321';
/** vector-add with short limits: a run of about a second on the js target. */
const shortVectorAdd = shortVectorAddSpec({ minSamples: 10 });

let agent: SpawnedAgent;
beforeAll(async () => {
  agent = await spawnAgent();
});
afterAll(() => agent?.stop());

/** An HTTP request (GET by default) with exactly these headers; resolves with status and body. */
function request(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: agent.port, path, method, headers, setHost: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket upgrade with these headers: the refusal's status and reason, or 101. */
function upgrade(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port: agent.port,
      path,
      setHost: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode!, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const host = () => `127.0.0.1:${agent.port}`;
/** Waits until the agent's log has a line matching `re`. */
async function logged(re: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const line = agent.logLines.find((l) => re.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the agent logged nothing like ${re}; it logged:\n${agent.logLines.join('\n')}`);
}

/** A paired page's connection: its messages in order, and a way to wait for one. */
async function connect(origin = PAGE) {
  const ws = new WebSocket(`ws://127.0.0.1:${agent.port}/ws?token=${agent.token}`, { origin });
  const messages: { type: string; [k: string]: unknown }[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d))));
  await new Promise((r, j) => {
    ws.once('open', r);
    ws.once('error', j);
  });
  const next = async (pred: (m: (typeof messages)[number]) => boolean, timeoutMs = 20_000) => {
    const t0 = Date.now();
    for (;;) {
      const m = messages.find(pred);
      if (m) {
        messages.splice(messages.indexOf(m), 1);
        return m;
      }
      if (Date.now() - t0 > timeoutMs) throw new Error(`no such message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: String(reason) })));
  return { ws, messages, next, closed, send: (m: unknown) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)) };
}

describe('the agent refuses hostile clients, each with its reason, and still serves a page', { timeout: 60_000 }, () => {
  it('no token: WebSocket and HTTP answer 401', async () => {
    expect(await upgrade('/ws', { Host: host(), Origin: PAGE })).toEqual({
      status: 401,
      body: 'no pairing token (pair the page with the link the agent printed)',
    });
    const r = await request('/status', { Host: host() });
    expect(r.status).toBe(401);
    expect(r.body).toContain('no pairing token');
    await logged(/refused WebSocket from .*Origin http:\/\/localhost:4321.*: no pairing token/);
  });

  it('wrong token (one character off, and of another length): 401', async () => {
    const off = agent.token.slice(0, -1) + (agent.token.endsWith('A') ? 'B' : 'A');
    for (const t of [off, 'short', `${agent.token}x`]) {
      const r = await upgrade(`/ws?token=${t}`, { Host: host(), Origin: PAGE });
      expect(r.status).toBe(401);
      expect(r.body).toMatch(/^wrong pairing token/);
    }
    const bearer = await request('/status', { Host: host(), Authorization: `Bearer ${off}` });
    expect(bearer.status).toBe(401);
    await logged(/refused GET \/status .*: wrong pairing token/);
  });

  it('a foreign Origin, with the right token: 403', async () => {
    const r = await upgrade(`/ws?token=${agent.token}`, { Host: host(), Origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(r.body).toBe(
      'Origin https://evil.example is not allowed (allowed: http://localhost:4321, http://127.0.0.1:4321; add one with --allow-origin)',
    );
    const pre = await request('/status', { Host: host(), Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' }, 'OPTIONS');
    expect(pre.status).toBe(403);
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    await logged(/refused WebSocket from .*evil\.example.*: Origin https:\/\/evil\.example is not allowed/);
  });

  it('a DNS-rebinding Host header, with the right token and no Origin: 403', async () => {
    const r = await upgrade(`/ws?token=${agent.token}`, { Host: `rebind.evil.example:${agent.port}` });
    expect(r.status).toBe(403);
    expect(r.body).toContain(`Host "rebind.evil.example:${agent.port}" is not this agent`);
    const g = await request(`/status?token=${agent.token}`, { Host: `rebind.evil.example:${agent.port}` });
    expect(g.status).toBe(403);
    await logged(/refused GET \/status .*: Host "rebind\.evil\.example/);
  });

  it('an oversized message closes the connection (1009); malformed JSON and unknown types are refused', async () => {
    const c = await connect();
    await c.next((m) => m.type === 'hello');
    c.send('{"type": "run", ');
    expect((await c.next((m) => m.type === 'refused')).reason).toMatch(/^not JSON: /);
    c.send({ type: 'shell', command: 'rm -rf /' });
    expect((await c.next((m) => m.type === 'refused')).reason).toBe(
      'unknown message type "shell"; the agent reads status, run, cancel, attach, runs, ping',
    );
    c.send({ type: 'run', request: 'x', specText: shortVectorAdd, target: 'js', cwd: '/' });
    expect((await c.next((m) => m.type === 'refused')).reason).toMatch(/^run: \(message\): Unrecognized key: "cwd"|^run: .*cwd/);
    c.send('x'.repeat(300 * 1024));
    expect((await c.closed).code).toBe(1009);
    await logged(/refused message from .*: Max payload size exceeded/);
    await logged(/refused message from .*: unknown message type "shell"/);
  });

  it('a spec naming a file outside the project is refused, by .. and by an absolute path', async () => {
    const c = await connect();
    const withPath = (p: string) =>
      shortVectorAdd.replace(/( {4}generated: .*\n)/, `$1  - name: extra\n    shipped: { path: "${p}", sha256: "${'0'.repeat(64)}" }\n`);
    c.send({ type: 'run', request: 'a', specText: withPath('../../../etc/passwd'), target: 'js' });
    const a = await c.next((m) => m.type === 'refused' && m.request === 'a');
    expect(a.reason).toMatch(
      /^run: datasets\[1\]\.shipped\.path "\.\.\/\.\.\/\.\.\/etc\/passwd" leaves the project .*the agent reads only files inside the project$/,
    );
    c.send({ type: 'run', request: 'b', specText: withPath('/etc/passwd'), target: 'js' });
    expect((await c.next((m) => m.type === 'refused' && m.request === 'b')).reason).toContain('is an absolute path');
    c.send({ type: 'run', request: 'c', specText: withPath('lessons/specs/matmul.bench.yaml'), target: 'js' });
    // A file inside the project passes the path check, and meets the spec rules (no kernel reads a file).
    expect((await c.next((m) => m.type === 'refused' && m.request === 'c')).reason).toMatch(/^run: the spec is not valid: .*datasets\[1\]\.shipped/);
    c.ws.close();
    await logged(/refused message from .*: run: datasets\[1\]\.shipped\.path "\/etc\/passwd" is an absolute path/);
  });

  it('a page target, an invalid spec and a bad parameter are refused with their reasons', async () => {
    const c = await connect();
    c.send({ type: 'run', request: 'w', specText: shortVectorAdd, target: 'browser-webgpu' });
    expect((await c.next((m) => m.request === 'w')).reason).toBe(
      'run: browser-webgpu runs in a page, not in the agent; the agent runs the native targets',
    );
    c.send({ type: 'run', request: 'v', specText: shortVectorAdd.replace('direction: lower', 'direction: down'), target: 'js' });
    expect((await c.next((m) => m.request === 'v')).reason).toBe(
      'run: the spec is not valid: spec from the page:32:16: metrics[0].direction: expected "lower" or "higher", got "down"',
    );
    c.send({ type: 'run', request: 'p', specText: shortVectorAdd, target: 'js', overrides: { elements: 3 } });
    expect((await c.next((m) => m.request === 'p')).reason).toBe('run: parameter elements: 3 is out of range; elements goes from 1024 to 16777216');
    c.ws.close();
  });

  it('a flood: messages beyond the rate are refused, HTTP answers 429, and the agent goes on', async () => {
    const c = await connect();
    await c.next((m) => m.type === 'hello');
    for (let i = 0; i < 200; i++) c.send({ type: 'ping', t: i });
    await new Promise((r) => setTimeout(r, 500));
    const pongs = c.messages.filter((m) => m.type === 'pong').length;
    const refused = c.messages.filter((m) => m.type === 'refused' && /^rate limit: at most 20 messages a second/.test(String(m.reason))).length;
    expect(pongs).toBeGreaterThanOrEqual(40);
    expect(pongs).toBeLessThan(100);
    expect(pongs + refused).toBe(200);
    const statuses = await Promise.all(
      Array.from({ length: 160 }, () => request(`/status?token=${agent.token}`, { Host: host() }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(100);
    await logged(/refused GET .*: too many requests/);
    // The token never reaches the log, though the flood sent it in every query.
    expect(agent.logLines.some((l) => l.includes(agent.token))).toBe(false);
    c.ws.close();
  });

  it('after all that, a legitimate page is served: a run, its log, progress and a record that loads', async () => {
    await new Promise((r) => setTimeout(r, 2500)); // the flood's buckets refill
    const c = await connect();
    const hello = await c.next((m) => m.type === 'hello');
    expect((hello.agent as { targets: { id: string }[] }).targets.map((t) => t.id)).toEqual(['node-onnx', 'node-webgpu']);
    c.send({ type: 'ping', t: 7 });
    expect((await c.next((m) => m.type === 'pong')).t).toBe(7);
    c.send({ type: 'run', request: 'ok', specText: shortVectorAdd, target: 'js', overrides: { elements: 4096 } });
    const { runId } = await c.next((m) => m.type === 'accepted');
    await c.next((m) => m.type === 'started' && m.runId === runId);
    expect((await c.next((m) => m.type === 'log' && m.runId === runId)).line).toBe('spec vector-add on js: elements=4096');
    await c.next((m) => m.type === 'progress' && m.phase === 'measure');
    const done = await c.next((m) => m.type === 'done', 30_000);
    const { record, errors } = parseResultRecord(JSON.stringify(done.record));
    expect(errors).toEqual([]);
    expect(record!.target).toBe('js');
    expect(record!.parameters).toEqual({ elements: 4096 });
    expect(record!.environment.target.energy).toMatchObject({ status: expect.any(String) });
    c.ws.close();
  });
});
