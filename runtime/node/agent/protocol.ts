// The agent's messages, both ways, as zod schemas: the agent parses every message a page sends with
// these and refuses anything else; the page (runtime/browser/agent-client.ts) reads the agent's with
// the same file. A spec travels as its YAML text and is checked by the engine's own schema (loadSpec),
// so the agent accepts exactly the specs `workbook validate` accepts.
import { z } from 'zod';
import { TARGETS } from '../../spec/task.ts';

/** The largest message the agent reads (bytes); a spec is a few KB. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** The largest spec text (characters). */
export const MAX_SPEC_CHARS = 64 * 1024;

const runId = z.string().regex(/^r[0-9]{1,9}$/, 'a run id the agent gave, like r12');
const paramValue = z.union([z.string().max(200), z.number(), z.boolean()]);

/** What a page may ask. Strict: an unknown field is an error, not ignored. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('status') }).strict(),
  z
    .object({
      type: z.literal('run'),
      /** The page's own tag for this request, echoed in `accepted` (which gives the run id). */
      request: z.string().max(64),
      specText: z.string().min(1).max(MAX_SPEC_CHARS),
      target: z.enum(TARGETS),
      overrides: z.record(z.string().max(64), paramValue).default({}),
    })
    .strict(),
  z.object({ type: z.literal('cancel'), runId }).strict(),
  /** Follow a run again (after a reconnect): its log so far, then its events, or its result when it has ended. */
  z.object({ type: z.literal('attach'), runId }).strict(),
  z.object({ type: z.literal('runs') }).strict(),
  z.object({ type: z.literal('ping'), t: z.number() }).strict(),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** What the agent says about itself: shown as "agent connected: host, CPU, GPUs, runtimes". */
export interface AgentInfo {
  agent: string;
  host: string;
  os: string;
  cpu: string;
  logicalCores: number;
  memoryGiB: number;
  gpus: string[];
  runtimes: string[];
  /** The native targets it runs, and why a target cannot run here. */
  targets: { id: string; available: boolean; why?: string }[];
  /** Energy counters it can read, or why not. */
  energy: string;
}

export type RunState = 'queued' | 'running' | 'done' | 'failed';

export interface RunSummary {
  runId: string;
  specId: string;
  target: string;
  state: RunState;
  queuedAt: string;
  /** For done runs: VALID or INVALID and the median; for failed ones, why. */
  outcome?: string;
}

/** What the agent sends. */
export type AgentMessage =
  | { type: 'hello'; agent: AgentInfo }
  | { type: 'status'; agent: AgentInfo; running: string | null; queued: string[] }
  | { type: 'accepted'; request: string; runId: string; position: number }
  | { type: 'started'; runId: string }
  | { type: 'log'; runId: string; line: string }
  | { type: 'progress'; runId: string; phase: string; samples: number; elapsedMs: number }
  | { type: 'done'; runId: string; record: unknown }
  | { type: 'failed'; runId: string; message: string }
  | { type: 'runs'; runs: RunSummary[] }
  | { type: 'pong'; t: number }
  /** A message the agent did not act on, and why (the page shows it; the agent logs it). */
  | { type: 'refused'; reason: string; request?: string };
