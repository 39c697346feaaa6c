import { micromark } from 'micromark';

/**
 * Markdown from exercises (intros, prompts, feedback, hints, solutions) to HTML, with micromark's
 * CommonMark defaults: raw HTML in the text is escaped, never rendered, and links with dangerous
 * protocols (javascript:) lose their target. Exercise text is the workbook's own, but feedback may
 * quote what a learner typed, so it is never trusted as HTML.
 */
export function markdownToHtml(markdown: string): string {
  // A code block may scroll sideways: it takes keyboard focus so it can be scrolled without a mouse.
  return micromark(markdown, { allowDangerousHtml: false, allowDangerousProtocol: false }).replaceAll('<pre>', '<pre tabindex="0">');
}

/** One line of markdown without its paragraph: for labels, options and list items. */
export function inlineMarkdownToHtml(markdown: string): string {
  const html = markdownToHtml(markdown.trim());
  const m = /^<p>([\s\S]*)<\/p>\n?$/.exec(html);
  return m && !m[1]!.includes('<p>') ? m[1]! : html;
}

/** Markdown reduced to plain words, for aria-labels: `**run A**'s \`mean\`` -> `run A's mean`. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
