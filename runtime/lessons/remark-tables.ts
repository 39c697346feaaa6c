import type { Root, Table } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * Wide tables scroll sideways on narrow screens (Starlight styles them `overflow: auto`); a
 * scrollable region must be reachable by keyboard, so each table gets `tabindex="0"`.
 */
export function remarkScrollableTables() {
  return (tree: Root) => {
    visit(tree, 'table', (node: Table) => {
      node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), tabIndex: 0 } };
    });
  };
}
