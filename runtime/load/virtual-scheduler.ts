import type { Scheduler } from './types.ts';

type Entry = { t: number; seq: number; task: () => void; cancelled: boolean };

/** A span of virtual time during which the issuing host is busy: a task due inside it runs at its end. */
export interface HostStall {
  atMs: number;
  durationMs: number;
}

/**
 * Virtual time for tests and lessons: tasks run in time order (ties in the order scheduled) when `drain` is
 * called, and `now` jumps from one to the next, so an hour of queueing runs in milliseconds and the same seed
 * gives the same numbers. `hostStalls` model a busy issuing thread (a long task on the page): a timer due
 * during one fires at its end, as a real event loop would.
 */
export class VirtualScheduler implements Scheduler {
  #now = 0;
  #seq = 0;
  #heap: Entry[] = [];
  readonly #stalls: HostStall[];

  constructor(options: { startMs?: number; hostStalls?: readonly HostStall[] } = {}) {
    this.#now = options.startMs ?? 0;
    this.#stalls = [...(options.hostStalls ?? [])].sort((a, b) => a.atMs - b.atMs);
  }

  now(): number {
    return this.#now;
  }

  at(timeMs: number, task: () => void): { cancel(): void } {
    if (!Number.isFinite(timeMs)) throw new RangeError(`VirtualScheduler.at: time must be a finite number of ms, got ${timeMs}`);
    const entry = { t: this.#delayed(Math.max(timeMs, this.#now)), seq: this.#seq++, task, cancelled: false };
    this.#push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /** Runs every task due, in order, until none is left or `maxTasks` ran; returns how many ran. */
  drain(maxTasks = Infinity): number {
    let ran = 0;
    while (this.#heap.length > 0 && ran < maxTasks) {
      const next = this.#pop()!;
      if (next.cancelled) continue;
      this.#now = Math.max(this.#now, next.t);
      ran++;
      next.task();
    }
    return ran;
  }

  /**
   * Runs virtual time until `work` settles: drains the due tasks, lets promise callbacks run (a real timer
   * turn), and again, so code that awaits between scheduled tasks (a sample library's load) still goes on.
   */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    while (!settled) {
      this.drain();
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    return watched;
  }

  /** Tasks still waiting. */
  get pending(): number {
    return this.#heap.filter((e) => !e.cancelled).length;
  }

  #delayed(t: number): number {
    for (const s of this.#stalls) if (t >= s.atMs && t < s.atMs + s.durationMs) return s.atMs + s.durationMs;
    return t;
  }

  #less(a: { t: number; seq: number }, b: { t: number; seq: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }

  #push(e: Entry): void {
    const h = this.#heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  #pop(): Entry | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
