// The terminal's `agent` words: what the page knows of the local agent, in lines.
// The engine core has no host code: these are the parts of the page's agent state (runtime/browser/agent-client.ts)
// that the words read, as plain types; the page's own types fit them.

import { formatTextTable } from '../format/index.ts';

export interface AgentMachine {
  host: string;
  os: string;
  cpu: string;
  logicalCores: number;
  memoryGiB: number;
  gpus: readonly string[];
  runtimes: readonly string[];
  targets: readonly { id: string; available: boolean; why?: string }[];
  energy: string;
}

export type AgentConnection =
  | { state: 'unpaired' }
  | { state: 'connecting'; pairing: { url: string } }
  | { state: 'connected'; pairing: { url: string }; info: AgentMachine }
  | { state: 'failed'; pairing: { url: string }; reason: string };

export interface AgentRun {
  runId: string;
  specId: string;
  target: string;
  state: string;
  outcome?: string;
}

/** What the pane asks of the page about the agent (src/cell gives it; the pane words the answers). */
export interface AgentHost {
  state(): AgentConnection;
  /** The run going and those waiting, in the agent (all pages'). */
  queue(): Promise<{ running: string | null; queued: string[] }>;
  runs(): Promise<readonly AgentRun[]>;
  /** Pairs with the link's agent; rejects with why not. */
  pair(link: string): Promise<void>;
  unpair(): void;
}

export const HOW_TO_PAIR = 'start `npx workbook agent` on your computer and open the link it prints (or type agent pair LINK)';

/** `agent status`: connected or not, the machine, its targets and energy counters, its queue. */
export async function agentStatusText(host: AgentHost): Promise<string> {
  const s = host.state();
  switch (s.state) {
    case 'unpaired':
      return `agent: not paired; ${HOW_TO_PAIR}`;
    case 'connecting':
      return `agent: connecting to ${s.pairing.url}…`;
    case 'failed':
      return `agent: not connected to ${s.pairing.url}: ${s.reason}`;
    case 'connected': {
      const i = s.info;
      const lines = [
        `agent connected: ${i.host} (${s.pairing.url})`,
        `  CPU: ${i.cpu}, ${i.logicalCores} cores, ${i.memoryGiB} GiB; ${i.os}`,
        `  GPUs: ${i.gpus.length ? i.gpus.join('; ') : 'none found'}`,
        `  runtimes: ${i.runtimes.join('; ')}`,
        ...i.targets.map((t) => `  ${t.id}: ${t.available ? 'runs here' : `not here: ${t.why ?? 'unavailable'}`}`),
        `  energy: ${i.energy}`,
      ];
      const q = await host.queue();
      lines.push(`  running: ${q.running ?? 'nothing'}${q.queued.length ? `; waiting: ${q.queued.join(', ')}` : ''}`);
      return lines.join('\n');
    }
  }
}

/** `agent runs`: the agent's runs as a small table. */
export function agentRunsText(runs: readonly AgentRun[]): string {
  if (!runs.length) return 'the agent has no runs yet';
  const rows = runs.map((r) => [r.runId, r.specId, r.target, r.state, r.outcome ?? '']);
  return formatTextTable(['run', 'spec', 'target', 'state', 'outcome'], rows);
}
