import { inlineMarkdownToHtml, markdownToHtml } from './markdown.ts';

/**
 * Stands in for codemirror-json-schema's `utils/markdown.js` (markdown-it with Shiki highlighting, about
 * 250 kB gzipped of grammars, themes and a WebAssembly regex engine) when the site's Vite config routes
 * that module here: the schema's descriptions in completions, hovers and lint messages are rendered with
 * the workbook's own safe markdown (micromark, raw HTML escaped). Same signature as the original.
 */
export function renderMarkdown(markdown: string, inline = true): string {
  return inline ? inlineMarkdownToHtml(markdown) : markdownToHtml(markdown);
}
