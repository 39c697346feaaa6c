/**
 * The few host globals the engine core uses, for the core's own tsconfig (runtime/tsconfig.core.json),
 * which loads neither the DOM lib nor @types/node. Each is present alike in browser pages, workers and
 * Node (>= 17), so using one does not tie the core to a host. Declared as narrowly as the core uses
 * them. The project's tsconfig excludes this file: there the DOM and Node types declare them in full.
 */

/** What setTimeout returns: a number in browsers, a Timeout object in Node; only ever handed back to clearTimeout. */
type TimerHandle = unknown;

/** HTML timers (window and worker scope) and Node's global timers. */
declare function setTimeout(callback: () => void, ms?: number): TimerHandle;
declare function clearTimeout(handle: TimerHandle): void;

/** The HTML structured clone (window, worker) and Node's global structuredClone (Node >= 17). */
declare function structuredClone<T>(value: T): T;

/** High Resolution Time: `performance` in windows and workers, and Node's global `performance` (Node >= 16). */
declare var performance: { now(): number };

/** WHATWG URL's query strings: windows, workers and Node's global URLSearchParams (Node >= 10). Assignment links use it. */
declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  has(name: string): boolean;
  toString(): string;
}
