// The local agent: HTTP and WebSocket on 127.0.0.1 only, for the workbook's pages. Every connection
// and request passes the same gate (Host, Origin, token, rate) and every message the page sends is
// parsed by the protocol's schemas; what fails is refused with its reason, and the reason is logged.
// It runs specs and nothing else: no shell, no file the page names (runtime/node/agent/project-paths.ts).
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { formatDiagnostic } from '../../diagnostics.ts';
import { loadSpec, ParameterError, resolveSpec } from '../../spec/index.ts';
import { runsOn } from '../../targets/index.ts';
import type { EnergyProbe } from '../energy/index.ts';
import { runOnNode } from '../runners.ts';
import { agentInfo } from './info.ts';
import { specPathProblems, specTextPathProblems } from './project-paths.ts';
import { clientMessageSchema, MAX_MESSAGE_BYTES, type AgentInfo, type AgentMessage, type ClientMessage } from './protocol.ts';
import { RunQueue, type RunEvent, type RunJob } from './run-queue.ts';
import { DEFAULT_ORIGINS, hostProblem, newToken, originProblem, RateLimit, tokenMatches, tokenOf } from './security.ts';

export interface AgentOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Origins (besides the workbook's own local ones) whose pages may use the agent. */
  allowOrigins?: readonly string[];
  /** The workbook's address, for the pairing link. */
  siteUrl?: string;
  /** Where the agent writes what it does and every refusal (default: stderr). */
  log?: (line: string) => void;
  /** Energy counters around each run's timed region. */
  energy?: EnergyProbe;
  /** What the agent says its energy counters are (shown when a page pairs). */
  energyText?: string;
  /** Messages per second per connection, and the burst allowed. */
  messageRate?: { perSecond: number; burst: number };
  /** Open WebSocket connections at most. */
  maxConnections?: number;
  /** Runs a queued job (default: the native run path, runOnNode). Tests replace it. */
  execute?: (spec: import('../../spec/index.ts').Spec, target: string, overrides: Record<string, string | number | boolean>) => RunJob;
}

export interface Agent {
  port: number;
  token: string;
  /** The link the agent prints: the workbook with the pairing in its fragment. */
  pairingLink: string;
  origins: readonly string[];
  queue: RunQueue;
  close(): Promise<void>;
}

/** A refusal: the HTTP status it answers with, and its reason. */
type Refusal = { status: number; reason: string };

