import type { Workload } from '../measure/types.ts';
import type { Query, Responder, SystemUnderTest } from './types.ts';

/**
 * A SUT around a runner's prepared workload (runtime/runners/), so every target runs every scenario: a query
 * of k samples is ceil(k / itemsPerRun) runs of the task (its batch), one query at a time, first come first
 * served: the queue is the SUT's, as a single-session server's would be. The runner computes its fixed input
 * for every sample, so sample identity does not change the work (an adapter with per-sample data,
 * runtime/node/load-onnx.ts, does). `asyncIssue` is the target's (runtime/load/targets.ts): whether the run
 * leaves the issuing thread free.
 */
export function workloadSut(name: string, workload: Workload, itemsPerRun: number, asyncIssue: boolean): SystemUnderTest {
  if (!(Number.isInteger(itemsPerRun) && itemsPerRun >= 1))
    throw new RangeError(`workloadSut: itemsPerRun must be a whole number >= 1, got ${itemsPerRun}`);
  const queue: { query: Query; respond: Responder }[] = [];
  let busy = false;
  const next = async () => {
    if (busy) return;
    busy = true;
    while (queue.length > 0) {
      const { query, respond } = queue.shift()!;
      try {
        for (let done = 0; done < query.samples.length; done += itemsPerRun) await workload.run(1);
        respond.complete();
      } catch (error) {
        respond.fail(error);
      }
    }
    busy = false;
  };
  return {
    name,
    asyncIssue,
    issueQuery(query, respond) {
      queue.push({ query, respond });
      void next();
    },
  };
}
