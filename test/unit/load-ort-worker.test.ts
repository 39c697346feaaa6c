import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { hostScheduler, runAccuracy, runLoad, scenarioTargetProblem, type LoadSettings } from '../../runtime/load/index.ts';
import type { SutPort, SutStart } from '../../runtime/browser/load-ort-protocol.ts';
import { serveSut, type SutSession } from '../../runtime/browser/load-ort-serve.ts';
import { browserLoadSystem, ortWorkerSystem, type SutWorker } from '../../runtime/browser/load-ort-worker.ts';
import type { Task } from '../../runtime/spec/task.ts';

// The SUT worker's message protocol, both ends in Node over a MessageChannel: the generator's side
// (ortWorkerSystem) as the cell's worker runs it, the worker's side (serveSut) with a fake session in place of
// onnxruntime-web. The fake's logits put a 1 at the class written in the sample's first ten values, so each
// response is known.

const WIDTH = 784;
const CLASSES = 10;
const scheduler = hostScheduler(() => performance.now());
const open: MessagePort[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

/** A port pair: the generator's end as a SutWorker (terminate closes it), the other served by serveSut. */
function pair(session: (start: SutStart) => Promise<SutSession>) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serveSut(port2 as unknown as SutPort, session);
  let terminated = false;
  const end = port1 as unknown as SutPort; // Node's MessagePort has onmessage at run time; its types leave it out
  const worker: SutWorker & { terminated(): boolean } = {
    postMessage: (m, t) => port1.postMessage(m, t as never),
    set onmessage(f: ((e: MessageEvent) => void) | null) {
      end.onmessage = f;
    },
    get onmessage() {
      return end.onmessage;
    },
    onerror: null,
    terminate() {
      terminated = true;
      port1.close();
    },
    terminated: () => terminated,
  };
  return worker;
}

/** Logits: one-hot at round(row[0]) of each row; `delayMs` per run; counts how many runs overlap. */
function fakeSession(options: { delayMs?: number; throwFor?: number; hang?: boolean } = {}) {
  const stats = { runs: 0, overlapMax: 0, running: 0, warmup: 0 };
  const opener = async (start: SutStart): Promise<SutSession> => ({
    version: 'fake',
    threads: start.threads,
    backend: 'fake-ort',
    async run(input, dims) {
      stats.runs++;
      stats.running++;
      stats.overlapMax = Math.max(stats.overlapMax, stats.running);
      try {
        if (options.hang && dims[0] === 1 && input[0] !== 0) await new Promise(() => {});
        if (options.throwFor !== undefined && input[0] === options.throwFor) throw new Error(`class ${options.throwFor} is cursed`);
        await new Promise((r) => setTimeout(r, options.delayMs ?? 0));
        const out = new Float32Array(dims[0]! * CLASSES);
        for (let r = 0; r < dims[0]!; r++) out[r * CLASSES + Math.round(input[r * WIDTH]!)] = 1;
        return out;
      } finally {
        stats.running--;
      }
    },
  });
  return { stats, opener };
}

const start: SutStart = {
  type: 'start',
  model: new Uint8Array([1]),
  threads: 1,
  sampleWidth: WIDTH,
  outputWidth: CLASSES,
  classify: true,
  warmupRuns: 3,
};

/** 20 samples; sample s shows class s % 10, labelled s % 10 except samples 3 and 13 (labelled 9: wrong answers). */
const COUNT = 20;
const labels = Uint8Array.from({ length: COUNT }, (_, s) => (s % 10 === 3 ? 9 : s % 10));
const inputsOf = (samples: readonly number[]) => {
  const out = new Float32Array(samples.length * WIDTH);
  samples.forEach((s, i) => (out[i * WIDTH] = s % 10));
  return out;
};
const system = (worker: SutWorker, performanceSampleCount = COUNT) =>
  ortWorkerSystem(worker, { name: 'fake', start, qslName: 'digits', totalSampleCount: COUNT, performanceSampleCount, inputsOf, labels });

const server: LoadSettings = {
  scenario: 'server',
  samplesPerQuery: 1,
  targetQps: 400,
  minQueryCount: 60,
  minDurationMs: 0,
  maxQueryCount: 10_000,
  maxDurationMs: 10_000,
  deadlineMs: 5_000,
  seeds: { qsl: 1, sampleIndex: 2, schedule: 3 },
};

