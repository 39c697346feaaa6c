import type { Scheduler } from './types.ts';

/**
 * Real time on any host (page, worker, Node), from a clock passed in (performance.now). Timers alone are late
 * by a millisecond or more (Node's setTimeout has 1 ms steps; pages clamp nested timers to 4 ms), so a task is
 * timed to wake `spinMs` early and then polls the clock on macrotask turns (setImmediate in Node, a
 * MessageChannel elsewhere) until its time: other work (a SUT's completions) still runs between polls.
 * LoadGen does the same in C++ with a spin-wait on its issue thread.
 */
export function hostScheduler(clock: () => number, spinMs = 2): Scheduler {
  const turn = macrotask();
  let lastTurn = clock();
  return {
    now: clock,
    soon(task) {
      // A microtask costs far less than a macrotask turn (~1 µs against ~20 µs), but a chain of them starves the
      // host (timers, I/O, a page's input): one real turn at least every SOON_TURN_MS.
      const now = clock();
      if (now - lastTurn < SOON_TURN_MS) void Promise.resolve().then(task);
      else {
        lastTurn = now;
        turn(task);
      }
    },
    at(timeMs, task) {
      let cancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const poll = () => {
        if (cancelled) return;
        if (clock() >= timeMs) task();
        else turn(poll);
      };
      const wait = timeMs - clock() - spinMs;
      if (wait > 0) timer = setTimeout(poll, wait);
      else turn(poll);
      return {
        cancel() {
          cancelled = true;
          if (timer !== undefined) clearTimeout(timer);
        },
      };
    },
  };
}

/** A chain of `soon` tasks yields to the host's event loop at least this often (ms). */
export const SOON_TURN_MS = 1;

/** A function that runs a callback on the next macrotask turn, without the 1-4 ms clamp of setTimeout(0). */
export function macrotask(): (callback: () => void) => void {
  // Looked up, not assumed: setImmediate is Node's only; the core knows neither as a global.
  const g = globalThis as {
    setImmediate?: (f: () => void) => unknown;
    MessageChannel?: new () => {
      port1: { onmessage: ((event: unknown) => void) | null };
      port2: { postMessage(message: unknown): void };
    };
  };
  if (typeof g.setImmediate === 'function') return (f) => void g.setImmediate!(f);
  if (typeof g.MessageChannel === 'function') {
    // One channel, a queue of callbacks: a fresh channel per turn would leak ports at 1,000 turns a second.
    const { port1, port2 } = new g.MessageChannel();
    const queue: (() => void)[] = [];
    port1.onmessage = () => queue.shift()?.();
    return (f) => {
      queue.push(f);
      port2.postMessage(null);
    };
  }
  return (f) => void setTimeout(f, 0);
}
