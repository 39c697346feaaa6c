import type { Task } from '../spec/task.ts';
import { TARGET_TABLE, targetInfo, type Target } from '../targets/index.ts';

/**
 * Whether a target's runner leaves the issuing thread free while a query computes (a thread pool, a GPU queue),
 * so the engine's SUT around the runner can serve the server scenario. From the targets table (asyncIssue): a
 * target that computes on the issuing thread (plain JavaScript; onnxruntime-web's WASM in the cell's worker) holds
 * the next arrival until the current query ends, so an open loop would silently become a closed one.
 */
export const ASYNC_ISSUE = Object.fromEntries(TARGET_TABLE.map((t) => [t.id, t.asyncIssue === true])) as Record<Target, boolean>;

/** Why `target` cannot run `scenario` for a task of `kind` (null when it can; kind unknown: as for inference). */
export function scenarioTargetProblem(scenario: string, target: Target, kind?: Task['kind']): string | null {
  const issue = targetInfo(target)?.asyncIssue;
  if (scenario !== 'server' || issue === true) return null;
  if (issue === 'own-worker' && (kind === undefined || kind === 'inference')) return null;
  const able = (t: (typeof TARGET_TABLE)[number]) =>
    t.asyncIssue === true || (t.asyncIssue === 'own-worker' && (kind ?? 'inference') === 'inference');
  const can = TARGET_TABLE.filter((t) => able(t) && (kind === undefined || t.kinds.includes(kind))).map((t) => t.id);
  if (issue === 'own-worker')
    return `${target} serves the server scenario only for inference tasks (the page runs their queries in a worker of their own, so the generator issues on schedule); ${kind === 'evaluation' ? 'an' : 'a'} ${kind} task's runs compute on the thread that issues queries: run it on ${can.join(', ') || 'a target with asynchronous issue'}`;
  return `${target} computes on the thread that issues queries (no asynchronous issue), so the server scenario's arrivals would wait for each query to end; run it on ${can.join(', ')}`;
}
