#!/usr/bin/env node
// The `workbook` command. It is TypeScript run by Node's type stripping, which needs Node >= 22.18;
// `npx workbook` and `npm run` use the Node 24 that the project installs.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `workbook: needs Node 22.18 or newer, this is ${process.version}. Run it as \`npx workbook\` inside the project (after \`npm install\`), which uses the project's own Node.`,
  );
  process.exit(2);
}
// Node's module compile cache (V8's code for the stripped TypeScript, on disk): every command starts faster
// after its first run; checked against the sources, never an error, off with NODE_DISABLE_COMPILE_CACHE=1.
if (!process.env.NODE_DISABLE_COMPILE_CACHE) (await import('node:module')).enableCompileCache?.();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
