/**
 * The units a number may carry, by quantity: an answer in any unit of the expected quantity is
 * converted (`0.0125 s` answers `12.5 ms`); a unit of another quantity is a mistake worth a word.
 * The one unit parser of the workbook: exercise answers (checkers.ts) and spec metrics
 * (runtime/spec/semantics.ts) both read units here.
 *
 * Reading rules: text is NFKC-normalised first (`㎲`, a full-width `ＧＢ/s`, the micro sign and the
 * Greek mu all read as what they look like); the case of `b` and `B` is never folded (8 Gb/s is
 * gigabits, 1 GB/s), and bit rates are converted to bytes (÷ 8).
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
const ENERGY = 'an energy';
const POWER = 'a power';

const UNITS: Record<string, Unit> = {
  h: { quantity: TIME, factor: 3_600_000 },
  min: { quantity: TIME, factor: 60_000 },
  s: { quantity: TIME, factor: 1000 },
  ms: { quantity: TIME, factor: 1 },
  µs: { quantity: TIME, factor: 1e-3 },
  us: { quantity: TIME, factor: 1e-3 },
  ns: { quantity: TIME, factor: 1e-6 },
  'TB/s': { quantity: BANDWIDTH, factor: 1e3 },
  'GB/s': { quantity: BANDWIDTH, factor: 1 },
  'MB/s': { quantity: BANDWIDTH, factor: 1e-3 },
  'kB/s': { quantity: BANDWIDTH, factor: 1e-6 },
  'B/s': { quantity: BANDWIDTH, factor: 1e-9 },
  'GiB/s': { quantity: BANDWIDTH, factor: 2 ** 30 / 1e9 },
  'MiB/s': { quantity: BANDWIDTH, factor: 2 ** 20 / 1e9 },
  // Bits: a byte is 8 of them, so 8 Gb/s moves 1 GB/s.
  'Tb/s': { quantity: BANDWIDTH, factor: 1e3 / 8 },
  'Gb/s': { quantity: BANDWIDTH, factor: 1 / 8 },
  'Mb/s': { quantity: BANDWIDTH, factor: 1e-3 / 8 },
  'kb/s': { quantity: BANDWIDTH, factor: 1e-6 / 8 },
  'b/s': { quantity: BANDWIDTH, factor: 1e-9 / 8 },
  'TFLOP/s': { quantity: COMPUTE, factor: 1e3 },
  'GFLOP/s': { quantity: COMPUTE, factor: 1 },
  'MFLOP/s': { quantity: COMPUTE, factor: 1e-3 },
  // Energy (base J) and power (base W): energy per query and power traces (the Professional energy episode).
  kJ: { quantity: ENERGY, factor: 1e3 },
  J: { quantity: ENERGY, factor: 1 },
  mJ: { quantity: ENERGY, factor: 1e-3 },
  µJ: { quantity: ENERGY, factor: 1e-6 },
  kW: { quantity: POWER, factor: 1e3 },
  W: { quantity: POWER, factor: 1 },
  mW: { quantity: POWER, factor: 1e-3 },
  '%': { quantity: FRACTION, factor: 0.01 },
  fraction: { quantity: FRACTION, factor: 1 },
};

/** Spellings people type for a unit we know, mapped to it (`msec`, `sec`, `GBps`, `Gbit/s`). Looked up after normalizeUnitText, so µ is written as the Greek mu here. */
const ALIASES: Record<string, string> = {
  hour: 'h',
  hours: 'h',
  minute: 'min',
  minutes: 'min',
  mins: 'min',
  msec: 'ms',
  msecs: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  usec: 'µs',
  usecs: 'µs',
  μsec: 'µs',
  μsecs: 'µs',
  microsecond: 'µs',
  microseconds: 'µs',
  nsec: 'ns',
  nsecs: 'ns',
  nanosecond: 'ns',
  nanoseconds: 'ns',
  TBps: 'TB/s',
  GBps: 'GB/s',
  MBps: 'MB/s',
  kBps: 'kB/s',
  'GB/sec': 'GB/s',
  'MB/sec': 'MB/s',
  Tbps: 'Tb/s',
  Gbps: 'Gb/s',
  Mbps: 'Mb/s',
  kbps: 'kb/s',
  'Tbit/s': 'Tb/s',
  'Gbit/s': 'Gb/s',
  'Mbit/s': 'Mb/s',
  'kbit/s': 'kb/s',
  'Gb/sec': 'Gb/s',
  'bit/s': 'b/s',
  'bits/s': 'b/s',
  'byte/s': 'B/s',
  'bytes/s': 'B/s',
  GFLOPS: 'GFLOP/s',
  'GFLOPs/s': 'GFLOP/s',
  'Gflop/s': 'GFLOP/s',
  TFLOPS: 'TFLOP/s',
  MFLOPS: 'MFLOP/s',
  joule: 'J',
  joules: 'J',
  millijoule: 'mJ',
  millijoules: 'mJ',
  watt: 'W',
  watts: 'W',
};

