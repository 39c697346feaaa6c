// The simulated machine of the fix-timing-harness exercise: a workload and a clock, deterministic, so
// every run of the learner's harness gives the same numbers. Trusted code, run in the sandbox before
// the learner's; the exercise calls prelude(W, O, C, W2) and the tests use what it returns as `h`.
// W: the world (see World in exercise.ts), O: the options, C: the contract { name, unit },
// W2: a second world that differs only in the cost of a call (a fixed batch cannot fit both).

// eslint-disable-next-line no-unused-vars
function prelude(W, O, C, W2) {
  const PER_MS = C.unit === 'ms' ? 1 : 1000; // samples are in C.unit
  const fmt = (x) => (x === 0 ? '0' : Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3)); // 3 digits: 0.0139 and 0.0144 differ

  function makeWorld(world) {
    let now = 0; // the true time, ms
    let gpuFree = 0; // when the simulated device has finished everything submitted
    let calls = 0;
    let completed = 0;
    let firstRead = -1; // calls completed when the clock was first read
    let readsWithPending = 0;
    let overlapped = false; // a call was started while another had not finished (submitted together)
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
    // One resolved promise and a queue of finish times instead of Promise.resolve().then(closure) per
    // call: the same jobs in the same order (a then() on a resolved promise queues its job at once, and
    // jobs run first in, first out), at half the cost in the grader's QuickJS, where most calls happen.
    const resolved = Promise.resolve();
    const finishing = [];
    let head = 0;
    function finishOne() {
      const done = finishing[head];
      head += 1;
      if (head === finishing.length) {
        finishing.length = 0;
        head = 0;
      }
      if (now < done) now = done;
      completed += 1;
    }
    const { maxCalls, maxPending, submitMs, coldCalls, coldMs, hotMs, jitter } = world;
    function work() {
      calls += 1;
      if (calls > maxCalls) {
        if (firstRead < 0)
          throw new Error(
            `work() was called more than ${maxCalls} times, and the clock you were given was never read: time with clock.now(), the clock of the machine under test.`,
          );
        throw new Error(
          `work() was called more than ${maxCalls} times. Does the batch ever stop growing? (If the clock stops before the calls have finished, no batch ever looks long enough.)`,
        );
      }
      if (calls - completed > 1) overlapped = true;
      if (calls - completed > maxPending) {
        throw new Error(
          `More than ${maxPending} calls were started without waiting for them: work() returns a promise that resolves when the call has finished; wait for it (await) before starting the next one or reading the clock.`,
        );
      }
      now += submitMs;
      const k = calls;
      const cost = k <= coldCalls ? coldMs : hotMs * (1 + jitter * Math.sin(k * 12.9898));
      const done = Math.max(now, gpuFree) + cost;
      gpuFree = done;
      finishing.push(done);
      return resolved.then(finishOne);
    }
    return { clock, work, stats: () => ({ calls, completed, firstRead, reads: readTimes.length, readsWithPending, overlapped, readTimes }) };
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

  // The other machine (W2) is there for one question, whether the batch is found on the machine at
  // hand (test 4); a few samples answer it as well as many, and its calls may be 5x shorter, so
  // its batch 5x longer: with all of options.samples it cost most of a check. Everything else on
  // this machine is checked with the options as given.
  const OTHER_SAMPLES = 3;
  const otherOptions = { ...O, samples: Math.min(O.samples, OTHER_SAMPLES) };
  const memo = new Map();
  function runIn(world, options, learner) {
    if (!memo.has(world)) {
      memo.set(
        world,
        (async () => {
          const w = makeWorld(world);
          try {
            const returned = await learner[C.name](w.work, w.clock, { ...options });
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
    /** The time per call of calls submitted together: the work alone (each submission overlaps the work before it). Only where calls overlapped. */
    pipelined: W.hotMs * PER_MS,
    perMs: PER_MS,
    fmt,
    run: (learner) => runIn(W, O, learner),
    runOther: (learner) => runIn(W2, otherOptions, learner),
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
