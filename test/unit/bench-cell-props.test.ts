import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCellProps, CellPropsError } from '../../src/cell/cell-props.ts';

const texts = Object.fromEntries(
  readdirSync('lessons/specs')
    .filter((f) => f.endsWith('.bench.yaml'))
    .map((f) => [f.replace('.bench.yaml', ''), readFileSync(`lessons/specs/${f}`, 'utf8')]),
);
const PAGE = '/foundations/what-is-a-benchmark/';

describe('checkCellProps (what BenchCell.astro renders, and what stops the build)', () => {
  it("gives the spec's page targets, the starting values and the cell's meta", () => {
    const cell = checkCellProps({ spec: 'matmul', params: { n: 64 } }, texts, PAGE);
    expect(cell.targets).toEqual(['browser-webgpu', 'js']);
    expect(cell.initial).toBe('browser-webgpu');
    expect(cell.values).toEqual({ n: 64, variant: 'tiled' });
    expect(cell.hasNative).toBe(true);
    expect(cell.meta).toMatchObject({
      id: 'matmul',
      file: 'lessons/specs/matmul.bench.yaml',
      parameters: ['n', 'variant'],
      maxDurationMs: 15000,
      warmup: 3,
    });
    expect(cell.shown.startsWith('version: 2')).toBe(true);
    expect(checkCellProps({ spec: 'mlp-inference', target: 'browser-wasm-threads' }, texts, PAGE).initial).toBe('browser-wasm-threads');
  });

  it('names the cell and the page, and lists the specs, when the spec does not exist', () => {
    expect(() => checkCellProps({ spec: 'matmull' }, texts, PAGE)).toThrow(
      new CellPropsError(
        `<BenchCell spec="matmull"> on ${PAGE}: there is no lessons/specs/matmull.bench.yaml; the specs are ${Object.keys(texts).sort().join(', ')}`,
      ),
    );
  });

  it("reports an invalid spec with the engine's line numbers", () => {
    const broken = { ...texts, matmul: texts.matmul!.replace('warmup: 3', 'warmup: -3') };
    expect(() => checkCellProps({ spec: 'matmul' }, broken, PAGE)).toThrow(
      /^<BenchCell spec="matmul"> on \/foundations\/what-is-a-benchmark\/: lessons\/specs\/matmul\.bench\.yaml is not a valid spec .*\n {2}lessons\/specs\/matmul\.bench\.yaml:\d+:\d+: constraints\.warmup/s,
    );
  });

  it('refuses a target the spec or the page cannot run, and a starting value out of range', () => {
    expect(() => checkCellProps({ spec: 'matmul', target: 'browser-wasm' }, texts, PAGE)).toThrow(
      `target="browser-wasm" is not one of this spec's page targets: browser-webgpu, js`,
    );
    expect(() => checkCellProps({ spec: 'matmul', target: 'node-webgpu' }, texts, PAGE)).toThrow(/not one of this spec's page targets/);
    expect(() => checkCellProps({ spec: 'matmul', params: { n: 4096 } }, texts, PAGE)).toThrow(/^<BenchCell spec="matmul"> on .*: params: .*n/);
    expect(() => checkCellProps({ spec: 'matmul', params: { m: 3 } }, texts, PAGE)).toThrow(
      'params: unknown parameter "m"; this spec declares n, variant',
    );
  });

  it('refuses a spec with no target a page can run', () => {
    const nodeOnly = { ...texts, matmul: texts.matmul!.replace('targets: [browser-webgpu, node-webgpu, js]', 'targets: [node-webgpu]') };
    expect(() => checkCellProps({ spec: 'matmul' }, nodeOnly, PAGE)).toThrow('names no target a page can run (it has node-webgpu)');
  });
});
