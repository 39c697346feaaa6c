import { describe, expect, it } from 'vitest';
import { lintLessons, type LessonFile } from '../../runtime/lessons/index.ts';

// The quality bar's countable parts (runtime/lessons/episode-checks.ts): example specs that validate,
// instructor minutes that agree with the frontmatter, a cell and two exercises per episode.
const head = (teaching = 20, exercises = 30) =>
  `---\ntitle: Clocks\nlevel: foundations\norder: 2\nteaching: ${teaching}\nexercises: ${exercises}\nquestions: [Why?]\nobjectives: [Measure it.]\nkeypoints: [Done.]\n---\n`;
const imports = "import BenchCell from '@workbook/BenchCell.astro';\nimport Exercise from '@workbook/Exercise.astro';\n";
const bar = '<BenchCell spec="vector-add" />\n\n<Exercise id="a" />\n\n<Exercise id="b" />\n';
const notes = (t: number, e: number) => `:::instructor\n**Timing.** ${t} minutes of teaching and ${e} of exercises.\n:::\n`;
const file = (body: string, teaching?: number, exercises?: number): LessonFile => ({
  path: 'lessons/foundations/clocks.mdx',
  source: `${head(teaching, exercises)}${imports}\n${body}`,
});
const lint = (f: LessonFile, qualityBar = true) => lintLessons([f], { qualityBar }).map((d) => `${d.line}:${d.column}: ${d.message}`);

const validSpec = `\`\`\`yaml
version: 2
id: add
title: Add
description: Adds two vectors.
task: { kind: kernel, operation: vector-add, size: 1024, dtype: float32 }
infrastructure: { targets: [js], record: [timer-resolution] }
datasets:
  - name: v
    generated: { generator: uniform, seed: 1, shape: [1024] }
metrics:
  - { name: latency, kind: latency, unit: ms, direction: lower, aggregation: [median], definition: Wall time of one addition. }
constraints: { scenario: single-stream, warmup: 3, min-samples: 20, min-duration-ms: 1000, max-duration-ms: 10000, target-ci: 0.05 }
\`\`\`
`;

describe('episode checks', () => {
  it('passes an episode with a cell, two exercises, agreeing minutes and a valid example spec', () => {
    expect(lint(file(`## One\n\n${validSpec}\n${bar}\n${notes(20, 30)}`))).toEqual([]);
  });

  it('refuses an example spec the validator rejects, at its line, unless it is marked broken', () => {
    const bad = validSpec.replace('version: 2\n', '').replace('min-samples: 20', 'min-samples: 0');
    const out = lint(file(`## One\n\n${bad}\n${bar}\n${notes(20, 30)}`));
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((l) => l.includes('this example spec fails `workbook validate`'))).toBe(true);
    expect(out[0]).toMatch(/^1[5-9]:|^2\d:/); // inside the block, not at the top of the file
    expect(lint(file(`## One\n\n${bad.replace('```yaml', '```yaml broken')}\n${bar}\n${notes(20, 30)}`))).toEqual([]);
    // YAML that is not a spec (no version, no task) is left alone.
    expect(lint(file(`## One\n\n\`\`\`yaml\nfoo: 1\n\`\`\`\n\n${bar}\n${notes(20, 30)}`))).toEqual([]);
  });

  it('refuses instructor minutes that disagree with the frontmatter, and notes that state none', () => {
    expect(lint(file(`## One\n\n${bar}\n${notes(30, 40)}`))).toEqual([
      '22:1: the instructor notes say 30 minutes of teaching and 40 of exercises, the frontmatter 20 and 30: make them agree (the schedule sums the frontmatter)',
    ]);
    expect(lint(file(`## One\n\n${bar}\n${notes(20, 31)}`))).toHaveLength(1);
    expect(lint(file(`## One\n\n${bar}`))).toEqual([
      '5:11: the instructor notes do not state the timing: write "N minutes of teaching and M of exercises", the same as the frontmatter',
    ]);
  });

  it('needs a cell and two different exercises', () => {
    expect(lint(file(`## One\n\n<Exercise id="a" />\n\n<Exercise id="a" />\n\n${notes(20, 30)}`))).toEqual([
      '2:8: an episode needs at least one runnable <BenchCell>',
      '2:8: an episode needs at least two <Exercise>s; this one has 1',
    ]);
  });

  it('without the bar, still refuses disagreeing minutes but asks for no cell or exercises', () => {
    expect(lint(file('## One\n\nText.\n'), false)).toEqual([]);
    expect(lint(file(`## One\n\n${notes(1, 2)}`), false)).toHaveLength(1);
  });

  it('treats a level’s instructor guide and cheat sheet as pages, not episodes', () => {
    const page = (name: string): LessonFile => ({ path: `lessons/foundations/${name}.mdx`, source: '---\ntitle: Guide\n---\n\nText.\n' });
    expect(lintLessons([page('instructor-guide'), page('cheat-sheet')], { qualityBar: true })).toEqual([]);
    expect(lintLessons([page('another-page')], { qualityBar: true }).length).toBeGreaterThan(0);
  });
});
