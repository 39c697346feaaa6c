import { describe, expect, it } from 'vitest';
import { convert, lookupUnit, normalizeUnitText, quantityOf, suggestUnit } from '../../runtime/exercises/units.ts';
import { parseQuantity } from '../../runtime/exercises/checkers.ts';

describe('units: bits are not bytes', () => {
  it('reads 8 Gb/s as 1 GB/s, never as 8 GB/s', () => {
    expect(convert(8, 'Gb/s', 'GB/s')).toBeCloseTo(1, 12);
    expect(lookupUnit('Gb/s')?.name).toBe('Gb/s');
    expect(lookupUnit('Gb/s')?.quantity).toBe(lookupUnit('GB/s')?.quantity);
  });

  it('accepts the spellings of bits (Gbit/s, Gbps, Mbps) and converts them', () => {
    expect(convert(8, 'Gbit/s', 'GB/s')).toBeCloseTo(1, 12);
    expect(convert(8, 'Gbps', 'GB/s')).toBeCloseTo(1, 12);
    expect(convert(8000, 'Mbps', 'GB/s')).toBeCloseTo(1, 12);
    expect(convert(1, 'GBps', 'GB/s')).toBe(1);
    expect(convert(8e9, 'bit/s', 'GB/s')).toBeCloseTo(1, 12);
  });

  it('an answer of 8 Gb/s to a GB/s question is 1 GB/s', () => {
    expect(parseQuantity('8 Gb/s', 'GB/s')).toEqual({ ok: true, value: 1, unit: 'Gb/s' });
    expect(parseQuantity('8 Gbit/s', 'GB/s')).toMatchObject({ ok: true, value: 1 });
    expect(parseQuantity('1 GB/s', 'GB/s')).toMatchObject({ ok: true, value: 1 });
  });

  it('never folds the case of b and B when suggesting a unit', () => {
    expect(suggestUnit('gb/s')).toBe('Gb/s');
    expect(suggestUnit('gB/s')).toBe('GB/s');
    expect(suggestUnit('GBPS')).toBe('GB/s');
    expect(suggestUnit('gbps')).toBe('Gb/s');
    expect(suggestUnit('MS')).toBe('ms');
  });

  it('bits and bytes per second are bandwidths, not rates of items', () => {
    expect(lookupUnit('b/s')?.quantity).toBe('a bandwidth');
    expect(lookupUnit('bytes/s')?.quantity).toBe('a bandwidth');
    expect(lookupUnit('mb/s')).toBeUndefined(); // millibits? megabits? ask, do not guess
    expect(lookupUnit('images/s')?.quantity).toBe('a rate of images');
  });
});

describe('units: Unicode is normalised (NFKC)', () => {
  it('reads ㎲, µsec (micro sign) and μs (Greek mu) as microseconds', () => {
    for (const text of ['㎲', 'µsec', 'μsec', 'µs', 'μs', 'usec']) {
      expect(lookupUnit(text)?.name, text).toBe('µs');
      expect(convert(1000, text, 'ms'), text).toBeCloseTo(1, 12);
    }
    expect(parseQuantity('250 ㎲', 'ms')).toMatchObject({ ok: true, value: 0.25 });
  });

  it('reads compatibility and full-width characters as the plain ones', () => {
    expect(lookupUnit('㎳')?.name).toBe('ms');
    expect(lookupUnit('ＧＢ/s')?.name).toBe('GB/s');
    expect(lookupUnit('GB / s')?.name).toBe('GB/s');
    expect(normalizeUnitText('㎲')).toBe('\u03bcs');
  });

  it('keeps the exported API: quantityOf and convert of plain units', () => {
    expect(quantityOf('')).toBeUndefined();
    expect(quantityOf('ms')).toBe('a time');
    expect(convert(0.0125, 's', 'ms')).toBeCloseTo(12.5, 12);
    expect(() => convert(1, 'ms', 'GB/s')).toThrow(RangeError);
  });
});

describe('units: long answers are read in linear time', () => {
  // The old /\s*\/\s*/g backtracked over every run of spaces: "1 a" + 100 000 spaces + "b" took 78 s.
  const SHAPES = {
    'spaces inside the unit': `1 a${' '.repeat(1e6)}b`,
    'spaces then a slash': `1 ms${' '.repeat(1e6)}/`,
    'slashes and spaces': `1 ${' /'.repeat(5e5)}`,
    'one long word': `1 ${'m'.repeat(1e6)}`,
  };
  for (const [name, text] of Object.entries(SHAPES)) {
    it(`${name}: a million characters are refused as a format error in well under a second`, () => {
      const t0 = performance.now();
      const parsed = parseQuantity(text, 'ms');
      expect(performance.now() - t0).toBeLessThan(500);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message.length).toBeLessThan(300);
    });
  }
  it('normalizeUnitText is linear and still drops the spaces around a slash', () => {
    expect(normalizeUnitText(' GB / s ')).toBe('GB/s');
    const t0 = performance.now();
    normalizeUnitText(`a${' '.repeat(1e6)}b`);
    expect(performance.now() - t0).toBeLessThan(500);
  });
  it('unit text past the longest unit is not looked up', () => {
    expect(lookupUnit(`ms${' '.repeat(50)}`)?.name).toBe('ms'); // surrounding spaces do not count
    expect(lookupUnit('images/s')?.quantity).toBe('a rate of images');
    expect(lookupUnit(`${'x'.repeat(41)}/s`)).toBeUndefined();
  });
});
