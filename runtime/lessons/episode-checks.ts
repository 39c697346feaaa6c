import type { Code, Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import { parseDocument } from 'yaml';
import { loadSpec } from '../spec/load.ts';

/**
 * What the quality bar asks of every episode and a linter can see (CURRICULUM.md): a runnable cell and
 * two exercises, instructor notes whose minutes agree with the frontmatter, and example specs that the
 * validator accepts (a learner copies them). Each check reports at the line it concerns.
 */

type Pos = { line: number; column: number };
type Report = (pos: Pos | undefined, message: string) => void;

/** The meta word that marks a YAML block as a deliberately broken spec (a "find the fault" example). */
export const BROKEN_SPEC_META = 'broken';

/**
 * Every ```yaml block that is a spec (its top level has `version` or `task`) must pass `workbook validate`,
 * unless its meta says `broken`. Problems are placed at their line in the lesson.
 */
export function checkSpecBlocks(tree: Root, report: Report) {
  visit(tree, 'code', (node: Code) => {
    if (!/^ya?ml$/i.test(node.lang ?? '') || (node.meta ?? '').split(/\s+/).includes(BROKEN_SPEC_META)) return;
    const doc = parseDocument(node.value);
    const top = doc.toJS({ maxAliasCount: 0 }) as unknown;
    if (top === null || typeof top !== 'object' || Array.isArray(top)) return;
    if (!('version' in top) && !('task' in top)) return;
    // The block's text starts on the line after its opening fence.
    const offset = node.position?.start.line ?? 0;
    for (const d of loadSpec(node.value, undefined, { lineOffset: offset }).diagnostics) {
      if (d.severity !== 'error') continue;
      report(
        { line: d.line, column: d.column },
        `this example spec fails \`workbook validate\`: ${d.message} (fix it, or mark a deliberately broken example \`\`\`yaml ${BROKEN_SPEC_META})`,
      );
    }
  });
}

/** The words of a block, run together (a direct dependency, not mdast-util-to-string). */
function textOf(node: ContainerDirective): string {
  const parts: string[] = [];
  visit(node, (n) => {
    if (n.type === 'text' || n.type === 'inlineCode') parts.push((n as { value: string }).value);
  });
  return parts.join('');
}

const TIMING = /(\d+)\s+minutes?\s+of\s+teaching\s+and\s+(\d+)\s+(?:minutes?\s+)?of\s+(?:exercises|challenges)/i;

/**
 * Instructor notes that state the episode's minutes ("45 minutes of teaching and 30 of exercises") must
 * say what the frontmatter says: the schedule sums the frontmatter. With `mustState`, an episode's instructor notes must state them.
 */
export function checkMinutes(tree: Root, minutes: { teaching: unknown; exercises: unknown }, at: Pos, report: Report, mustState = true) {
  const notes: ContainerDirective[] = [];
  visit(tree, 'containerDirective', (node: ContainerDirective) => {
    if (node.name === 'instructor') notes.push(node);
  });
  let stated = false;
  for (const note of notes) {
    const m = TIMING.exec(textOf(note));
    if (!m) continue;
    stated = true;
    const [teaching, exercises] = [Number(m[1]), Number(m[2])];
    if (teaching !== minutes.teaching || exercises !== minutes.exercises)
      report(
        note.position?.start,
        `the instructor notes say ${teaching} minutes of teaching and ${exercises} of exercises, the frontmatter ${String(minutes.teaching)} and ${String(minutes.exercises)}: make them agree (the schedule sums the frontmatter)`,
      );
  }
  if (!stated && mustState)
    report(at, 'the instructor notes do not state the timing: write "N minutes of teaching and M of exercises", the same as the frontmatter');
}

/** At least one <BenchCell> and two <Exercise>s: an episode is run and practised, not only read. */
export function checkCellsAndExercises(tree: Root, at: Pos, report: Report) {
  let cells = 0;
  const exercises = new Set<string>();
  visit(tree, (node) => {
    if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
    const el = node as { name?: string | null; attributes?: { type: string; name?: string; value?: unknown }[] };
    if (el.name === 'BenchCell') cells++;
    if (el.name === 'Exercise') {
      const id = el.attributes?.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id')?.value;
      exercises.add(typeof id === 'string' ? id : `#${exercises.size}`);
    }
  });
  if (cells === 0) report(at, 'an episode needs at least one runnable <BenchCell>');
  if (exercises.size < 2) report(at, `an episode needs at least two <Exercise>s; this one has ${exercises.size}`);
}
