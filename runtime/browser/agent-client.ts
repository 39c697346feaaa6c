// The page's side of the local agent (`workbook agent`): pairing from the link the agent prints, kept in
// this origin's localStorage; one WebSocket per page, reconnected when it drops, with runs followed by id
// so a result is never lost to a dropped connection.
//
// Reaching a loopback agent from a page served on a public https origin (what current Chromium requires):
// - Local Network Access (Chrome 142+; WebSockets from M147): a public page's request to a loopback address
//   needs the user's permission ("loopback-network", earlier "local-network-access"), which only a secure
//   context may ask for. The prompt comes on the first such request; fetch opts in with
//   `targetAddressSpace: 'loopback'`, so the page first fetches /status that way, then opens the WebSocket.
//   The permission also lifts mixed-content blocking for these requests, so an https page may reach
//   http://127.0.0.1 and ws://127.0.0.1 (the agent has no certificate). In an iframe, the embedder must
//   delegate it (Permissions-Policy `loopback-network` / `local-network-access`).
// - CORS still applies to fetch: /status carries the token in `Authorization`, so Chromium preflights it; the
//   agent answers OPTIONS with Access-Control-Allow-Origin for allowed origins only and allows the header.
// - Private Network Access, LNA's predecessor (now on hold), sent `Access-Control-Request-Private-Network: true`
//   on that preflight and needed `Access-Control-Allow-Private-Network: true` back; the agent still answers it
//   for browsers that do so.
// - WebSockets have no CORS: the agent checks Origin itself (allowlist) and the token on the upgrade.
import type { AgentInfo, AgentMessage, RunSummary } from '../node/agent/protocol.ts';
import type { ResultRecord } from '../results/record.ts';
import type { Target } from '../spec/task.ts';

export type { AgentInfo, RunSummary };

export interface Pairing {
  /** The agent's address: `http://127.0.0.1:4380`. */
  url: string;
  token: string;
  pairedAt: string;
}

const STORAGE_KEY = 'bc-agent-pairing';

/** Why `url` cannot be an agent's address (the agent listens on this computer only), or null. */
export function agentUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not an address`;
  }
  if (u.protocol !== 'http:') return `the agent speaks http, not ${u.protocol.replace(':', '')}`;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) return `${u.hostname} is not this computer: the agent listens on 127.0.0.1 only`;
  if (!u.port) return 'the address has no port';
  return null;
}

/** The pairing in a link the agent printed (`...#agent=http%3A%2F%2F127.0.0.1%3A4380&token=...`), or why it is not one. */
export function parsePairingLink(link: string, now = new Date()): Pairing | { error: string } {
  const hash = link.includes('#') ? link.slice(link.indexOf('#') + 1) : link;
  const params = new URLSearchParams(hash);
  const url = params.get('agent');
  const token = params.get('token');
  if (!url || !token) return { error: 'not a pairing link: it needs #agent=...&token=... (copy the whole link the agent printed)' };
  if (!/^[\w-]{20,200}$/.test(token)) return { error: 'the token in the link is not one the agent prints' };
  const problem = agentUrlProblem(url);
  if (problem) return { error: problem };
  return { url: new URL(url).origin, token, pairedAt: now.toISOString() };
}

export function loadPairing(storage?: Pick<Storage, 'getItem'>): Pairing | null {
  try {
    const p = JSON.parse((storage ?? localStorage).getItem(STORAGE_KEY) ?? 'null') as Pairing | null;
    return p && typeof p.url === 'string' && typeof p.token === 'string' && !agentUrlProblem(p.url) ? p : null;
  } catch {
    return null;
  }
}

/** Keeps the pairing for this origin; where storage is off, it lasts as long as the page. */
export function savePairing(p: Pairing, storage?: Pick<Storage, 'setItem'>): void {
  try {
    (storage ?? localStorage).setItem(STORAGE_KEY, JSON.stringify(p));
  } catch {
    // storage switched off or full: the pairing still holds for this page
  }
}

export function forgetPairing(storage?: Pick<Storage, 'removeItem'>): void {
  try {
    (storage ?? localStorage).removeItem(STORAGE_KEY);
  } catch {
    // nothing was kept
  }
}

/** "agent connected: host, CPU, GPUs, runtimes" in one line. */
export function describeAgent(info: AgentInfo): string {
  const gpus = info.gpus.length ? info.gpus.join('; ') : 'no GPU found';
  return `agent connected: ${info.host}, ${info.cpu} (${info.logicalCores} cores, ${info.memoryGiB} GiB), GPUs: ${gpus}; ${info.runtimes.join(', ')}`;
}

