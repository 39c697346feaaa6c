import { describe, expect, it } from 'vitest';
import { lintLessons, type LessonFile } from '../../runtime/lessons/index.ts';

const frontmatter = (over: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    title: 'Measuring time',
    level: 'foundations',
    order: '2',
    teaching: '20',
    exercises: '15',
    questions: '\n  - How small a time can I measure?',
    objectives: '\n  - Measure the resolution of a timer.',
    keypoints: '\n  - Every timer has a resolution.',
    prerequisites: '[]',
    ...over,
  };
  return [
    '---',
    ...Object.entries(fields)
      .filter(([, v]) => v !== 'DELETE')
      .map(([k, v]) => `${k}: ${v}`),
    '---',
  ].join('\n');
};

const episode = (body: string, over?: Record<string, string>, path = 'lessons/foundations/measuring-time.mdx'): LessonFile => ({
  path,
  source: `${frontmatter(over)}\n\n${body}\n`,
});
const index: LessonFile = { path: 'lessons/foundations/index.mdx', source: '---\ntitle: Foundations\n---\n\nHello.\n' };

/** Lints and returns `line:col: message` strings for one file, as the CLI prints them. */
function lint(files: LessonFile[], only = files[0]!.path) {
  return lintLessons(files, { extraRoutes: ['/schedule/'] })
    .filter((d) => d.path === only)
    .map((d) => `${d.line}:${d.column}: ${d.message}`);
}

const good = `## Resolution

::::challenge[Find the step]
Call the clock twice.

:::hint
Look at differences.
:::

:::solution
The smallest non-zero difference.
:::
::::

::: instructor
Ask the room first.
:::

See the [schedule](/schedule/) and [Foundations](/foundations/#top).`;

describe('workbook lint', () => {
  it('accepts a well-formed episode (both fence spellings)', () => {
    expect(lint([episode(good), index])).toEqual([]);
  });

  it('names a missing frontmatter field at the frontmatter', () => {
    expect(lint([episode(good, { keypoints: 'DELETE' }), index])).toEqual(['2:1: frontmatter field "keypoints" is required']);
  });

  it('reports a wrong field type at its line', () => {
    expect(lint([episode(good, { teaching: 'twenty' }), index])).toEqual(['5:11: frontmatter field "teaching" must be a number of minutes']);
  });

  it('reports an unknown field and a level that does not match the folder', () => {
    expect(lint([episode(good, { objective: 'x', level: 'researcher' }), index])).toEqual([
      '3:8: level "researcher" does not match the folder "foundations" this episode is in',
      '14:1: unknown frontmatter field "objective"; an episode has title, description, level, order, teaching, exercises, questions, objectives, keypoints, prerequisites',
    ]);
  });

  it('reports invalid YAML at its line', () => {
    const [msg] = lint([episode(good, { questions: '[unclosed' }), index]);
    expect(msg).toMatch(/^\d+:\d+: frontmatter is not valid YAML: /);
  });

  it('reports unknown blocks, with the known names', () => {
    expect(lint([episode(':::tip\nx\n:::'), index])).toEqual([
      '16:1: unknown block "tip"; known blocks are challenge, solution, hint, callout, caution, discussion, instructor, prereq, checklist, keypoints',
    ]);
  });

  it('requires solutions and hints inside a challenge', () => {
    expect(lint([episode('## A\n\n:::solution\nx\n:::'), index])).toEqual([
      '18:1: a solution block must be inside a challenge block (give the outer block more colons: ::::challenge ... :::solution ... ::: ... ::::)',
    ]);
  });

  it('requires a keypoints block to come last and prereq blocks to come first', () => {
    expect(lint([episode(':::keypoints\n- a\n:::\n\n## Later\n\n:::prereq\nx\n:::'), index])).toEqual([
      '16:1: the keypoints block must be the last thing in the episode',
      '22:1: a prereq block belongs at the top of the episode, before the first heading',
    ]);
  });

  it('rejects a level-1 heading in an episode', () => {
    expect(lint([episode('# Title again'), index])).toEqual([
      '16:1: no level-1 heading (#) in an episode: the title comes from the frontmatter; use ## for sections',
    ]);
  });

  it('reports internal links that go nowhere, and ignores external ones', () => {
    expect(lint([episode('[a](/foundations/nope/) [b](https://example.org/x) [c](/schedule)'), index])).toEqual([
      '16:1: link to "/foundations/nope/" does not resolve to a page of the workbook',
    ]);
  });

  it('reports MDX syntax errors with their position instead of throwing', () => {
    const [msg] = lint([episode('Text with <broken tag'), index]);
    expect(msg).toMatch(/^16:\d+: MDX syntax error: /);
  });

  it('checks order and prerequisites across episodes', () => {
    const a = episode(good, { order: '1' }, 'lessons/foundations/what-is-a-benchmark.mdx');
    const b = episode(good, { order: '1', prerequisites: '[foundations/no-such-episode]' });
    expect(lint([a, b, index], b.path)).toEqual([
      '4:8: order 1 is already used by lessons/foundations/what-is-a-benchmark.mdx; each episode of a level needs its own order',
      '13:16: prerequisite "foundations/no-such-episode" is not an episode (expected level/episode, e.g. foundations/measuring-time)',
    ]);
  });

  it('flags a malformed fence line and names that are not addresses', () => {
    expect(lint([episode(good, {}, 'lessons/foundations/Measuring_Time.mdx'), index])).toEqual([
      '1:1: file or folder name "Measuring_Time" must be lowercase words joined by hyphens (it becomes the page\'s address)',
    ]);
    expect(lint([episode('::: \ntext'), index])).toEqual([
      '16:1: ":::" is not a block: write :::name on its own line (one of challenge, solution, hint, callout, caution, discussion, instructor, prereq, checklist, keypoints), and close it with the same number of colons',
    ]);
  });
});

describe('imports in lessons', () => {
  const withImport = (line: string) => episode(`${line}\n\n## Section\n\nText.`);
  const lintWith = (file: LessonFile) =>
    lintLessons([file, index], { extraRoutes: ['/schedule/'], authorComponents: ['BenchCell.astro', 'Exercise.astro'] })
      .filter((d) => d.path === file.path)
      .map((d) => d.message);

  it('accepts an author component imported through the alias', () => {
    expect(lintWith(withImport("import BenchCell from '@workbook/BenchCell.astro';"))).toEqual([]);
  });
  it('refuses a relative import into src/, naming the alias to use', () => {
    const messages = lintWith(withImport("import BenchCell from '../../src/author/BenchCell.astro';"));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("'@workbook/BenchCell.astro'");
  });
  it('refuses an alias import of a component that does not exist, listing those that do', () => {
    const messages = lintWith(withImport("import Cell from '@workbook/Cell.astro';"));
    expect(messages).toEqual([expect.stringContaining('src/author/ has BenchCell.astro, Exercise.astro')]);
  });
});
