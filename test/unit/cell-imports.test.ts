import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, moduleReferences } from './module-graph.ts';

/**
 * src/cell has no import cycle: the controller and its views (results view, terminal pane) meet only
 * in src/cell/wiring.ts, and the views read the small store interfaces of src/cell/store.ts. Type-only
 * imports count: a view that names the controller's type still depends on the controller's module.
 */

const root = resolve(import.meta.dirname, '../..');
const cellDir = join(root, 'src/cell');
const rel = (file: string) => relative(root, file).split(sep).join('/');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each src/cell module and the src/cell modules it imports (statically, dynamically or for types). */
function cellGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(cellDir)) {
    const imports = moduleReferences(file, readFileSync(file, 'utf8'))
      .filter((r) => r.specifier.startsWith('.'))
      .map((r) => rel(resolve(dirname(file), r.specifier.replace(/\?.*$/, ''))))
      .filter((f) => f.startsWith('src/cell/') && /\.tsx?$/.test(f));
    graph.set(rel(file), [...new Set(imports)]);
  }
  return graph;
}

describe('the cycle finder', () => {
  it('names each cycle once, from its first module, and passes a graph without one', () => {
    const graph = new Map([
      ['controller.ts', ['results/mount.tsx', 'client.ts']],
      ['results/mount.tsx', ['results/CellResults.tsx']],
      ['results/CellResults.tsx', ['controller.ts']],
      ['client.ts', []],
      ['element.ts', ['element.ts']],
    ]);
    expect(findCycles(graph).sort()).toEqual([
      'controller.ts -> results/mount.tsx -> results/CellResults.tsx -> controller.ts',
      'element.ts -> element.ts',
    ]);
    expect(
      findCycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', []],
          ['d', ['b', 'c']],
        ]),
      ),
    ).toEqual([]);
  });
});

describe('src/cell', () => {
  const graph = cellGraph();

  it('is read whole: the controller, the views, the wiring and the element', () => {
    for (const f of ['controller.ts', 'wiring.ts', 'element.ts', 'terminal-pane.ts', 'store.ts', 'results/mount.tsx', 'results/CellResults.tsx'])
      expect(graph.has(`src/cell/${f}`), f).toBe(true);
    expect(graph.get('src/cell/wiring.ts')).toEqual(
      expect.arrayContaining(['src/cell/controller.ts', 'src/cell/results/mount.tsx', 'src/cell/terminal-pane.ts']),
    );
  });

  it('has no import cycle', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('keeps the controller and its views apart: the views import the store, not the controller', () => {
    const views = [...graph.keys()].filter((f) => f.startsWith('src/cell/results/') || f === 'src/cell/terminal-pane.ts');
    expect(views.filter((v) => graph.get(v)!.includes('src/cell/controller.ts'))).toEqual([]);
    expect(graph.get('src/cell/controller.ts')!.filter((f) => views.includes(f))).toEqual([]);
  });

  it("leaves the element's DOM to the element: the controller asks it through CellHost", () => {
    const text = readFileSync(join(cellDir, 'controller.ts'), 'utf8');
    const lines = text
      .split('\n')
      .flatMap((line, i) =>
        /\bhost\.(querySelector|dataset|setAttribute|removeAttribute|closest)|\.bc-/.test(line) ? [`controller.ts:${i + 1}: ${line.trim()}`] : [],
      );
    expect(lines).toEqual([]);
    // CellHost is not an HTMLElement, so the compiler refuses any other reach into the element.
    expect(readFileSync(join(cellDir, 'types.ts'), 'utf8')).toMatch(/export interface CellHost \{/);
  });
});
