// The cells' side of the local agent: pairing from the link the agent printed (once per page; the token
// then leaves the address bar), the one connection, and each cell's native targets enabled while the
// agent runs them, with "agent connected: ..." beside them. Loaded by <bench-cell> only where a pairing
// exists or the link carries one, and by a cell's controller on its first use (the terminal can pair).
import { agentClient, describeAgent, loadPairing, parsePairingLink, type AgentState } from '../../runtime/browser/agent-client.ts';
import type { Target } from '../../runtime/targets/index.ts';
import { isNativeTarget } from './targets.ts';
import type { CellHost } from './types.ts';

let started = false;

/** Pairs from `#agent=...&token=...` (then removes it from the address), or reconnects a stored pairing. */
function startOnce() {
  if (started) return;
  started = true;
  const client = agentClient();
  const fromLink = location.hash.includes('agent=') ? parsePairingLink(location.hash) : null;
  if (fromLink) history.replaceState(null, '', location.pathname + location.search);
  if (fromLink && 'error' in fromLink) {
    console.warn(`workbook agent: ${fromLink.error}`);
  } else if (fromLink) {
    void client.pair(fromLink).catch(() => undefined);
    return;
  }
  const stored = loadPairing();
  if (stored) void client.connect(stored).catch(() => undefined);
}

const watched = new WeakSet<CellHost>();

/** Keeps `host`'s native targets in step with the agent: enabled and described when it runs them, else disabled with why. */
export function watchAgent(host: CellHost): void {
  startOnce();
  if (watched.has(host)) return;
  watched.add(host);
  const native = host.meta.specTargets.filter(isNativeTarget);
  if (!native.length) return;
  agentClient().subscribe((s) => applyState(host, native, s));
}

function applyState(host: CellHost, native: Target[], s: AgentState) {
  if (s.state !== 'connected') {
    const why =
      s.state === 'unpaired'
        ? 'pair the agent: run npx workbook agent and open the link it prints'
        : s.state === 'connecting'
          ? `connecting to the agent at ${s.pairing.url}…`
          : `agent not connected: ${s.reason}`;
    host.disableTargets(native, why);
    return;
  }
  const runs = native.filter((t) => s.info.targets.some((a) => a.id === t && a.available));
  const not = native.filter((t) => !runs.includes(t));
  if (runs.length) host.enableTargets(runs, describeAgent(s.info));
  for (const t of not) host.disableTargets([t], `the agent cannot run it: ${s.info.targets.find((a) => a.id === t)?.why ?? 'not offered'}`);
}

/** The spec's native targets the connected agent runs now (the terminal's `run --target node-...`). */
export function nativeTargetsNow(specTargets: readonly Target[]): Target[] {
  const s = agentClient().state;
  if (s.state !== 'connected') return [];
  return specTargets.filter((t) => isNativeTarget(t) && s.info.targets.some((a) => a.id === t && a.available));
}
