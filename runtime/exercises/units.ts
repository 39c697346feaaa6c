/**
 * The units a numeric answer may carry, by quantity: an answer in any unit of the expected quantity
 * is converted (`0.0125 s` answers `12.5 ms`); a unit of another quantity is a mistake worth a word.
 */
export interface Unit {
  /** time, bandwidth, compute rate, throughput, fraction. */
  quantity: string;
  /** How many of the quantity's base unit one of this unit is (time: ms; bandwidth: GB/s; rate: GFLOP/s). */
  factor: number;
}

const TIME = 'a time';
const BANDWIDTH = 'a bandwidth';
const COMPUTE = 'a compute rate';
const FRACTION = 'a fraction';

const UNITS: Record<string, Unit> = {
  s: { quantity: TIME, factor: 1000 },
  ms: { quantity: TIME, factor: 1 },
  'µs': { quantity: TIME, factor: 1e-3 },
  'μs': { quantity: TIME, factor: 1e-3 }, // Greek mu, which some keyboards type
  us: { quantity: TIME, factor: 1e-3 },
  ns: { quantity: TIME, factor: 1e-6 },
  'TB/s': { quantity: BANDWIDTH, factor: 1e3 },
  'GB/s': { quantity: BANDWIDTH, factor: 1 },
  'MB/s': { quantity: BANDWIDTH, factor: 1e-3 },
  'kB/s': { quantity: BANDWIDTH, factor: 1e-6 },
  'GiB/s': { quantity: BANDWIDTH, factor: 2 ** 30 / 1e9 },
  'MiB/s': { quantity: BANDWIDTH, factor: 2 ** 20 / 1e9 },
  'TFLOP/s': { quantity: COMPUTE, factor: 1e3 },
  'GFLOP/s': { quantity: COMPUTE, factor: 1 },
  'MFLOP/s': { quantity: COMPUTE, factor: 1e-3 },
  '%': { quantity: FRACTION, factor: 0.01 },
  fraction: { quantity: FRACTION, factor: 1 },
};

/** Spellings people type for a unit we know, mapped to it (`msec`, `sec`, `GBps`). */
const ALIASES: Record<string, string> = {
  msec: 'ms',
  msecs: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  usec: 'µs',
  microsecond: 'µs',
  microseconds: 'µs',
  nsec: 'ns',
  nanosecond: 'ns',
  nanoseconds: 'ns',
  GBps: 'GB/s',
  'GB/sec': 'GB/s',
  'Gb/s': 'GB/s',
  GFLOPS: 'GFLOP/s',
  'GFLOPs/s': 'GFLOP/s',
  'Gflop/s': 'GFLOP/s',
};

/** A unit we know, the canonical spelling it was read as, or undefined. Rates of items (`images/s`) are their own quantity. */
export function lookupUnit(text: string): (Unit & { name: string }) | undefined {
  const name = UNITS[text] ? text : ALIASES[text];
  if (name) return { name, ...UNITS[name]! };
  const perSecond = /^([a-z]+)\/s$/.exec(text);
  if (perSecond) return { name: text, quantity: `a rate of ${perSecond[1]}`, factor: 1 };
  return undefined;
}

/** The canonical spelling a learner probably meant, for a unit we do not know: `MS` -> `ms`. */
export function suggestUnit(text: string): string | undefined {
  const lower = text.toLowerCase();
  const all = [...Object.keys(UNITS), ...Object.keys(ALIASES)];
  const hit = all.find((u) => u.toLowerCase() === lower);
  return hit ? (ALIASES[hit] ?? hit) : undefined;
}

/** The quantity of the expected unit, in words ("a time"), or undefined for a plain number. */
export function quantityOf(unit: string): string | undefined {
  return unit === '' ? undefined : lookupUnit(unit)?.quantity;
}

/** Converts `value` from unit `from` to unit `to`; both must be known units of the same quantity. */
export function convert(value: number, from: string, to: string): number {
  const a = lookupUnit(from);
  const b = lookupUnit(to);
  if (!a || !b || a.quantity !== b.quantity) throw new RangeError(`convert: cannot convert ${from} to ${to}`);
  return (value * a.factor) / b.factor;
}
