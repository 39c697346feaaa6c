import type { Root, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { blockKind, type BlockKind } from './blocks.ts';

/**
 * Remark plugin: turns Carpentries container directives (`:::challenge[Title]`) into accessible HTML.
 * Plain blocks become a labelled <section>/<aside>; solutions and hints become <details> that the
 * learner opens; instructor notes carry `data-instructor-only` and show only in the instructor view.
 * Unknown names are left alone for the linter to report.
 */
export function remarkBlocks() {
  return (tree: Root) => {
    let counter = 0;
    visit(tree, 'containerDirective', (node: ContainerDirective) => {
      const kind = blockKind(node.name);
      if (!kind) return;
      const id = `bc-${node.name}-${++counter}`;
      const { title, body } = splitLabel(node, kind);
      const className = ['bc-block', `bc-${node.name}`];
      if (kind.collapsible) {
        node.data = { hName: 'details', hProperties: { className, id, 'data-block': node.name } };
        node.children = [{ type: 'paragraph', data: { hName: 'summary' }, children: title } as Paragraph, wrap('div', ['bc-body'], body)];
        return;
      }
      const tag = kind.role === 'complementary' ? 'aside' : 'section';
      const props: Properties = {
        className,
        'aria-labelledby': `${id}-title`,
        'data-block': node.name,
      };
      if (kind.role === 'note') props.role = 'note';
      if (kind.instructorOnly) props['data-instructor-only'] = '';
      node.data = { hName: tag, hProperties: props };
      node.children = [
        { type: 'paragraph', data: { hName: 'p', hProperties: { className: ['bc-title'], id: `${id}-title` } }, children: title } as Paragraph,
        wrap('div', ['bc-body'], body),
      ];
    });
  };
}

/** The label (`:::challenge[Label]`) is the directive's first child paragraph, marked by the parser. */
function splitLabel(node: ContainerDirective, kind: BlockKind) {
  const [first, ...rest] = node.children;
  if (first?.type === 'paragraph' && (first.data as { directiveLabel?: boolean } | undefined)?.directiveLabel) {
    return { title: first.children as PhrasingContent[], body: rest as RootContent[] };
  }
  return { title: [{ type: 'text', value: kind.title }] as PhrasingContent[], body: node.children as RootContent[] };
}

/** A plain container: any mdast parent with `hName` set becomes that HTML element. */
function wrap(tag: string, className: string[], children: RootContent[]): ContainerDirective {
  return {
    type: 'containerDirective',
    name: 'bc-body',
    data: { hName: tag, hProperties: { className } },
    children: children as ContainerDirective['children'],
  };
}
