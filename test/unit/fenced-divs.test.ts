import { describe, expect, it } from 'vitest';
import { normalizeFencedDivs } from '../../runtime/lessons/index.ts';

describe('normalizeFencedDivs', () => {
  it('accepts the Pandoc spelling with a space after the colons', () => {
    expect(normalizeFencedDivs('::: challenge\ntext\n:::')).toBe(':::challenge\ntext\n:::');
    expect(normalizeFencedDivs('  :::::   solution[Title]')).toBe('  :::::solution[Title]');
  });

  it('leaves closing fences, prose and code blocks alone', () => {
    const src = ['::: callout', ':::', 'a ::: b', '```md', '::: challenge', '```', '~~~', '::: hint', '~~~'].join('\n');
    expect(normalizeFencedDivs(src).split('\n')).toEqual([':::callout', ':::', 'a ::: b', '```md', '::: challenge', '```', '~~~', '::: hint', '~~~']);
  });

  it('keeps the line count, so reported lines stay right', () => {
    const src = '---\ntitle: x\n---\n::: challenge\n\n:::\n';
    expect(normalizeFencedDivs(src).split('\n').length).toBe(src.split('\n').length);
  });
});
