import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import type { Root } from 'mdast';
import { normalizeFencedDivs } from './fenced-divs.ts';

/** The same syntax the site compiles: MDX, YAML frontmatter, directives (fenced divs). */
const parser = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(remarkDirective);

export interface SyntaxError {
  line: number;
  column: number;
  message: string;
}

/** Parses an MDX lesson; a syntax error comes back as data with its position, never thrown. */
export function parseLesson(source: string): { tree: Root } | { error: SyntaxError } {
  try {
    return { tree: parser.parse(normalizeFencedDivs(source)) as Root };
  } catch (e) {
    const err = e as {
      line?: number;
      column?: number;
      reason?: string;
      message?: string;
      place?: { line?: number; column?: number; start?: { line: number; column: number } };
    };
    const place = err.place && 'start' in err.place ? err.place.start : err.place;
    return {
      error: {
        line: err.line ?? place?.line ?? 1,
        column: err.column ?? place?.column ?? 1,
        message: `MDX syntax error: ${err.reason ?? err.message ?? String(e)}`,
      },
    };
  }
}