export type AgentState =
  | { state: 'unpaired' }
  | { state: 'connecting'; pairing: Pairing }
  | { state: 'connected'; pairing: Pairing; info: AgentInfo }
  | { state: 'failed'; pairing: Pairing; reason: string };

export interface AgentRunHandlers {
  onAccepted?: (runId: string, position: number) => void;
  onStart?: () => void;
  onLog?: (line: string) => void;
  onProgress?: (p: { phase: string; samples: number; elapsedMs: number }) => void;
}

export interface AgentRunHandle {
  result: Promise<ResultRecord>;
  stop(): void;
}

interface Follower {
  handlers: AgentRunHandlers;
  resolve(r: ResultRecord): void;
  reject(e: Error): void;
}

/** One connection to the paired agent for the whole page. */
export class AgentClient {
  private ws: WebSocket | undefined;
  private current: AgentState = { state: 'unpaired' };
  private readonly listeners = new Set<(s: AgentState) => void>();
  /** Runs this page follows, by run id: after a reconnect they are attached again. */
  private readonly follows = new Map<string, Follower>();
  /** Runs sent and not yet given an id, by request tag. */
  private readonly pendingRequests = new Map<string, Follower & { stopped: boolean }>();
  private readonly waiters = new Set<(m: AgentMessage) => boolean>();
  private nextRequest = 1;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  get state(): AgentState {
    return this.current;
  }

