// What a built site (dist/) must satisfy to deploy on static hosts: no file over Cloudflare Pages'
// 25 MiB limit, no large file twice (the same bytes under two names), exactly the onnxruntime-web
// wasm files the page's builds load (runtime/models/assets.ts, ORT_BUILDS), and an icon for every
// page's icon link. Pure: scripts/check-dist.ts reads the folder and prints the problems.
import { ORT_BUILDS } from '../runtime/models/assets.ts';

/** Cloudflare Pages refuses larger files (25 MiB); Netlify and GitHub Pages allow more. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;
/** Files from this size on count as duplicates when two share their bytes (small ones may repeat harmlessly). */
export const DUPLICATE_MIN_BYTES = 64 * 1024;

export interface DistFile {
  /** Path relative to dist/, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

/** onnxruntime-web's wasm file name without the bundler's content hash: `ort-wasm-simd-threaded.jspi-AbC123.wasm` -> `ort-wasm-simd-threaded.jspi.wasm`. */
export function ortWasmVariant(path: string): string | undefined {
  const name = path.split('/').pop() ?? '';
  const m = /^(ort-wasm-simd-threaded(?:\.[a-z]+)?)(?:-[\w-]{6,})?\.wasm$/.exec(name);
  return m ? `${m[1]}.wasm` : undefined;
}

/**
 * The problems of a dist/ listing, one line each (empty when it can ship). `iconLinks` are the
 * href values of the pages' `<link rel="icon">` / `shortcut icon` tags, with the page that has them.
 */
export function distProblems(files: DistFile[], iconLinks: { page: string; href: string }[] = []): string[] {
  const problems: string[] = [];
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
  for (const f of files) {
    if (f.bytes > MAX_FILE_BYTES)
      problems.push(`${f.path}: ${f.bytes} bytes (${mib(f.bytes)}), over the ${mib(MAX_FILE_BYTES)} per-file limit of Cloudflare Pages`);
  }
  const byHash = new Map<string, string[]>();
  for (const f of files.filter((f) => f.bytes >= DUPLICATE_MIN_BYTES)) byHash.set(f.sha256, [...(byHash.get(f.sha256) ?? []), f.path]);
  for (const paths of byHash.values()) if (paths.length > 1) problems.push(`${paths.join(' and ')}: the same bytes shipped ${paths.length} times`);

  const wanted = new Set<string>(Object.values(ORT_BUILDS).map((b) => b.wasmFile));
  const found = new Map<string, string[]>();
  for (const f of files) {
    const variant = ortWasmVariant(f.path);
    if (variant) found.set(variant, [...(found.get(variant) ?? []), f.path]);
  }
  for (const [variant, paths] of found) {
    if (!wanted.has(variant))
      problems.push(`${paths.join(', ')}: onnxruntime-web's ${variant}, which no cell loads (expected only ${[...wanted].join(', ')})`);
    else if (paths.length > 1) problems.push(`${paths.join(' and ')}: onnxruntime-web's ${variant} shipped ${paths.length} times`);
  }
  for (const variant of wanted)
    if (!found.has(variant))
      problems.push(`dist has no ${variant}: the cells that load it would fail (is its build still imported by runtime/browser/onnx-web.ts?)`);

  const paths = new Set(files.map((f) => f.path));
  const missing = new Map<string, string[]>();
  for (const { page, href } of iconLinks) {
    if (/^[a-z]+:|^\/\//i.test(href)) continue; // another origin: not ours to check
    const path = decodeURIComponent(href.split(/[?#]/)[0]!.replace(/^\//, ''));
    if (!paths.has(path)) missing.set(href, [...(missing.get(href) ?? []), page]);
  }
  for (const [href, pages] of missing)
    problems.push(
      `${href}: the icon linked by ${pages.length} page(s) (${pages.slice(0, 3).join(', ')}${pages.length > 3 ? ', ...' : ''}) is not in dist`,
    );
  return problems;
}

/** The icon hrefs of one HTML page. */
export function iconHrefs(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = /\brel\s*=\s*["']?([^"'>]+)/i.exec(tag)?.[1] ?? '';
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(tag)?.[1];
    if (href && rel.toLowerCase().split(/\s+/).includes('icon')) out.push(href);
  }
  return out;
}
