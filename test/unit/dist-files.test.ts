import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, distProblems, iconHrefs, ortWasmVariant, type DistFile } from '../../scripts/dist-files.ts';

const file = (path: string, bytes: number, sha256 = path): DistFile => ({ path, bytes, sha256 });
// The build as it should be: each ORT build's wasm once, under the bundler's hashed name.
const good = [
  file('_astro/ort-wasm-simd-threaded-DcHrbrbl.wasm', 14_239_897),
  file('_astro/ort-wasm-simd-threaded.jspi-CZzFqCHi.wasm', 16_758_545),
  file('favicon.svg', 300),
  file('index.html', 20_000),
];

describe('distProblems', () => {
  it('passes a build with each used ORT wasm once, all files under 25 MiB, and its icon', () => {
    expect(distProblems(good, [{ page: 'index.html', href: '/favicon.svg' }])).toEqual([]);
  });

  it("refuses a file over Cloudflare Pages' 25 MiB, and accepts one of exactly 25 MiB", () => {
    expect(distProblems([...good, file('big.bin', MAX_FILE_BYTES)])).toEqual([]);
    expect(distProblems([...good, file('big.bin', MAX_FILE_BYTES + 1)])).toEqual([
      expect.stringContaining('big.bin: 26214401 bytes (25.00 MiB), over the 25.00 MiB'),
    ]);
  });

  it("finds onnxruntime-web's wasm shipped twice: Vite's copy and a copy in public/", () => {
    const problems = distProblems([
      ...good,
      file('models/ort/ort-wasm-simd-threaded.wasm', 14_239_897, '_astro/ort-wasm-simd-threaded-DcHrbrbl.wasm'),
    ]);
    expect(problems).toContain(
      '_astro/ort-wasm-simd-threaded-DcHrbrbl.wasm and models/ort/ort-wasm-simd-threaded.wasm: the same bytes shipped 2 times',
    );
    expect(problems).toContain(
      "_astro/ort-wasm-simd-threaded-DcHrbrbl.wasm and models/ort/ort-wasm-simd-threaded.wasm: onnxruntime-web's ort-wasm-simd-threaded.wasm shipped 2 times",
    );
  });

  it('finds a variant no cell loads (the default build’s jsep wasm), which is also over the limit', () => {
    const problems = distProblems([...good, file('_astro/ort-wasm-simd-threaded.jsep-MDYUKy93.wasm', 28_312_028)]);
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/jsep-MDYUKy93\.wasm: 28312028 bytes/);
    expect(problems.join('\n')).toMatch(/ort-wasm-simd-threaded\.jsep\.wasm, which no cell loads/);
  });

  it('finds a missing build: a cell would fail to load it', () => {
    expect(distProblems(good.filter((f) => !f.path.includes('jspi')))).toEqual([
      expect.stringContaining('dist has no ort-wasm-simd-threaded.jspi.wasm'),
    ]);
  });

  it('ignores small repeated files, and flags large ones under any name', () => {
    expect(distProblems([...good, file('a/x.svg', 1000, 'same'), file('b/x.svg', 1000, 'same')])).toEqual([]);
    expect(distProblems([...good, file('a/data.bin', 2_000_000, 'same'), file('b/copy.bin', 2_000_000, 'same')])).toEqual([
      'a/data.bin and b/copy.bin: the same bytes shipped 2 times',
    ]);
  });

  it('finds an icon link with no file behind it (the 404 favicon)', () => {
    const links = [
      { page: 'index.html', href: '/favicon.svg' },
      { page: 'a/index.html', href: '/favicon.svg' },
    ];
    expect(
      distProblems(
        good.filter((f) => f.path !== 'favicon.svg'),
        links,
      ),
    ).toEqual(['/favicon.svg: the icon linked by 2 page(s) (index.html, a/index.html) is not in dist']);
    expect(distProblems(good, [{ page: 'index.html', href: 'https://example.org/icon.png' }])).toEqual([]);
  });
});

describe('ortWasmVariant and iconHrefs', () => {
  it('names the variant with or without the content hash, and nothing else', () => {
    expect(ortWasmVariant('_astro/ort-wasm-simd-threaded.jspi-CZzFqCHi.wasm')).toBe('ort-wasm-simd-threaded.jspi.wasm');
    expect(ortWasmVariant('models/ort/ort-wasm-simd-threaded.asyncify.wasm')).toBe('ort-wasm-simd-threaded.asyncify.wasm');
    expect(ortWasmVariant('_astro/ort-wasm-simd-threaded-DcHrbrbl.wasm')).toBe('ort-wasm-simd-threaded.wasm');
    expect(ortWasmVariant('_astro/kernel.wasm')).toBeUndefined();
  });

  it('reads icon links, whatever the attribute order and quoting', () => {
    expect(
      iconHrefs(
        '<link rel="shortcut icon" href="/favicon.svg" type="image/svg+xml"/><link href=/a.png rel=icon><link rel="stylesheet" href="/s.css">',
      ),
    ).toEqual(['/favicon.svg', '/a.png']);
  });
});
