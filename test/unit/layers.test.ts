import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { moduleReferences } from './module-graph.ts';

/**
 * The engine core (runtime/ without browser/, node/ and cli/) must not reach host code: a core file
 * that imports runtime/browser, runtime/node, runtime/cli, src/ or a Node built-in fails here, named
 * with its line. The compiler check is `npx tsc -p runtime/tsconfig.core.json` (scripts/test.sh, type
 * check step): it refuses DOM and Node APIs the imports do not show (a global `document`, `process`).
 */

const root = resolve(import.meta.dirname, '../..');
const CORE_CONFIG = join(root, 'runtime/tsconfig.core.json');
/** Where host code lives, and the site; a core file may import none of them. */
const HOST_DIRS = ['runtime/browser', 'runtime/node', 'runtime/cli', 'src'];
/**
 * Core files the core tsconfig leaves out for now, each to move to a host folder; any other file left
 * out fails the last test, so an exclusion cannot hide a file from these checks.
 */
const PENDING: string[] = [];

const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const rel = (file: string) => relative(root, file).split(sep).join('/');

/** Why `specifier`, imported by `file`, reaches host code (undefined when it does not). */
function hostReach(file: string, specifier: string): string | undefined {
  if (nodeBuiltins.has(specifier)) return `imports the Node built-in '${specifier}'`;
  if (!specifier.startsWith('.')) return undefined; // a package: the core tsconfig's types decide what it may use
  const target = rel(resolve(dirname(file), specifier));
  const host = HOST_DIRS.find((d) => target === d || target.startsWith(`${d}/`));
  return host ? `imports ${target} (host code: ${host}/)` : undefined;
}

/** The files the core tsconfig compiles, as TypeScript itself reads its include and exclude. */
function coreFiles(): string[] {
  const { config, error } = ts.readConfigFile(CORE_CONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(CORE_CONFIG)).fileNames.filter((f) => !f.endsWith('.d.ts'));
}

/** Every .ts file under runtime/ outside the host folders, by walking the tree (not through the tsconfig). */
function runtimeCoreByLocation(dir = join(root, 'runtime')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return HOST_DIRS.includes(rel(path)) ? [] : runtimeCoreByLocation(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

function violations(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    moduleReferences(file, readFileSync(file, 'utf8')).flatMap(({ specifier, line }) => {
      const why = hostReach(file, specifier);
      return why ? [`${rel(file)}:${line}: ${why}`] : [];
    }),
  );
}

describe('the scanner', () => {
  const file = join(root, 'runtime/measure/example.ts');
  const text = [
    '/// <reference path="../node/environment.ts" />',
    "import { a } from '../browser/run.ts';",
    "import type { B } from '../node/webgpu.ts';",
    "export { c } from '../cli/main.ts';",
    "const d = await import('../../src/cell/worker.ts');",
    "type E = import('node:os').CpuInfo;",
    "import { readFile } from 'fs';",
    "const f = require('node:path');",
    "import { g } from './stats.ts';",
    "import { h } from 'd3-array';",
    "import { i } from '../gpu/index.ts';",
    "import { j } from '../browserish/x.ts';",
  ].join('\n');

  it('finds static, type-only, re-exported, dynamic, type-position and require imports with their lines', () => {
    expect(moduleReferences(file, text).map((r) => `${r.line} ${r.specifier}`)).toEqual([
      '2 ../browser/run.ts',
      '3 ../node/webgpu.ts',
      '4 ../cli/main.ts',
      '5 ../../src/cell/worker.ts',
      '6 node:os',
      '7 fs',
      '8 node:path',
      '9 ./stats.ts',
      '10 d3-array',
      '11 ../gpu/index.ts',
      '12 ../browserish/x.ts',
      '1 ../node/environment.ts',
    ]);
  });

  it('names the file, the line and the host each one reaches; core modules and packages pass', () => {
    const found = moduleReferences(file, text).flatMap(({ specifier, line }) => {
      const why = hostReach(file, specifier);
      return why ? [`${line}: ${why}`] : [];
    });
    expect(found).toEqual([
      '2: imports runtime/browser/run.ts (host code: runtime/browser/)',
      '3: imports runtime/node/webgpu.ts (host code: runtime/node/)',
      '4: imports runtime/cli/main.ts (host code: runtime/cli/)',
      '5: imports src/cell/worker.ts (host code: src/)',
      "6: imports the Node built-in 'node:os'",
      "7: imports the Node built-in 'fs'",
      "8: imports the Node built-in 'node:path'",
      '1: imports runtime/node/environment.ts (host code: runtime/node/)',
    ]);
  });
});

describe('the engine core', () => {
  const files = coreFiles();

  it('is what the core tsconfig compiles: runtime/ without browser/, node/ and cli/', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.map(rel).filter((f) => HOST_DIRS.some((d) => f.startsWith(`${d}/`)))).toEqual([]);
  });

  it('imports no host code: not runtime/browser, runtime/node, runtime/cli, src/ or a Node built-in', () => {
    expect(violations(files)).toEqual([]);
  });

  it('leaves out of the core tsconfig only the files listed as pending a move', () => {
    const compiled = new Set(files.map(rel));
    expect(
      runtimeCoreByLocation()
        .map(rel)
        .filter((f) => !compiled.has(f))
        .sort(),
    ).toEqual(PENDING);
  });
});