  /** Called with every change of state (and at once with the current one); returns the unsubscribe. */
  subscribe(listener: (s: AgentState) => void): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  private set(s: AgentState) {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  /** Pairs with the agent of `pairing` (and keeps it for this origin); resolves when connected, rejects with why not. */
  async pair(pairing: Pairing, storage?: Pick<Storage, 'setItem'>): Promise<AgentInfo> {
    savePairing(pairing, storage);
    return this.connect(pairing);
  }

  /** Forgets the pairing and closes the connection. */
  unpair(storage?: Pick<Storage, 'removeItem'>): void {
    forgetPairing(storage);
    clearTimeout(this.retry);
    this.ws?.close(1000, 'unpaired');
    this.ws = undefined;
    for (const f of [...this.follows.values(), ...this.pendingRequests.values()]) f.reject(new Error('the page was unpaired from the agent'));
    this.follows.clear();
    this.pendingRequests.clear();
    this.set({ state: 'unpaired' });
  }

  async connect(pairing: Pairing): Promise<AgentInfo> {
    clearTimeout(this.retry);
    this.ws?.close(1000, 'reconnecting');
    this.set({ state: 'connecting', pairing });
    try {
      // First a fetch: on a public https page, this is the request that asks for Local Network Access.
      const res = await fetch(`${pairing.url}/status`, {
        headers: { Authorization: `Bearer ${pairing.token}` },
        cache: 'no-store',
        targetAddressSpace: 'loopback',
      } as RequestInit);
      if (!res.ok) throw new Error(`the agent refused the page (${res.status}): ${await res.text()}`);
    } catch (e) {
      const reason =
        e instanceof TypeError
          ? `no agent answers at ${pairing.url} (is \`npx workbook agent\` running? on an https page, did the browser ask to allow local network access?)`
          : (e as Error).message;
      this.set({ state: 'failed', pairing, reason });
      throw new Error(reason);
    }
    return new Promise<AgentInfo>((resolve, reject) => {
      const ws = new WebSocket(`${pairing.url.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(pairing.token)}`);
      this.ws = ws;
      let hello = false;
      ws.onmessage = (event) => {
        let m: AgentMessage;
        try {
          m = JSON.parse(String(event.data)) as AgentMessage;
        } catch {
          return;
        }
        if (m.type === 'hello') {
          hello = true;
          this.retries = 0;
          this.set({ state: 'connected', pairing, info: m.agent });
          // Runs followed before a dropped connection: their log so far, then their result.
          for (const runId of this.follows.keys()) this.send({ type: 'attach', runId });
          resolve(m.agent);
        }
        this.receive(m);
      };
      ws.onclose = (event) => {
        if (this.ws !== ws) return;
        this.ws = undefined;
        if (!hello) {
          const reason = `the agent closed the connection (${event.code}${event.reason ? `: ${event.reason}` : ''})`;
          this.set({ state: 'failed', pairing, reason });
          reject(new Error(reason));
          return;
        }
        // Dropped: the runs go on in the agent; come back and attach to them.
        this.set({ state: 'failed', pairing, reason: 'the connection to the agent dropped; reconnecting…' });
        this.retry = setTimeout(() => void this.connect(pairing).catch(() => undefined), Math.min(10_000, 500 * 2 ** this.retries++));
      };
    });
  }

  private send(m: unknown) {
    if (this.ws?.readyState !== WebSocket.OPEN) throw new Error('the agent is not connected');
    this.ws.send(JSON.stringify(m));
  }

  /** Resolves with the first message `pick` accepts (within `ms`). */
  private wait<T>(pick: (m: AgentMessage) => T | undefined, ms = 10_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(w);
        reject(new Error('the agent did not answer in time'));
      }, ms);
      const w = (m: AgentMessage) => {
        const v = pick(m);
        if (v === undefined) return false;
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      this.waiters.add(w);
    });
  }

  private receive(m: AgentMessage) {
    for (const w of [...this.waiters]) if (w(m)) this.waiters.delete(w);
    switch (m.type) {
      case 'accepted': {
        const p = this.pendingRequests.get(m.request);
        if (!p) return;
        this.pendingRequests.delete(m.request);
        this.follows.set(m.runId, p);
        p.handlers.onAccepted?.(m.runId, m.position);
        if (p.stopped) this.send({ type: 'cancel', runId: m.runId });
        return;
      }
      case 'refused': {
        const p = m.request !== undefined ? this.pendingRequests.get(m.request) : undefined;
        if (p) {
          this.pendingRequests.delete(m.request!);
          p.reject(new Error(`the agent refused the run: ${m.reason.replace(/^run: /, '')}`));
        }
        return;
      }
      case 'started':
        return this.follows.get(m.runId)?.handlers.onStart?.();
      case 'log':
        return this.follows.get(m.runId)?.handlers.onLog?.(m.line);
      case 'progress':
        return this.follows.get(m.runId)?.handlers.onProgress?.(m);
      case 'done': {
        const f = this.follows.get(m.runId);
        this.follows.delete(m.runId);
        return f?.resolve(m.record as ResultRecord);
      }
      case 'failed': {
        const f = this.follows.get(m.runId);
        this.follows.delete(m.runId);
        return f?.reject(new Error(m.message));
      }
    }
  }

  /** Runs a spec on a native target in the agent; the result is fetched again after a dropped connection. */
  run(
    request: { specText: string; target: Target; overrides?: Record<string, string | number | boolean> },
    handlers: AgentRunHandlers = {},
  ): AgentRunHandle {
    const tag = `q${this.nextRequest++}`;
    let runId: string | undefined;
    const result = new Promise<ResultRecord>((resolve, reject) => {
      const entry = {
        handlers: {
          ...handlers,
          onAccepted: (id: string, pos: number) => {
            runId = id;
            handlers.onAccepted?.(id, pos);
          },
        },
        resolve,
        reject,
        stopped: false,
      };
      this.pendingRequests.set(tag, entry);
      try {
        this.send({ type: 'run', request: tag, specText: request.specText, target: request.target, overrides: request.overrides ?? {} });
      } catch (e) {
        this.pendingRequests.delete(tag);
        reject(e as Error);
      }
    });
    return {
      result,
      stop: () => {
        const p = this.pendingRequests.get(tag);
        if (p) p.stopped = true;
        else if (runId) this.send({ type: 'cancel', runId });
      },
    };
  }

  /** The agent's runs (all pages'), newest last. */
  async runs(): Promise<RunSummary[]> {
    const answer = this.wait((m) => (m.type === 'runs' ? m.runs : undefined));
    this.send({ type: 'runs' });
    return answer;
  }

  /** The agent's state: the machine, the run going and those waiting. */
  async status(): Promise<{ agent: AgentInfo; running: string | null; queued: string[] }> {
    const answer = this.wait((m) => (m.type === 'status' ? m : undefined));
    this.send({ type: 'status' });
    return answer;
  }

  /** One WebSocket round trip (ms), for the bench. */
  async ping(): Promise<number> {
    const t = performance.now();
    const answer = this.wait((m) => (m.type === 'pong' && m.t === t ? performance.now() - t : undefined));
    this.send({ type: 'ping', t });
    return answer;
  }
}

let shared: AgentClient | undefined;

/** The page's one agent client. */
export function agentClient(): AgentClient {
  return (shared ??= new AgentClient());
}
