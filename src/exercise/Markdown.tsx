import { inlineMarkdownToHtml, markdownToHtml } from './markdown.ts';

interface Props {
  text: string;
  /** One line, without a paragraph (inside a label or a list item). */
  inline?: boolean;
  className?: string;
  id?: string;
}

/** Markdown rendered safely (markdown.ts escapes raw HTML): a div, or a span when inline. */
export default function Markdown({ text, inline, className, id }: Props) {
  if (inline) return <span id={id} className={className} dangerouslySetInnerHTML={{ __html: inlineMarkdownToHtml(text) }} />;
  return <div id={id} className={className} dangerouslySetInnerHTML={{ __html: markdownToHtml(text) }} />;
}
