import { describe, expect, it } from 'vitest';
import { formatDuration, formatParams, formatPercent, formatRatio, formatTextTable, formatValue } from '../../runtime/format/index.ts';

describe('formatDuration', () => {
  it('table style: fixed decimals per range, so a column lines up', () => {
    expect(formatDuration(0.005)).toBe('5.000 µs');
    expect(formatDuration(0.0123)).toBe('12.30 µs');
    expect(formatDuration(2)).toBe('2.000 ms');
    expect(formatDuration(123.45)).toBe('123.5 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(Number.NaN)).toBe('NaN');
  });
  it('prose style: three significant digits, trailing zeros kept', () => {
    expect(formatDuration(0.005, 'prose')).toBe('5.00 µs');
    expect(formatDuration(9.98, 'prose')).toBe('9.98 ms');
    expect(formatDuration(250, 'prose')).toBe('250 ms');
    expect(formatDuration(1000, 'prose')).toBe('1.00 s');
    expect(formatDuration(12345, 'prose')).toBe('12.3 s');
  });
  it('chooses the unit after rounding: 999.96 ms is 1.00 s, 0.99996 ms is 1.00 ms (never 1.00e+3)', () => {
    expect(formatDuration(999.96, 'prose')).toBe('1.00 s');
    expect(formatDuration(0.99996, 'prose')).toBe('1.00 ms');
    expect(formatDuration(0.99996, 'short')).toBe('1 ms');
  });
  it('short style: trailing zeros dropped', () => {
    expect(formatDuration(0.005, 'short')).toBe('5 µs');
    expect(formatDuration(0.1, 'short')).toBe('100 µs');
    expect(formatDuration(0.0998, 'short')).toBe('99.8 µs');
    expect(formatDuration(1.5, 'short')).toBe('1.5 ms');
  });
});

describe('formatValue', () => {
  it('writes a duration as formatDuration, a fraction as a percentage, others with decimals by magnitude', () => {
    expect(formatValue(2, 'ms')).toBe('2.000 ms');
    expect(formatValue(0.9123, 'fraction')).toBe('91.23%');
    expect(formatValue(1234.56, 'GFLOP/s')).toBe('1234.6 GFLOP/s');
    expect(formatValue(12.3456, 'GB/s')).toBe('12.346 GB/s');
    expect(formatValue(0.12345, 'images/s')).toBe('0.1235 images/s');
    expect(formatValue(Number.POSITIVE_INFINITY, 'GB/s')).toBe('Infinity GB/s');
  });
});

describe('formatRatio and formatPercent', () => {
  it('writes ratios with two decimals and a sign', () => {
    expect(formatRatio(1.2345)).toBe('1.23x');
    expect(formatRatio(1, 2, '×')).toBe('1.00×');
  });
  it('writes fractions as percentages; no value is n/a', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.0041, 2)).toBe('0.41%');
    expect(formatPercent(0.27, 1, true)).toBe('27.0 %');
    expect(formatPercent(null)).toBe('n/a');
  });
});

describe('formatParams', () => {
  it('writes k=v pairs in order, or says there are none', () => {
    expect(formatParams({ n: 64, variant: 'tiled', check: true })).toBe('n=64 variant=tiled check=true');
    expect(formatParams({})).toBe('no parameters');
    expect(formatParams({}, { empty: '-' })).toBe('-');
    expect(formatParams({ b: 1, a: 2 }, { separator: ', ' })).toBe('b=1, a=2');
  });
  it('sorted: the same values read the same whatever order they were given in', () => {
    expect(formatParams({ variant: 'tiled', n: 64 }, { sorted: true })).toBe(formatParams({ n: 64, variant: 'tiled' }, { sorted: true }));
    expect(formatParams({ variant: 'tiled', n: 64 }, { sorted: true })).toBe('n=64 variant=tiled');
  });
});

describe('formatTextTable', () => {
  it('pads each column to its widest cell, two spaces apart, with no trailing blanks', () => {
    expect(
      formatTextTable(
        ['#', 'target', 'verdict'],
        [
          ['1', 'browser-wasm', 'VALID'],
          ['12', 'js', ''],
        ],
      ),
    ).toBe(['#   target        verdict', '1   browser-wasm  VALID', '12  js'].join('\n'));
  });
});