describe('onnxruntime-web as a SUT in its own worker (the message protocol)', () => {
  it('says when every sample is the fixed input (a generated model), so the record does not claim per-sample data', async () => {
    const { opener } = fakeSession({ delayMs: 0 });
    const s = await ortWorkerSystem(pair(opener), { name: 'fake', start, qslName: 'fixed', totalSampleCount: COUNT, performanceSampleCount: COUNT });
    expect(s.fixedInput).toBe(true);
    await s.close();
  });

  it('starts (warm-up runs untimed), then answers the server scenario on schedule, one query at a time, in order', async () => {
    const { stats, opener } = fakeSession({ delayMs: 1 });
    const s = await system(pair(opener));
    expect(s.sut.name).toBe('fake in its own worker (fake-ort fake, 1 thread, one query at a time)');
    expect(s.sut.asyncIssue).toBe(true);
    expect(s.fixedInput).toBeUndefined(); // each digit's own data
    expect(stats.runs).toBe(3);
    const run = await runLoad(server, { sut: s.sut, qsl: s.qsl, scheduler });
    expect(run.ended).toBe('complete');
    expect(run.queries.length).toBe(60);
    expect(run.queries.every((q) => q.completedMs !== null && q.completedMs >= q.issuedMs)).toBe(true);
    // A single server: never two runs at once, and answers come back in issue order.
    expect(stats.overlapMax).toBe(1);
    const done = run.queries.map((q) => q.completedMs!);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    await s.close();
  });

  it('accuracy mode logs each sample’s argmax, and accuracyOf scores it against the labels (18 of 20)', async () => {
    const s = await system(pair(fakeSession().opener), 8); // loaded in chunks of 8
    const acc = await runAccuracy(s.sut, s.qsl, scheduler, { samplesPerQuery: 3, deadlineMs: 5_000 });
    expect(acc.missing).toEqual([]);
    expect(acc.log.map((e) => e.sample)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    expect(acc.log.map((e) => e.response)).toEqual(Array.from({ length: COUNT }, (_, i) => i % 10));
    expect(s.accuracyOf!(acc.log)).toBe(18 / 20);
    await s.close();
  });

  it('a query the session fails ends the run INVALID-bound (failed), naming the query and its sample', async () => {
    const s = await system(pair(fakeSession({ throwFor: 7 }).opener));
    const run = await runLoad({ ...server, minQueryCount: 200 }, { sut: s.sut, qsl: s.qsl, scheduler });
    expect(run.ended).toBe('failed');
    const bad = run.queries.find((q) => q.error !== undefined)!;
    expect(bad.error).toMatch(new RegExp(`^query ${bad.id} \\(sample (7|17)\\) failed in the SUT worker: class 7 is cursed$`));
    expect(run.queries.length).toBeLessThan(200); // issuing stopped
    await s.close();
  });

  it('a query for a sample that is not loaded fails, naming it', async () => {
    const s = await system(pair(fakeSession().opener));
    const answer = await new Promise<string>((resolve) =>
      s.sut.issueQuery({ id: 4, samples: [5] }, { complete: () => resolve('completed'), fail: (e) => resolve((e as Error).message) }),
    );
    expect(answer).toBe('query 4 (sample 5) failed in the SUT worker: sample 5 is not loaded in the SUT worker (it holds 0)');
    await s.close();
  });

  it('a worker that dies fails every query in flight by name, and later ones at once', async () => {
    const worker = pair(fakeSession({ delayMs: 50 }).opener);
    const s = await system(worker);
    await s.qsl.load!([1, 2]);
    const answers: string[] = [];
    const answer = (id: number, sample: number) =>
      new Promise<void>((resolve) =>
        s.sut.issueQuery(
          { id, samples: [sample] },
          {
            complete: () => (answers.push(`${id} done`), resolve()),
            fail: (e) => (answers.push((e as Error).message), resolve()),
          },
        ),
      );
    const inFlight = [answer(0, 1), answer(1, 2)];
    worker.onerror!({ message: 'out of memory' });
    await Promise.all(inFlight);
    await answer(2, 1);
    expect(answers).toEqual([
      'the SUT worker stopped (an error in the worker: out of memory) with query 0 (sample 1) in flight',
      'the SUT worker stopped (an error in the worker: out of memory) with query 1 (sample 2) in flight',
      'the SUT worker stopped (an error in the worker: out of memory) before query 2 (sample 1)',
    ]);
    expect(worker.terminated()).toBe(true);
  });

  it('a worker that never answers cannot hang the run: the deadline ends it, the queries left unanswered', async () => {
    const s = await system(pair(fakeSession({ hang: true }).opener));
    const run = await runLoad({ ...server, deadlineMs: 400 }, { sut: s.sut, qsl: s.qsl, scheduler });
    expect(run.ended).toBe('deadline');
    expect(run.queries.some((q) => q.completedMs === null)).toBe(true);
    await s.close();
  });

  it('a session that cannot open rejects the start with the worker’s reason', async () => {
    const worker = pair(async () => {
      throw new Error('no wasm here');
    });
    await expect(system(worker)).rejects.toThrow('the SUT worker did not start: no wasm here');
    expect(worker.terminated()).toBe(true);
  });
});

describe('which targets validate lets run the server scenario (the targets table)', () => {
  it('WASM targets take it for inference (their SUT worker), not for evaluation; plain JS never', () => {
    expect(scenarioTargetProblem('server', 'browser-wasm', 'inference')).toBeNull();
    expect(scenarioTargetProblem('server', 'browser-wasm-threads', 'inference')).toBeNull();
    expect(scenarioTargetProblem('server', 'browser-wasm', 'evaluation')).toBe(
      "browser-wasm serves the server scenario only for inference tasks (the page runs their queries in a worker of their own, so the generator issues on schedule); an evaluation task's runs compute on the thread that issues queries: run it on browser-onnx-webgpu, node-onnx",
    );
    expect(scenarioTargetProblem('server', 'js', 'kernel')).toBe(
      "js computes on the thread that issues queries (no asynchronous issue), so the server scenario's arrivals would wait for each query to end; run it on browser-webgpu, node-webgpu",
    );
    expect(scenarioTargetProblem('single-stream', 'js', 'kernel')).toBeNull();
  });
});

describe("the page's load systems", () => {
  it('serve only inference tasks on the targets the table marks own-worker; the rest keep the engine’s SUT', async () => {
    const mnist = { kind: 'inference', model: 'mnist-mlp', batch: 1, dtype: 'float32', seed: 5 } as Task;
    const assets = { assetsBase: '/models' };
    expect(await browserLoadSystem(mnist, 'browser-onnx-webgpu', assets)).toBeUndefined();
    expect(await browserLoadSystem(mnist, 'node-onnx', assets)).toBeUndefined();
    expect(await browserLoadSystem({ kind: 'evaluation' } as Task, 'browser-wasm', assets)).toBeUndefined();
  });
});
