import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { normalizeFencedDivs, remarkBlocks } from '../../runtime/lessons/index.ts';

const render = (md: string) =>
  String(
    unified().use(remarkParse).use(remarkDirective).use(remarkBlocks).use(remarkRehype).use(rehypeStringify).processSync(normalizeFencedDivs(md)),
  );

describe('remarkBlocks', () => {
  it('renders a challenge as a labelled region with a collapsed solution inside', () => {
    const html = render('::::challenge[Estimate the step]\nAsk the clock.\n\n:::solution\nTake the smallest step.\n:::\n::::');
    expect(html).toContain('<section class="bc-block bc-challenge" aria-labelledby="bc-challenge-1-title" data-block="challenge">');
    expect(html).toContain('<p class="bc-title" id="bc-challenge-1-title">Estimate the step</p>');
    expect(html).toMatch(
      /<details class="bc-block bc-solution" id="bc-solution-2" data-block="solution"><summary>Solution<\/summary><div class="bc-body">\s*<p>Take the smallest step.<\/p>/,
    );
    expect(html).not.toContain('<details open');
  });

  it('marks instructor notes for the instructor view only', () => {
    const html = render('::: instructor\nTell them to run it twice.\n:::');
    expect(html).toMatch(/<aside class="bc-block bc-instructor"[^>]*data-instructor-only=""/);
    expect(html).toContain('Instructor note');
  });

  it('gives callouts the note role and a default title', () => {
    expect(render(':::callout\nx\n:::')).toMatch(/<section class="bc-block bc-callout"[^>]*role="note"><p class="bc-title"[^>]*>Callout<\/p>/);
  });

  it('leaves unknown directives for the linter', () => {
    expect(render(':::tipp\nx\n:::')).not.toContain('bc-block');
  });
});
