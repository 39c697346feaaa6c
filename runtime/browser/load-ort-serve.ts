import { argmaxRows } from '../models/mnist.ts';
import type { FromSut, SutPort, SutStart, ToSut } from './load-ort-protocol.ts';

/** What the SUT worker needs of an inference session: run a float32 input of `dims`, get the output's values. */
export interface SutSession {
  run(input: Float32Array, dims: number[]): Promise<Float32Array>;
  version: string;
  threads: number;
  backend: string;
}

/**
 * The SUT worker's side: opens the session on `start` (with untimed warm-up runs), keeps loaded samples, and
 * answers queries one at a time in arrival order (a single server: the queue is the SUT's, as a one-session
 * service's would be). A query naming a sample that is not loaded fails, naming it. Host-independent, so a unit
 * test drives it over a MessageChannel with a fake session.
 */
export function serveSut(port: SutPort, open: (start: SutStart) => Promise<SutSession>): void {
  const post = (m: FromSut) => port.postMessage(m);
  const loaded = new Map<number, Float32Array>();
  const queue: { key: number; samples: number[] }[] = [];
  let start: SutStart | undefined;
  let session: Promise<SutSession> | undefined;
  let busy = false;

  const runQuery = async (s: SutSession, samples: number[]): Promise<number[] | null> => {
    const st = start!;
    if (st.fixed) {
      const { input, dims, batch } = st.fixed;
      for (let done = 0; done < samples.length; done += batch) await s.run(input, dims);
      return null;
    }
    const batch = new Float32Array(samples.length * st.sampleWidth);
    samples.forEach((sample, i) => {
      const input = loaded.get(sample);
      if (!input) throw new Error(`sample ${sample} is not loaded in the SUT worker (it holds ${loaded.size})`);
      batch.set(input, i * st.sampleWidth);
    });
    const out = await s.run(batch, [samples.length, st.sampleWidth]);
    if (out.length !== samples.length * st.outputWidth)
      throw new Error(`the model gave ${out.length} values for ${samples.length} samples; expected ${st.outputWidth} each`);
    return st.classify ? [...argmaxRows(out, st.outputWidth)] : null;
  };

  const pump = async () => {
    if (busy || !session) return;
    busy = true;
    let s: SutSession;
    try {
      s = await session;
    } catch {
      busy = false;
      return; // `fatal` was posted; the host fails every query
    }
    while (queue.length > 0) {
      const { key, samples } = queue.shift()!;
      const t = performance.now();
      try {
        const responses = await runQuery(s, samples);
        post({ type: 'done', key, responses, computeMs: performance.now() - t });
      } catch (e) {
        post({ type: 'failed', key, message: e instanceof Error ? e.message : String(e) });
      }
    }
    busy = false;
  };

  port.onmessage = (event: MessageEvent) => {
    const m = event.data as ToSut;
    switch (m.type) {
      case 'start':
        start = m;
        session = (async () => {
          const s = await open(m);
          const one = m.fixed ? m.fixed : { input: new Float32Array(m.sampleWidth), dims: [1, m.sampleWidth] };
          for (let i = 0; i < m.warmupRuns; i++) await s.run(one.input, one.dims);
          return s;
        })();
        session.then(
          (s) => post({ type: 'started', version: s.version, threads: s.threads, backend: s.backend }),
          (e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }),
        );
        return;
      case 'load':
        m.samples.forEach((sample, i) => loaded.set(sample, m.inputs.slice(i * start!.sampleWidth, (i + 1) * start!.sampleWidth)));
        return;
      case 'unload':
        for (const s of m.samples) loaded.delete(s);
        return;
      case 'query':
        queue.push({ key: m.key, samples: m.samples });
        void pump();
        return;
    }
  };
}
