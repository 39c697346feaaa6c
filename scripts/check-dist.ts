// `node scripts/check-dist.ts [dist]`: checks a built site before it ships (scripts/dist-files.ts):
// file sizes against Cloudflare Pages' 25 MiB limit, duplicates, onnxruntime-web's wasm files, icons.
// Run by `npm test` after the build; exit 1 with one line per problem.
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { distProblems, iconHrefs, type DistFile } from './dist-files.ts';

const root = path.resolve(process.argv[2] ?? 'dist');
let entries: string[];
try {
  entries = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
} catch (e) {
  console.error(`check-dist: cannot read ${root} (${(e as NodeJS.ErrnoException).code}); build the site first (npx astro build)`);
  process.exit(2);
}
const files: DistFile[] = [];
const icons: { page: string; href: string }[] = [];
for (const file of entries) {
  const body = await readFile(file);
  const rel = path.relative(root, file).split(path.sep).join('/');
  files.push({ path: rel, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
  if (rel.endsWith('.html')) for (const href of iconHrefs(body.toString('utf8'))) icons.push({ page: rel, href });
}
const problems = distProblems(files, icons);
const largest = files.reduce((a, b) => (b.bytes > a.bytes ? b : a));
if (problems.length) {
  console.error(`check-dist: ${problems.length} problem(s) in ${root}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `check-dist: ${files.length} files, largest ${largest.path} (${(largest.bytes / 1024 / 1024).toFixed(2)} MiB); no duplicates; onnxruntime-web wasm as expected; ${icons.length} icon links resolve`,
);
