import { describe, expect, it } from 'vitest';
import { loadExerciseRegistry } from '../../runtime/node/exercise-folders.ts';

const { exercises } = await loadExerciseRegistry();
import { inlineMarkdownToHtml, markdownToHtml, plainText } from '../../src/exercise/markdown.ts';
import { exerciseMeta } from '../../src/exercise/meta.ts';

describe('markdown in exercises', () => {
  it('escapes raw HTML instead of rendering it', () => {
    const html = markdownToHtml('Your answer <img src=x onerror=alert(1)> was **wrong**');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<strong>wrong</strong>');
  });
  it('drops javascript: links and makes code blocks keyboard-scrollable', () => {
    expect(markdownToHtml('[click](javascript:alert(1))')).not.toContain('javascript:');
    expect(markdownToHtml('```yaml\nversion: 1\n```')).toContain('<pre tabindex="0"><code class="language-yaml">');
  });
  it('renders one line without its paragraph, and plain words for labels', () => {
    expect(inlineMarkdownToHtml("Run **A**'s `mean`")).toBe("Run <strong>A</strong>'s <code>mean</code>");
    expect(plainText("Run **A**'s `mean` ([docs](x))")).toBe("Run A's mean (docs)");
  });
});

describe('what the island gets as props', () => {
  it('splits the points by part weight and names the unit of number parts', () => {
    const read = exerciseMeta(exercises.find((e) => e.id === 'read-two-runs')!);
    expect(read.parts.map((p) => [p.id, p.type, p.points])).toEqual([
      ['median', 'number', 2.5],
      ['p90', 'number', 2.5],
      ['significant', 'choice', 2.5],
      ['misleading', 'choice', 2.5],
    ]);
    expect(read.parts[0]).toMatchObject({ unit: 'ms', quantity: 'a time' });
    expect(read).toMatchObject({ kindLabel: 'Interpretation', levelTitle: 'Foundations' });
  });
  it('is plain JSON for every exercise (it is serialised into the page)', () => {
    for (const e of exercises) {
      const meta = exerciseMeta(e);
      expect(JSON.parse(JSON.stringify(meta))).toEqual(meta);
      expect(meta.parts.reduce((s, p) => s + p.points, 0)).toBeCloseTo(e.points, 1);
    }
  });
});