/**
 * Unit text as it is looked up: NFKC (compatibility characters such as `㎲` or full-width letters
 * become plain ones), the micro sign and the Greek mu made one, spaces around `/` dropped.
 */
export function normalizeUnitText(text: string): string {
  // Split and trim rather than /\s*\/\s*/g: that regex backtracks over every run of spaces not
  // followed by a slash, quadratic in the answer's length (100 000 spaces took over a minute).
  return text
    .normalize('NFKC')
    .replace(/\u00b5/g, '\u03bc')
    .split('/')
    .map((piece) => piece.trim())
    .join('/');
}

/** No unit is longer than this; longer unit text is not looked up (a pasted essay is not a unit). */
export const UNIT_TEXT_MAX = 40;

/** The table's key for a normalised spelling (the table writes µs with the micro sign). */
function known(text: string): string | undefined {
  const micro = text.replace(/\u03bc/g, '\u00b5');
  if (UNITS[micro]) return micro;
  if (UNITS[text]) return text;
  return ALIASES[text] ?? ALIASES[micro];
}

/** Words for a unit of items per second that is really bits or bytes (`b/s`, `kbit/s`), which are bandwidths. */
const BITS_OR_BYTES = /^[a-z]?i?(?:b|bit|bits|byte|bytes)$/;

/** A unit we know, the canonical spelling it was read as, or undefined. Rates of items (`images/s`) are their own quantity. */
export function lookupUnit(text: string): (Unit & { name: string }) | undefined {
  if (text.trim().length > UNIT_TEXT_MAX) return undefined;
  const normal = normalizeUnitText(text);
  const name = known(normal);
  if (name) return { name, ...UNITS[name]! };
  const perSecond = /^([a-z]+)\/s$/.exec(normal);
  if (perSecond && !BITS_OR_BYTES.test(perSecond[1]!)) return { name: normal, quantity: `a rate of ${perSecond[1]}`, factor: 1 };
  return undefined;
}

/**
 * The canonical spelling a learner probably meant, for a unit we do not know: `MS` -> `ms`. Letters
 * are compared without case, except b and B: bits and bytes are different units, never a typo.
 */
export function suggestUnit(text: string): string | undefined {
  if (text.trim().length > UNIT_TEXT_MAX) return undefined;
  const fold = (s: string) => s.replace(/[^bB]/g, (c) => c.toLowerCase());
  const wanted = fold(normalizeUnitText(text));
  const all = [...Object.keys(UNITS), ...Object.keys(ALIASES)];
  const hit = all.find((u) => fold(normalizeUnitText(u)) === wanted);
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

/** A unit's name in words, where the symbol alone misleads: bits are spelled out. */
export function describeUnit(name: string): string {
  return /^[kMGT]b\/s$/.test(name) ? `${name} (${name[0]}bit/s, bits per second: 8 bits are one byte)` : name;
}
