import type { Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { locateYaml } from '../yaml/locate.ts';
import { frontmatterSchema, type ExerciseFrontmatter } from './schema.ts';

/**
 * Reads `exercises/<id>/exercise.md`: YAML frontmatter (the metadata, checked by frontmatterSchema)
 * and `## ` sections of prose:
 *
 *   ## Introduction        the scenario above the parts ({{name}} placeholders, filled by render)
 *   ## Part <part-id>      one per part of the frontmatter: its prompt
 *   ## Hints               a list, one item per hint, most general first
 *   ## Worked solution     the method, for the instructor view
 *   ## Instructor notes    timing, what learners get wrong
 *
 * Every problem comes back with its line (1-based, in the file); nothing is defaulted silently.
 * Pure: the caller reads the file (runtime/node/exercise-folders.ts, src/exercise/catalog.ts).
 */

export const REQUIRED_SECTIONS = ['Introduction', 'Hints', 'Worked solution', 'Instructor notes'] as const;

export interface MarkdownProblem {
  line: number;
  column: number;
  message: string;
}

export interface ExerciseMarkdown {
  /** The frontmatter, when it parses and fits the schema. */
  meta?: ExerciseFrontmatter;
  introduction: string;
  /** Prompt per part id (the `## Part <id>` sections). */
  prompts: Record<string, string>;
  hints: string[];
  solution: string;
  notes: string;
  /** Line of each section heading, and of each part's heading under `part:<id>`. */
  lines: Record<string, number>;
  problems: MarkdownProblem[];
}

/** `{{name}}` placeholders: lowercase words joined by hyphens. */
export const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9-]*)\s*\}\}/g;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills `{{name}}` with values[name]; a name without a value is left as written (lint reports it). */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string | number>> = {}): string {
  return text.replace(PLACEHOLDER, (all, name: string) => (name in values ? String(values[name]) : all));
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export function parseExerciseMarkdown(source: string): ExerciseMarkdown {
  const out: ExerciseMarkdown = { introduction: '', prompts: {}, hints: [], solution: '', notes: '', lines: {}, problems: [] };
  const problem = (line: number, message: string, column = 1) => out.problems.push({ line, column, message });
  const tree = processor.parse(source) as Root;
  const nodes = tree.children;
  const first = nodes[0];
  if (first?.type !== 'yaml') {
    problem(1, 'exercise.md must start with YAML frontmatter between two `---` lines (id, title, level, kind, points, summary, minutes, parts)');
  } else {
    const located = locateYaml(first.value, { lineOffset: first.position!.start.line });
    if (located.errors.length) for (const e of located.errors) problem(e.line, `frontmatter: ${e.message}`, e.column);
    else {
      const parsed = frontmatterSchema.safeParse(located.value);
      if (parsed.success) out.meta = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          const at = located.posOf(issue.path as (string | number)[], issue.code === 'unrecognized_keys');
          const where = issue.path.length
            ? issue.path
                .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
                .join('')
                .replace(/^\./, '')
            : 'frontmatter';
          const message =
            issue.code === 'unrecognized_keys' ? `unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}` : issue.message;
          problem(at.line, `frontmatter ${where}: ${message}`, at.column);
        }
      }
    }
  }

  // Split into `## ` sections; the text of each is the source between its heading and the next one.
  const headings = nodes.flatMap((n, i) => (n.type === 'heading' && n.depth === 2 ? [i] : []));
  const firstContent = nodes.findIndex((n) => n.type !== 'yaml');
  if (firstContent >= 0 && (headings.length === 0 || firstContent < headings[0]!)) {
    problem(
      nodes[firstContent]!.position!.start.line,
      'text before the first `## ` section: every paragraph belongs to a section (## Introduction first)',
    );
  }
  const seen = new Set<string>();
  for (const [k, index] of headings.entries()) {
    const heading = nodes[index]!;
    const title = textOf(heading).trim();
    const line = heading.position!.start.line;
    const next = headings[k + 1];
    const body = nodes.slice(index + 1, next);
    const start = heading.position!.end.offset!;
    const end = next === undefined ? source.length : nodes[next]!.position!.start.offset!;
    const text = source.slice(start, end).trim();
    const part = /^Part\s+(\S+)$/.exec(title);
    const key = part ? `part:${part[1]}` : title;
    if (seen.has(key)) problem(line, `the section "${title}" appears twice`);
    seen.add(key);
    out.lines[key] = line;
    if (text === '') problem(line, `the section "${title}" is empty`);
    if (part) out.prompts[part[1]!] = text;
    else if (title === 'Introduction') out.introduction = text;
    else if (title === 'Worked solution') out.solution = text;
    else if (title === 'Instructor notes') out.notes = text;
    else if (title === 'Hints') out.hints = hintsOf(source, body, line, problem);
    else
      problem(
        line,
        `unknown section "${title}": the sections are ${[...REQUIRED_SECTIONS.slice(0, 1), 'Part <part-id>', ...REQUIRED_SECTIONS.slice(1)].join(', ')}`,
      );
  }
  for (const name of REQUIRED_SECTIONS) if (!seen.has(name)) problem(1, `the section "## ${name}" is missing`);
  if (out.meta) {
    for (const p of out.meta.parts) if (!seen.has(`part:${p.id}`)) problem(1, `the part "${p.id}" has no prompt: add a section "## Part ${p.id}"`);
    for (const key of seen) {
      if (key.startsWith('part:') && !out.meta.parts.some((p) => `part:${p.id}` === key)) {
        problem(out.lines[key]!, `"## Part ${key.slice(5)}" is not a part of the frontmatter (parts: ${out.meta.parts.map((p) => p.id).join(', ')})`);
      }
    }
  }
  return out;
}

/** The hints: each item of the section's list, its continuation lines unindented. */
function hintsOf(source: string, body: RootContent[], line: number, problem: (line: number, message: string) => void): string[] {
  const lists = body.filter((n) => n.type === 'list');
  const other = body.find((n) => n.type !== 'list');
  if (lists.length !== 1 || other) {
    problem(other?.position?.start.line ?? line, 'the Hints section is one list, one item per hint (1. ... 2. ...)');
    if (lists.length === 0) return [];
  }
  return lists[0]!.children.map((item) => {
    const kids = item.children;
    if (kids.length === 0) return '';
    const text = source.slice(kids[0]!.position!.start.offset!, kids.at(-1)!.position!.end.offset!);
    const [head, ...rest] = text.split('\n');
    const indent = Math.min(...rest.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length), Infinity);
    return [head, ...rest.map((l) => l.slice(Number.isFinite(indent) ? indent : 0))].join('\n').trim();
  });
}

function textOf(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(textOf).join('');
  return '';
}
