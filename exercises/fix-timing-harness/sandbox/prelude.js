// The simulated machine of the fix-timing-harness exercise: a workload and a clock, deterministic, so
// every run of the learner's harness gives the same numbers. Trusted code, run in the sandbox before
// the learner's; the exercise calls prelude(W, O, C, W2) and the tests use what it returns as `h`.
// W: the world (see World in exercise.ts), O: the options, C: the contract { name, unit },
// W2: a second world that differs only in the cost of a call (a fixed batch cannot fit both).

// eslint-disable-next-line no-unused-vars
function prelude(W, O, C, W2) {
  const PER_MS = C.unit === 'ms' ? 1 : 1000; // samples are in C.unit
  const fmt = (x) => (x === 0 ? '0' : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(2));

  function makeWorld(world) {
    let now = 0; // the true time, ms
    let gpuFree = 0; // when the simulated device has finished everything submitted
    let calls = 0;
    let completed = 0;
    let firstRead = -1; // calls completed when the clock was first read
    let readsWithPending = 0;
    const readTimes = []; // every value the clock returned, in order
    const clock = Object.freeze({
      now() {
        if (firstRead < 0) firstRead = completed;
        if (completed < calls) readsWithPending += 1;
        const t = Math.floor(now / world.resolutionMs + 1e-9) * world.resolutionMs;
        readTimes.push(t);
        return t;
      },
    });
    function work() {
      calls += 1;
      if (calls > world.maxCalls) {
        if (firstRead < 0)
          throw new Error(
            `work() was called more than ${world.maxCalls} times, and the clock you were given was never read: time with clock.now(), the clock of the machine under test.`,
          );
        throw new Error(
          `work() was called more than ${world.maxCalls} times. Does the batch ever stop growing? (If the clock stops before the calls have finished, no batch ever looks long enough.)`,
        );
      }
      if (calls - completed > world.maxPending) {
        throw new Error(
          `More than ${world.maxPending} calls were started without waiting for them: work() returns a promise that resolves when the call has finished; wait for it (await) before starting the next one or reading the clock.`,
        );
      }
      now += world.submitMs;
      const k = calls;
      const cost = k <= world.coldCalls ? world.coldMs : world.hotMs * (1 + world.jitter * Math.sin(k * 12.9898));
      const done = Math.max(now, gpuFree) + cost;
      gpuFree = done;
      return Promise.resolve().then(() => {
        if (now < done) now = done;
        completed += 1;
      });
    }
    return { clock, work, stats: () => ({ calls, completed, firstRead, reads: readTimes.length, readsWithPending, readTimes }) };
  }

  /** A plain copy of { samples, batch }: numbers stay numbers, anything else becomes words for the message. */
  function snapshot(returned) {
    if (!returned || typeof returned !== 'object') return returned;
    if (Array.isArray(returned)) return [];
    const samples = returned.samples;
    const batch = returned.batch;
    let copy = samples;
    if (Array.isArray(samples)) {
      const n = samples.length;
      copy = [];
      for (let i = 0; i < n && i < 100000; i++) {
        const x = samples[i];
        copy.push(x !== null && (typeof x === 'object' || typeof x === 'function') ? 'an object' : x); // primitives cannot change
      }
    }
    return { samples: copy, batch: typeof batch === 'number' ? batch : batch === undefined ? undefined : `a value of type ${typeof batch}` };
  }

  const memo = new Map();
  function runIn(world, learner) {
    if (!memo.has(world)) {
      memo.set(
        world,
        (async () => {
          const w = makeWorld(world);
          try {
            const returned = await learner[C.name](w.work, w.clock, { ...O });
            // What the tests read is copied once, now: a getter, a Proxy or an array with its own
            // map() cannot answer the tests differently from what the harness returned.
            const stats = w.stats();
            return { result: snapshot(returned), stats: { ...stats, readTimes: stats.readTimes.slice() } };
          } catch (error) {
            return { error };
          }
        })(),
      );
    }
    return memo.get(world).then((m) => {
      if (m.error) throw m.error;
      return m;
    });
  }

  return {
    world: W,
    other: W2,
    options: O,
    name: C.name,
    unit: C.unit,
    /** The true time of one warm call (the work and its submission), in the unit the samples are in. */
    hot: (W.hotMs + W.submitMs) * PER_MS,
    perMs: PER_MS,
    fmt,
    run: (learner) => runIn(W, learner),
    runOther: (learner) => runIn(W2, learner),
    samplesOf(result) {
      if (!result || typeof result !== 'object' || !Array.isArray(result.samples)) {
        throw new Error(
          `${C.name} must return an object { samples, batch } with samples a list of numbers; it returned ${Array.isArray(result) ? 'a list' : typeof result}.`,
        );
      }
      const bad = result.samples.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x) || x < 0);
      if (bad >= 0) throw new Error(`samples[${bad}] is ${String(result.samples[bad])}, not a time in ${C.unit}.`);
      return result.samples;
    },
  };
}
