// Reading imports with TypeScript's own parser, for the tests that guard the code's layers and cycles
// (test/unit/layers.test.ts, test/unit/cell-imports.test.ts).
import ts from 'typescript';

/** Every module specifier in `text` with its 1-based line: import (also `import type`), export ... from, import(), import('x').T, require(). */
export function moduleReferences(fileName: string, text: string): { specifier: string; line: number }[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node))
      found.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const ref of source.referencedFiles) found.push({ specifier: ref.fileName, line: source.getLineAndCharacterOfPosition(ref.pos).line + 1 });
  return found;
}

/**
 * The import cycles of a graph (module to the modules it imports), each as the path that closes it,
 * `a -> b -> a`, starting from its first module in sorted order; each cycle once.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const cycles = new Set<string>();
  const nodes = [...graph.keys()].sort();
  // A cycle is reported from its smallest module, so a search from `start` only walks modules after it.
  for (const start of nodes) {
    const path: string[] = [start];
    const onPath = new Set(path);
    const walk = (node: string) => {
      for (const next of graph.get(node) ?? []) {
        if (next === start) cycles.add([...path, start].join(' -> '));
        else if (next > start && !onPath.has(next) && graph.has(next)) {
          path.push(next);
          onPath.add(next);
          walk(next);
          onPath.delete(next);
          path.pop();
        }
      }
    };
    walk(start);
  }
  return [...cycles];
}