export async function startAgent(options: AgentOptions = {}): Promise<Agent> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`));
  const origins = [...new Set([...DEFAULT_ORIGINS, ...(options.allowOrigins ?? [])])];
  const token = newToken();
  const queue = new RunQueue();
  const rate = options.messageRate ?? { perSecond: 20, burst: 40 };
  const maxConnections = options.maxConnections ?? 16;
  const httpRate = new RateLimit(50, 100);
  let info: Promise<AgentInfo> | undefined;
  const getInfo = () => (info ??= agentInfo(options.energyText ?? 'not read by this agent'));
  const execute =
    options.execute ??
    ((spec, target, overrides): RunJob =>
      ({ log, progress, signal }) =>
        runOnNode({ spec, target: target as never, overrides, log, onProgress: progress, signal, energy: options.energy }));

  let port = options.port ?? 0;
  const gate = (req: http.IncomingMessage, needToken: boolean): Refusal | null => {
    const host = hostProblem(req.headers.host, port);
    if (host) return { status: 403, reason: host };
    const origin = originProblem(req.headers.origin, origins);
    if (origin) return { status: 403, reason: origin };
    if (needToken) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const given = tokenOf(url, req.headers.authorization);
      if (!given) return { status: 401, reason: 'no pairing token (pair the page with the link the agent printed)' };
      if (!tokenMatches(given, token))
        return { status: 401, reason: 'wrong pairing token (the agent prints a new one each time it starts: pair again)' };
    }
    return null;
  };
  // The path without its query: a token in `?token=` never reaches the log.
  const pathOf = (req: http.IncomingMessage) => new URL(req.url ?? '/', 'http://x').pathname;
  const who = (req: http.IncomingMessage) => `${req.socket.remoteAddress}${req.headers.origin ? ` (Origin ${req.headers.origin})` : ''}`;

  const server = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin && origins.includes(origin) ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {};
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json',
        'Cache-Control': 'no-store',
        ...cors,
        ...headers,
      });
      res.end(text);
    };
    if (req.method === 'OPTIONS') {
      // A CORS preflight carries no token (browsers never send credentials on it); it learns only whether to try.
      const refused = gate(req, false);
      if (refused) {
        log(`refused preflight ${pathOf(req)} from ${who(req)}: ${refused.reason}`);
        return answer(refused.status, refused.reason);
      }
      return answer(204, '', preflightHeaders(req));
    }
    const refused = gate(req, true);
    if (refused) {
      log(`refused ${req.method} ${pathOf(req)} from ${who(req)}: ${refused.reason}`);
      return answer(refused.status, refused.reason);
    }
    if (!httpRate.take()) {
      log(`refused ${req.method} ${pathOf(req)} from ${who(req)}: too many requests`);
      return answer(429, 'too many requests: at most 50 a second');
    }
    if (req.method !== 'GET') return answer(405, 'the agent answers GET only (runs go through the WebSocket)', { Allow: 'GET, OPTIONS' });
    const path = pathOf(req);
    void (async () => {
      if (path === '/status') return answer(200, { agent: await getInfo(), running: queue.current, queued: queue.queued });
      if (path === '/runs') return answer(200, { runs: queue.list() });
      const m = /^\/runs\/(r\d{1,9})$/.exec(path);
      if (m) {
        const run = queue.get(m[1]!);
        if (!run) return answer(404, `no run ${m[1]} (the agent keeps the last 50 runs while it runs)`);
        return answer(200, {
          runId: run.runId,
          state: run.state,
          log: run.log,
          ...(run.record ? { record: run.record } : {}),
          ...(run.error ? { error: run.error } : {}),
        });
      }
      return answer(404, 'no such address: the agent answers /status, /runs and /runs/ID');
    })().catch((e: unknown) => answer(500, `the agent failed: ${(e as Error).message}`));
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket: Duplex, head) => {
    const refused: Refusal | null =
      gate(req, true) ??
      (pathOf(req) !== '/ws' ? { status: 404, reason: 'the WebSocket is at /ws' } : null) ??
      (wss.clients.size >= maxConnections ? { status: 503, reason: `too many connections (at most ${maxConnections})` } : null);
    if (refused) {
      log(`refused WebSocket from ${who(req)}: ${refused.reason}`);
      socket.end(
        `HTTP/1.1 ${refused.status} ${http.STATUS_CODES[refused.status]}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${refused.reason}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => connected(ws, who(req)));
  });

  const connected = (ws: WebSocket, from: string) => {
    log(`page connected from ${from}`);
    const limit = new RateLimit(rate.perSecond, rate.burst);
    const follows = new Set<() => void>();
    let refusals = 0;
    const send = (m: AgentMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const refuse = (reason: string, request?: string) => {
      log(`refused message from ${from}: ${reason}`);
      send({ type: 'refused', reason, ...(request !== undefined ? { request } : {}) });
      // A client that keeps sending what is refused is cut off rather than served refusals forever.
      if (++refusals > 200) ws.close(1008, 'too many refused messages');
    };
    const follow = (runId: string) => {
      const off = queue.follow(runId, (e: RunEvent) => {
        if (e.type === 'done') send({ type: 'done', runId, record: e.record });
        else send({ ...e, runId } as AgentMessage);
        if (e.type === 'done' || e.type === 'failed') {
          off?.();
          follows.delete(off!);
        }
      });
      if (off) follows.add(off);
    };
    void getInfo().then((agent) => send({ type: 'hello', agent }));
    ws.on('error', (e) => log(`refused message from ${from}: ${e.message} (at most ${MAX_MESSAGE_BYTES} bytes); connection closed`));
    ws.on('close', () => {
      // The runs go on: a page that reconnects attaches to them by id.
      for (const off of follows) off();
      log(`page disconnected (${from})`);
    });
    ws.on('message', (data, isBinary) => {
      if (!limit.take()) return refuse(`rate limit: at most ${rate.perSecond} messages a second (burst ${rate.burst})`);
      if (isBinary) return refuse('binary message: the agent reads JSON text only');
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch (e) {
        return refuse(`not JSON: ${(e as Error).message}`);
      }
      const parsed = clientMessageSchema.safeParse(json);
      if (!parsed.success) {
        const type = (json as { type?: unknown } | null)?.type;
        const known = clientMessageSchema.options.map((o) => o.shape.type.value);
        if (typeof type !== 'string' || !known.includes(type as never))
          return refuse(`unknown message type ${JSON.stringify(type)}; the agent reads ${known.join(', ')}`);
        const issue = parsed.error.issues[0]!;
        return refuse(`${type}: ${issue.path.join('.') || '(message)'}: ${issue.message}`);
      }
      handle(parsed.data);
    });

    const handle = (m: ClientMessage) => {
      switch (m.type) {
        case 'ping':
          return send({ type: 'pong', t: m.t });
        case 'status':
          return void getInfo().then((agent) => send({ type: 'status', agent, running: queue.current, queued: [...queue.queued] }));
        case 'runs':
          return send({ type: 'runs', runs: queue.list() });
        case 'cancel': {
          const why = queue.cancel(m.runId);
          return why ? refuse(`cancel: ${why}`) : undefined;
        }
        case 'attach': {
          const run = queue.get(m.runId);
          if (!run) return refuse(`attach: no run ${m.runId} (the agent keeps the last 50 runs while it runs)`);
          for (const line of run.log) send({ type: 'log', runId: run.runId, line });
          if (run.state === 'done') return send({ type: 'done', runId: run.runId, record: run.record });
          if (run.state === 'failed') return send({ type: 'failed', runId: run.runId, message: run.error ?? 'failed' });
          if (run.state === 'running') send({ type: 'started', runId: run.runId });
          return follow(run.runId);
        }
        case 'run': {
          const why = runProblem(m);
          if (typeof why === 'string') return refuse(`run: ${why}`, m.request);
          const added = queue.add(why.spec.id, m.target, execute(why.spec, m.target, m.overrides));
          if ('refused' in added) return refuse(`run: ${added.refused}`, m.request);
          log(`run ${added.runId} queued: ${why.spec.id} on ${m.target} (from ${from})`);
          send({ type: 'accepted', request: m.request, runId: added.runId, position: added.position });
          return follow(added.runId);
        }
      }
    };
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const site = new URL(options.siteUrl ?? 'http://localhost:4321/');
  site.hash = `agent=${encodeURIComponent(`http://127.0.0.1:${port}`)}&token=${token}`;
  return {
    port,
    token,
    pairingLink: site.href,
    origins,
    queue,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The spec in a run message, checked as `workbook validate` and `workbook run` would; else why not. */
function runProblem(m: Extract<ClientMessage, { type: 'run' }>): string | { spec: import('../../spec/index.ts').Spec } {
  const file = 'spec from the page';
  const early = specTextPathProblems(m.specText);
  if (early.length) return `${early.join('; ')}; the agent reads only files inside the project`;
  const { spec, diagnostics } = loadSpec(m.specText, file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!spec || errors.length)
    return `the spec is not valid: ${errors
      .slice(0, 5)
      .map((d) => formatDiagnostic(d, file))
      .join('; ')}`;
  if (!runsOn(m.target, 'node')) return `${m.target} runs in a page, not in the agent; the agent runs the native targets`;
  if (!(spec.infrastructure.targets as readonly string[]).includes(m.target))
    return `target ${m.target} is not one of this spec's targets (${spec.infrastructure.targets.join(', ')})`;
  let datasets: ReturnType<typeof resolveSpec>['datasets'];
  try {
    datasets = resolveSpec(spec, m.overrides).datasets;
  } catch (e) {
    if (e instanceof ParameterError) return e.message;
    throw e;
  }
  const paths = [...specPathProblems(spec), ...specPathProblems({ datasets: datasets as never })];
  if (paths.length) return `${[...new Set(paths)].join('; ')}; the agent reads only files inside the project`;
  return { spec };
}

/**
 * What a CORS preflight gets back. Chromium's Private Network Access (and its successor, Local Network
 * Access) asks a loopback server, before a public https page may reach it, with a preflight carrying
 * `Access-Control-Request-Private-Network: true`; the server must answer
 * `Access-Control-Allow-Private-Network: true` besides the usual CORS headers. See the README's agent section.
 */
function preflightHeaders(req: http.IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Methods': 'GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization',
    'Access-Control-Max-Age': '600',
    ...(req.headers['access-control-request-private-network'] === 'true' ? { 'Access-Control-Allow-Private-Network': 'true' } : {}),
  };
}
